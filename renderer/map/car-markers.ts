// Cars as screen-space markers, drawn on the map's moving layer (Canvas 2D, MovingLayer.tsx): a fixed number of
// pixels wide at any zoom — big enough to see and to click on a city-wide view, where a car to scale is a few
// pixels — with a car's outline (a body with a pointed nose) turned by the car's heading as the camera sees it.
// Each marker is a copy from an atlas of the outline pre-drawn at HEADING_STEPS turns (for both looks; on a CPU
// renderer the copies go into one pixel buffer, sprite-raster.ts, blitted onto the layer once), so drawing 1,000
// cars is 1,000 image copies of 12 px: no path filled, no transform set per car. Picking uses the very
// pixels the draw computed, so a car is picked where it is drawn, and a car not drawn (behind the camera, off the
// canvas) is not picked.
import type { ScreenProjection } from './screen-projection';
import type { SpritePixels } from './sprite-raster';

/** Marker sizes in CSS pixels: big enough to see and to click on a city-wide view; the selected car stands out. */
export const CAR_PX = 12;
export const SELECTED_CAR_PX = 18;

export const CAR_COLOURS = { car: '#f97316', selected: '#f472b6', edge: '#0d1117' } as const;

/** The car's outline in its own frame (x to its right, y ahead) within the marker's [-1, 1] square. */
export const CAR_OUTLINE: readonly (readonly [number, number])[] = [[-0.5, -0.92], [0.5, -0.92], [0.5, 0.25], [0, 0.96], [-0.5, 0.25]];
/** The car's colour fills the outline shrunk by this much; the dark rim left keeps it visible over a lit home. */
const FILL_SCALE = 1 / 1.3;
/** Turns pre-drawn per look: 5.6° apart, under half a pixel at a marker's tip. */
export const HEADING_STEPS = 64;

/** A compass heading (degrees clockwise from north) as a ground direction in scene x, z (north is −z), into `out`. */
export function headingToForward(headingDeg: number, out = new Float64Array(2)): Float64Array {
  const h = (headingDeg * Math.PI) / 180;
  out[0] = Math.sin(h);
  out[1] = -Math.cos(h);
  return out;
}

/** The atlas turn for a direction on the canvas (dx, dy in pixels, y down): 0 is up the screen, counted clockwise. */
export function headingStep(dx: number, dy: number): number {
  if (dx === 0 && dy === 0) return 0;
  const turns = Math.atan2(dx, -dy) / (2 * Math.PI);
  return ((Math.round(turns * HEADING_STEPS) % HEADING_STEPS) + HEADING_STEPS) % HEADING_STEPS;
}

type PathSink = Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo' | 'closePath'>;

/**
 * Traces the outline centred on cx, cy for a marker `size` pixels wide, its nose `angle` radians clockwise from up
 * the screen, shrunk by `scale`.
 */
export function traceCar(path: PathSink, cx: number, cy: number, size: number, angle: number, scale = 1): void {
  const half = (size / 2) * scale;
  const s = Math.sin(angle);
  const c = Math.cos(angle);
  CAR_OUTLINE.forEach(([right, ahead], i) => {
    // On the canvas the car's right is (cos, sin) and its ahead (sin, −cos).
    const x = cx + half * (right * c + ahead * s);
    const y = cy + half * (right * s - ahead * c);
    if (i === 0) path.moveTo(x, y);
    else path.lineTo(x, y);
  });
  path.closePath();
}

/** The pre-drawn markers: row 0 a car's look, row 1 the selected car's, HEADING_STEPS cells each, in device pixels. */
export interface CarSprites<Atlas = SpritePixels> {
  /** The atlas: its canvas (blitted by a 2D context), or its pixels read back once (copied by sprite-raster.ts). */
  atlas: Atlas;
  /** Cell edge in device pixels, per row. */
  cells: readonly [number, number];
  dpr: number;
}

type SpritePainter = Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'lineTo' | 'closePath' | 'fill' | 'fillStyle'>;

/** The atlas's size for a device-pixel ratio, and its cells: width HEADING_STEPS × the larger cell, both rows high. */
export function spriteLayout(dpr: number): { width: number; height: number; cells: [number, number] } {
  const cells: [number, number] = [Math.ceil(CAR_PX * dpr) + 2, Math.ceil(SELECTED_CAR_PX * dpr) + 2];
  return { width: HEADING_STEPS * cells[1], height: cells[0] + cells[1], cells };
}

