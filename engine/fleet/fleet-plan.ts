// A fleet run's plan: which cars and homes exist, which of them this shard simulates, which broker node each
// client uses, and the bounds every flag is checked against. Pure arithmetic, so the sharding rule can be tested
// without a broker.
//
// Sharding rule (`--shard k/n`, 1 ≤ k ≤ n): the shard simulates the cars whose index ≡ k-1 (mod n) and the homes
// whose index ≡ k (mod n). Household i is car i with home (i mod M). When n > 1 divides M, car i and its home
// always live in different shards (the home's index ≡ car's index + 0 (mod n) sits in shard k-1), so every
// command crosses between shard processes — and between broker nodes when the shards use different nodes.

/** Far beyond any cloud test we know; a typo of three extra zeros is refused instead of opening sockets. */
export const MAX_CLIENTS_PER_KIND = 1_000_000;
export const MAX_DURATION_S = 24 * 60 * 60;
export const MAX_COMMAND_RATE = 100_000;
export const MAX_SHARDS = 10_000;
export const BROKER_SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const;

export type FleetKind = 'vehicle' | 'home';
export type MqttVersion = 4 | 5;

export interface FleetShard {
  index: number;
  total: number;
}

export interface FleetOptions {
  vehicles: number;
  homes: number;
  brokers: string[];
  durationS: number;
  /** Commands per second, for the whole shard. */
  commandRate: number;
  shard: FleetShard;
  mqttVersion: MqttVersion;
  seed: number;
  /** How often each client publishes its telemetry/state (default 10 s). */
  telemetryPeriodS?: number | undefined;
  /** A command not answered within this is a timeout (default 5 s). */
  commandTimeoutS?: number | undefined;
  /** Connects in flight at once (default 200): 10,000 clients must not stampede the broker. */
  connectConcurrency?: number | undefined;
  /** Topic root (default `twinbench/v1/fleet`). */
  topicRoot?: string | undefined;
  /** Names the run on the shards' start barrier (default: derived from the plan, the same in every shard). */
  runId?: string | undefined;
  /** PEM of the CA that signed the brokers' certificates (mqtts://, wss://) when it is not a public one. */
  ca?: Buffer | undefined;
  /** How long a shard waits for the others before starting anyway (default 120 s); only with more than one shard. */
  barrierTimeoutS?: number | undefined;
}

/** A problem with one flag: the caller turns it into a usage error naming the flag. */
export class FleetPlanError extends Error {
  constructor(readonly flag: string, message: string) {
    super(`${flag}: ${message}`);
  }
}

export interface FleetMember {
  kind: FleetKind;
  index: number;
  /** `vehicle-000123`, `home-000007`: the id in topics and payloads. */
  id: string;
  /** `tb-fleet-vehicle-000123`: deterministic, so a restarted shard takes over its clients' sessions. */
  clientId: string;
  broker: string;
}

export const memberId = (kind: FleetKind, index: number): string => `${kind}-${String(index).padStart(6, '0')}`;

export function isSimulatedHere(kind: FleetKind, index: number, shard: FleetShard): boolean {
  const want = kind === 'vehicle' ? shard.index - 1 : shard.index;
  return index % shard.total === want % shard.total;
}

/** The cars and homes this shard simulates, in client order (cars first); client k uses brokers[k % n]. */
export function shardMembers(options: Pick<FleetOptions, 'vehicles' | 'homes' | 'brokers' | 'shard'>): FleetMember[] {
  const members: FleetMember[] = [];
  const add = (kind: FleetKind, count: number): void => {
    for (let index = 0; index < count; index++) {
      if (!isSimulatedHere(kind, index, options.shard)) continue;
      const id = memberId(kind, index);
      members.push({ kind, index, id, clientId: `tb-fleet-${id}`, broker: options.brokers[members.length % options.brokers.length]! });
    }
  };
  add('vehicle', options.vehicles);
  add('home', options.homes);
  return members;
}

/** Car i's home. */
export const homeOfVehicle = (vehicle: number, homes: number): number => vehicle % homes;

/** A car of home h's household (home h pairs with cars h, h+M, h+2M …), picked by `draw` in [0, 1). */
export function vehicleOfHome(home: number, vehicles: number, homes: number, draw: number): number | undefined {
  if (home >= vehicles) return undefined;
  const count = Math.floor((vehicles - 1 - home) / homes) + 1;
  return home + homes * Math.min(count - 1, Math.floor(draw * count));
}

export function parseShard(text: string): FleetShard {
  const match = /^(\d{1,5})\/(\d{1,5})$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || index < 1 || total < 1 || index > total || total > MAX_SHARDS) {
    throw new FleetPlanError('--shard', `needs k/n with 1 ≤ k ≤ n ≤ ${MAX_SHARDS} (e.g. 1/4), got "${text}"`);
  }
  return { index, total };
}

export function parseBrokers(text: string): string[] {
  const urls = text.split(',').map((u) => u.trim());
  if (urls.length > 1000) throw new FleetPlanError('--broker', `at most 1000 broker URLs, got ${urls.length}`);
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new FleetPlanError('--broker', `"${url}" is not a URL; use mqtt://host:1883, mqtts://, ws:// or wss://`);
    }
    if (!(BROKER_SCHEMES as readonly string[]).includes(parsed.protocol)) {
      throw new FleetPlanError('--broker', `"${url}" uses ${parsed.protocol.replace(/:$/, '')}; only ${BROKER_SCHEMES.map((s) => s.replace(':', '')).join(', ')} are MQTT brokers`);
    }
    if (parsed.hostname === '') throw new FleetPlanError('--broker', `"${url}" names no host`);
  }
  return urls;
}

/** A whole number in [min, max] for `flag`, or a FleetPlanError naming it. */
export function boundedInt(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new FleetPlanError(flag, `needs a whole number from ${min} to ${max.toLocaleString('en')}, got "${text}"`);
  }
  return value;
}

/** A number in [min, max] for `flag`. */
export function boundedNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new FleetPlanError(flag, `needs a number from ${min} to ${max.toLocaleString('en')}, got "${text}"`);
  }
  return value;
}

/** `30`, `30s`, `5m`, `2h` → seconds, at most 24 h. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[match?.[2] ?? 's'] ?? 1;
  const seconds = Number(match?.[1]) * unit;
  if (!match || !(seconds > 0) || seconds > MAX_DURATION_S) {
    throw new FleetPlanError('--duration', `needs a time above 0 and at most 24h (e.g. 60, 90s, 5m, 2h), got "${text}"`);
  }
  return seconds;
}

export function parseMqttVersion(text: string): MqttVersion {
  if (text === '5' || text === '5.0') return 5;
  if (text === '3.1.1' || text === '4') return 4;
  throw new FleetPlanError('--mqtt-version', `needs 3.1.1 or 5, got "${text}"`);
}
