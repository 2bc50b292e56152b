// The one entry point the runner and CLI use: attach real endpoints to a simulation — an MQTT broker (embedded
// aedes or a URL) with the mirror of twins and messages and Home Assistant discovery, external parties (HTTP, MQTT,
// WebSocket), and OTLP trace export — and get back stats, the wire gate the clock driver must respect, and close().
// Anything misconfigured or unreachable while attaching is one ConnectorError, and what was already opened is closed.
import { randomBytes } from 'node:crypto';
import type { Simulation } from '../../twins';
import type { SimTime } from '../../twins/kernel/types';
import { startEmbeddedBroker, type EmbeddedBroker, type EmbeddedBrokerCredentials } from '../broker/embedded-broker';
import { resolveBroker, type BrokerOptions } from './broker-config';
import { ConnectorError } from './connector-error';
import { ConnectorEvents, type ConnectorEventListener } from './connector-events';
import { externalizeParty, type ExternalEndpointSpec, type ExternalPartyHandle, type ExternalPartyStats } from './external-party';
import { startHaDiscovery, type HaDiscovery, type HaDiscoveryOptions, type HaDiscoveryStats } from './ha-discovery';
import { startMirror, type Mirror, type MirrorOptions, type MirrorStats } from './mqtt-mirror';
import { MqttSession, type MqttSessionStats } from './mqtt-session';
import { attachOcpp, type OcppHandle, type OcppOptions, type OcppStats } from './ocpp';
import { startOtlpExport, type OtlpExport, type OtlpOptions, type OtlpStats } from './otlp';
import type { MatterBridge, MatterBridgeOptions, MatterHomeBridge } from './matter/matter-bridge';
import type { MatterPartyStats } from './matter/matter-party';
import { TopicScheme } from './topics';
import { WireGate, runClock } from './wire-gate';
import { WireIds } from './wire-ids';

export interface ConnectorOptions {
  /** `embedded` (aedes on a free loopback port), an mqtt://, mqtts://, ws:// or wss:// URL, or none. */
  broker?: string;
  brokerOptions?: BrokerOptions;
  /** Port for the embedded broker (default 0 = a free one). */
  embeddedBrokerPort?: number;
  /** Topic root (default `twinbench/v1`). */
  topicRoot?: string;
  /** What the mirror publishes (default: twins and envelopes); false for none. */
  mirror?: MirrorOptions | false;
  /** Home Assistant MQTT discovery (needs a broker; uses the embedded one if none is given). */
  haDiscovery?: boolean | HaDiscoveryOptions;
  /** Bus addresses played by real endpoints, e.g. `{ 'home-cloud': { http: 'http://127.0.0.1:8090', codec: 'device-actions/v1' } }`. */
  externals?: Record<string, ExternalEndpointSpec>;
  /** OTLP/HTTP collector, e.g. `http://127.0.0.1:4318`. */
  otlp?: string | OtlpOptions;
  /** Make every wallbox an OCPP-J charge point of this CSMS (engine/connectors/ocpp). */
  ocpp?: OcppOptions;
  /** Each home as a Matter bridge (matter.js, loaded only when asked for). */
  matter?: MatterBridgeOptions;
  /** Told about connections lost and regained, queue overflows, endpoints failing. */
  onEvent?: ConnectorEventListener;
  /** Salt of the run's wire ids (wire-ids.ts), to reproduce a recorded run's wire; default: a fresh random one. */
  wireSalt?: string;
}

export interface ConnectorStats {
  broker?: MqttSessionStats & { embedded: boolean };
  mirror?: MirrorStats;
  haDiscovery?: HaDiscoveryStats;
  externals: ExternalPartyStats[];
  otlp?: OtlpStats;
  ocpp?: OcppStats;
  matter?: MatterPartyStats;
  /** Wall time (ms) the virtual clock waited for real wires, and requests on a wire right now. */
  wire: { heldMs: number; pending: number };
}

export interface Connectors {
  /** URL of the broker in use (no password), or undefined without one. */
  brokerUrl: string | undefined;
  /**
   * The embedded broker's credentials for this run (it takes no anonymous client), for the user to give Home
   * Assistant or their own tools. Secret: print it for the user; never record or report it.
   */
  brokerCredentials: EmbeddedBrokerCredentials | undefined;
  /** While held, a message is on a real wire: the clock driver must not step virtual time (see wire-gate.ts). */
  gate: WireGate;
  events: ConnectorEvents;
  /** How this run's canonical trace and span ids map to the ids on every wire (recordings store its salt). */
  wireIds: WireIds;
  /** This run's id on the broker: its availability topic is `<root>/runs/<runId>/status`. */
  runId: string;
  externals: readonly ExternalPartyHandle[];
  /** The homes' Matter bridges: port and pairing codes (empty without `matter`). */
  matter: readonly MatterHomeBridge[];
  stats(): ConnectorStats;
  /** Advance the simulation's clock to `until`, waiting for real wires as the gate says. */
  runUntil(until: SimTime): Promise<void>;
  close(): Promise<void>;
}

