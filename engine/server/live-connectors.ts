// Real endpoints for a run in the app (desktop and browser mode alike): when a loaded scenario has a `connectors:`
// section, its live run is mirrored to the broker, announced to Home Assistant and exported over OTLP as
// `twinbench run` does. The broker password is never in the scenario and never comes from the page: the host hands
// in a resolver — the desktop app reads its keychain-backed secret store (electron/broker-secret.ts), browser mode
// falls back to TWINBENCH_BROKER_PASSWORD like the CLI. Parties played by real services (`external:`) need the CLI,
// whose clock driver waits for their wires; here they are refused with that reason rather than half supported.
import type { Simulation } from '../../twins';
import { attachConnectors, type ConnectorOptions, type Connectors } from '../connectors';
import type { ResolvedScenario } from '../scenario';

/** Which broker a password is asked for: its URL as it may be shown (no password), host and user. */
export interface BrokerIdentity {
  url: string;
  host: string;
  username: string | undefined;
}

/** The broker's password, or undefined when none is stored for it. May throw (a keychain that cannot decrypt). */
export type BrokerPasswordResolver = (broker: BrokerIdentity) => string | undefined;

/** Browser mode's resolver: the same variable the CLI reads. */
export const environmentBrokerPassword: BrokerPasswordResolver = () => process.env.TWINBENCH_BROKER_PASSWORD || undefined;

export class LiveConnectorsError extends Error {}

/** What to attach for a scenario's `connectors:` section; undefined when it asks for nothing. */
export function liveConnectorOptions(section: ResolvedScenario['connectors'], brokerPassword: BrokerPasswordResolver): ConnectorOptions | undefined {
  if (section === undefined) return undefined;
  const parties = Object.keys(section.external ?? {});
  if (parties.length > 0) {
    throw new LiveConnectorsError(`parties played by real services (${parties.join(', ')}) run from the command line: \`twinbench run <scenario>\`, whose clock waits for their wires`);
  }
  // The same holds for OCPP charge points: their CALLs hold the clock while on the wire (engine/connectors/ocpp).
  if (section.ocpp !== undefined) {
    throw new LiveConnectorsError(`OCPP charge points (CSMS ${section.ocpp.url}) run from the command line: \`twinbench run <scenario> --ocpp <url>\`, whose clock waits for their wires`);
  }
  const broker = section.broker ?? (section.haDiscovery === true ? 'embedded' : undefined);
  if (broker === undefined && section.otlp === undefined) return undefined;
  const options: ConnectorOptions = {
    ...(broker !== undefined ? { broker } : {}),
    ...(section.haDiscovery === true ? { haDiscovery: true } : {}),
    ...(section.otlp !== undefined ? { otlp: section.otlp } : {}),
  };
  if (broker === undefined || broker === 'embedded') return options;
  const identity = brokerIdentity(broker);
  const password = brokerPassword(identity);
  return password === undefined ? options : { ...options, brokerOptions: { password } };
}

/** Host and user of a broker URL, and the URL without any password in it. */
export function brokerIdentity(url: string): BrokerIdentity {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LiveConnectorsError(`broker ${JSON.stringify(url)} is not a URL; write it like mqtt://user@broker.lan:1883`);
  }
  if (parsed.password !== '') throw new LiveConnectorsError('a broker URL in a scenario must not contain a password: store it in the app’s settings (or TWINBENCH_BROKER_PASSWORD)');
  const username = parsed.username !== '' ? decodeURIComponent(parsed.username) : undefined;
  return { url: parsed.toString(), host: parsed.hostname, username };
}

/**
 * One live run's real endpoints while they attach, work and close. A failure is a note for the run, not an
 * exception: the run goes on simulated and the user reads why (credentials refused, no password stored …).
 */
export class LiveEndpoints {
  private attaching = false;
  private closed = false;
  private attached: Connectors | undefined;
  /** Why the run is not connected, when it is not. */
  note: string | undefined;
  /** Settles once the endpoints are attached or have failed (at once when the scenario asks for none). */
  readonly ready: Promise<void>;

  constructor(sim: Simulation, section: ResolvedScenario['connectors'], brokerPassword: BrokerPasswordResolver, onChange: () => void) {
    let options: ConnectorOptions | undefined;
    try {
      options = liveConnectorOptions(section, brokerPassword);
    } catch (err) {
      this.note = `not connected: ${(err as Error).message}`;
    }
    if (options === undefined) {
      this.ready = Promise.resolve();
      return;
    }
    this.attaching = true;
    this.ready = attachConnectors(sim, options).then((connectors) => {
      this.attaching = false;
      if (this.closed) return void connectors.close(); // the run was unloaded meanwhile
      this.attached = connectors;
      onChange();
    }, (err: unknown) => {
      this.attaching = false;
      this.note = `not connected: ${(err as Error).message}`;
      if (!this.closed) onChange();
    });
  }

  get connectors(): Connectors | undefined {
    return this.attached;
  }

  /** The virtual clock must not step while the endpoints attach (nothing would be mirrored) or a wire is held. */
  get holdsClock(): boolean {
    return this.attaching || (this.attached?.gate.isHeld ?? false);
  }

  /** The run is over: traces exported, its devices gone from Home Assistant, the broker let go. */
  close(): void {
    this.closed = true;
    void this.attached?.close();
    this.attached = undefined;
  }
}
