import { describe, expect, it } from 'vitest';
import { topDownCamera as topDown } from './test-support/top-down';
import {
  CAR_PX, HEADING_STEPS, SELECTED_CAR_PX, drawCars, headingStep, headingToForward, paintCarSprites, pickCar, spriteLayout, traceCar,
  type CarLayer, type CarSprites, type SpriteSink,
} from './car-markers';
import { ScreenProjection } from './screen-projection';


/** Cars at x, z with headings (degrees), all placed, as Vehicles keeps them. */
function cars(list: [x: number, z: number, heading?: number][], selected = -1, lift = 0): CarLayer {
  return {
    shown: Float64Array.from(list.flatMap(([x, z, h = 0]) => [x, z, h])),
    placed: new Uint8Array(list.length).fill(1),
    count: list.length,
    selected,
    lift,
    reach: 5,
    screen: new Float32Array(list.length * 2),
    drawn: new Uint8Array(list.length),
  };
}

/** A 2D context that records the blits: [sx, sy, sw, sh, dx, dy, dw, dh] each. */
function blits(): { ctx: SpriteSink; calls: number[][] } {
  const calls: number[][] = [];
  return { ctx: { drawImage: (...args: unknown[]) => void calls.push(args.slice(1) as number[]) }, calls };
}

const sprites: CarSprites = { atlas: { data: new Uint32Array(0), width: 0, height: 0 }, cells: spriteLayout(1).cells, dpr: 1 };
const projection = (camera = topDown()): ScreenProjection => new ScreenProjection().update(camera, 800, 600);
/** The atlas turn a blit took (its column). */
const stepOf = (call: number[]): number => call[0]! / sprites.cells[1];

describe('drawCars', () => {
  it('draws a car at its canvas pixel, centred, and remembers where for picking', () => {
    const { ctx, calls } = blits();
    const layer = cars([[0, 0]]);
    expect(drawCars(ctx, projection(), layer, sprites)).toBe(1);
    const [, , , , dx, dy, dw, dh] = calls[0]!;
    expect(dx! + dw! / 2).toBeCloseTo(400, 0);
    expect(dy! + dh! / 2).toBeCloseTo(300, 0);
    expect([layer.screen[0], layer.screen[1], layer.drawn[0]]).toEqual([400, 300, 1]);
  });

  it('does not draw a car behind the camera (its projection would mirror onto the screen)', () => {
    const { ctx, calls } = blits();
    // Lifted above a camera that looks down: behind it, yet its perspective divide lands near the centre.
    const layer = cars([[0, 0]], -1, 2000);
    expect(drawCars(ctx, projection(), layer, sprites)).toBe(0);
    expect(calls).toHaveLength(0);
    expect(layer.drawn[0]).toBe(0);
  });

  it('does not draw a car off the canvas, nor one never placed', () => {
    const { ctx, calls } = blits();
    const layer = cars([[100_000, 0], [0, 0]]);
    layer.placed[1] = 0;
    expect(drawCars(ctx, projection(), layer, sprites)).toBe(0);
    expect(calls).toHaveLength(0);
  });

  it('turns the marker with the car\'s heading as the camera sees it', () => {
    const { ctx, calls } = blits();
    drawCars(ctx, projection(), cars([[0, 0, 0], [50, 0, 90], [-50, 0, 180], [0, 50, 270]]), sprites);
    // North is up the screen: 0°, 90°, 180°, 270° are a quarter turn of the atlas apart.
    expect(calls.map(stepOf)).toEqual([0, HEADING_STEPS / 4, HEADING_STEPS / 2, (3 * HEADING_STEPS) / 4]);
    // Seen from the south instead (north down the screen), a northbound car points down.
    const fromSouth = topDown();
    fromSouth.up.set(0, 0, 1);
    fromSouth.lookAt(0, 0, 0);
    fromSouth.updateMatrixWorld();
    const turned = blits();
    drawCars(turned.ctx, projection(fromSouth), cars([[0, 0, 0]]), sprites);
    expect(stepOf(turned.calls[0]!)).toBe(HEADING_STEPS / 2);
  });

  it('draws the selected car larger, in its own row of the atlas, and last (over the others)', () => {
    const { ctx, calls } = blits();
    drawCars(ctx, projection(), cars([[0, 0], [1, 0], [2, 0]], 0), sprites);
    expect(calls).toHaveLength(3);
    const [first, , last] = calls;
    expect(first![6]).toBe(sprites.cells[0]);
    expect(last![6]).toBe(sprites.cells[1]);
    expect(last![6]!).toBeGreaterThan(first![6]!);
    expect(last![1]).toBe(sprites.cells[0]); // the selected row
    expect(sprites.cells[1] - sprites.cells[0]).toBe(SELECTED_CAR_PX - CAR_PX);
  });

  it('draws in device pixels at a device-pixel ratio of 2', () => {
    const { ctx, calls } = blits();
    const sharp: CarSprites = { ...sprites, cells: spriteLayout(2).cells, dpr: 2 };
    drawCars(ctx, projection(), cars([[0, 0]]), sharp);
    const [, , , , dx, , dw] = calls[0]!;
    expect(dw).toBe(2 * CAR_PX + 2);
    expect(dx! + dw! / 2).toBeCloseTo(800, 0);
  });
});

