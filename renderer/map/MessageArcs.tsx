// An arc between a car and its home for the messages in flight between them (map-events.ts), coloured by the
// run's architecture, with a dot per message moving along it as the message crosses its hops in virtual time.
// Messages between the same ends share one arc (arc-layout.ts). One wide-line geometry (as the routes') and one point
// geometry for all arcs, sized once (MAX_FLIGHTS): the frame loop rewrites them in place, and uploads the arcs only
// when they changed. On a CPU renderer the arcs are plain one-pixel lines read from the same arrays: each wide
// segment is a quad whose vertex shader SwiftShader runs on the CPU.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, DynamicDrawUsage, LineBasicMaterial, LineSegments } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { Architecture, SessionInfo } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { MAX_FLIGHTS, progressOf } from '../state/map-events';
import { layoutArcs, pointOnArc, type Placer } from './arc-layout';
import { allocateSegments, segmentArrays } from './Routes';

export type { Placer } from './arc-layout';

export const ARCHITECTURE_COLOURS: Record<Architecture, string> = {
  'cloud-cloud': '#c084fc',
  direct: '#a3e635',
  'phone-proxy': '#fb7185',
  local: '#e2e8f0',
};

/** Straight pieces per arc. */
const PIECES = 16;
/** How far virtual time is carried on between snapshots (wall ms), so dots glide rather than jump. */
const EXTRAPOLATE_MS = 250;

export function makePlacer(session: SessionInfo, vehicleAt: (id: string) => [number, number] | undefined): Placer {
  const homes = new Map(session.homes.map((h) => [h.id, [h.x, -h.y] as [number, number]]));
  return (end) => ('vehicle' in end ? vehicleAt(end.vehicle) : homes.get(end.home));
}

