// An arc between a car and its home for the messages in flight between them (map-events.ts), coloured by the
// run's architecture, with a dot per message moving along it as the message crosses its hops in virtual time. One
// arc per pair of ends and architecture however many messages share it (arc-layout.ts): a household's messages all
// fly between its car and its home, and 128 copies of one curve cost the painter 128 times as much to show one.
// Drawn on the map's moving layer (Canvas 2D, MovingLayer.tsx): the frame loop places each arc's ends and each
// dot's progress in arrays sized once (MAX_FLIGHTS), and the painter projects each arc — a parabola over the ground
// between the two ends, as PIECES straight pieces — and strokes all arcs of a colour as one path.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import type { Architecture, SessionInfo } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { MAX_FLIGHTS, progressOf } from '../state/map-events';
import { arcHeight as heightAt, fractionFromA, layoutArcs, type Placer } from './arc-layout';
import { PAINT_ORDER, type MovingLayer } from './MovingLayer';
import type { ScreenProjection } from './screen-projection';

export const ARCHITECTURE_COLOURS: Record<Architecture, string> = {
  'cloud-cloud': '#c084fc',
  direct: '#a3e635',
  'phone-proxy': '#fb7185',
  local: '#e2e8f0',
};
const ARCHITECTURES = Object.keys(ARCHITECTURE_COLOURS) as Architecture[];

/** Straight pieces per arc. */
export const PIECES = 16;
/** How far virtual time is carried on between snapshots (wall ms), so dots glide rather than jump. */
const EXTRAPOLATE_MS = 250;
/** Line width and the dot's diameter, in CSS pixels. */
const LINE_PX = 2;
const DOT_PX = 9;

export type { Placer } from './arc-layout';

export function makePlacer(session: SessionInfo, vehicleAt: (id: string) => [number, number] | undefined): Placer {
  const homes = new Map(session.homes.map((h) => [h.id, [h.x, -h.y] as [number, number]]));
  return (end) => ('vehicle' in end ? vehicleAt(end.vehicle) : homes.get(end.home));
}

/** Per arc: from x, z, to x, z, the parabola's height, the architecture's index. */
export const ARC_STRIDE = 6;
/** Per dot: its arc's index and how far along it from the arc's `from` end (0–1). */
export const DOT_STRIDE = 2;


const point = new Float64Array(2);
const line = new Float64Array((PIECES + 1) * 2);

/**
 * Strokes `count` arcs of `arcs` (ARC_STRIDE numbers each) and the `dotCount` dots of `dots` (DOT_STRIDE each) on
 * them, in device pixels (`dpr` per CSS pixel). An arc with a point behind the camera is left out whole, dots and all
 * (its projection would fold back over the screen).
 */
export function paintArcs(ctx: CanvasRenderingContext2D, projection: ScreenProjection, dpr: number, arcs: Float64Array, count: number, dots: Float64Array, dotCount: number): void {
  ctx.lineWidth = LINE_PX * dpr;
  ctx.lineJoin = 'round';
  const shown = new Uint8Array(count);
  const dotPoints: number[] = [];
  ARCHITECTURES.forEach((architecture, colour) => {
    let any = false;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const o = i * ARC_STRIDE;
      if (arcs[o + 5] !== colour) continue;
      const [ax, az, bx, bz, lift] = [arcs[o]!, arcs[o + 1]!, arcs[o + 2]!, arcs[o + 3]!, arcs[o + 4]!];
      let inFront = true;
      for (let k = 0; k <= PIECES && inFront; k++) {
        const f = k / PIECES;
        inFront = projection.toScreen(ax + (bx - ax) * f, heightAt(lift, f), az + (bz - az) * f, line, k * 2);
      }
      if (!inFront) continue;
      ctx.moveTo(line[0]! * dpr, line[1]! * dpr);
      for (let k = 1; k <= PIECES; k++) ctx.lineTo(line[k * 2]! * dpr, line[k * 2 + 1]! * dpr);
      any = true;
      shown[i] = 1;
    }
    for (let d = 0; d < dotCount; d++) {
      const i = dots[d * DOT_STRIDE]!;
      if (shown[i] !== 1 || arcs[i * ARC_STRIDE + 5] !== colour) continue;
      const o = i * ARC_STRIDE;
      const f = dots[d * DOT_STRIDE + 1]!;
      if (projection.toScreen(arcs[o]! + (arcs[o + 2]! - arcs[o]!) * f, heightAt(arcs[o + 4]!, f), arcs[o + 1]! + (arcs[o + 3]! - arcs[o + 1]!) * f, point)) {
        dotPoints.push(point[0]! * dpr, point[1]! * dpr);
      }
    }
    if (!any) return;
    const css = ARCHITECTURE_COLOURS[architecture];
    ctx.globalAlpha = 0.85;
    ctx.strokeStyle = css;
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.fillStyle = css;
    ctx.beginPath();
    const r = (DOT_PX / 2) * dpr;
    for (let d = 0; d < dotPoints.length; d += 2) {
      ctx.moveTo(dotPoints[d]! + r, dotPoints[d + 1]!);
      ctx.arc(dotPoints[d]!, dotPoints[d + 1]!, r, 0, 2 * Math.PI);
    }
    ctx.fill();
    dotPoints.length = 0;
  });
}

