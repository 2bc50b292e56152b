// A pulse where something happens (map-events.ts): a ring spreading on the ground in the moment's colour, and a
// badge naming it above it (an HTML element of a fixed pool, placed by the frame loop like the name tags). The rings
// are drawn on the map's moving layer (Canvas 2D, MovingLayer.tsx): the frame loop lists them, the painter projects
// each ring's two edges (a circle on the ground seen in perspective) and fills the band between them. A pulse
// ripples for PULSE_MS of wall time after it was seen, so it shows at any run speed.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { Vector3 } from 'three';
import { useModel } from '../app/ModelContext';
import { MAX_PULSES, type Pulse, type PulseKind } from '../state/map-events';
import type { Placer } from './MessageArcs';
import { PAINT_ORDER, type MovingLayer } from './MovingLayer';
import type { ScreenProjection } from './screen-projection';

/** Each moment's colour and the badge over it (words, not emoji: a kiosk or CI browser may lack an emoji font). */
export const PULSE_LOOKS: Record<PulseKind, { colour: string; label: string }> = {
  doorbell: { colour: '#38bdf8', label: 'Doorbell' },
  alarm: { colour: '#ef4444', label: 'Alarm' },
  rain: { colour: '#818cf8', label: 'Rainstorm' },
  refused: { colour: '#facc15', label: 'Attack refused' },
};
const KINDS = Object.keys(PULSE_LOOKS) as PulseKind[];

export const PULSE_MS = 4_000;
/** Icons shown at once (the newest pulses). */
export const PULSE_ICONS = 6;
const RIPPLE_MS = 1_000;
const NO_PULSES: readonly Pulse[] = [];
/** Per ring: x, z of its centre, its outer radius (metres), the kind's index. The band is the outer fifth. */
export const RING_STRIDE = 4;
const INNER = 0.8;
/** Straight pieces per edge of a ring. */
const SIDES = 32;
/** Rings stand just above the ground (and the routes). */
const RING_Y = 3;

const edge = new Float64Array((SIDES + 1) * 4);

/**
 * Fills `count` rings of `rings` (RING_STRIDE numbers each), in device pixels (`dpr` per CSS pixel): each ring's
 * outer edge one way round and its inner edge the other, so the non-zero rule leaves the middle open. A ring with a
 * point behind the camera is left out.
 */
export function paintRings(ctx: CanvasRenderingContext2D, projection: ScreenProjection, dpr: number, rings: Float64Array, count: number): void {
  ctx.globalAlpha = 0.9;
  KINDS.forEach((kind, look) => {
    let any = false;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      const o = i * RING_STRIDE;
      if (rings[o + 3] !== look) continue;
      const [x, z, r] = [rings[o]!, rings[o + 1]!, rings[o + 2]!];
      let inFront = true;
      for (let k = 0; k <= SIDES && inFront; k++) {
        const a = (k / SIDES) * 2 * Math.PI;
        inFront = projection.toScreen(x + r * Math.cos(a), RING_Y, z + r * Math.sin(a), edge, k * 4) &&
          projection.toScreen(x + INNER * r * Math.cos(a), RING_Y, z + INNER * r * Math.sin(a), edge, k * 4 + 2);
      }
      if (!inFront) continue;
      ctx.moveTo(edge[0]! * dpr, edge[1]! * dpr);
      for (let k = 1; k <= SIDES; k++) ctx.lineTo(edge[k * 4]! * dpr, edge[k * 4 + 1]! * dpr);
      ctx.closePath();
      ctx.moveTo(edge[SIDES * 4 + 2]! * dpr, edge[SIDES * 4 + 3]! * dpr);
      for (let k = SIDES - 1; k >= 0; k--) ctx.lineTo(edge[k * 4 + 2]! * dpr, edge[k * 4 + 3]! * dpr);
      ctx.closePath();
      any = true;
    }
    if (!any) return;
    ctx.fillStyle = PULSE_LOOKS[kind].colour;
    ctx.fill('nonzero');
  });
  ctx.globalAlpha = 1;
}

export function Pulses({ placer, unit, icons, layer }: { placer: Placer; unit: number; icons: readonly (HTMLElement | null)[]; layer: MovingLayer }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const drawn = useMemo(() => ({ rings: new Float64Array(MAX_PULSES * RING_STRIDE), count: 0, p: new Vector3() }), []);
  useLayoutEffect(() => {
    layer.painters[PAINT_ORDER.pulses] = (ctx, projection, dpr) => {
      if (drawn.count > 0) paintRings(ctx, projection, dpr, drawn.rings, drawn.count);
    };
    return () => void (layer.painters[PAINT_ORDER.pulses] = undefined);
  }, [layer, drawn]);
  useEffect(() => model.messages.subscribe(() => invalidate()), [model, invalidate]);

  useFrame(({ camera, size }) => {
    // Off: no pulse is current, so none is drawn and every badge is hidden by the loops below.
    const pulses = model.store.get().storyLayers ? model.mapEvents.pulses : NO_PULSES;
    const now = performance.now();
    const { rings, p } = drawn;
    let n = 0;
    let shownIcons = 0;
    // Newest first, so the icons go to the latest moments.
    for (let i = pulses.length - 1; i >= 0 && n < MAX_PULSES; i--) {
      const pulse = pulses[i]!;
      const age = now - pulse.seenAt;
      if (age > PULSE_MS) break; // older ones are older still
      const at = placer(pulse.at);
      if (at === undefined) continue;
      const ripple = (age % RIPPLE_MS) / RIPPLE_MS;
      const o = n * RING_STRIDE;
      rings[o] = at[0];
      rings[o + 1] = at[1];
      rings[o + 2] = unit * (1.5 + 5 * ripple);
      rings[o + 3] = KINDS.indexOf(pulse.kind);
      n++;
      const el = shownIcons < icons.length ? icons[shownIcons] : null;
      if (el) {
        p.set(at[0], 7 * unit, at[1]).project(camera);
        const visible = p.z < 1 && Math.abs(p.x) <= 1.05 && Math.abs(p.y) <= 1.05;
        el.style.visibility = visible ? 'visible' : 'hidden';
        if (el.dataset['kind'] !== pulse.kind) {
          el.dataset['kind'] = pulse.kind;
          el.textContent = PULSE_LOOKS[pulse.kind].label;
          el.style.borderColor = PULSE_LOOKS[pulse.kind].colour;
        }
        el.style.transform = `translate(${Math.round(((p.x + 1) / 2) * size.width)}px, ${Math.round(((1 - p.y) / 2) * size.height)}px) translate(-50%, -100%)`;
        shownIcons++;
      }
    }
    for (let i = shownIcons; i < icons.length; i++) {
      const el = icons[i];
      if (el && el.style.visibility !== 'hidden') el.style.visibility = 'hidden';
    }
    if (n > 0 || drawn.count > 0) layer.changed = true;
    drawn.count = n;
    model.renderStats.layers.pulses = n;
    if (n > 0) invalidate();
  });

  return null;
}
