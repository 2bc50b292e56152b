import { Color, PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { topDownProjection as topDown } from './test-support/top-down';
import { HOME_COLOURS, ROOF_LOOKS, paintRoofs, roofColour } from './home-roofs';
import { ScreenProjection } from './screen-projection';


/** A 2D context that records path calls and the fill style of each fill. */
function recorder(): { ctx: CanvasRenderingContext2D; calls: string[]; fills: string[]; points: [number, number][] } {
  const calls: string[] = [];
  const fills: string[] = [];
  const points: [number, number][] = [];
  let fillStyle = '';
  const ctx = {
    beginPath: () => void calls.push('beginPath'),
    moveTo: (x: number, y: number) => void (calls.push('moveTo'), points.push([x, y])),
    lineTo: (x: number, y: number) => void (calls.push('lineTo'), points.push([x, y])),
    closePath: () => void calls.push('closePath'),
    fill: () => void fills.push(fillStyle),
    set fillStyle(v: string) { fillStyle = v; },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls, fills, points };
}

const look = (name: (typeof ROOF_LOOKS)[number]): number => ROOF_LOOKS.indexOf(name);

describe('paintRoofs', () => {
  it('paints no roof for a dark home: the city\'s mesh already shows it', () => {
    const { ctx, calls, fills } = recorder();
    paintRoofs(ctx, topDown(), 1, Float64Array.of(0, 0, 50, 0), Uint8Array.of(look('dark'), look('dark')), 10);
    expect(calls).toEqual([]);
    expect(fills).toEqual([]);
  });

  it('paints each lit, charging or selected home\'s roof in its look\'s colour, one fill per look', () => {
    const { ctx, calls, fills } = recorder();
    const looks = Uint8Array.of(look('lit'), look('charging'), look('lit'), look('selected'), look('dark'));
    paintRoofs(ctx, topDown(), 1, Float64Array.of(0, 0, 50, 0, -50, 0, 0, 50, 0, -50), looks, 10);
    expect(calls.filter((c) => c === 'moveTo')).toHaveLength(4);
    expect(fills).toEqual([roofColour('lit'), roofColour('charging'), roofColour('selected')]);
  });

  it('covers the box\'s roof: 2.2 units square, centred on the home', () => {
    const { ctx, points } = recorder();
    const projection = topDown();
    paintRoofs(ctx, projection, 1, Float64Array.of(0, 0), Uint8Array.of(look('lit')), 10);
    const xs = points.map(([x]) => x);
    const out = [0, 0];
    projection.toScreen(11, 14, 0, out);
    expect(Math.max(...xs)).toBeCloseTo(out[0]!);
    expect(Math.min(...xs)).toBeCloseTo(800 - out[0]!);
  });

  it('leaves out a roof with a corner behind the camera', () => {
    const { ctx, fills } = recorder();
    const camera = new PerspectiveCamera(45, 800 / 600, 1, 100_000);
    camera.position.set(0, 10, 0);
    camera.lookAt(0, 10, -100); // level, looking north: a home to the south is behind
    paintRoofs(ctx, new ScreenProjection().update(camera, 800, 600), 1, Float64Array.of(0, 500), Uint8Array.of(look('lit')), 10);
    expect(fills).toEqual([]);
  });
});

describe('roofColour', () => {
  it('is the look\'s colour as the map\'s lights shade a roof: a little darker, the same hue', () => {
    const lit = new Color(roofColour('lit'));
    const base = new Color(HOME_COLOURS.lit);
    expect(lit.r).toBeLessThan(base.r);
    expect(lit.r / lit.g).toBeCloseTo(base.r / base.g, 1);
    expect(roofColour('charging')).not.toBe(roofColour('lit'));
  });
});
