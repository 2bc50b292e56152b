// Home Assistant MQTT discovery: announces the simulated home devices and the car (retained configs under
// `homeassistant/<component>/<node_id>/<object_id>/config`, built in ha-entities.ts), announces them again whenever
// HA says `online` on `homeassistant/status` (HA restarted and forgot them), and turns what HA publishes on a
// device's command topics into bus commands to that device. HA sits on the home network, so its commands enter
// the bus at the home gateway; the device's new state comes back to HA through the mirror's state topic.
// Whoever publishes on a command topic is not the gateway: the broker does not say which client published, so every
// command from HA is the named, paired party `party/ha-controller`, signed with its own key under its own grant
// (non-critical scopes unless the scenario grants more). An UNLOCK or a window OPEN is refused unless granted — and
// the door also needs the occupant's confirmation, which HA cannot give — as a `security.refused` event.
import type { Simulation } from '../../twins';
import { gatewayAddress } from '../../twins/bus/addresses';
import { HA_CONTROLLER, enrolController } from '../../twins/sim/controller-parties';
import type { Intent } from '../../twins/sim/ecosystem-codec';
import type { Json } from '../../twins/kernel/types';
import { ConnectorError } from './connector-error';
import { configTopic, homeDeviceEntities, vehicleEntities, type HaEntity } from './ha-entities';
import type { MqttSession } from './mqtt-session';
import type { TopicScheme } from './topics';

export interface HaDiscoveryOptions {
  /** HA's discovery prefix (default `homeassistant`). */
  prefix?: string;
  /** Scopes granted to HA beyond the non-critical ones, e.g. `home.cover:open_cover` (scenario `connectors.haGrants`). */
  grants?: readonly string[];
}

export interface HaDiscoveryStats {
  entities: number;
  announcements: number;
  commands: number;
  rejectedCommands: number;
}

export interface HaDiscovery {
  entities: readonly HaEntity[];
  stats(): HaDiscoveryStats;
  /** Publish every config again (what an HA `online` birth message triggers). */
  announce(): void;
  stop(): void;
}

type Translate = (payload: string) => { name: string; attributes: { [key: string]: Json } } | undefined;

const num = (text: string): number | undefined => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

const COVER_ACTIONS: Record<string, string> = { OPEN: 'open_cover', CLOSE: 'close_cover', STOP: 'stop_cover' };

/** HA command payloads per device type and command topic attribute ('' = the main command topic). */
const HA_COMMANDS: Record<string, Record<string, Translate>> = {
  light: {
    '': (p) => (p === 'ON' ? { name: 'turn_on', attributes: {} } : p === 'OFF' ? { name: 'turn_off', attributes: {} } : undefined),
    brightness: (p) => (num(p) === undefined ? undefined : { name: 'turn_on', attributes: { brightness_pct: Math.round((num(p)! * 100) / 255) } }),
    color_temp_kelvin: (p) => (num(p) === undefined ? undefined : { name: 'turn_on', attributes: { color_temp_kelvin: num(p)! } }),
  },
  climate: {
    mode: (p) => ({ name: 'set_hvac_mode', attributes: { hvac_mode: p } }),
    temperature: (p) => (num(p) === undefined ? undefined : { name: 'set_temperature', attributes: { temperature: num(p)! } }),
  },
  cover: {
    '': (p) => (COVER_ACTIONS[p] === undefined ? undefined : { name: COVER_ACTIONS[p]!, attributes: {} }),
    position: (p) => (num(p) === undefined ? undefined : { name: 'set_cover_position', attributes: { position: num(p)! } }),
  },
  fan: {
    '': (p) => (p === 'ON' ? { name: 'turn_on', attributes: {} } : p === 'OFF' ? { name: 'turn_off', attributes: {} } : undefined),
    percentage: (p) => (num(p) === undefined ? undefined : { name: 'set_percentage', attributes: { percentage: num(p)! } }),
    preset_mode: (p) => ({ name: 'turn_on', attributes: { preset_mode: p } }),
  },
  lock: {
    '': (p) => (p === 'LOCK' ? { name: 'lock', attributes: {} } : p === 'UNLOCK' ? { name: 'unlock', attributes: {} } : undefined),
  },
};

export async function startHaDiscovery(sim: Simulation, session: MqttSession, topics: TopicScheme, options: HaDiscoveryOptions = {}): Promise<HaDiscovery> {
  const prefix = options.prefix ?? 'homeassistant';
  const counts = { announcements: 0, commands: 0, rejectedCommands: 0 };
  let controller: string;
  try {
    controller = enrolController(sim, HA_CONTROLLER, options.grants ?? []);
  } catch (err) {
    throw new ConnectorError('Home Assistant discovery', `grants: ${(err as Error).message}`);
  }
  const entities: HaEntity[] = [];
  for (const home of sim.homes.values()) for (const device of home.devices.values()) entities.push(...homeDeviceEntities(home.id, device, topics));
  for (const vehicle of sim.vehicles.values()) entities.push(...vehicleEntities(vehicle, topics));

  const announce = (): void => {
    session.publish(topics.status(), 'online', { qos: 1, retain: true });
    for (const entity of entities) session.publish(configTopic(prefix, entity), entity.config, { qos: 1, retain: true });
    counts.announcements++;
  };

  const reply = (address: string, body: { [key: string]: Json }): void => session.publish(topics.twin(address, 'response'), body, { qos: 0 });

  const onCommand = (topic: string, raw: Buffer): void => {
    const parsed = topics.parseCommand(topic);
    if (parsed === undefined) return;
    const payload = raw.toString('utf8');
    const twin = sim.twin(parsed.address);
    const translate = twin === undefined ? undefined : HA_COMMANDS[twin.kind]?.[parsed.attribute ?? ''];
    const command = translate?.(payload);
    if (twin === undefined || command === undefined) {
      counts.rejectedCommands++;
      reply(parsed.address, { ok: false, topic, error: twin === undefined ? `no device ${parsed.address}` : `'${payload}' is not a ${twin.kind} command on ${topic}` });
      return;
    }
    counts.commands++;
    const homeId = parsed.address.split('/')[1]!;
    const intent: Intent = { capability: twin.kind, name: command.name, deviceId: parsed.address.split('/')[2]!, attributes: command.attributes };
    sim.sendFromHome(gatewayAddress(homeId), parsed.address, intent, 'command', {
      signer: controller,
      onResponse: (_env, answer) => reply(parsed.address, { ok: answer?.success !== false, command: command.name, ...(answer?.error ? { error: answer.error } : {}) }),
      onFailure: (reason) => reply(parsed.address, { ok: false, command: command.name, error: reason }),
    });
  };

  const unsubscribes: (() => void)[] = [];
  for (const filter of topics.commandFilters()) unsubscribes.push(await session.subscribe(filter, onCommand));
  unsubscribes.push(await session.subscribe(`${prefix}/status`, (_topic, payload) => {
    if (payload.toString('utf8') === 'online') announce();
  }));
  announce();

  return {
    entities,
    stats: () => ({ entities: entities.length, ...counts }),
    announce,
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    },
  };
}
