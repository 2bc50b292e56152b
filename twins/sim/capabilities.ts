// What a twin can do, as a machine-readable description an agent (MCP, an LLM planner) reads before acting: for each
// command its topic (the same `capability/command` catalogue the scenario validator checks: catalogue/topics.ts), a
// JSON Schema of its attributes, its effect (the machine event it becomes, or the car's effect) and whether it is
// one of the critical commands (security/critical-commands.ts) that need a signature, a grant and, for the door, the
// occupant's confirmation. Names, required attributes and effects are learnt by running the command table itself, so
// the description cannot list a command the device refuses; the attribute ranges are the table's, pinned by a test
// that feeds each bound (and one step past it) to the device.
import type { Json } from '../kernel/types';
import { criticalCommandOf } from '../security/critical-commands';
import { capabilityCatalogue } from './catalogue/topics';
import { DEVICE_COMMANDS, type EventOf } from './device-commands';
import { VEHICLE_ATTRIBUTE_RANGES, VEHICLE_COMMAND_EFFECTS, vehicleCommandOf } from './vehicle-commands';

/** A JSON Schema (draft 2020-12 subset) of one attribute or of a command's attribute object. */
export type JsonSchema = { [key: string]: Json };

export interface CommandDescription {
  /** `capability/command`, the topic a message carrying it has. */
  topic: string;
  capability: string;
  command: string;
  /** JSON Schema of the command's `data` (its attributes). */
  input: JsonSchema;
  /** What it changes: the device machine's event (`LIGHT.TURN_ON`), or the car's effect (`cabin-climate`); `read` for get_state. */
  effect: string;
  /** Needs a signature, a grant covering it and (the door) the occupant's confirmation. */
  critical: boolean;
}

export interface TwinCapabilities {
  address: string;
  /** Device type (HA domain), or `vehicle`. */
  kind: string;
  commands: CommandDescription[];
}

/** The attribute ranges and types the device command table enforces (device-commands.ts `within`, `hvacMode`). */
const ATTRIBUTE_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  temperature: { type: 'number', minimum: -50, maximum: 100, description: 'target temperature, °C' },
  hvac_mode: { type: 'string', enum: ['off', 'cool', 'heat', 'auto', 'fan_only'] },
  brightness_pct: { type: 'number', minimum: 0, maximum: 100 },
  color_temp_kelvin: { type: 'number', minimum: 1_000, maximum: 20_000 },
  scene: { type: 'string', description: "'soft' for the soft lighting scene" },
  position: { type: 'number', minimum: 0, maximum: 100, description: '0 closed … 100 open' },
  percentage: { type: 'number', minimum: 0, maximum: 100 },
  preset_mode: { type: 'string', description: "one of the device's preset modes (its context.presetModes)" },
  volume_level: { type: 'number', minimum: 0, maximum: 1 },
  power_limit_kw: { type: 'number', minimum: 0, maximum: 1_000 },
  size_bytes: { type: 'number', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'bytes uploaded' },
  expires_after_ms: { type: 'number', minimum: 1, maximum: 3_600_000, description: 'how long the question stays, ms' },
};

const STRING: JsonSchema = { type: 'string' };
const ANY: JsonSchema = {};

/** A value each attribute accepts, to run a handler as a valid command would. */
function sampleOf(schema: JsonSchema): Json {
  if (Array.isArray(schema.enum)) return schema.enum[0]!;
  if (schema.type === 'number') return typeof schema.minimum === 'number' ? schema.minimum : 0;
  return 'sample';
}

/** Attribute names a handler reads (run on a stand-in that records each read, as catalogue/topics.ts does). */
function attributesRead(handler: EventOf): string[] {
  const read = new Set<string>();
  const recorder = new Proxy({} as { [key: string]: Json }, {
    get: (_target, key) => (typeof key === 'string' && read.add(key), undefined),
  });
  handler(recorder, 'capabilities');
  return [...read];
}