export async function attachConnectors(sim: Simulation, options: ConnectorOptions = {}): Promise<Connectors> {
  const events = new ConnectorEvents();
  if (options.onEvent !== undefined) events.on(options.onEvent);
  const gate = new WireGate();
  const topics = new TopicScheme(options.topicRoot);
  let wire: WireIds;
  try {
    wire = new WireIds(options.wireSalt);
  } catch (err) {
    throw new ConnectorError('wireSalt', (err as Error).message);
  }
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        events.emit('connector.error', 'close', { reason: (err as Error).message });
      }
    }
  };

  let embedded: EmbeddedBroker | undefined;
  let session: MqttSession | undefined;
  let mirror: Mirror | undefined;
  let ha: HaDiscovery | undefined;
  let otlp: OtlpExport | undefined;
  let ocpp: OcppHandle | undefined;
  let matter: MatterBridge | undefined;
  const externals: ExternalPartyHandle[] = [];
  // The run's own availability topic carries the last will: a run that dies goes `offline` there, and the devices
  // Home Assistant knows from it with it (ha-entities.ts).
  const runId = randomBytes(6).toString('hex');
  const openSession = async (url: string, brokerOptions: BrokerOptions | undefined, role: string): Promise<MqttSession> => {
    const s = await MqttSession.connect(resolveBroker(url, brokerOptions, role), {
      events, will: role === 'broker' ? { topic: topics.runStatus(runId), payload: 'offline', retain: true } : undefined,
    });
    closers.push(() => s.close());
    return s;
  };

  try {
    let brokerUrl = options.broker;
    if (brokerUrl === undefined && (options.haDiscovery || Object.values(options.externals ?? {}).some((e) => e.mqtt !== undefined && e.broker === undefined))) brokerUrl = 'embedded';
    if (brokerUrl === 'embedded') {
      try {
        embedded = await startEmbeddedBroker({
          port: options.embeddedBrokerPort ?? 0,
          // A client turned away at the door is as visible as a refused command.
          onRefused: (r) => sim.kernel.events.emit('security.refused', 'broker', {
            via: 'mqtt', reason: r.reason, detail: r.detail, stage: 'verification', sender: null, command: null, to: null, from: r.clientId, message: null,
          }),
        });
      } catch (err) {
        throw new ConnectorError('embedded broker', (err as Error).message);
      }
      closers.push(() => embedded!.close());
      brokerUrl = embedded.url;
    }
    if (brokerUrl !== undefined) {
      session = await openSession(brokerUrl, embedded ? { ...embedded.credentials } : options.brokerOptions, 'broker');
      const online = (): void => {
        session!.publish(topics.status(), 'online', { qos: 1, retain: true });
        session!.publish(topics.runStatus(runId), 'online', { qos: 1, retain: true });
      };
      online();
      // A broker that restarted may have lost every retained message: say again all that is retained (Home
      // Assistant discovery re-announces itself the same way).
      session.onConnect(() => {
        online();
        mirror?.publishAllStates();
      });
      closers.push(() => {
        session!.publish(topics.status(), 'offline', { qos: 1, retain: true });
        session!.publish(topics.runStatus(runId), '', { qos: 1, retain: true }); // ended cleanly: nothing to keep
      });
      if (options.mirror !== false) {
        mirror = startMirror(sim, session, topics, { ...options.mirror, wire });
        closers.push(() => mirror!.stop());
      }
      if (options.haDiscovery) {
        ha = await startHaDiscovery(sim, session, topics, { ...(typeof options.haDiscovery === 'object' ? options.haDiscovery : {}), wire, runId });
        closers.push(() => ha!.stop());
      }
    }
    for (const [address, spec] of Object.entries(options.externals ?? {})) {
      const handle = await externalizeParty(sim, address, spec, { gate, events, session, wire, openSession });
      externals.push(handle);
      closers.push(() => handle.close());
    }
    if (options.ocpp !== undefined) {
      ocpp = await attachOcpp(sim, options.ocpp, { gate, events });
      closers.push(() => ocpp!.close());
    }
    if (options.otlp !== undefined) {
      otlp = await startOtlpExport(sim, typeof options.otlp === 'string' ? { url: options.otlp } : options.otlp, events, wire);
      closers.push(() => otlp!.close());
    }
    if (options.matter !== undefined) {
      const { startMatterBridge } = await import('./matter/matter-bridge');
      matter = await startMatterBridge(sim, gate, events, options.matter);
      closers.push(() => matter!.close());
    }
  } catch (err) {
    await closeAll();
    throw err;
  }

  return {
    brokerUrl: session?.broker.displayUrl,
    brokerCredentials: embedded?.credentials,
    gate,
    events,
    wireIds: wire,
    runId,
    externals,
    matter: matter?.homes ?? [],
    stats: () => ({
      ...(session ? { broker: { ...session.stats(), embedded: embedded !== undefined } } : {}),
      ...(mirror ? { mirror: mirror.stats() } : {}),
      ...(ha ? { haDiscovery: ha.stats() } : {}),
      externals: externals.map((e) => e.stats()),
      ...(otlp ? { otlp: otlp.stats() } : {}),
      ...(ocpp ? { ocpp: ocpp.stats() } : {}),
      ...(matter ? { matter: matter.stats() } : {}),
      wire: { heldMs: Math.round(gate.heldMs * 1000) / 1000, pending: gate.pending },
    }),
    runUntil: (until) => runClock(sim.kernel.clock, gate, until),
    close: closeAll,
  };
}

export { ConnectorError } from './connector-error';
export type { ConnectorEvent, ConnectorEventListener } from './connector-events';
export type { BrokerOptions } from './broker-config';
export type { ExternalEndpointSpec, ExternalPartyStats } from './external-party';
export type { OtlpOptions } from './otlp';
export type { OcppOptions } from './ocpp';
export { WireGate, runClock } from './wire-gate';
export { TopicScheme, DEFAULT_TOPIC_ROOT } from './topics';
export { WireIds } from './wire-ids';
