import { describe, expect, it } from 'vitest';
import type { StateChart } from '../../../protocol';
import { lastTransition, layoutStateChart } from './elk-layout';

// The lock's machine, as the engine describes it (engine/server/state-chart.ts), with a nested parallel state to
// exercise compound boxes and edges whose container is not the root.
const chart: StateChart = {
  active: ['lock', 'lock.locked'],
  root: {
    id: 'lock', key: 'lock', type: 'compound', initial: 'locked',
    transitions: [{ event: 'LOCK.JAMMED', targets: ['lock.jammed'], guarded: false }],
    children: [
      { id: 'lock.locked', key: 'locked', type: 'atomic', transitions: [{ event: 'DOOR.UNLOCK', targets: ['lock.unlocked'], guarded: false }], children: [] },
      { id: 'lock.unlocked', key: 'unlocked', type: 'atomic', transitions: [{ event: 'DOOR.LOCK', targets: ['lock.locked'], guarded: true }, { event: 'DOORBELL.PRESSED', targets: [], guarded: false }], children: [] },
      {
        id: 'lock.jammed', key: 'jammed', type: 'compound', initial: 'a', transitions: [{ event: 'LOCK.JAM_CLEARED', targets: ['lock.locked'], guarded: false }],
        children: [
          { id: 'lock.jammed.a', key: 'a', type: 'atomic', transitions: [{ event: 'NEXT', targets: ['lock.jammed.b'], guarded: false }], children: [] },
          { id: 'lock.jammed.b', key: 'b', type: 'atomic', transitions: [], children: [] },
        ],
      },
    ],
  },
};

const inside = (outer: { x: number; y: number; width: number; height: number }, x: number, y: number): boolean =>
  x >= outer.x - 0.5 && x <= outer.x + outer.width + 0.5 && y >= outer.y - 0.5 && y <= outer.y + outer.height + 0.5;

describe('state chart layout (elkjs)', () => {
  it('places every state, children inside their compound state, without overlapping siblings', async () => {
    const d = await layoutStateChart(chart);
    expect(d.nodes.map((n) => n.id).sort()).toEqual(['lock.jammed', 'lock.jammed.a', 'lock.jammed.b', 'lock.locked', 'lock.unlocked']);
    const byId = new Map(d.nodes.map((n) => [n.id, n]));
    const jammed = byId.get('lock.jammed')!;
    expect(jammed.compound).toBe(true);
    for (const id of ['lock.jammed.a', 'lock.jammed.b']) {
      const n = byId.get(id)!;
      expect(inside(jammed, n.x, n.y) && inside(jammed, n.x + n.width, n.y + n.height)).toBe(true);
    }
    const [a, b] = [byId.get('lock.locked')!, byId.get('lock.unlocked')!];
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap).toBe(false);
    expect(byId.get('lock.locked')!.initial).toBe(true);
    expect(byId.get('lock.unlocked')!.initial).toBe(false);
  });

  it('routes each state-changing transition as an edge that starts at its source and ends at its target, in absolute coordinates', async () => {
    const d = await layoutStateChart(chart);
    const byId = new Map(d.nodes.map((n) => [n.id, n]));
    const next = d.edges.find((e) => e.event === 'NEXT')!; // contained in `jammed`: its route must be made absolute
    expect(next).toBeDefined();
    const [sx, sy] = next.points[0]!;
    const [ex, ey] = next.points.at(-1)!;
    expect(inside(byId.get('lock.jammed.a')!, sx, sy)).toBe(true);
    expect(inside(byId.get('lock.jammed.b')!, ex, ey)).toBe(true);
    expect(d.edges.find((e) => e.event === 'DOOR.LOCK')?.guarded).toBe(true);
    // A transition that stays (actions only) is no edge: it is listed on its state.
    expect(d.edges.some((e) => e.event === 'DOORBELL.PRESSED')).toBe(false);
    expect(d.internal.get('lock.unlocked')).toEqual(['DOORBELL.PRESSED']);
    expect(d.width).toBeGreaterThan(0);
  });

  it('finds the transition just taken from the states left and entered, and none when nothing changed', async () => {
    const d = await layoutStateChart(chart);
    const t = lastTransition(d, new Set(['lock', 'lock.locked']), new Set(['lock', 'lock.unlocked']));
    expect(t?.event).toBe('DOOR.UNLOCK');
    expect(lastTransition(d, new Set(['lock.locked']), new Set(['lock.locked']))).toBeUndefined();
  });
});