function describeDeviceCommand(capability: string, command: string, handler: EventOf, address: string): CommandDescription {
  const names = attributesRead(handler);
  const schemaOf = (name: string): JsonSchema => ATTRIBUTE_SCHEMAS[name] ?? STRING;
  const full = Object.fromEntries(names.map((n) => [n, sampleOf(schemaOf(n))]));
  // An attribute is required when leaving it out (everything else valid) makes the table refuse the command.
  const required = names.filter((n) => {
    const without = { ...full };
    delete without[n];
    return handler(without, 'capabilities') === undefined;
  });
  const event = handler(full, 'capabilities');
  return {
    topic: `${capability}/${command}`, capability, command,
    input: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, schemaOf(n)])), required, additionalProperties: true },
    effect: event?.type ?? 'unknown',
    critical: criticalCommandOf(capability, command, address) !== undefined,
  };
}

const READ: Omit<CommandDescription, 'topic' | 'capability'> = {
  command: 'get_state', input: { type: 'object', properties: {}, additionalProperties: true }, effect: 'read', critical: false,
};

/** A home device's commands (`kind` is its device type); an empty list for a kind no command table drives (a sensor). */
export function deviceCapabilities(address: string, kind: string): TwinCapabilities {
  const table = Object.hasOwn(DEVICE_COMMANDS, kind) ? DEVICE_COMMANDS[kind]! : undefined;
  const commands = table === undefined ? [] : Object.entries(table).map(([command, handler]) => describeDeviceCommand(kind, command, handler, address));
  // Every device answers get_state, but a topic the scenario validator does not know is not offered (storage).
  const reads = capabilityCatalogue().get(kind)?.commands.has('get_state') === true;
  return { address, kind, commands: reads ? [...commands, { ...READ, topic: `${kind}/get_state`, capability: kind }] : commands };
}

/** The car's commands, judged by their effect (vehicle-commands.ts); attribute names from the hub's mapping. */
export function vehicleCapabilities(address: string): TwinCapabilities {
  const catalogue = capabilityCatalogue();
  const commands = Object.keys(VEHICLE_COMMAND_EFFECTS).sort().map((topic): CommandDescription => {
    const [capability, command] = topic.split('/') as [string, string];
    const { effect, critical } = vehicleCommandOf({ capability, name: command });
    // The names are the hub's mapping and the car's checked attributes; the ranges are the ones the car's apps
    // enforce (VEHICLE_ATTRIBUTE_RANGES), never the home devices' (a cabin is not a living room). An attribute the
    // car does not check claims nothing.
    const ranges = Object.hasOwn(VEHICLE_ATTRIBUTE_RANGES, topic) ? VEHICLE_ATTRIBUTE_RANGES[topic]! : {};
    const names = [...new Set([...(catalogue.get(capability)?.attributes ?? []), ...Object.keys(ranges)])].sort();
    const schemaOf = (name: string): JsonSchema => {
      const r = Object.hasOwn(ranges, name) ? ranges[name]! : undefined;
      if (topic === 'vehicle_display/prompt' && name === 'title') return { type: 'string', minLength: 1, description: 'the question to the driver' };
      return r === undefined ? ANY : { type: 'number', minimum: r.minimum, maximum: r.maximum, description: r.description };
    };
    return {
      topic, capability, command,
      input: {
        type: 'object', properties: Object.fromEntries(names.map((n) => [n, schemaOf(n)])), additionalProperties: true,
        // A prompt is a question to the driver: the car refuses one without a title.
        ...(topic === 'vehicle_display/prompt' ? { required: ['title'] } : {}),
      },
      effect: command === 'get_state' ? 'read' : effect,
      critical,
    };
  });
  return { address, kind: 'vehicle', commands };
}

/** The description of the command `capability/command` on this twin, if it has one. */
export function commandOf(twin: TwinCapabilities, capability: string, command: string): CommandDescription | undefined {
  return twin.commands.find((c) => c.capability === capability && c.command === command);
}
