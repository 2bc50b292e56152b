import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKernel } from '../twins/kernel';
import { nodeSha256Hasher } from './host-event-log';
import { offloadedSha256Hasher } from './offloaded-sha256';

/** Deterministic bytes: a stream of `total` bytes cut into pieces of the given sizes (cycled). */
function pieces(total: number, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let made = 0;
  for (let i = 0; made < total; i++) {
    const size = Math.min(sizes[i % sizes.length]!, total - made);
    const piece = new Uint8Array(size);
    for (let j = 0; j < size; j++) piece[j] = (made + j) * 131 + (made + j >> 8) & 255;
    out.push(piece);
    made += size;
  }
  return out;
}

function nativeDigest(chunks: readonly Uint8Array[]): string {
  const h = nodeSha256Hasher();
  for (const c of chunks) h.update(c);
  return h.digestHex();
}

describe('offloadedSha256Hasher', () => {
  it('matches the SHA-256 test vector for "abc" and for the empty stream', () => {
    const abc = offloadedSha256Hasher();
    abc.update(new TextEncoder().encode('abc'));
    expect(abc.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(offloadedSha256Hasher().digestHex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes a small stream inline: no worker for runs that do not need one', () => {
    const chunks = pieces(200_000, [1000, 70_000, 3]);
    const h = offloadedSha256Hasher();
    for (const c of chunks) h.update(c);
    expect(h.digestHex()).toBe(nativeDigest(chunks));
    expect(h.offloaded).toBe(false);
  });

  it('hands a large stream to the worker and gives the same digest, through a ring that wraps and fills', () => {
    // A tiny ring (3 slots of 4 KiB) makes the main thread wait for free slots and split pieces larger than a slot.
    const chunks = pieces(3_000_000, [65_536, 10, 100_000, 4096, 4097, 1]);
    const h = offloadedSha256Hasher({ startAfterBytes: 50_000, slots: 3, slotBytes: 4096 });
    for (const c of chunks) h.update(c);
    expect(h.digestHex()).toBe(nativeDigest(chunks));
    expect(h.offloaded).toBe(true);
  });

  it('reads the bytes before update returns, so the caller may reuse its buffer', () => {
    const buffer = new Uint8Array(10_000);
    const h = offloadedSha256Hasher({ startAfterBytes: 0, slots: 2, slotBytes: 1024 });
    const fresh = nodeSha256Hasher();
    for (let round = 0; round < 300; round++) {
      buffer.fill(round);
      h.update(buffer);
      fresh.update(buffer.slice());
    }
    expect(h.digestHex()).toBe(fresh.digestHex());
  });

  it('gives the native digest for any way of cutting the stream, with or without a worker', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 60_000 }), (sizes, startAfterBytes) => {
        const chunks = pieces(sizes.reduce((a, b) => a + b, 0), sizes.map((s) => Math.max(1, s)));
        const h = offloadedSha256Hasher({ startAfterBytes, slots: 2, slotBytes: 2048 });
        for (const c of chunks) h.update(c);
        expect(h.digestHex()).toBe(nativeDigest(chunks));
      }),
      { numRuns: 25 },
    );
  });

  it('hashes inline after all when its worker never runs, still with the right digest', () => {
    const chunks = pieces(500_000, [30_000]);
    const h = offloadedSha256Hasher({ startAfterBytes: 10_000, startTimeoutMs: 300, workerSource: 'throw new Error("no worker today")' });
    for (const c of chunks) h.update(c);
    expect(h.digestHex()).toBe(nativeDigest(chunks));
    expect(h.offloaded).toBe(false);
  });

  it('gives an event log the same hash as the inline native hasher', () => {
    const run = (hasher: ReturnType<typeof nodeSha256Hasher>): string => {
      const kernel = createKernel({ seed: 9, retainLines: false, hasher });
      for (let i = 0; i < 20_000; i++) kernel.events.emit('test.tick', `twin/${i % 17}`, { i, text: `情報 ${i}`, nested: { b: i / 7, a: [i, 'x'] } });
      return kernel.events.hash();
    };
    const offloaded = offloadedSha256Hasher({ startAfterBytes: 100_000 });
    expect(run(offloaded)).toBe(run(nodeSha256Hasher()));
    expect(offloaded.offloaded).toBe(true);
  });
});
