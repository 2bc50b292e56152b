import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pureSha256Hasher } from '../twins/kernel';
import { nodeSha256Hasher } from './host-hasher';

describe('nodeSha256Hasher', () => {
  it('gives the same digest as the pure-JS hasher for any sequence of lines', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), (lines) => {
        const native = nodeSha256Hasher();
        const pure = pureSha256Hasher();
        for (const line of lines) {
          native.update(`${line}\n`);
          pure.update(`${line}\n`);
        }
        expect(native.digestHex()).toBe(pure.digestHex());
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same digest when lines fill its buffer exactly, overflow it, or are larger than it', () => {
    const sizes = [1, 65_535, 65_536, 65_537, 21_845, 200_000, 3];
    const native = nodeSha256Hasher();
    const pure = pureSha256Hasher();
    sizes.forEach((size, i) => {
      const line = (i % 2 === 0 ? 'a' : 'é€').repeat(size).slice(0, size) + (i === 3 ? '😀' : ''); // multi-byte UTF-8 at the edges too
      native.update(line);
      pure.update(line);
    });
    expect(native.digestHex()).toBe(pure.digestHex());
  });

  it('matches the SHA-256 test vector for "abc"', () => {
    const h = nodeSha256Hasher();
    h.update('abc');
    expect(h.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