/** Paints every turn of both looks into an atlas canvas of spriteLayout(dpr)'s size. */
export function paintCarSprites(ctx: SpritePainter, dpr: number): void {
  const { cells } = spriteLayout(dpr);
  const looks = [[CAR_PX, CAR_COLOURS.car], [SELECTED_CAR_PX, CAR_COLOURS.selected]] as const;
  looks.forEach(([px, colour], row) => {
    const top = row === 0 ? 0 : cells[0];
    for (let step = 0; step < HEADING_STEPS; step++) {
      const cx = step * cells[1] + cells[row]! / 2;
      const cy = top + cells[row]! / 2;
      const angle = (step / HEADING_STEPS) * 2 * Math.PI;
      for (const [fill, scale] of [[CAR_COLOURS.edge, 1], [colour, FILL_SCALE]] as const) {
        ctx.beginPath();
        traceCar(ctx, cx, cy, px * dpr, angle, scale);
        ctx.fillStyle = fill;
        ctx.fill();
      }
    }
  });
}

/** The cars as the frame loop eased them, and what the last draw made of them (for picking). */
export interface CarLayer {
  /** x, z, heading per car (scene metres, degrees). */
  shown: Float64Array;
  /** 1 for a car placed at least once. */
  placed: Uint8Array;
  count: number;
  /** The selected car's index, or −1. */
  selected: number;
  /** Height the markers stand at, and how far ahead (metres) a car's heading is projected. */
  lift: number;
  reach: number;
  /** Written by drawCars: each car's canvas pixel (CSS pixels), and 1 where its marker was drawn. */
  screen: Float32Array;
  drawn: Uint8Array;
}

const at = new Float64Array(2);
const ahead = new Float64Array(2);
const forward = new Float64Array(2);

/** Where the markers are blitted — a 2D context, or sprite-raster.ts's buffer: drawImage's nine-argument shape, unscaled. */
export interface SpriteSink<Atlas = SpritePixels> {
  drawImage(atlas: Atlas, sx: number, sy: number, sw: number, sh: number, dx: number, dy: number, dw: number, dh: number): void;
}

/** Blits every placed car's marker that shows on the canvas, the selected car last (on top). Returns how many. */
export function drawCars<Atlas>(ctx: SpriteSink<Atlas>, projection: ScreenProjection, cars: CarLayer, sprites: CarSprites<Atlas>): number {
  const { shown, placed, screen, drawn, lift, reach } = cars;
  let count = 0;
  const draw = (i: number): void => {
    drawn[i] = 0;
    if (placed[i] !== 1) return;
    const x = shown[i * 3]!;
    const z = shown[i * 3 + 1]!;
    if (!projection.toScreen(x, lift, z, at) || !projection.onCanvas(at[0]!, at[1]!, SELECTED_CAR_PX)) return;
    headingToForward(shown[i * 3 + 2]!, forward);
    // The heading on screen: where a point a little ahead of the car (on the ground) lands, relative to the car.
    const step = projection.toScreen(x + forward[0]! * reach, lift, z + forward[1]! * reach, ahead) ? headingStep(ahead[0]! - at[0]!, ahead[1]! - at[1]!) : 0;
    const row = i === cars.selected ? 1 : 0;
    const cell = sprites.cells[row];
    const left = Math.round(at[0]! * sprites.dpr - cell / 2);
    const top = Math.round(at[1]! * sprites.dpr - cell / 2);
    ctx.drawImage(sprites.atlas, step * sprites.cells[1], row === 0 ? 0 : sprites.cells[0], cell, cell, left, top, cell, cell);
    screen[i * 2] = at[0]!;
    screen[i * 2 + 1] = at[1]!;
    drawn[i] = 1;
    count++;
  };
  for (let i = 0; i < cars.count; i++) if (i !== cars.selected) draw(i);
  if (cars.selected >= 0 && cars.selected < cars.count) draw(cars.selected);
  return count;
}

/**
 * The car drawn nearest to a canvas pixel (CSS pixels), within `radiusPx`, as the last drawCars left them: markers
 * are a fixed size on screen, so picking is too (a ray against points in world units would grow and shrink with
 * the zoom). Returns its index, or undefined.
 */
export function pickCar(cars: Pick<CarLayer, 'screen' | 'drawn' | 'count'>, pointer: readonly [number, number], radiusPx: number): number | undefined {
  let best: number | undefined;
  let bestD2 = radiusPx * radiusPx;
  for (let i = 0; i < cars.count; i++) {
    if (cars.drawn[i] !== 1) continue;
    const dx = cars.screen[i * 2]! - pointer[0];
    const dy = cars.screen[i * 2 + 1]! - pointer[1];
    const d2 = dx * dx + dy * dy;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = i;
    }
  }
  return best;
}
