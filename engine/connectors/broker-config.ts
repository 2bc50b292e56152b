// Turns a broker URL and its options into mqtt.js client options, checking everything that can be checked before
// connecting: the URL's form and scheme (mqtt, mqtts, ws, wss), credentials, and the TLS files (CA, client cert and
// key), which are read here so that a missing file is one clear ConnectorError instead of a TLS failure later.
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import { ConnectorError, redactUrl } from './connector-error';

export interface BrokerOptions {
  username?: string;
  password?: string;
  /** PEM file of the CA that signed the broker's certificate (mqtts://, wss://). */
  caFile?: string;
  /** Client certificate and key (PEM) for brokers that authenticate clients by certificate. */
  certFile?: string;
  keyFile?: string;
  /** Verify the broker's certificate (default true; turn off only for a throwaway local test broker). */
  rejectUnauthorized?: boolean;
  clientId?: string;
  /** Give up the first connection after this long (default 5,000 ms). */
  connectTimeoutMs?: number;
  /** Reconnect backoff: first delay, doubled per failed attempt up to the max, with jitter (defaults 250 / 30,000 ms). */
  reconnectInitialDelayMs?: number;
  reconnectMaxDelayMs?: number;
  /** Messages kept while disconnected (default 10,000); beyond that the oldest are dropped and counted. */
  queueLimit?: number;
  /** MQTT protocol: 5, 4 (3.1.1) or auto (try 5, fall back to 3.1.1 when refused). Default auto. */
  protocol?: 'auto' | 4 | 5;
}

export interface ResolvedBroker {
  url: string;
  /** The URL as it may be shown: no password. */
  displayUrl: string;
  /** Label used in errors and events: `broker mqtt://127.0.0.1:1883`. */
  label: string;
  clientOptions: IClientOptions;
  options: BrokerOptions;
}

const SCHEMES: Record<string, { tls: boolean; defaultPort: number }> = {
  'mqtt:': { tls: false, defaultPort: 1883 },
  'mqtts:': { tls: true, defaultPort: 8883 },
  'ws:': { tls: false, defaultPort: 80 },
  'wss:': { tls: true, defaultPort: 443 },
};

export function resolveBroker(url: string, options: BrokerOptions = {}, role = 'broker'): ResolvedBroker {
  const displayUrl = redactUrl(url);
  const label = `${role} ${displayUrl}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectorError(label, 'not a valid URL', 'Write it like mqtt://127.0.0.1:1883, mqtts://host:8883, ws://host/mqtt or wss://host/mqtt');
  }
  const scheme = SCHEMES[parsed.protocol];
  if (scheme === undefined) {
    throw new ConnectorError(label, `unsupported scheme '${parsed.protocol.replace(':', '')}'`, 'Use mqtt://, mqtts://, ws:// or wss://');
  }
  if (parsed.hostname === '') throw new ConnectorError(label, 'the URL has no host');
  const tlsFiles = (['caFile', 'certFile', 'keyFile'] as const).filter((k) => options[k] !== undefined);
  if (!scheme.tls && tlsFiles.length > 0) {
    throw new ConnectorError(label, `${tlsFiles.join(', ')} given but ${parsed.protocol}// is not TLS`, `Use ${parsed.protocol === 'ws:' ? 'wss' : 'mqtts'}:// to connect over TLS`);
  }
  if ((options.certFile === undefined) !== (options.keyFile === undefined)) {
    throw new ConnectorError(label, 'a client certificate needs both certFile and keyFile');
  }
  const username = options.username ?? (parsed.username !== '' ? decodeURIComponent(parsed.username) : undefined);
  const password = options.password ?? (parsed.password !== '' ? decodeURIComponent(parsed.password) : undefined);
  if (password !== undefined && username === undefined) throw new ConnectorError(label, 'a password was given without a username');
  parsed.username = '';
  parsed.password = '';
  const clientOptions: IClientOptions = {
    clientId: options.clientId ?? `twinbench-${Math.random().toString(16).slice(2, 10)}`,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    // Reconnection is ours (exponential backoff with jitter, see mqtt-session.ts); mqtt.js only retries at a fixed period.
    reconnectPeriod: 0,
    resubscribe: false,
    keepalive: 30,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  };
  if (scheme.tls) {
    clientOptions.rejectUnauthorized = options.rejectUnauthorized ?? true;
    if (options.caFile !== undefined) clientOptions.ca = readTlsFile(label, 'CA file (caFile)', options.caFile);
    if (options.certFile !== undefined) clientOptions.cert = readTlsFile(label, 'client certificate (certFile)', options.certFile);
    if (options.keyFile !== undefined) clientOptions.key = readTlsFile(label, 'client key (keyFile)', options.keyFile);
  }
  return { url: parsed.toString(), displayUrl, label, clientOptions, options };
}

function readTlsFile(label: string, what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'error'})`;
    throw new ConnectorError(label, `${what} ${file} ${reason}`);
  }
}
