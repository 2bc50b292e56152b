// The moving layer's arcs and pulse rings (MessageArcs.tsx, Pulses.tsx), drawn into a 2D context that records calls.
import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { topDownProjection as topDown } from './test-support/top-down';
import { ARC_STRIDE, ARCHITECTURE_COLOURS, DOT_STRIDE, PIECES, paintArcs } from './MessageArcs';
import { PULSE_LOOKS, RING_STRIDE, paintRings } from './Pulses';
import { ScreenProjection } from './screen-projection';


interface Recorded { calls: [string, ...unknown[]][]; styles: string[] }

function recorder(): { ctx: CanvasRenderingContext2D; rec: Recorded } {
  const rec: Recorded = { calls: [], styles: [] };
  const state: Record<string, unknown> = {};
  const ctx = new Proxy(state, {
    get: (_t, name: string) => (name in state ? state[name] : (...args: unknown[]) => void rec.calls.push([name, ...args])),
    set: (_t, name: string, value: unknown) => {
      state[name] = value;
      if (name === 'strokeStyle' || name === 'fillStyle') rec.styles.push(`${name} ${String(value)}`);
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx, rec };
}

const count = (rec: Recorded, name: string): number => rec.calls.filter(([n]) => n === name).length;

describe('paintArcs', () => {
  const arc = (ax: number, az: number, bx: number, bz: number, lift: number, colour: number): number[] => [ax, az, bx, bz, lift, colour];
  /** One dot `f` of the way along each arc, in order. */
  const dotsOn = (...fs: number[]): Float64Array => Float64Array.from(fs.flatMap((f, i) => [i, f]));

  it('strokes each arc as PIECES pieces in its architecture\'s colour, with its dot', () => {
    const { ctx, rec } = recorder();
    const arcs = Float64Array.from([...arc(-100, 0, 100, 0, 50, 0), ...arc(0, -100, 0, 100, 50, 1)]);
    paintArcs(ctx, topDown(), 1, arcs, 2, dotsOn(0.5, 0.2), 2);
    expect(count(rec, 'lineTo')).toBe(2 * PIECES);
    expect(count(rec, 'stroke')).toBe(2);
    expect(count(rec, 'arc')).toBe(2);
    expect(rec.styles).toContain(`strokeStyle ${ARCHITECTURE_COLOURS['cloud-cloud']}`);
    expect(rec.styles).toContain(`strokeStyle ${ARCHITECTURE_COLOURS.direct}`);
    expect(arcs.length).toBe(2 * ARC_STRIDE);
  });

  it('strokes an arc many messages share once, with a dot for each message', () => {
    const { ctx, rec } = recorder();
    const dots = Float64Array.from([0, 0.1, 0, 0.5, 0, 0.9]);
    paintArcs(ctx, topDown(), 1, Float64Array.from(arc(-100, 0, 100, 0, 50, 0)), 1, dots, 3);
    expect(count(rec, 'lineTo')).toBe(PIECES);
    expect(count(rec, 'arc')).toBe(3);
    expect(dots.length).toBe(3 * DOT_STRIDE);
  });

  it('leaves out an arc that rises behind the camera, and strokes nothing when none is left', () => {
    const { ctx, rec } = recorder();
    // Its middle peaks 2,000 m up, above the camera at 1,000 m.
    paintArcs(ctx, topDown(), 1, Float64Array.from(arc(-100, 0, 100, 0, 2000, 0)), 1, dotsOn(0), 1);
    expect(count(rec, 'moveTo')).toBe(0);
    expect(count(rec, 'stroke')).toBe(0);
    // Its dot goes with it, though the dot's own point (the arc's end) is in front.
    expect(count(rec, 'arc')).toBe(0);
  });

  it('draws in device pixels', () => {
    const { ctx, rec } = recorder();
    paintArcs(ctx, topDown(), 2, Float64Array.from(arc(0, 0, 100, 0, 10, 0)), 1, dotsOn(0), 1);
    const move = rec.calls.find(([n]) => n === 'moveTo')!;
    expect(move[1]).toBeCloseTo(800);
    expect(move[2]).toBeCloseTo(600);
  });
});

describe('paintRings', () => {
  it('fills each ring as an outer edge and an inner edge, in its kind\'s colour', () => {
    const { ctx, rec } = recorder();
    const rings = Float64Array.from([0, 0, 50, 0, 100, 100, 30, 1]);
    paintRings(ctx, topDown(), 1, rings, 2);
    expect(count(rec, 'moveTo')).toBe(4); // two edges per ring
    expect(count(rec, 'fill')).toBe(2);
    expect(rec.styles).toEqual([`fillStyle ${PULSE_LOOKS.doorbell.colour}`, `fillStyle ${PULSE_LOOKS.alarm.colour}`]);
    expect(rings.length).toBe(2 * RING_STRIDE);
  });

  it('the inner edge runs the other way round, so the middle stays open', () => {
    const { ctx, rec } = recorder();
    paintRings(ctx, topDown(), 1, Float64Array.from([0, 0, 50, 0]), 1);
    const points = rec.calls.filter(([n]) => n === 'moveTo' || n === 'lineTo').map(([, x, y]) => [x as number, y as number]);
    const signedArea = (ps: number[][]): number => ps.reduce((s, p, i) => { const q = ps[(i + 1) % ps.length]!; return s + p[0]! * q[1]! - q[0]! * p[1]!; }, 0);
    const half = points.length / 2;
    const outer = signedArea(points.slice(0, half));
    const inner = signedArea(points.slice(half));
    expect(Math.sign(outer)).toBe(-Math.sign(inner));
    expect(Math.abs(inner) / Math.abs(outer)).toBeCloseTo(0.64, 1);
  });

  it('leaves out a ring behind the camera', () => {
    const { ctx, rec } = recorder();
    const camera = new PerspectiveCamera(45, 800 / 600, 1, 100_000);
    camera.position.set(0, 10, 0);
    camera.lookAt(0, 10, -100); // looking north, level: a ring to the south is behind
    paintRings(ctx, new ScreenProjection().update(camera, 800, 600), 1, Float64Array.from([0, 500, 20, 0]), 1);
    expect(count(rec, 'fill')).toBe(0);
  });
});
