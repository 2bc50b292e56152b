import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pureSha256Hasher } from '../twins/kernel';
import { utf8Bytes, utf8Text } from '../twins/kernel/utf8';
import { nodeEventLogHost, nodeSha256Hasher, nodeUtf8Decoder } from './host-event-log';

describe('nodeSha256Hasher', () => {
  it('gives the same digest as the pure-JS hasher for any sequence of lines', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), (lines) => {
        const native = nodeSha256Hasher();
        const pure = pureSha256Hasher();
        for (const line of lines) {
          native.update(utf8Bytes(`${line}\n`));
          pure.update(utf8Bytes(`${line}\n`));
        }
        expect(native.digestHex()).toBe(pure.digestHex());
      }),
      { numRuns: 300 },
    );
  });

  it('reads the bytes before update returns, so the caller may reuse its buffer', () => {
    const buffer = new Uint8Array(3);
    const reused = nodeSha256Hasher();
    const fresh = pureSha256Hasher();
    for (const text of ['abc', 'def', 'ghi']) {
      buffer.set(utf8Bytes(text));
      reused.update(buffer);
      fresh.update(utf8Bytes(text));
    }
    expect(reused.digestHex()).toBe(fresh.digestHex());
  });

  it('matches the SHA-256 test vector for "abc"', () => {
    const h = nodeSha256Hasher();
    h.update(utf8Bytes('abc'));
    expect(h.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('nodeUtf8Decoder', () => {
  it('reads any slice of a line buffer as the portable decoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), (before, text, after) => {
        const bytes = utf8Bytes(before + text + after);
        const start = utf8Bytes(before).length;
        const end = start + utf8Bytes(text).length;
        expect(nodeUtf8Decoder(bytes, start, end)).toBe(utf8Text(bytes, start, end));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('nodeEventLogHost', () => {
  it('gives every engine run a fresh native hasher', () => {
    const { hasher } = nodeEventLogHost();
    expect(nodeEventLogHost().hasher).not.toBe(hasher);
    hasher.update(utf8Bytes('abc'));
    expect(hasher.digestHex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
