// The topics a message can carry (`<capability>/<command>`, e.g. `lock/unlock`) and the attributes each
// capability takes, read from the code that handles them: the hub's mapping tables (every capability either
// ecosystem speaks), the home gateway's device command table, whose handlers are run once on a recording
// stand-in to learn which attributes they read, and the few topics the apps exchange among themselves.
import type { Json } from '../../kernel/types';
import { CAPABILITY_MAPPINGS } from '../../gateways/hub-schemas';
import { DEVICE_COMMANDS, DEVICE_COMMAND_ALIASES } from '../device-commands';

export interface CapabilityNames {
  commands: Set<string>;
  /** Attribute names in the home vocabulary (`temperature`, `hvac_mode` …). */
  attributes: Set<string>;
  /** Field names in the vehicle cloud's `params` (VSS paths and camelCase), where the hub maps this capability. */
  params: Set<string>;
}

/** Topics the apps send each other that no device table handles: the speaker's assist events, phone notifications. */
const APP_TOPICS: Readonly<Record<string, { commands: readonly string[]; attributes: readonly string[] }>> = {
  // twins/sim/apps/voice-assistant.ts hearAtHome
  assist: { commands: ['voice_command'], attributes: ['utterance', 'user'] },
  // twins/sim/apps/home-automations.ts safetyAlert → the phone app
  notify: { commands: ['notify'], attributes: ['notification_id', 'title', 'message', 'severity'] },
};

/** Every device answers `get_state` (twins/sim/device-commands.ts applyDeviceCommand). */
const READ_COMMAND = 'get_state';

/** Attribute names a command handler reads, learnt by running it on a stand-in that records each read. */
function attributesRead(handler: (attributes: { [key: string]: Json }, by: string) => unknown): string[] {
  const read = new Set<string>();
  const recorder = new Proxy({} as { [key: string]: Json }, {
    get: (_target, key) => {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  handler(recorder, 'catalogue');
  return [...read];
}

function build(): Map<string, CapabilityNames> {
  const capabilities = new Map<string, CapabilityNames>();
  const entry = (capability: string): CapabilityNames => {
    let names = capabilities.get(capability);
    if (names === undefined) {
      names = { commands: new Set(), attributes: new Set(), params: new Set() };
      capabilities.set(capability, names);
    }
    return names;
  };
  for (const mapping of CAPABILITY_MAPPINGS) {
    const names = entry(mapping.capability);
    for (const [, homeCommand] of mapping.actions) names.commands.add(homeCommand);
    for (const field of mapping.fields) {
      names.attributes.add(field.home);
      names.params.add(field.vehicle);
    }
  }
  for (const [capability, table] of Object.entries(DEVICE_COMMANDS)) {
    const names = entry(capability);
    names.commands.add(READ_COMMAND);
    for (const [command, handler] of Object.entries(table)) {
      names.commands.add(command);
      for (const attribute of attributesRead(handler)) names.attributes.add(attribute);
    }
  }
  for (const [alias, capability] of Object.entries(DEVICE_COMMAND_ALIASES)) {
    const names = entry(alias);
    const target = capabilities.get(capability)!;
    for (const command of target.commands) names.commands.add(command);
    for (const attribute of target.attributes) names.attributes.add(attribute);
  }
  for (const [capability, app] of Object.entries(APP_TOPICS)) {
    const names = entry(capability);
    for (const command of app.commands) names.commands.add(command);
    for (const attribute of app.attributes) names.attributes.add(attribute);
  }
  return capabilities;
}

let built: Map<string, CapabilityNames> | undefined;

/** Capability → its commands, attributes and vehicle-side params. */
export function capabilityCatalogue(): ReadonlyMap<string, CapabilityNames> {
  return (built ??= build());
}

/** Every topic, `capability/command`, sorted. */
export function topicNames(): string[] {
  const topics: string[] = [];
  for (const [capability, names] of capabilityCatalogue()) for (const command of names.commands) topics.push(`${capability}/${command}`);
  return topics.sort();
}
