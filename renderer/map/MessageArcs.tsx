// An arc between a car and its home for every message in flight between them (map-events.ts), coloured by the
// run's architecture, with a dot moving along it as the message crosses its hops in virtual time. Drawn on the map's
// moving layer (Canvas 2D, MovingLayer.tsx): the frame loop places each arc's ends and the dot's progress in arrays
// sized once (MAX_FLIGHTS), and the painter projects each arc — a parabola over the ground between the two ends,
// as PIECES straight pieces — and strokes all arcs of a colour as one path.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import type { Architecture, SessionInfo } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { MAX_FLIGHTS, progressOf, type MapEnd } from '../state/map-events';
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

/** Where a map end is drawn on the ground (x, z), or undefined when it is not drawn. */
export type Placer = (end: MapEnd) => [number, number] | undefined;

export function makePlacer(session: SessionInfo, vehicleAt: (id: string) => [number, number] | undefined): Placer {
  const homes = new Map(session.homes.map((h) => [h.id, [h.x, -h.y] as [number, number]]));
  return (end) => ('vehicle' in end ? vehicleAt(end.vehicle) : homes.get(end.home));
}

/** Per arc: from x, z, to x, z, the parabola's height, the dot's progress (0–1), the architecture's index. */
export const ARC_STRIDE = 7;

/** The height of an arc's point `f` of the way along it: a parabola over the straight line, `lift` at the middle. */
const heightAt = (lift: number, f: number): number => 4 * lift * f * (1 - f) + 2;

const point = new Float64Array(2);
const line = new Float64Array((PIECES + 1) * 2);

/**
 * Strokes `count` arcs of `arcs` (ARC_STRIDE numbers each) and their dots, in device pixels (`dpr` per CSS pixel).
 * An arc with a point behind the camera is left out whole (its projection would fold back over the screen).
 */
export function paintArcs(ctx: CanvasRenderingContext2D, projection: ScreenProjection, dpr: number, arcs: Float64Array, count: number): void {
  ctx.lineWidth = LINE_PX * dpr;
  ctx.lineJoin = 'round';
  const dots: number[] = [];
  ARCHITECTURES.forEach((architecture, colour) => {
    let any = false;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const o = i * ARC_STRIDE;
      if (arcs[o + 6] !== colour) continue;
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
      const f = arcs[o + 5]!;
      if (projection.toScreen(ax + (bx - ax) * f, heightAt(lift, f), az + (bz - az) * f, point)) dots.push(point[0]! * dpr, point[1]! * dpr);
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
    for (let d = 0; d < dots.length; d += 2) {
      ctx.moveTo(dots[d]! + r, dots[d + 1]!);
      ctx.arc(dots[d]!, dots[d + 1]!, r, 0, 2 * Math.PI);
    }
    ctx.fill();
    dots.length = 0;
  });
}

export function MessageArcs({ session, unit, layer }: { session: SessionInfo; unit: number; layer: MovingLayer }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const drawn = useMemo(() => ({ arcs: new Float64Array(MAX_FLIGHTS * ARC_STRIDE), count: 0, snapshotT: 0, snapshotAt: 0 }), []);
  useLayoutEffect(() => {
    layer.painters[PAINT_ORDER.arcs] = (ctx, projection, dpr) => {
      if (drawn.count > 0) paintArcs(ctx, projection, dpr, drawn.arcs, drawn.count);
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
      drawn.count = stats.arcs = 0;
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
    const arcs = drawn.arcs;
    let n = 0;
    // Kept from the last frame that drew arcs, so a reader after the messages landed still sees their colours.
    if (flights.size > 0) stats.arcArchitectures.length = 0;
    for (const flight of flights.values()) {
      if (n === MAX_FLIGHTS) break;
      const a = placer(flight.from);
      const b = placer(flight.to);
      if (a === undefined || b === undefined) continue;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (length < 1) continue;
      const o = n * ARC_STRIDE;
      arcs[o] = a[0];
      arcs[o + 1] = a[1];
      arcs[o + 2] = b[0];
      arcs[o + 3] = b[1];
      // Higher for longer arcs, so arcs read apart from the roads.
      arcs[o + 4] = Math.max(3 * unit, length * 0.35);
      arcs[o + 5] = progressOf(flight, t);
      arcs[o + 6] = Math.max(0, ARCHITECTURES.indexOf(flight.architecture));
      if (!stats.arcArchitectures.includes(flight.architecture)) stats.arcArchitectures.push(flight.architecture);
      n++;
    }
    if (n > 0 || drawn.count > 0) layer.changed = true;
    drawn.count = n;
    stats.arcs = n;
    if (n > 0) model.renderStats.arcFrames++;
    // The dots move while anything is in flight: ask for the next frame.
    if (n > 0) invalidate();
  });

  return null;
}
