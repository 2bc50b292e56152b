// Which parties a message crosses between source and destination, per integration architecture (seed §2.3):
//   cloud-cloud  vehicle ⇄ vehicle-cloud ⇄ hub ⇄ home-cloud ⇄ home gateway ⇄ device
//   direct       vehicle ⇄ home-cloud ⇄ home gateway ⇄ device            (home-brand app on the car)
//   phone-proxy  vehicle ⇄ phone ⇄ home-cloud ⇄ home gateway ⇄ device    (projection / phone agent)
//   local        vehicle ⇄ home gateway ⇄ device                         (near-field / LAN, only in range)
// A wallbox reaches an OCPP CSMS directly over the home's broadband (OCPP-J: one WebSocket per charge point):
//   device ⇄ csms, under every architecture.
// With many brands each car's messages go through its carmaker's cloud (vehicle-cloud/<brand>) and each home's
// through its ecosystem's (home-cloud/<brand>), with the hub between any two of them.
// The architecture only changes how the car reaches the home; inside a home, between clouds and to phones the
// paths are the same everywhere. Paths are symmetric: B→A is A→B reversed, so a response retraces its request.
import type { Architecture } from './envelope';
import { gatewayAddress, HOME_CLOUD, HUB, parseAddress, VEHICLE_CLOUD, type ParsedAddress } from './addresses';
import type { StandardLinkId } from './links';

export interface PathTopology {
  /** User id of the phone projecting into (or acting as agent for) this vehicle, used by phone-proxy. */
  phoneOfVehicle(vehicleId: string): string | undefined;
  /** The cloud of the vehicle's brand (vehicle-cloud/<brand>); the shared vehicle-cloud when absent. */
  vehicleCloudOf?(vehicleId: string): string;
  /** The cloud of the home's brand (home-cloud/<brand>); the shared home-cloud when absent. */
  homeCloudOf?(homeId: string): string;
}

export type PathResult = { ok: true; path: string[]; links: StandardLinkId[] } | { ok: false; error: string };

interface Party {
  address: string;
  parsed: ParsedAddress;
}

// Order used to pick one direction to build: a path is always built from the lower rank and reversed if needed.
const RANK: Record<ParsedAddress['kind'], number> = {
  vehicle: 0,
  phone: 1,
  'vehicle-cloud': 2,
  hub: 3,
  'home-cloud': 4,
  gateway: 5,
  device: 6,
  'local-link': 7,
  csms: 8,
};

export function resolvePath(source: string, destination: string, architecture: Architecture, topology: PathTopology): PathResult {
  const from = parseAddress(source);
  const to = parseAddress(destination);
  for (const [address, parsed] of [[source, from], [destination, to]] as const) {
    if (parsed === undefined) {
      return fail(`unknown address '${address}': use vehicle/<id>, phone/<userId>, vehicle-cloud, hub, home-cloud, home/<homeId>/gateway or home/<homeId>/<entityId>`);
    }
    if (parsed.kind === 'local-link') return fail(`'${address}' is a home's local radio, not an endpoint: address home/<homeId>/gateway instead`);
  }
  if (source === destination) return fail(`source and destination are both '${source}'`);
  const a: Party = { address: source, parsed: from! };
  const b: Party = { address: destination, parsed: to! };
  const forward = RANK[a.parsed.kind] <= RANK[b.parsed.kind];
  const nodes = forward ? build(a, b, architecture, topology) : build(b, a, architecture, topology);
  if (typeof nodes === 'string') return fail(nodes);
  if (!forward) nodes.reverse();
  const links: StandardLinkId[] = [];
  for (let i = 1; i < nodes.length; i++) links.push(linkBetween(nodes[i - 1]!, nodes[i]!));
  return { ok: true, path: nodes, links };
}

const fail = (error: string): PathResult => ({ ok: false, error });

