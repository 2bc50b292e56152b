// Home Assistant MQTT discovery: announces the simulated home devices and the car (retained configs under
// `homeassistant/<component>/<node_id>/<object_id>/config`, built in ha-entities.ts), announces them again whenever
// HA says `online` on `homeassistant/status` (HA restarted and forgot them) and whenever the connection to the
// broker comes back (a restarted broker may have lost its retained store), and turns what HA publishes on a
// device's command topics into bus commands to that device. HA sits on the home network, so its commands enter
// the bus at the home gateway; the device's new state comes back to HA through the mirror's state topic.
// Lifecycle: at start, configs an earlier run left for devices this run does not have are removed (ha-sweep.ts);
// at the end, this run's own configs are removed and its status topic cleared, so HA never shows a finished run's
// devices as live. A run that dies instead goes `offline` by its last will, and the next run sweeps it.
import type { Simulation } from '../../twins';
import { gatewayAddress } from '../../twins/bus/addresses';
import type { Intent } from '../../twins/sim/ecosystem-codec';
import type { Json } from '../../twins/kernel/types';
import { configTopic, homeDeviceEntities, vehicleEntities, type HaEntity } from './ha-entities';
import { randomBytes } from 'node:crypto';
import { sweepStale } from './ha-sweep';
import type { MqttSession, TraceContext } from './mqtt-session';
import type { TopicScheme } from './topics';
import { WireIds } from './wire-ids';

export interface HaDiscoveryOptions {
  /** HA's discovery prefix (default `homeassistant`). */
  prefix?: string;
  /** This run's id: availability topic `<root>/runs/<runId>/status`, whose will and `online` attachConnectors owns. */
  runId?: string;
  /** The run's wire ids, for the trace context of command responses. */
  wire?: WireIds;
}

export interface HaDiscoveryStats {
  entities: number;
  announcements: number;
  commands: number;
  rejectedCommands: number;
  /** Configs of earlier runs' devices removed at start, and earlier runs' statuses cleared. */
  removedStaleConfigs: number;
  clearedStaleRuns: number;
}

export interface HaDiscovery {
  entities: readonly HaEntity[];
  /** The run's id in its availability topic. */
  runId: string;
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
  const runId = options.runId ?? randomBytes(6).toString('hex');
  const wire = options.wire ?? new WireIds();
  const counts = { announcements: 0, commands: 0, rejectedCommands: 0, removedStaleConfigs: 0, clearedStaleRuns: 0 };
  const entities: HaEntity[] = [];
  for (const home of sim.homes.values()) for (const device of home.devices.values()) entities.push(...homeDeviceEntities(home.id, device, topics, runId));
  for (const vehicle of sim.vehicles.values()) entities.push(...vehicleEntities(vehicle, topics, runId));
  let stopped = false;

  const announce = (): void => {
    if (stopped) return;
    for (const entity of entities) session.publish(configTopic(prefix, entity), entity.config, { qos: 1, retain: true });
    counts.announcements++;
  };

  /** A response continues the trace of the envelope that answered (or failed); a refusal before the bus starts one. */
  const reply = (address: string, body: { [key: string]: Json }, env?: { traceId: string; spanId: string }): void => {
    const trace: TraceContext = { traceparent: env !== undefined ? wire.traceparent(env.traceId, env.spanId) : `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` };
    session.publish(topics.twin(address, 'response'), body, { qos: 0, trace });
  };

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
      onResponse: (env, answer) => reply(parsed.address, { ok: answer?.success !== false, command: command.name, ...(answer?.error ? { error: answer.error } : {}) }, env),
      onFailure: (reason, env) => reply(parsed.address, { ok: false, command: command.name, error: reason }, env),
    });
  };

  const unsubscribes: (() => void)[] = [];
  for (const filter of topics.commandFilters()) unsubscribes.push(await session.subscribe(filter, onCommand));
  unsubscribes.push(await session.subscribe(`${prefix}/status`, (_topic, payload) => {
    if (payload.toString('utf8') === 'online') announce();
  }));
  const swept = await sweepStale(session, { prefix, topics, runId, keep: new Set(entities.map((e) => configTopic(prefix, e))) });
  counts.removedStaleConfigs = swept.removedConfigs.length;
  counts.clearedStaleRuns = swept.clearedRuns.length;
  announce();
  session.onConnect(announce);

  return {
    entities,
    runId,
    stats: () => ({ entities: entities.length, ...counts }),
    announce,
    stop() {
      if (stopped) return;
      stopped = true;
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      // The run is over: its devices leave HA (an empty retained config is HA's "delete").
      for (const entity of entities) session.publish(configTopic(prefix, entity), '', { qos: 1, retain: true });
    },
  };
}
