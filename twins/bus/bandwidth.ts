// Bandwidth of the links streams and transfers cross (seed §3.4.4(2): bandwidth, latency, synchronisation).
// Each physical link has an uplink and a downlink capacity; the flows crossing one direction of one link share it
// max-min fairly (progressive filling, each flow capped by its own demand), the fluid model of TCP-like sharing.
// A physical link is one access party's: car1's cellular radio, home h1's broadband line, h1's Wi-Fi; car1's
// cellular uplink is the same resource whether the stream goes to the vehicle cloud or straight to the home cloud.
// "Up" is from the edge party (car, phone, home) towards the network. Pure arithmetic: no clock, no randomness.
import { parseAddress } from './addresses';
import type { StandardLinkId } from './links';

export interface LinkCapacity {
  /** From the edge party (car, phone, home) towards the network, kbit/s. */
  upKbps: number;
  /** From the network to the edge party, kbit/s. */
  downKbps: number;
}

/**
 * Sustained throughput a flow can expect, not the radio's peak rate (see README "Streams and transfers"):
 * cellular as a moving car sees LTE (20 down / 5 up Mbit/s, below the national medians of fixed spots); home
 * broadband an asymmetric 100 / 20 line; the home LAN Wi-Fi 5 at typical indoor range (100 Mbit/s); near-field the
 * driveway Wi-Fi / NearLink SLE link at short range (50 Mbit/s; V2X PC5 alone carries far less — override it);
 * projection wireless CarPlay/CarLife on 5 GHz Wi-Fi; between clouds a data-centre backbone that never limits.
 */
export const DEFAULT_LINK_CAPACITY: Readonly<Record<StandardLinkId, LinkCapacity>> = {
  cellular: { upKbps: 5_000, downKbps: 20_000 },
  'phone-cellular': { upKbps: 5_000, downKbps: 20_000 },
  'home-broadband': { upKbps: 20_000, downKbps: 100_000 },
  lan: { upKbps: 100_000, downKbps: 100_000 },
  'near-field': { upKbps: 50_000, downKbps: 50_000 },
  projection: { upKbps: 50_000, downKbps: 50_000 },
  internet: { upKbps: 1_000_000, downKbps: 1_000_000 },
};

/** One direction of one physical link: `cellular/vehicle/car1/up`. */
export interface LinkResource {
  id: string;
  link: string;
  /** The access party the link belongs to (`vehicle/car1`, `home/h1/gateway`), or the two ends between clouds. */
  party: string;
  direction: 'up' | 'down';
}

// Rank of a party on the edge → network axis: the party with the lower rank is the edge end of a hop.
const EDGE_RANK: Record<string, number> = { device: 0, vehicle: 1, phone: 2, gateway: 3, 'home-cloud': 4, 'vehicle-cloud': 4, hub: 5, csms: 5, 'local-link': 6 };

/** The resource the hop `from → to` over `link` uses. */
export function hopResource(from: string, to: string, link: string): LinkResource {
  const p = parseAddress(from);
  const q = parseAddress(to);
  if (p === undefined || q === undefined) throw new Error(`bandwidth: unknown address in ${from} → ${to}`);
  if (link === 'internet') {
    const [a, b] = from < to ? [from, to] : [to, from];
    return { id: `internet/${a}|${b}/${from < to ? 'up' : 'down'}`, link, party: `${a}|${b}`, direction: from < to ? 'up' : 'down' };
  }
  // Inside a home both ends share the home's Wi-Fi (the LAN is named by its gateway); near-field by the car.
  const fromIsEdge = (EDGE_RANK[p.kind] ?? 9) < (EDGE_RANK[q.kind] ?? 9);
  let party = fromIsEdge ? from : to;
  if (link === 'lan') party = p.kind === 'gateway' ? from : q.kind === 'gateway' ? to : party;
  else if (link === 'home-broadband' && (p.kind === 'device' || q.kind === 'device')) party = p.kind === 'device' ? from : to;
  const direction = fromIsEdge ? 'up' : 'down';
  return { id: `${link}/${party}/${direction}`, link, party, direction };
}

export interface FairShareFlow {
  id: string;
  /** The most this flow would take, kbit/s: a stream's bitrate, Infinity for a transfer. */
  demandKbps: number;
  resources: readonly string[];
}

/**
 * Max-min fair rates (progressive filling): every unsaturated flow grows at the same pace until it reaches its
 * demand or one of its resources is full. Flows are visited in the given order and only summed, so the result is
 * deterministic. A flow crossing no resource gets its demand (Infinity when it has none: the caller must avoid it).
 */
export function maxMinFairShare(flows: readonly FairShareFlow[], capacityOf: (resource: string) => number): Map<string, number> {
  const rate = new Map<string, number>(flows.map((f) => [f.id, 0]));
  const remaining = new Map<string, number>();
  for (const f of flows) for (const r of f.resources) if (!remaining.has(r)) remaining.set(r, Math.max(0, capacityOf(r)));
  let active = flows.filter((f) => f.demandKbps > 0);
  while (active.length > 0) {
    const users = new Map<string, number>();
    for (const f of active) for (const r of f.resources) users.set(r, (users.get(r) ?? 0) + 1);
    let step = Infinity;
    for (const [r, n] of users) step = Math.min(step, remaining.get(r)! / n);
    for (const f of active) step = Math.min(step, f.demandKbps - rate.get(f.id)!);
    if (!Number.isFinite(step)) {
      for (const f of active) rate.set(f.id, f.demandKbps);
      break;
    }
    for (const f of active) rate.set(f.id, rate.get(f.id)! + step);
    for (const [r, n] of users) remaining.set(r, remaining.get(r)! - step * n);
    // Saturated: a resource with (next to) nothing left, or a flow at its demand. 1e-9 kbit/s absorbs rounding.
    const full = new Set([...users.keys()].filter((r) => remaining.get(r)! <= 1e-9));
    active = active.filter((f) => rate.get(f.id)! < f.demandKbps - 1e-9 && !f.resources.some((r) => full.has(r)));
  }
  return rate;
}
