// RFC 8032 / FIPS 186-5 strict public keys for node:crypto. OpenSSL verifies under any point it can decode, including
// the eight points of small order — under the identity key one fixed signature (R = identity, S = 0) verifies for
// every message — and non-canonical encodings (y ≥ p). noble's strict mode (twins/security/noble-ed25519.ts,
// zip215: false) refuses both; the two providers must agree on hostile keys, so the engine refuses them before
// OpenSSL sees them. Decoding the point to test its order would cost ~40 µs a key (tens of thousands in a city); the
// small-order points' y coordinates are few and fixed, so a comparison of bytes does it.

/** y coordinates (little-endian, sign bit clear) of the small-order points: 1 and p − 1 (orders 1 and 2), 0 (order 4)
 *  and the two of order 8. Each x sign gives a point; the sign bit is masked off before comparing. */
export const SMALL_ORDER_Y: readonly string[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
];
/** p = 2^255 − 19, little-endian: its first byte is 0xed, every other 0xff but the last, 0x7f. */
const P_LOW_BYTE = 0xed;

function yBytes(key: Uint8Array): Uint8Array {
  const y = Uint8Array.from(key);
  y[31]! &= 0x7f;
  return y;
}

/** y ≥ p: a second encoding of y − p, which RFC 8032 decoding refuses. */
function isNonCanonical(y: Uint8Array): boolean {
  if (y[31] !== 0x7f) return false;
  for (let i = 30; i >= 1; i--) if (y[i] !== 0xff) return false;
  return y[0]! >= P_LOW_BYTE;
}

/** Whether a 32-byte Ed25519 public key may be used to verify: canonical, and not of small order. */
export function isStrictPublicKey(key: Uint8Array): boolean {
  if (key.length !== 32) return false;
  const y = yBytes(key);
  if (isNonCanonical(y)) return false;
  const hex = Buffer.from(y).toString('hex');
  return !SMALL_ORDER_Y.includes(hex);
}
