// Which arcs the map draws for the messages in flight: one per pair of ends and architecture, however many messages
// share it, each message a dot on its pair's arc. A household's messages all fly between its car and its home: at
// 5k messages a second the map kept 128 in the air and drew 128 copies of the same translucent arc, 2,048 segments
// projected and stroked at every frame, to show one curve.
import type { Architecture } from '../../protocol';
import type { Flight, MapEnd } from '../state/map-events';

/** Where a map end is drawn on the ground (x, z), or undefined when it is not drawn. */
export type Placer = (end: MapEnd) => [number, number] | undefined;

export interface Arc {
  /** The ends as the first of its messages flew them: every message on the arc draws the same curve either way. */
  a: [number, number];
  b: [number, number];
  /** Height of the parabola's apex above its ends' line. */
  lift: number;
  architecture: Architecture;
}

export interface ArcLayout {
  arcs: Arc[];
  /** One per drawn message: its arc (index into arcs) and whether it flies from b to a. */
  dots: { flight: Flight; arc: number; reversed: boolean }[];
}

const endKey = (end: MapEnd): string => ('vehicle' in end ? `v/${end.vehicle}` : `h/${end.home}`);

/**
 * The distinct arcs of `flights` (in their order) and a dot per flight drawn. A flight whose ends cannot be placed,
 * or lie on top of each other, draws nothing. `unit` is the map's symbol size (a short arc still rises that much).
 */
export function layoutArcs(flights: Iterable<Flight>, placer: Placer, unit: number): ArcLayout {
  const arcs: Arc[] = [];
  const dots: ArcLayout['dots'] = [];
  const byKey = new Map<string, number>();
  /** Each arc's a end, as a key: a flight from the other end flies it reversed. */
  const startOf: string[] = [];
  for (const flight of flights) {
    const from = endKey(flight.from);
    const to = endKey(flight.to);
    // The curve is symmetric: a→b and b→a are one arc, so the key orders the ends.
    const key = from < to ? `${from} ${to} ${flight.architecture}` : `${to} ${from} ${flight.architecture}`;
    let index = byKey.get(key);
    if (index === undefined) {
      const a = placer(flight.from);
      const b = placer(flight.to);
      if (a === undefined || b === undefined) continue;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (length < 1) continue;
      // A parabola over the straight line, higher for longer arcs, so arcs read apart from the roads.
      index = arcs.push({ a, b, lift: Math.max(3 * unit, length * 0.35), architecture: flight.architecture }) - 1;
      byKey.set(key, index);
      startOf.push(from);
    }
    dots.push({ flight, arc: index, reversed: startOf[index] !== from });
  }
  return { arcs, dots };
}

/** The height of an arc's point `f` of the way along it: a parabola over the straight line, `lift` at the middle. */
export const arcHeight = (lift: number, f: number): number => 4 * lift * f * (1 - f) + 2;

/** How far along its arc, from the arc's `a` end, a dot whose message is `f` of the way from where it left. */
export const fractionFromA = (dot: { reversed: boolean }, f: number): number => (dot.reversed ? 1 - f : f);
