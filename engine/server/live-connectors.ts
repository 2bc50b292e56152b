// Real endpoints for a run in the app (desktop and browser mode alike): when a loaded scenario has a `connectors:`
// section, its live run is mirrored to the broker, announced to Home Assistant and exported over OTLP as
// `twinbench run` does. The broker password is never in the scenario and never comes from the page: the host hands
// in a resolver — the desktop app reads its keychain-backed secret store (electron/broker-secret.ts), browser mode
// falls back to TWINBENCH_BROKER_PASSWORD like the CLI. Parties played by real services (`external:`) need the CLI,
// whose clock driver waits for their wires; here they are refused with that reason rather than half supported.
import type { ConnectorOptions } from '../connectors';
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
