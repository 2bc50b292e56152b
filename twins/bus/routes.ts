// Routes: a resolved path turned into what the bus needs per hop (the Link object, the gateway conditions at
// both ends, the translator to apply, the local-range check), built once per (architecture, source,
// destination) and cached, so sending a message costs no path resolution and no map lookups per hop.
import { parseAddress } from './addresses';
import type { Architecture } from './envelope';
import type { Link, LinkTable } from './links';
import type { GatewayDirectory, NodeCondition, PayloadTranslator } from './nodes';
import { linkBetween, resolvePath, type PathTopology } from './paths';

export interface HopPlan {
  from: string;
  to: string;
  link: Link;
  fromNode: NodeCondition | undefined;
  toNode: NodeCondition | undefined;
  fromInterface: NodeCondition | undefined;
  toInterface: NodeCondition | undefined;
  /** Applied by the `from` node to the payload before this hop leaves it (the hub's protocol translation). */
  translator: PayloadTranslator | undefined;
  /** Set on near-field hops: the car must be within local range of that home when the hop is attempted. */
  local: { vehicleId: string; homeId: string } | undefined;
}

export interface Route {
  architecture: Architecture;
  path: readonly string[];
  hops: readonly HopPlan[];
  /** Why there is no route, when there is none. */
  error: string | undefined;
  /** The same route walked backwards, built on first use (responses). */
  reversed: Route | undefined;
}

export class RouteTable {
  // architecture → source → destination: nested maps, so a lookup builds no key string.
  private readonly routes = new Map<Architecture, Map<string, Map<string, Route>>>();

  constructor(
    private readonly links: LinkTable,
    private readonly gateways: GatewayDirectory,
    private readonly topology: PathTopology,
  ) {}

  get(source: string, destination: string, architecture: Architecture): Route {
    let bySource = this.routes.get(architecture);
    if (bySource === undefined) this.routes.set(architecture, (bySource = new Map()));
    let byDestination = bySource.get(source);
    if (byDestination === undefined) bySource.set(source, (byDestination = new Map()));
    let route = byDestination.get(destination);
    if (route === undefined) {
      const resolved = resolvePath(source, destination, architecture, this.topology);
      route = resolved.ok
        ? this.build(resolved.path, resolved.links, architecture)
        : { architecture, path: [source, destination], hops: [], error: resolved.error, reversed: undefined };
      byDestination.set(destination, route);
    }
    return route;
  }

  /**
   * The route along an exact path (a request's), normally the cached one; rebuilt when the topology changed
   * since, because a response must retrace the path its request took.
   */
  forPath(path: readonly string[], architecture: Architecture): Route {
    const cached = this.get(path[0]!, path[path.length - 1]!, architecture);
    if (cached.error === undefined && samePath(cached.path, path)) return cached;
    const links: string[] = [];
    for (let i = 1; i < path.length; i++) links.push(linkBetween(path[i - 1]!, path[i]!));
    return this.build(path, links, architecture);
  }

  /** The route a response takes: the request's route backwards, whatever the topology says now. */
  reverse(route: Route): Route {
    if (route.reversed === undefined) {
      const path = [...route.path].reverse();
      const links = route.hops.map((h) => h.link.id).reverse();
      route.reversed =
        route.error === undefined
          ? this.build(path, links, route.architecture)
          : { ...route, path, reversed: route };
      route.reversed.reversed = route;
    }
    return route.reversed;
  }

  /** Forget every route, e.g. after the topology changed (a phone paired with another car). */
  invalidate(): void {
    this.routes.clear();
  }

  private build(path: readonly string[], linkIds: readonly string[], architecture: Architecture): Route {
    const hops: HopPlan[] = [];
    for (let i = 0; i < linkIds.length; i++) {
      const from = path[i]!;
      const to = path[i + 1]!;
      const linkId = linkIds[i]!;
      const translator = this.gateways.translator(from);
      hops.push({
        from,
        to,
        link: this.links.get(linkId),
        fromNode: this.gateways.node(from),
        toNode: this.gateways.node(to),
        fromInterface: this.gateways.linkInterface(from, linkId),
        toInterface: this.gateways.linkInterface(to, linkId),
        translator: i > 0 || translator?.atOrigin === true ? translator : undefined,
        local: linkId === 'near-field' ? localEnds(from, to) : undefined,
      });
    }
    // Every envelope on this route shares the path array (one copy per route, not per message): frozen, so a
    // reader that tried to change one envelope's path would fail loudly instead of changing them all.
    return { architecture, path: Object.freeze(path.slice()), hops, error: undefined, reversed: undefined };
  }
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function localEnds(a: string, b: string): { vehicleId: string; homeId: string } | undefined {
  const p = parseAddress(a);
  const q = parseAddress(b);
  const vehicle = p?.kind === 'vehicle' ? p : q?.kind === 'vehicle' ? q : undefined;
  const gateway = p?.kind === 'gateway' ? p : q?.kind === 'gateway' ? q : undefined;
  return vehicle && gateway ? { vehicleId: vehicle.vehicleId, homeId: gateway.homeId } : undefined;
}