export function MessageArcs({ session, unit, layer }: { session: SessionInfo; unit: number; layer: MovingLayer }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const drawn = useMemo(() => ({ arcs: new Float64Array(MAX_FLIGHTS * ARC_STRIDE), count: 0, dots: new Float64Array(MAX_FLIGHTS * DOT_STRIDE), dotCount: 0, snapshotT: 0, snapshotAt: 0 }), []);
  useLayoutEffect(() => {
    layer.painters[PAINT_ORDER.arcs] = (ctx, projection, dpr) => {
      if (drawn.count > 0) paintArcs(ctx, projection, dpr, drawn.arcs, drawn.count, drawn.dots, drawn.dotCount);
    };
    return () => void (layer.painters[PAINT_ORDER.arcs] = undefined);
  }, [layer, drawn]);
  // A batch of messages is a reason to draw: the map's canvas renders on demand.
  useEffect(() => model.messages.subscribe(() => invalidate()), [model, invalidate]);

  const placer = useMemo(() => makePlacer(session, (id) => model.renderStats.vehicleScenePoint?.(id)), [session, model]);

  useFrame(() => {
    const stats = model.renderStats.layers;
    const on = model.store.get().storyLayers;
    const { flights } = model.mapEvents;
    if (!on || (flights.size === 0 && drawn.count === 0)) {
      if (drawn.count > 0) layer.changed = true;
      drawn.count = drawn.dotCount = stats.arcs = 0;
      return;
    }
    const { snapshot, status } = model.store.get();
    const now = performance.now();
    if ((snapshot?.t ?? 0) !== drawn.snapshotT) {
      drawn.snapshotT = snapshot?.t ?? 0;
      drawn.snapshotAt = now;
    }
    const speed = status.state === 'playing' && typeof status.speed === 'number' ? status.speed : 0;
    const t = drawn.snapshotT + Math.min(EXTRAPOLATE_MS, now - drawn.snapshotAt) * speed;
    // Kept from the last frame that drew arcs, so a reader after the messages landed still sees their colours.
    if (flights.size > 0) stats.arcArchitectures.length = 0;
    const layout = layoutArcs(flights.values(), placer, unit);
    const arcCount = Math.min(layout.arcs.length, MAX_FLIGHTS);
    for (let i = 0; i < arcCount; i++) {
      const arc = layout.arcs[i]!;
      const o = i * ARC_STRIDE;
      drawn.arcs.set([arc.a[0], arc.a[1], arc.b[0], arc.b[1], arc.lift, Math.max(0, ARCHITECTURES.indexOf(arc.architecture))], o);
      if (!stats.arcArchitectures.includes(arc.architecture)) stats.arcArchitectures.push(arc.architecture);
    }
    let n = 0;
    for (const dot of layout.dots) {
      if (n === MAX_FLIGHTS) break;
      if (dot.arc >= arcCount) continue;
      const f = progressOf(dot.flight, t);
      drawn.dots[n * DOT_STRIDE] = dot.arc;
      drawn.dots[n * DOT_STRIDE + 1] = fractionFromA(dot, f);
      n++;
    }
    if (n > 0 || drawn.count > 0) layer.changed = true;
    drawn.count = arcCount;
    drawn.dotCount = n;
    stats.arcs = n;
    if (n > 0) model.renderStats.arcFrames++;
    // The dots move while anything is in flight: ask for the next frame.
    if (n > 0) invalidate();
  });

  return null;
}
