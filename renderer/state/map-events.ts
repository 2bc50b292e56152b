// What the map animates from the message stream, kept apart from the flow view's log: the messages in flight
// between a car and a home (an arc each, its dot moving as the message crosses its hops), and the moments worth a
// pulse — a doorbell ring, a safety alarm, a rainstorm a car reports, an attack the home refused. Fed each batch
// as it arrives (cost in proportion to the batch); the map's frame loop reads it, nothing here re-renders React.
import type { Architecture, Envelope, MessageBatch, SessionInfo } from '../../protocol';

export type PulseKind = 'doorbell' | 'alarm' | 'rain' | 'refused';
export const PULSE_KINDS: readonly PulseKind[] = ['doorbell', 'alarm', 'rain', 'refused'];

/** A party the map can place: a car (drawn where it is now) or a home (fixed). */
export type MapEnd = { vehicle: string } | { home: string };

export interface Flight {
  id: string;
  from: MapEnd;
  to: MapEnd;
  architecture: Architecture;
  /** Hops done, the hop under way and when it left (virtual ms), of how many. */
  hopsDone: number;
  hops: number;
  hopSentAt: number;
  hopLink: string;
}

export interface Pulse {
  kind: PulseKind;
  at: MapEnd;
  /** Virtual time of the message that caused it. */
  t: number;
  /** Wall time (performance.now()) it was first seen: the ring animates in wall time, so it shows at any speed. */
  seenAt: number;
}

/** Arcs drawn at most: the newest in flight (a 1,000-car run may have thousands at once). */
export const MAX_FLIGHTS = 128;
/** Pulses kept at most (the oldest go first). */
export const MAX_PULSES = 32;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The payloads a message carried (as sent and as each gateway translated it): a ring is a ring in any format. */
function payloads(env: Envelope): Obj[] {
  const out: Obj[] = [];
  if (isObj(env.payload)) out.push(env.payload);
  for (const hop of env.hops ?? []) if (isObj(hop.payload)) out.push(hop.payload);
  return out;
}

const field = (p: Obj, outer: string, key: string): unknown => (isObj(p[outer]) ? (p[outer] as Obj)[key] : undefined);

/** The pulse this message calls for, if any. */
export function pulseOf(env: Envelope): PulseKind | undefined {
  for (const p of payloads(env)) {
    const eventType = field(p, 'attributes', 'event_type');
    if (eventType === 'doorbell_pressed') return 'doorbell';
    if (eventType === 'alarm_raised') return 'alarm';
    if (field(p, 'params', 'weatherAlert') === 'rainstorm' || field(p, 'attributes', 'weather_alert') === 'rainstorm') return 'rain';
    if (env.kind === 'response' && p['success'] === false && typeof p['error'] === 'string' && /^refused\b/.test(p['error'])) return 'refused';
  }
  if (env.status === 'failed' && env.failure === 'refused') return 'refused';
  return undefined;
}

export class MapEvents {
  readonly flights = new Map<string, Flight>();
  readonly pulses: Pulse[] = [];
  /** Pulses seen this run by kind (the legend's story and the test hook). */
  readonly pulseCounts: Record<PulseKind, number> = { doorbell: 0, alarm: 0, rain: 0, refused: 0 };
  private readonly pulsed = new Set<string>();
  /** Bumped on every change, so the frame loop knows when to look again. */
  version = 0;
  private homeOfVehicle = new Map<string, string>();
  private readonly ends = new EndCache();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The session's cars and homes, so a cloud end of a message is drawn at the home (or car) it serves. */
  setSession(session: SessionInfo | null): void {
    this.homeOfVehicle = new Map((session?.vehicles ?? []).flatMap((v) => (v.homeId === undefined ? [] : [[v.id, v.homeId] as [string, string]])));
  }

  clear(): void {
    this.flights.clear();
    this.pulses.length = 0;
    this.pulsed.clear();
    for (const k of PULSE_KINDS) this.pulseCounts[k] = 0;
    this.version++;
  }

  apply(batch: MessageBatch): void {
    if (batch.reset) this.clear();
    for (const env of batch.envelopes) {
      this.track(env);
      if (!this.pulsed.has(env.id)) {
        const kind = pulseOf(env);
        const at = kind === undefined ? undefined : this.pulseAt(kind, env);
        if (kind !== undefined && at !== undefined) {
          this.pulsed.add(env.id);
          this.pulseCounts[kind]++;
          this.pulses.push({ kind, at, t: env.createdAt, seenAt: this.now() });
          if (this.pulses.length > MAX_PULSES) this.pulses.shift();
        }
      }
    }
    this.version++;
  }

