import { describe, expect, it } from 'vitest';
import { BOX_TRIANGLES, boxIndices, boxTemplate, paintBox, writeBox } from './box-mesh';

type V = [number, number, number];
const vertex = (p: Float32Array, i: number): V => [p[i * 3]!, p[i * 3 + 1]!, p[i * 3 + 2]!];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Every triangle's normal from its winding (counter-clockwise = front), pointing away from the box's centre. */
function windingFacesOutward(positions: Float32Array, indices: ArrayLike<number>, centre: V): boolean {
  for (let t = 0; t < indices.length; t += 3) {
    const [a, b, c] = [indices[t]!, indices[t + 1]!, indices[t + 2]!].map((i) => vertex(positions, i)) as [V, V, V];
    const mid: V = [(a[0] + b[0] + c[0]) / 3, (a[1] + b[1] + c[1]) / 3, (a[2] + b[2] + c[2]) / 3];
    if (dot(cross(sub(b, a), sub(c, a)), sub(mid, centre)) <= 0) return false;
  }
  return true;
}

describe('box meshes', () => {
  it('has five faces (no bottom), wound to face outward, with per-face normals when lit', () => {
    const lit = boxTemplate(2, 1, 4, 0.5, true);
    expect(lit.vertices).toBe(20);
    expect(lit.indices.length / 3).toBe(BOX_TRIANGLES);
    expect(windingFacesOutward(lit.positions, lit.indices, [0, 1, 0])).toBe(true);
    // No face points down; the top one points up.
    const normals = Array.from({ length: 20 }, (_, i) => vertex(lit.normals!, i));
    expect(normals.some((n) => n[1] < 0)).toBe(false);
    expect(normals.filter((n) => n[1] === 1)).toHaveLength(4);
    const ys = Array.from({ length: 20 }, (_, i) => vertex(lit.positions, i)[1]);
    expect([Math.min(...ys), Math.max(...ys)]).toEqual([0.5, 1.5]);
  });

  it('shares the 8 corners when unlit', () => {
    const unlit = boxTemplate(2, 1, 4, 0, false);
    expect(unlit.vertices).toBe(8);
    expect(unlit.normals).toBeUndefined();
    expect(windingFacesOutward(unlit.positions, unlit.indices, [0, 0.5, 0])).toBe(true);
  });

  it('places, turns and paints box i without touching the others', () => {
    const t = boxTemplate(2, 1, 4, 0, true);
    const positions = new Float32Array(3 * t.vertices * 3);
    const normals = new Float32Array(positions.length);
    writeBox(t, positions, 1, 100, -50, Math.PI / 2, normals);
    expect(positions.subarray(0, t.vertices * 3).every((v) => v === 0)).toBe(true);
    expect(positions.subarray(2 * t.vertices * 3).every((v) => v === 0)).toBe(true);
    // Turned a quarter about +y, the 4 m long (z) box now lies along x, centred on (100, -50).
    const box = Array.from({ length: t.vertices }, (_, k) => vertex(positions, t.vertices + k));
    const xs = box.map((p) => p[0]);
    const zs = box.map((p) => p[2]);
    expect(Math.min(...xs)).toBeCloseTo(98);
    expect(Math.max(...xs)).toBeCloseTo(102);
    expect(Math.min(...zs)).toBeCloseTo(-51);
    expect(Math.max(...zs)).toBeCloseTo(-49);
    const indices = boxIndices(t, 3);
    expect(windingFacesOutward(positions, indices.subarray(BOX_TRIANGLES * 3, BOX_TRIANGLES * 6), [100, 0.5, -50])).toBe(true);
    // Normals turn with the box: the +z face now faces +x.
    expect(vertex(normals, t.vertices + 12).map((v) => Math.round(v))).toEqual([1, 0, 0]);

    const colours = new Float32Array(positions.length);
    paintBox(t, colours, 2, 0.1, 0.2, 0.3);
    expect(Array.from(colours.subarray(2 * t.vertices * 3, 2 * t.vertices * 3 + 3))).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect(colours.subarray(0, 2 * t.vertices * 3).every((v) => v === 0)).toBe(true);
  });
});
