// A home's look (lit, charging, selected) as its roof painted on the map's moving layer (Canvas 2D, MovingLayer.tsx),
// over the city's WebGL canvas, where every home is drawn once in the dark look. Why: a thousand-home city's lights
// change several times a second as people leave and come home, and each repaint of the homes' mesh redrew the whole
// city canvas — without a GPU, SwiftShader drawing every district, road and home again and the page waiting to read
// the canvas back (`GLES2::ReadPixels`). A roof is a quad; the 2D layer redraws anyway whenever a car moves.
// Only the roof is painted: homes are boxes of one height seen from above their roofs, so no home's walls can hide
// another's roof, and a roof drawn over the city shows exactly where the mesh's roof is.
import { Color } from 'three';
import type { ScreenProjection } from './screen-projection';

export const HOME_COLOURS = { lit: '#ffd54a', charging: '#38bdf8', dark: '#64748b', selected: '#f472b6' } as const;
export type HomeLook = keyof typeof HOME_COLOURS;

/** A home's box in symbol units (Homes.tsx): 2.2 wide and deep, 1.4 high. */
export const HOME_SIZE = { width: 2.2, height: 1.4 } as const;

/** The looks painted over the dark mesh, by index in a looks array (0 is dark: nothing painted). */
export const ROOF_LOOKS: readonly HomeLook[] = ['dark', 'lit', 'charging', 'selected'];

/**
 * The roof's colour as the city's lights (MapLayers: ambient 1.1, directional 1.6 from (1000, 3000, 1500)) shade a
 * face looking up with three's Lambert material — albedo × (ambient + directional × cos) / π in linear light — so a
 * painted roof matches one the mesh would have drawn.
 */
export function roofColour(look: HomeLook): string {
  const cos = 3000 / Math.hypot(1000, 3000, 1500);
  return `#${new Color(HOME_COLOURS[look]).multiplyScalar((1.1 + 1.6 * cos) / Math.PI).getHexString()}`;
}

const COLOURS = ROOF_LOOKS.map(roofColour);
const corners = new Float64Array(8);
const SIGNS = [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const;

/**
 * Fills the roof of every home whose look (`looks[i]`, an index of ROOF_LOOKS) is not dark: `at` holds x, z per home
 * in scene metres, `unit` the symbol unit. One path per look; a roof with a corner behind the camera is left out.
 */
export function paintRoofs(ctx: CanvasRenderingContext2D, projection: ScreenProjection, dpr: number, at: Float64Array, looks: Uint8Array, unit: number): void {
  const half = (HOME_SIZE.width / 2) * unit;
  const y = HOME_SIZE.height * unit;
  for (let look = 1; look < ROOF_LOOKS.length; look++) {
    let any = false;
    for (let i = 0; i < looks.length; i++) {
      if (looks[i] !== look) continue;
      const x = at[i * 2]!;
      const z = at[i * 2 + 1]!;
      let inFront = true;
      for (let c = 0; c < 4 && inFront; c++) inFront = projection.toScreen(x + SIGNS[c]![0] * half, y, z + SIGNS[c]![1] * half, corners, c * 2);
      if (!inFront) continue;
      if (!any) ctx.beginPath();
      any = true;
      ctx.moveTo(corners[0]! * dpr, corners[1]! * dpr);
      for (let c = 1; c < 4; c++) ctx.lineTo(corners[c * 2]! * dpr, corners[c * 2 + 1]! * dpr);
      ctx.closePath();
    }
    if (!any) continue;
    ctx.fillStyle = COLOURS[look]!;
    ctx.fill();
  }
}
