// Seeded pseudo-random numbers with independent named streams. A stream's sequence depends only on the run
// seed and the stream's name (hashed with FNV-1a into a sfc32 state), so a new twin drawing from its own
// stream never changes the numbers other twins, links or routes get.
import type { RandomSource, RandomStream } from './types';

export class SeededRandom implements RandomSource {
  private readonly streams = new Map<string, RandomStream>();
  constructor(readonly seed: number) {}

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new Sfc32Stream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}

function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** sfc32: small, fast, passes PractRand for our needs; 128-bit state from four hashes of (seed, name). */
class Sfc32Stream implements RandomStream {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | undefined;

  constructor(seed: number, name: string) {
    const key = `${seed >>> 0}:${Math.floor(seed / 0x100000000)}:${name}`;
    this.a = fnv1a(key, 0x811c9dc5);
    this.b = fnv1a(key, 0x9e3779b9);
    this.c = fnv1a(key, 0x85ebca6b);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next(); // warm up so similar names diverge
  }

  next(): number {
    let { a, b, c, d } = this;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    this.a = a; this.b = b; this.c = c; this.d = d;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  normal(mean: number, stdDev: number): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return mean + stdDev * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + stdDev * r * Math.cos(2 * Math.PI * v);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
}