describe('pickCar', () => {
  const drawn = (list: [number, number][]): CarLayer => {
    const layer = cars(list);
    drawCars(blits().ctx, projection(), layer, sprites);
    return layer;
  };

  it('picks the car whose marker is nearest the pointer', () => {
    const layer = drawn([[0, 0], [5, 0], [200, 0]]);
    expect(pickCar(layer, [400, 300], 10)).toBe(0);
    const at = layer.screen[2]!;
    expect(pickCar(layer, [at - 1, 300], 10)).toBe(1);
  });

  it('picks nothing beyond the radius in pixels, whatever the world distance', () => {
    expect(pickCar(drawn([[200, 0]]), [400, 300], 10)).toBeUndefined();
    // Zoomed out far enough, the same 200 m is within 10 px.
    const far = cars([[200, 0]]);
    drawCars(blits().ctx, projection(topDown(100_000)), far, sprites);
    expect(pickCar(far, [400, 300], 10)).toBe(0);
  });

  it('does not pick a car that was not drawn: off the canvas, behind the camera or past the count', () => {
    const off = drawn([[100_000, 0]]);
    // Its last computed pixel would be far off; even a pointer there picks nothing.
    expect(pickCar(off, [off.screen[0]!, off.screen[1]!], 1e9)).toBeUndefined();
    const behind = cars([[0, 0]], -1, 2000);
    drawCars(blits().ctx, projection(), behind, sprites);
    expect(pickCar(behind, [400, 300], 50)).toBeUndefined();
    const counted = drawn([[0, 0]]);
    expect(pickCar({ ...counted, count: 0 }, [400, 300], 10)).toBeUndefined();
  });
});

describe('the marker\'s outline', () => {
  /** The outline's vertices as traced. */
  const vertices = (angle: number): [number, number][] => {
    const out: [number, number][] = [];
    const push = (x: number, y: number): void => void out.push([x, y]);
    traceCar({ moveTo: push, lineTo: push, closePath: () => undefined }, 0, 0, 20, angle);
    return out;
  };
  /** The outline's pointed vertex (CAR_OUTLINE[3]). */
  const nose = (angle: number): [number, number] => vertices(angle)[3]!;

  it('points its nose where the heading points: up the screen at 0, right at a quarter turn', () => {
    expect(nose(0)[0]).toBeCloseTo(0);
    expect(nose(0)[1]).toBeCloseTo(-9.6);
    expect(nose(Math.PI / 2)[0]).toBeCloseTo(9.6);
    expect(nose(Math.PI / 2)[1]).toBeCloseTo(0);
  });

  it('maps a direction on the canvas to the nearest atlas turn', () => {
    expect(headingStep(0, -1)).toBe(0);
    expect(headingStep(1, 0)).toBe(HEADING_STEPS / 4);
    expect(headingStep(0, 1)).toBe(HEADING_STEPS / 2);
    expect(headingStep(-1, 0)).toBe((3 * HEADING_STEPS) / 4);
    expect(headingStep(-0.1, -1)).toBe(HEADING_STEPS - 1); // just west of up wraps to the last turn, not −1
    expect(headingStep(0, 0)).toBe(0);
  });

  it('paints every turn of both looks: a dark rim and the look\'s colour inside it', () => {
    const fills: string[] = [];
    let fillStyle = '';
    const noop = (): void => undefined;
    const ctx = {
      beginPath: noop, moveTo: noop, lineTo: noop, closePath: noop,
      fill: () => void fills.push(fillStyle),
      set fillStyle(v: string) { fillStyle = v; },
      get fillStyle() { return fillStyle; },
    };
    paintCarSprites(ctx as unknown as CanvasRenderingContext2D, 1);
    expect(fills).toHaveLength(2 * HEADING_STEPS * 2);
    expect(fills.slice(0, 2)).toEqual(['#0d1117', '#f97316']);
    expect(fills.slice(-2)).toEqual(['#0d1117', '#f472b6']);
  });
});

describe('headingToForward', () => {
  it('points north (−z) at 0° and east (+x) at 90°', () => {
    expect(Array.from(headingToForward(0), (v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([0, -1]);
    expect(Array.from(headingToForward(90), (v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([1, 0]);
  });
});
