// The engine's refusal of small-order and non-canonical Ed25519 keys must agree with noble's strict (RFC 8032)
// decoding, which the portable provider uses: the constants are checked against noble, not trusted.
import { ed25519 } from '@noble/curves/ed25519.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '../../twins/security';
import { nodeEd25519 } from './node-ed25519';
import { isStrictPublicKey, SMALL_ORDER_Y as SMALL_ORDER_YS } from './strict-public-key';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** noble's verdict: decodes under RFC 8032 rules (canonical) and is not of small order. */
function nobleStrictAccepts(key: Uint8Array): boolean {
  try {
    return !ed25519.Point.fromBytes(key, false).isSmallOrder();
  } catch {
    return false;
  }
}

/** y = p + k, little-endian, for k in 0..18 (the only 255-bit values ≥ p). */
function pPlus(k: number): Uint8Array {
  const y = new Uint8Array(32).fill(0xff);
  y[0] = 0xed + k;
  y[31] = 0x7f;
  return y;
}

const withSign = (y: Uint8Array, sign: 0 | 1): Uint8Array => {
  const key = Uint8Array.from(y);
  key[31] = (key[31]! & 0x7f) | (sign << 7);
  return key;
};

// The module's own list, each entry proved small-order by noble below (a wrong constant fails that test).
const SMALL_ORDER_Y = SMALL_ORDER_YS.map(fromHex);

describe('strict Ed25519 public keys', () => {
  it('names exactly the small-order points noble finds, under both x signs where the point exists', () => {
    for (const y of SMALL_ORDER_Y) {
      for (const sign of [0, 1] as const) {
        const key = withSign(y, sign);
        expect(isStrictPublicKey(key), hex(key)).toBe(false);
        expect(nobleStrictAccepts(key), hex(key)).toBe(false);
        let point;
        try {
          point = ed25519.Point.fromBytes(key, true); // ZIP-215 decoding: accepts what strict refuses, to test the order
        } catch {
          continue; // x = 0 with the sign bit set does not decode at all
        }
        expect(point.isSmallOrder(), hex(key)).toBe(true);
      }
    }
  });

  it('refuses every encoding of y ≥ p, as strict decoding does', () => {
    for (let k = 0; k <= 18; k++) {
      for (const sign of [0, 1] as const) {
        const key = withSign(pPlus(k), sign);
        expect(isStrictPublicKey(key), hex(key)).toBe(false);
        expect(nobleStrictAccepts(key), hex(key)).toBe(false);
      }
    }
  });

  it('accepts y = p − 2, just below the non-canonical range: the edge is exact', () => {
    const y = pPlus(0);
    y[0] = 0xec - 1; // p − 2: canonical, not small order if it decodes
    expect(isStrictPublicKey(y)).toBe(true);
  });

  it('agrees with noble on every key noble accepts, and refuses only what noble refuses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const { publicKey } = nobleEd25519.generateKeyPair(seed);
        expect(isStrictPublicKey(publicKey)).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        if (!isStrictPublicKey(key)) expect(nobleStrictAccepts(key)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses wrong lengths', () => {
    expect(isStrictPublicKey(new Uint8Array(31))).toBe(false);
    expect(isStrictPublicKey(new Uint8Array(33))).toBe(false);
  });
});

describe('node:crypto provider under hostile keys (attack)', () => {
  it('refuses the universal forgery under the identity key, canonical (y = 1) or not (y = p + 1)', () => {
    // R = identity (y = 1), S = 0: [S]B = R + [k]A holds for every message when A is the identity.
    const forgery = new Uint8Array(64);
    forgery[0] = 1;
    const node = nodeEd25519();
    for (const key of [withSign(SMALL_ORDER_Y[0]!, 0), withSign(pPlus(1), 0)]) {
      for (const message of [new Uint8Array([1, 2, 3]), new TextEncoder().encode('{"capability":"lock.unlock"}')]) {
        expect(node.verify(key, message, forgery), hex(key)).toBe(false);
        expect(nobleEd25519.verify(key, message, forgery), hex(key)).toBe(false);
      }
    }
  });
});
