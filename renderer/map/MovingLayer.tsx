// The map's moving layer — cars, message arcs, pulses, and the homes' looks as their roofs — drawn with Canvas 2D over the WebGL canvases of the routes
// and the city, projected with their shared camera (screen-projection.ts). Why not WebGL: without a GPU (Chromium
// with --disable-gpu, the benchmark's and CI's condition) every WebGL canvas that redraws is rasterised by
// SwiftShader in the GPU process and read back into the page synchronously at each frame (`GLES2::ReadPixels` →
// `CommandBufferHelper::Finish`): the page's main thread waited on that for the cars' full-map canvas at every
// frame. Canvas 2D is rasterised by Skia in the page's own process — no command buffer, no read-back — and what
// moves is small: 1,000 blits of a 12 px sprite, a few dozen short paths. On a GPU, a GPU-backed 2D canvas draws
// that for nothing too, so there is one code path, not a 2D one for software and a WebGL one for GPUs.
// The layer draws only when something on it changed (a car eased, an arc or pulse is live), the camera moved or
// the canvas was resized; its frame loop is the routes' canvas's (MapLayers), whose WebGL draws only on its own
// changes (draw-when-changed.ts).
import { useMemo } from 'react';
import { useModel } from '../app/ModelContext';
import { useDrawWhenChanged, type ContentChange } from './draw-when-changed';
import { ScreenProjection } from './screen-projection';

/** Draws one part of the layer; `dpr` device pixels per CSS pixel (the context draws in device pixels). */
export type Painter = (ctx: CanvasRenderingContext2D, projection: ScreenProjection, dpr: number) => void;

/** Which part is painted over which: homes' roofs below, arcs, pulses, cars on top (a car must not hide under a ring). */
export const PAINT_ORDER = { homes: 0, arcs: 1, pulses: 2, cars: 3 } as const;

export interface MovingLayer extends ContentChange {
  canvas: HTMLCanvasElement | null;
  readonly painters: (Painter | undefined)[];
  readonly projection: ScreenProjection;
}

export function createMovingLayer(): MovingLayer {
  return { canvas: null, changed: true, painters: [], projection: new ScreenProjection() };
}

/** Inside the canvas that hosts the map's frame loop: draws the layer after every part has updated (priority 1). */
export function MovingLayerDraw({ layer }: { layer: MovingLayer }) {
  const model = useModel();
  const context = useMemo(() => ({ canvas: null as HTMLCanvasElement | null, ctx: null as CanvasRenderingContext2D | null }), []);
  useDrawWhenChanged(layer, ({ camera, size, viewport }) => {
    const canvas = layer.canvas;
    if (canvas === null) return;
    if (context.canvas !== canvas) {
      context.canvas = canvas;
      context.ctx = canvas.getContext('2d');
    }
    const ctx = context.ctx;
    if (ctx === null) return;
    const width = Math.max(1, Math.round(size.width * viewport.dpr));
    const height = Math.max(1, Math.round(size.height * viewport.dpr));
    // Setting a canvas's size clears it (and its state), even to the same size: only on a real change.
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    layer.projection.update(camera, size.width, size.height);
    for (const paint of layer.painters) paint?.(ctx, layer.projection, viewport.dpr);
    // The bench's and the tests' "frames the map drew": frames in which the moving layer really drew.
    model.renderStats.frames++;
  });
  return null;
}
