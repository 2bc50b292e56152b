import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from './noble-ed25519';

// RFC 8032 §7.1, test 1 and test 2.
const VECTORS = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

describe('the portable Ed25519 (noble)', () => {
  it.each(VECTORS)('reproduces RFC 8032 keys and signatures ($public)', (v) => {
    const keys = nobleEd25519.generateKeyPair(hexToBytes(v.secret));
    expect(bytesToHex(keys.publicKey)).toBe(v.public);
    const signature = nobleEd25519.sign(keys.privateKey, hexToBytes(v.message));
    expect(bytesToHex(signature)).toBe(v.signature);
    expect(nobleEd25519.verify(keys.publicKey, hexToBytes(v.message), signature)).toBe(true);
  });

  it('rejects another message, another key and malformed input without throwing', () => {
    const a = nobleEd25519.generateKeyPair(hexToBytes(VECTORS[0]!.secret));
    const b = nobleEd25519.generateKeyPair(hexToBytes(VECTORS[1]!.secret));
    const message = new Uint8Array([1, 2, 3]);
    const signature = nobleEd25519.sign(a.privateKey, message);
    expect(nobleEd25519.verify(a.publicKey, new Uint8Array([1, 2, 4]), signature)).toBe(false);
    expect(nobleEd25519.verify(b.publicKey, message, signature)).toBe(false);
    expect(nobleEd25519.verify(a.publicKey, message, signature.slice(0, 63))).toBe(false);
    expect(nobleEd25519.verify(new Uint8Array(31), message, signature)).toBe(false);
    expect(() => nobleEd25519.generateKeyPair(new Uint8Array(31))).toThrow(/32 bytes/);
  });

  it('keeps its own copy of the private key', () => {
    const seed = hexToBytes(VECTORS[0]!.secret);
    const keys = nobleEd25519.generateKeyPair(seed);
    seed.fill(0);
    expect(bytesToHex(keys.privateKey)).toBe(VECTORS[0]!.secret);
  });

  it('refuses the universal forgery ZIP-215 would accept: the identity as key, R the identity and S = 0', () => {
    // Under a small-order key the verification equation holds for every message; RFC 8032 strict verification
    // (zip215: false) refuses the key whether it is encoded canonically (y = 1) or not (y = p + 1).
    const forgery = new Uint8Array(64);
    forgery[0] = 1;
    const canonical = new Uint8Array(32);
    canonical[0] = 1;
    const nonCanonical = new Uint8Array(32).fill(0xff);
    nonCanonical[0] = 0xee;
    nonCanonical[31] = 0x7f;
    for (const key of [canonical, nonCanonical]) expect(nobleEd25519.verify(key, new Uint8Array([1, 2, 3]), forgery), bytesToHex(key)).toBe(false);
  });

  it('names itself, so a run can say which Ed25519 signed', () => {
    expect(nobleEd25519.name).toBe('noble-ed25519');
  });
});
