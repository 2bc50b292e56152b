// An arc between a car and its home for every message in flight between them (map-events.ts), coloured by the
// run's architecture, with a dot moving along it as the message crosses its hops in virtual time. One wide-line
// geometry (as the routes') and one point geometry for all arcs, sized once (MAX_FLIGHTS): the frame loop rewrites
// them in place. On a CPU renderer the arcs are plain one-pixel lines read from the same arrays: each wide segment is a
// quad whose vertex shader SwiftShader runs on the CPU, and a busy run keeps MAX_FLIGHTS × PIECES of them in the air.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, DynamicDrawUsage, LineBasicMaterial, LineSegments } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { Architecture, SessionInfo } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { MAX_FLIGHTS, progressOf, type MapEnd } from '../state/map-events';
import { allocateSegments, segmentArrays } from './Routes';

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

/** Where a map end is drawn on the ground (x, z), or undefined when it is not drawn. */
export type Placer = (end: MapEnd) => [number, number] | undefined;

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
    return { lines, line, plain, dots, count: 0, snapshotT: 0, snapshotAt: 0 };
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
    let n = 0;
    // Kept from the last frame that drew arcs, so a reader after the messages landed still sees their colours.
    if (flights.size > 0) stats.arcArchitectures.length = 0;
    for (const flight of flights.values()) {
      const a = placer(flight.from);
      const b = placer(flight.to);
      if (a === undefined || b === undefined) continue;
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (length < 1) continue;
      // A parabola over the straight line, higher for longer arcs, so arcs read apart from the roads.
      const lift = Math.max(3 * unit, length * 0.35);
      const c = colours[flight.architecture] ?? colours['cloud-cloud']!;
      let o = n * PIECES * 6;
      for (let k = 0; k < PIECES; k++, o += 6) {
        for (let e = 0; e < 2; e++) {
          const f = (k + e) / PIECES;
          lp[o + e * 3] = a[0] + (b[0] - a[0]) * f;
          lp[o + e * 3 + 1] = 4 * lift * f * (1 - f) + 2;
          lp[o + e * 3 + 2] = a[1] + (b[1] - a[1]) * f;
          lc[o + e * 3] = c.r;
          lc[o + e * 3 + 1] = c.g;
          lc[o + e * 3 + 2] = c.b;
        }
      }
      const f = progressOf(flight, t);
      dp[n * 3] = a[0] + (b[0] - a[0]) * f;
      dp[n * 3 + 1] = 4 * lift * f * (1 - f) + 2;
      dp[n * 3 + 2] = a[1] + (b[1] - a[1]) * f;
      dc[n * 3] = c.r;
      dc[n * 3 + 1] = c.g;
      dc[n * 3 + 2] = c.b;
      if (!stats.arcArchitectures.includes(flight.architecture)) stats.arcArchitectures.push(flight.architecture);
      n++;
    }
    drawn.count = n;
    stats.arcs = n;
    if (n > 0) model.renderStats.arcFrames++;
    drawn.lines.instanceCount = n * PIECES;
    drawn.plain.geometry.setDrawRange(0, n * PIECES * 2);
    drawn.dots.setDrawRange(0, n);
    if (thin) drawn.plain.geometry.getAttribute('position').needsUpdate = drawn.plain.geometry.getAttribute('color').needsUpdate = true;
    else line.needsUpdate = lineColour.needsUpdate = true;
    dot.needsUpdate = dotColour.needsUpdate = true;
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
