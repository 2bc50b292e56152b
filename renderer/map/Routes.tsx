// Each driving car's planned route as one set of wide line segments for all cars (three's LineSegments2: WebGL
// draws plain lines one pixel wide, too thin to read on a city), the part already driven dimmed. A crowd of routes
// (a 1,000-car city) is drawn as plain lines from the same arrays instead: each wide segment is a quad whose
// vertex shader a CPU renderer pays for, and a thousand overlapping routes read as a network, not as stories. Routes are fetched
// (getRoutes) only when the engine's routeVersion moves — a car set off, was sent elsewhere or arrived — at most
// one request at a time; between fetches the frame loop only repaints the segments a car has just finished, found
// by binary search on the route's times. Buffers grow and are reused: no allocation per frame.
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry, Color, InstancedInterleavedBuffer, InterleavedBufferAttribute, LineBasicMaterial, LineSegments } from 'three';
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js';
import { LineSegments2 } from 'three/examples/jsm/lines/LineSegments2.js';
import { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js';
import type { VehicleRoute } from '../../protocol';
import { useModel } from '../app/ModelContext';
import { useDrawWhenChanged, type ContentChange } from './draw-when-changed';

export const ROUTE_COLOUR = '#fdba74';
/** The road behind a car: the route's colour three quarters of the way to the map's background. */
const DRIVEN_COLOUR = new Color(ROUTE_COLOUR).lerp(new Color('#0d1117'), 0.72);
/** Line width in CSS pixels. */
const WIDTH = 3;
/** Drawn just above the roads. */
const HEIGHT = 2;
/** Past this many segments (~150 routes) the routes are drawn as plain lines. */
export const WIDE_MAX_SEGMENTS = 2_000;
/**
 * Past this many driving cars only the routes of the scene's own household's cars and of the selected car are
 * drawn: a thousand routes cover the city like a second street map — no story in it, and on a CPU renderer it
 * cost the 1,000-car map about two thirds of its frame rate (bench/ui.bench.ts, layers on against off).
 */
export const CROWD_ROUTES = 100;

/** The routes drawn: all of them, or in a crowd those of the `story` cars and the selected one. */
export function routesToDraw(routes: VehicleRoute[], story: ReadonlySet<string>, selected: string | undefined): VehicleRoute[] {
  if (routes.length <= CROWD_ROUTES) return routes;
  return routes.filter((r) => story.has(r.id) || r.id === selected);
}

/** How many of a route's segments are driven by virtual time t: segment k is, once its end time has passed. */
export function drivenSegments(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length - 1; // segments = times.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return times.length === 0 || times[0]! > t ? 0 : lo;
}

interface Drawn {
  geometry: LineSegmentsGeometry;
  capacity: number;
  routes: VehicleRoute[];
  /** First segment of each route in the buffers, and how many of its segments are painted driven. */
  first: number[];
  painted: number[];
  segments: number;
  /** What the buffers show: this routes list at this virtual time. */
  shownRoutes: VehicleRoute[] | null;
  /** What `shown` was filtered from, and for which selected car. */
  filteredFrom: VehicleRoute[] | null;
  filteredFor: string | undefined;
  shown: VehicleRoute[];
  shownT: number;
}

/** Segment buffers (xyz xyz and rgb rgb per segment) big enough for `segments`, grown by doubling. */
export function allocateSegments(geometry: LineSegmentsGeometry, capacity: number, segments: number): number {
  if (segments <= capacity && capacity > 0) return capacity;
  const grown = Math.max(segments, capacity * 2, 256);
  const positions = new InstancedInterleavedBuffer(new Float32Array(grown * 6), 6, 1);
  const colours = new InstancedInterleavedBuffer(new Float32Array(grown * 6), 6, 1);
  geometry.setAttribute('instanceStart', new InterleavedBufferAttribute(positions, 3, 0));
  geometry.setAttribute('instanceEnd', new InterleavedBufferAttribute(positions, 3, 3));
  geometry.setAttribute('instanceColorStart', new InterleavedBufferAttribute(colours, 3, 0));
  geometry.setAttribute('instanceColorEnd', new InterleavedBufferAttribute(colours, 3, 3));
  return grown;
}

/** The arrays behind a LineSegmentsGeometry's segments, to write in place. */
export function segmentArrays(geometry: LineSegmentsGeometry): { positions: InstancedInterleavedBuffer; colours: InstancedInterleavedBuffer } {
  return {
    positions: (geometry.getAttribute('instanceStart') as InterleavedBufferAttribute).data as InstancedInterleavedBuffer,
    colours: (geometry.getAttribute('instanceColorStart') as InterleavedBufferAttribute).data as InstancedInterleavedBuffer,
  };
}

export function Routes({ story }: { story: ReadonlySet<string> }) {
  const model = useModel();
  const invalidate = useThree((s) => s.invalidate);
  const drawn = useMemo<Drawn>(() => {
    const geometry = new LineSegmentsGeometry();
    return { geometry, capacity: allocateSegments(geometry, 0, 0), routes: [], first: [], painted: [], segments: 0, shownRoutes: null, shownT: -1, filteredFrom: null, filteredFor: undefined, shown: [] };
  }, []);
  const line = useMemo(() => {
    const material = new LineMaterial({ linewidth: WIDTH, vertexColors: true, transparent: true, opacity: 0.9, depthWrite: false });
    const l = new LineSegments2(drawn.geometry, material);
    l.frustumCulled = false;
    l.renderOrder = 1;
    return l;
  }, [drawn]);
  // The plain lines read the very same arrays (a segment's xyz xyz is two vertices of GL_LINES).
  const thin = useMemo(() => {
    const l = new LineSegments(new BufferGeometry(), new LineBasicMaterial({ vertexColors: true, transparent: true, opacity: 0.8, depthWrite: false }));
    l.frustumCulled = false;
    l.renderOrder = 1;
    l.visible = false;
    return l;
  }, []);
  useLayoutEffect(() => () => {
    drawn.geometry.dispose();
    line.material.dispose();
    thin.geometry.dispose();
    thin.material.dispose();
  }, [drawn, line, thin]);

  // Fetch when the routes changed: one request in flight; a change seen meanwhile is fetched when it answers.
  useEffect(() => {
    let fetchedVersion = -1;
    let inFlight = false;
    let disposed = false;
    const check = (): void => {
      const snapshot = model.store.get().snapshot;
      const version = snapshot?.routeVersion ?? -1;
      if (inFlight || version === fetchedVersion) return;
      if (snapshot === null) {
        fetchedVersion = version;
        drawn.routes = [];
        invalidate();
        return;
      }
      inFlight = true;
      fetchedVersion = version;
      model.api.getRoutes().then((routes) => {
        if (disposed) return;
        drawn.routes = routes;
        invalidate();
      }, () => undefined).finally(() => {
        inFlight = false;
        if (!disposed) check();
      });
    };
    check();
    const off = model.store.subscribe(check);
    return () => {
      disposed = true;
      off();
    };
  }, [model, drawn, invalidate]);

  const ahead = useMemo(() => new Color(ROUTE_COLOUR), []);
  // The routes' canvas is drawn only when this loop changed what it shows (or the camera moved): see draw-when-changed.
  const content = useMemo<ContentChange>(() => ({ changed: true }), []);
  useDrawWhenChanged(content);
  useFrame(({ size }) => {
    const { storyLayers } = model.store.get();
    if (!storyLayers) {
      if (line.visible || thin.visible) content.changed = true;
      line.visible = thin.visible = false;
      drawn.shownRoutes = null; // drawn again in full when the layers come back
      model.renderStats.layers.routes = 0;
      return;
    }
    if (line.material.resolution.x !== size.width || line.material.resolution.y !== size.height) content.changed = true;
    line.material.resolution.set(size.width, size.height);
    const t = model.store.get().snapshot?.t ?? 0;
    const selected = /^vehicle\/([^/]+)/.exec(model.store.get().selectedTwin ?? '')?.[1];
    if (drawn.routes !== drawn.filteredFrom || selected !== drawn.filteredFor) {
      drawn.shown = routesToDraw(drawn.routes, story, selected);
      drawn.filteredFrom = drawn.routes;
      drawn.filteredFor = selected;
    }
    const { shown: routes, geometry } = drawn;
    if (routes === drawn.shownRoutes && t === drawn.shownT) return;
    const rebuilt = routes !== drawn.shownRoutes;
    if (rebuilt) {
      // (A new virtual time alone changes nothing drawn unless a segment turned driven: repainted below.)
      content.changed = true;
      let segments = 0;
      drawn.first.length = 0;
      drawn.painted.length = 0;
      for (const r of routes) {
        drawn.first.push(segments);
        drawn.painted.push(-1);
        segments += Math.max(0, r.times.length - 1);
      }
      const capacity = allocateSegments(geometry, drawn.capacity, segments);
      if (capacity !== drawn.capacity || thin.geometry.getAttribute('position') === undefined) {
        const arrays = segmentArrays(geometry);
        thin.geometry.setAttribute('position', new BufferAttribute(arrays.positions.array as Float32Array, 3));
        thin.geometry.setAttribute('color', new BufferAttribute(arrays.colours.array as Float32Array, 3));
      }
      drawn.capacity = capacity;
      drawn.segments = segments;
      const { positions } = segmentArrays(geometry);
      {
        const p = positions.array as Float32Array;
        routes.forEach((r, i) => {
          let o = drawn.first[i]! * 6;
          for (let k = 0; k + 1 < r.times.length; k++, o += 6) {
            p[o] = r.points[2 * k]!;
            p[o + 1] = HEIGHT;
            p[o + 2] = -r.points[2 * k + 1]!;
            p[o + 3] = r.points[2 * k + 2]!;
            p[o + 4] = HEIGHT;
            p[o + 5] = -r.points[2 * k + 3]!;
          }
        });
        positions.needsUpdate = true;
        thin.geometry.getAttribute('position').needsUpdate = true;
      }
    }
    const { colours } = segmentArrays(geometry);
    let driven = 0;
    {
      const c = colours.array as Float32Array;
      let repainted = false;
      routes.forEach((r, i) => {
        const done = drivenSegments(r.times, t);
        driven += done;
        const before = drawn.painted[i]!;
        if (done === before) return;
        // Repaint only the segments whose look changed (all of them on a new route).
        const from = before < 0 ? 0 : Math.min(done, before);
        const to = before < 0 ? r.times.length - 1 : Math.max(done, before);
        for (let k = from; k < to; k++) {
          const colour = k < done ? DRIVEN_COLOUR : ahead;
          let o = (drawn.first[i]! + k) * 6;
          for (let v = 0; v < 2; v++, o += 3) {
            c[o] = colour.r;
            c[o + 1] = colour.g;
            c[o + 2] = colour.b;
          }
        }
        drawn.painted[i] = done;
        repainted = true;
      });
      if (repainted) {
        content.changed = true;
        colours.needsUpdate = true;
        thin.geometry.getAttribute('color').needsUpdate = true;
      }
    }
    geometry.instanceCount = drawn.segments;
    const wide = drawn.segments <= WIDE_MAX_SEGMENTS;
    if (line.visible !== wide || thin.visible === wide) content.changed = true;
    line.visible = wide;
    thin.visible = !wide;
    thin.geometry.setDrawRange(0, drawn.segments * 2);
    drawn.shownRoutes = routes;
    drawn.shownT = t;
    const stats = model.renderStats.layers;
    stats.routes = routes.length;
    stats.routesDriving = drawn.routes.length;
    stats.routeSegments = drawn.segments;
    stats.routeSegmentsDriven = driven;
  });

  return <>
    <primitive object={line} />
    <primitive object={thin} />
  </>;
}