export function MessageArcs({ session, unit, thin = false }: { session: SessionInfo; unit: number; thin?: boolean }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const drawn = useMemo(() => {
    const lines = new LineSegmentsGeometry();
    allocateSegments(lines, 0, MAX_FLIGHTS * PIECES);
    lines.instanceCount = 0;
    const line = new LineSegments2(lines, new LineMaterial({ linewidth: 2, vertexColors: true, transparent: true, opacity: 0.85, depthWrite: false }));
    line.frustumCulled = false;
    line.renderOrder = 5;
    const dots = new BufferGeometry();
    dots.setAttribute('position', new BufferAttribute(new Float32Array(MAX_FLIGHTS * 3), 3).setUsage(DynamicDrawUsage));
    dots.setAttribute('color', new BufferAttribute(new Float32Array(MAX_FLIGHTS * 3), 3).setUsage(DynamicDrawUsage));
    dots.setDrawRange(0, 0);
    // The plain lines read the wide lines' own arrays: a segment's xyz xyz is two vertices of GL_LINES.
    const arrays = segmentArrays(lines);
    const plainGeometry = new BufferGeometry();
    plainGeometry.setAttribute('position', new BufferAttribute(arrays.positions.array as Float32Array, 3));
    plainGeometry.setAttribute('color', new BufferAttribute(arrays.colours.array as Float32Array, 3));
    plainGeometry.setDrawRange(0, 0);
    const plain = new LineSegments(plainGeometry, new LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.85, depthWrite: false }));
    plain.frustumCulled = false;
    plain.renderOrder = 5;
    return { lines, line, plain, dots, count: 0, arcs: 0, snapshotT: 0, snapshotAt: 0 };
  }, []);
  useLayoutEffect(() => () => {
    drawn.lines.dispose();
    drawn.line.material.dispose();
    drawn.plain.geometry.dispose();
    drawn.plain.material.dispose();
    drawn.dots.dispose();
  }, [drawn]);
  // A batch of messages is a reason to draw: the map's canvas renders on demand.
  useEffect(() => model.messages.subscribe(() => invalidate()), [model, invalidate]);

  const colours = useMemo(() => {
    const out = {} as Record<string, Color>;
    for (const [arch, hex] of Object.entries(ARCHITECTURE_COLOURS)) out[arch] = new Color(hex);
    return out;
  }, []);
  const placer = useMemo(() => makePlacer(session, (id) => model.renderStats.vehicleScenePoint?.(id)), [session, model]);

  useFrame(({ size }) => {
    drawn.line.material.resolution.set(size.width, size.height);
    const stats = model.renderStats.layers;
    const on = model.store.get().storyLayers;
    drawn.line.visible = on && !thin;
    drawn.plain.visible = on && thin;
    if (!on) {
      drawn.lines.instanceCount = 0;
      drawn.plain.geometry.setDrawRange(0, 0);
      drawn.dots.setDrawRange(0, 0);
      drawn.count = stats.arcs = 0;
      return;
    }
    const { flights } = model.mapEvents;
    if (flights.size === 0 && drawn.count === 0) return;
    const { snapshot, status } = model.store.get();
    const now = performance.now();
    if ((snapshot?.t ?? 0) !== drawn.snapshotT) {
      drawn.snapshotT = snapshot?.t ?? 0;
      drawn.snapshotAt = now;
    }
    const speed = status.state === 'playing' && typeof status.speed === 'number' ? status.speed : 0;
    const t = drawn.snapshotT + Math.min(EXTRAPOLATE_MS, now - drawn.snapshotAt) * speed;
    const { positions: line, colours: lineColour } = segmentArrays(drawn.lines);
    const dot = drawn.dots.getAttribute('position') as BufferAttribute;
    const dotColour = drawn.dots.getAttribute('color') as BufferAttribute;
    const lp = line.array as Float32Array;
    const lc = lineColour.array as Float32Array;
    const dp = dot.array as Float32Array;
    const dc = dotColour.array as Float32Array;
    const { arcs, dots } = layoutArcs(flights.values(), placer, unit);
    // Kept from the last frame that drew arcs, so a reader after the messages landed still sees their colours.
    if (flights.size > 0) stats.arcArchitectures.length = 0;
    let changed = arcs.length !== drawn.arcs;
    for (let i = 0; i < arcs.length; i++) {
      const arc = arcs[i]!;
      const c = colours[arc.architecture] ?? colours['cloud-cloud']!;
      let o = i * PIECES * 6;
      for (let k = 0; k < PIECES; k++, o += 6) {
        for (let e = 0; e < 2; e++) {
          const [x, y, z] = pointOnArc(arc, (k + e) / PIECES);
          const at = o + e * 3;
          if (lp[at] !== Math.fround(x) || lp[at + 1] !== Math.fround(y) || lp[at + 2] !== Math.fround(z) || lc[at] !== Math.fround(c.r) || lc[at + 1] !== Math.fround(c.g) || lc[at + 2] !== Math.fround(c.b)) changed = true;
          lp[at] = x;
          lp[at + 1] = y;
          lp[at + 2] = z;
          lc[at] = c.r;
          lc[at + 1] = c.g;
          lc[at + 2] = c.b;
        }
      }
      if (!stats.arcArchitectures.includes(arc.architecture)) stats.arcArchitectures.push(arc.architecture);
    }
    let n = 0;
    for (const { flight, arc, reversed } of dots) {
      const f = progressOf(flight, t);
      const [x, y, z] = pointOnArc(arcs[arc]!, reversed ? 1 - f : f);
      const c = colours[arcs[arc]!.architecture] ?? colours['cloud-cloud']!;
      dp[n * 3] = x;
      dp[n * 3 + 1] = y;
      dp[n * 3 + 2] = z;
      dc[n * 3] = c.r;
      dc[n * 3 + 1] = c.g;
      dc[n * 3 + 2] = c.b;
      n++;
    }
    drawn.count = n;
    drawn.arcs = arcs.length;
    stats.arcs = n;
    if (n > 0) model.renderStats.arcFrames++;
    drawn.lines.instanceCount = arcs.length * PIECES;
    drawn.plain.geometry.setDrawRange(0, arcs.length * PIECES * 2);
    drawn.dots.setDrawRange(0, n);
    // Only what is drawn goes to the GPU, and the arcs only when they moved: the whole arrays are MAX_FLIGHTS arcs.
    if (changed && arcs.length > 0) {
      const floats = arcs.length * PIECES * 6;
      if (thin) {
        for (const name of ['position', 'color']) {
          const attribute = drawn.plain.geometry.getAttribute(name) as BufferAttribute;
          attribute.clearUpdateRanges();
          attribute.addUpdateRange(0, floats);
          attribute.needsUpdate = true;
        }
      } else {
        for (const buffer of [line, lineColour]) {
          buffer.clearUpdateRanges();
          buffer.addUpdateRange(0, floats);
          buffer.needsUpdate = true;
        }
      }
    }
    // A range of 0 would upload the whole array (WebGL 2 reads a length of 0 as "to the end").
    if (n > 0) {
      for (const attribute of [dot, dotColour]) {
        attribute.clearUpdateRanges();
        attribute.addUpdateRange(0, n * 3);
        attribute.needsUpdate = true;
      }
    }
    // The dots move while anything is in flight: ask for the next frame.
    if (n > 0) invalidate();
  });

  return (
    <group>
      <primitive object={drawn.line} />
      <primitive object={drawn.plain} />
      <points geometry={drawn.dots} frustumCulled={false}>
        <pointsMaterial vertexColors size={9} sizeAttenuation={false} depthWrite={false} />
      </points>
    </group>
  );
}