  private track(env: Envelope): void {
    if (env.status !== 'in-flight') {
      this.flights.delete(env.id);
      return;
    }
    const from = this.ends.of(env.source);
    const to = this.ends.of(env.destination);
    // The home's cloud or hub on the far side of a car stands for the car's home: the arc joins the car and its home.
    // A home talking to its own cloud, and a car to its maker's cloud, draw nothing.
    const a = from ?? (homeSide(env.source) ? this.homeOf(to) : undefined);
    const b = to ?? (homeSide(env.destination) ? this.homeOf(from) : undefined);
    if (a === undefined || b === undefined || sameEnd(a, b)) return;
    const hops = Math.max(1, (env.path?.length ?? 2) - 1, env.hops?.length ?? 0);
    // One pass, no arrays: this runs for every message in flight in every batch.
    let done = 0;
    let current: Envelope['hops'][number] | undefined;
    for (const h of env.hops ?? []) {
      if (h.status === 'delivered') done++;
      else if (h.status === 'in-flight' && current === undefined) current = h;
    }
    this.flights.set(env.id, {
      id: env.id, from: a, to: b, architecture: env.architecture, hopsDone: done, hops,
      hopSentAt: current?.sentAt ?? env.createdAt, hopLink: current?.link ?? '',
    });
    if (this.flights.size > MAX_FLIGHTS) this.flights.delete(this.flights.keys().next().value!);
  }

  private homeOf(end: MapEnd | undefined): MapEnd | undefined {
    const home = end !== undefined && 'vehicle' in end ? this.homeOfVehicle.get(end.vehicle) : undefined;
    return home === undefined ? undefined : { home };
  }

  /** A ring or alarm at the home that sent it; a rainstorm where the car met it; a refusal at the refusing home. */
  private pulseAt(kind: PulseKind, env: Envelope): MapEnd | undefined {
    const source = this.ends.of(env.source);
    const destination = this.ends.of(env.destination);
    if (kind === 'refused') return env.kind === 'response' ? source ?? destination : destination ?? source;
    return source ?? destination;
  }
}

/** `vehicle/car1/…` → the car, `home/h1/…` → the home; clouds, hubs and phones have no place on the map. */
export function endOf(address: string): MapEnd | undefined {
  const [root, id] = address.split('/');
  if (id === undefined || id.length === 0) return undefined;
  if (root === 'vehicle') return { vehicle: id };
  if (root === 'home') return { home: id };
  return undefined;
}

/**
 * endOf by address, remembered: a run's messages name a few hundred addresses, and splitting each message's two
 * addresses anew at every batch was a sixth of the map's share of a batch. Bounded: past MAX_ENDS new addresses are
 * worked out each time.
 */
const MAX_ENDS = 10_000;
class EndCache {
  private readonly known = new Map<string, MapEnd | null>();
  of(address: string): MapEnd | undefined {
    const hit = this.known.get(address);
    if (hit !== undefined) return hit ?? undefined;
    const end = endOf(address);
    if (this.known.size < MAX_ENDS) this.known.set(address, end ?? null);
    return end;
  }
}

/** The home's side of the integration (its cloud, hub or gateway), as opposed to the vehicle cloud or a phone. */
const homeSide = (address: string): boolean => address === 'home-cloud' || address === 'hub' || address.startsWith('local/');

const sameEnd = (a: MapEnd, b: MapEnd): boolean =>
  ('vehicle' in a && 'vehicle' in b && a.vehicle === b.vehicle) || ('home' in a && 'home' in b && a.home === b.home);

/**
 * Median one-way latency of each standard link, virtual ms (twins/bus/links.ts, DEFAULT_LINK_MODELS): how fast an
 * arc's dot crosses a hop still under way. Only the look of the dot depends on it; the hop's real end moves it on.
 */
const LINK_MS: Record<string, number> = { cellular: 60, internet: 30, 'home-broadband': 20, lan: 4, projection: 15, 'phone-cellular': 60, 'near-field': 3 };

/** How far along its arc a message is at virtual time t, 0–1: whole hops done plus the share of the hop under way. */
export function progressOf(flight: Flight, t: number): number {
  const expected = LINK_MS[flight.hopLink] ?? 40;
  const share = Math.min(0.95, Math.max(0, (t - flight.hopSentAt) / expected));
  return Math.min(1, (flight.hopsDone + share) / flight.hops);
}