/** Nodes from `a` to `b` (rank of a <= rank of b), or an error message. */
function build(a: Party, b: Party, architecture: Architecture, topology: PathTopology): string[] | string {
  const p = a.parsed;
  const q = b.parsed;
  const down = (party: Party): string[] => homeCloudDown(party, topology);
  if (q.kind === 'csms') return p.kind === 'device' ? [a.address, b.address] : `only a home's wallbox talks OCPP to the csms, not ${a.address}`;
  switch (p.kind) {
    case 'vehicle': {
      const cloud = topology.vehicleCloudOf?.(p.vehicleId) ?? VEHICLE_CLOUD;
      if (q.kind === 'vehicle') return [a.address, cloud, b.address];
      if (q.kind === 'phone') {
        const projected = architecture === 'phone-proxy' && topology.phoneOfVehicle(p.vehicleId) === q.userId;
        return projected ? [a.address, b.address] : [a.address, cloud, b.address];
      }
      if (q.kind === 'vehicle-cloud') return [a.address, b.address];
      if (q.kind === 'hub') return [a.address, cloud, HUB];
      if (architecture === 'local') {
        if (q.kind === 'gateway') return [a.address, b.address];
        if (q.kind === 'device') return [a.address, gatewayAddress(q.homeId), b.address];
        return `under the local architecture ${a.address} reaches only a home gateway in range, not ${b.address}`;
      }
      const bridge = vehicleToHomeCloud(a.address, p.vehicleId, cloud, homeCloudOfParty(b, topology), architecture, topology);
      if (typeof bridge === 'string') return bridge;
      return [...bridge.slice(0, -1), ...down(b)]; // the bridge ends at the home cloud
    }
    case 'phone':
      if (q.kind === 'phone') return `phones do not message each other on the bus (${a.address} → ${b.address})`;
      if (q.kind === 'vehicle-cloud') return [a.address, b.address];
      if (q.kind === 'hub') return [a.address, VEHICLE_CLOUD, HUB];
      return [a.address, ...down(b)];
    case 'vehicle-cloud':
      return q.kind === 'hub' ? [a.address, HUB] : [a.address, HUB, ...down(b)];
    case 'hub':
      return [HUB, ...down(b)];
    case 'home-cloud': {
      const path = down(b);
      if (path[0] !== a.address) return `${a.address} does not serve ${b.address}: its home cloud is ${path[0]}`;
      return path;
    }
    case 'gateway':
    case 'device': {
      if (q.kind !== 'gateway' && q.kind !== 'device') return `no path from ${a.address} to ${b.address}`;
      const up = p.kind === 'device' ? [a.address, gatewayAddress(p.homeId)] : [a.address];
      if (p.homeId === q.homeId) return q.kind === 'device' ? [...up, b.address] : up;
      const own = topology.homeCloudOf?.(p.homeId) ?? HOME_CLOUD;
      const theirs = down(b);
      // Two homes of different ecosystems meet at the hub, like a car and a home do.
      return own === theirs[0] ? [...up, ...theirs] : [...up, own, HUB, ...theirs];
    }
    case 'local-link':
    case 'csms':
      return `no path from ${a.address}`;
  }
}

/** How the car reaches the home cloud under each cloud architecture. */
function vehicleToHomeCloud(
  vehicle: string, vehicleId: string, vehicleCloud: string, homeCloud: string, architecture: Architecture, topology: PathTopology,
): string[] | string {
  switch (architecture) {
    case 'cloud-cloud':
      return [vehicle, vehicleCloud, HUB, homeCloud];
    case 'direct':
      return [vehicle, homeCloud];
    case 'phone-proxy': {
      const userId = topology.phoneOfVehicle(vehicleId);
      if (userId === undefined) return `phone-proxy needs a phone paired with ${vehicle}, and the topology names none`;
      return [vehicle, `phone/${userId}`, homeCloud];
    }
    case 'local':
      return `under the local architecture ${vehicle} has no path to the home cloud`;
  }
}

/** The home cloud serving a home-side party: its home's brand cloud, or the cloud itself. */
function homeCloudOfParty(b: Party, topology: PathTopology): string {
  const q = b.parsed;
  if (q.kind === 'gateway' || q.kind === 'device') return topology.homeCloudOf?.(q.homeId) ?? HOME_CLOUD;
  if (q.kind === 'home-cloud') return b.address;
  return HOME_CLOUD;
}

/** From the home cloud down to a home-side party (the home cloud itself, a gateway or a device). */
function homeCloudDown(b: Party, topology: PathTopology): string[] {
  const q = b.parsed;
  const cloud = homeCloudOfParty(b, topology);
  if (q.kind === 'gateway') return [cloud, b.address];
  if (q.kind === 'device') return [cloud, gatewayAddress(q.homeId), b.address];
  return [cloud];
}

const LINKS: { [pair: string]: StandardLinkId } = {
  'vehicle|vehicle-cloud': 'cellular',
  'vehicle|home-cloud': 'cellular',
  'vehicle|phone': 'projection',
  'vehicle|gateway': 'near-field',
  'phone|vehicle-cloud': 'phone-cellular',
  'phone|home-cloud': 'phone-cellular',
  'vehicle-cloud|hub': 'internet',
  'hub|home-cloud': 'internet',
  'home-cloud|gateway': 'home-broadband',
  'gateway|device': 'lan',
  'device|csms': 'home-broadband',
};

/** The link type between two adjacent parties on a path (symmetric). */
export function linkBetween(a: string, b: string): StandardLinkId {
  const p = parseAddress(a);
  const q = parseAddress(b);
  if (p === undefined || q === undefined) throw new Error(`linkBetween: unknown address in ${a} ⇄ ${b}`);
  const [x, y] = RANK[p.kind] <= RANK[q.kind] ? [p.kind, q.kind] : [q.kind, p.kind];
  const link = LINKS[`${x}|${y}`];
  if (link === undefined) throw new Error(`linkBetween: ${a} and ${b} are not adjacent on any path`);
  return link;
}
