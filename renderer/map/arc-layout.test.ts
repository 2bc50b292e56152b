// The map draws one arc per pair of ends and architecture, with a dot per message: a household's hundreds of
// messages in flight between its car and its home are one curve, not hundreds of copies of it.
import { describe, expect, it } from 'vitest';
import type { Flight, MapEnd } from '../state/map-events';
import { arcHeight, fractionFromA, layoutArcs, type Placer } from './arc-layout';

const car = (id: string): MapEnd => ({ vehicle: id });
const home = (id: string): MapEnd => ({ home: id });

function flight(id: string, from: MapEnd, to: MapEnd, architecture: Flight['architecture'] = 'cloud-cloud'): Flight {
  return { id, from, to, architecture, hopsDone: 0, hops: 5, hopSentAt: 0, hopLink: 'cellular' };
}

const at: Record<string, [number, number]> = { 'v/car1': [0, 0], 'v/car2': [100, 0], 'h/h1': [0, 400], 'h/h2': [100, 400], 'h/here': [0.5, 0.5] };
let placed = 0;
const placer: Placer = (end) => {
  placed++;
  return at['vehicle' in end ? `v/${end.vehicle}` : `h/${end.home}`];
};

describe('layoutArcs', () => {
  it('draws one arc for every message between the same ends, either way, and a dot for each message', () => {
    placed = 0;
    const flights = [
      ...Array.from({ length: 128 }, (_, i) => flight(`c${i}`, car('car1'), home('h1'))),
      flight('r1', home('h1'), car('car1')),
    ];
    const { arcs, dots } = layoutArcs(flights, placer, 1);
    expect(arcs).toHaveLength(1);
    expect(arcs[0]).toMatchObject({ a: [0, 0], b: [0, 400], architecture: 'cloud-cloud' });
    expect(dots).toHaveLength(129);
    expect(dots.every((d) => d.arc === 0)).toBe(true);
    expect(dots.filter((d) => d.reversed).map((d) => d.flight.id)).toEqual(['r1']);
    expect(placed).toBe(2); // the ends are placed once per arc, not per message
  });

  it('keeps apart arcs of other ends or another architecture', () => {
    const { arcs, dots } = layoutArcs([
      flight('a', car('car1'), home('h1')),
      flight('b', car('car2'), home('h2')),
      flight('c', car('car1'), home('h1'), 'direct'),
      flight('d', car('car1'), home('h2')),
      flight('e', home('h1'), car('car1'), 'direct'),
    ], placer, 1);
    expect(arcs.map((a) => [a.a, a.b, a.architecture])).toEqual([
      [[0, 0], [0, 400], 'cloud-cloud'], [[100, 0], [100, 400], 'cloud-cloud'], [[0, 0], [0, 400], 'direct'], [[0, 0], [100, 400], 'cloud-cloud'],
    ]);
    expect(dots.map((d) => [d.flight.id, d.arc, d.reversed])).toEqual([['a', 0, false], ['b', 1, false], ['c', 2, false], ['d', 3, false], ['e', 2, true]]);
  });

  it('draws nothing for a message whose ends are not on the map or lie on top of each other', () => {
    const { arcs, dots } = layoutArcs([flight('x', car('gone'), home('h1')), flight('y', car('car1'), home('here')), flight('z', car('car1'), home('h1'))], placer, 1);
    expect(arcs).toHaveLength(1);
    expect(dots.map((d) => d.flight.id)).toEqual(['z']);
  });

  it('a reversed message\'s dot runs from b to a along the same curve', () => {
    const { dots } = layoutArcs([flight('out', car('car1'), home('h1')), flight('back', home('h1'), car('car1'))], placer, 1);
    expect(fractionFromA(dots[0]!, 0.1)).toBe(0.1);
    expect(fractionFromA(dots[1]!, 0.1)).toBe(0.9); // near the car it left, not near the home
    expect(fractionFromA(dots[1]!, 0)).toBe(1);
  });

  it('the curve rises from 2 units at its ends to lift above them at the middle', () => {
    expect(arcHeight(140, 0)).toBe(2);
    expect(arcHeight(140, 1)).toBe(2);
    expect(arcHeight(140, 0.5)).toBe(140 + 2);
    expect(arcHeight(140, 0.25)).toBeLessThan(arcHeight(140, 0.5));
  });
});
