// The portable Ed25519 of twins/: @noble/curves (audited, pure JS, no host APIs), so a simulation signs and
// verifies in a bare JS context or a browser. The engine injects node:crypto's native implementation instead
// (engine/security/node-ed25519.ts, several times faster); a test proves both agree byte for byte.
import { ed25519 } from '@noble/curves/ed25519.js';
import { ED25519_SEED_BYTES, type KeyPair, type SignatureProvider } from './signature-provider';

export const nobleEd25519: SignatureProvider = {
  name: 'noble-ed25519',
  generateKeyPair(seed: Uint8Array): KeyPair {
    if (seed.length !== ED25519_SEED_BYTES) throw new Error(`an Ed25519 private key is ${ED25519_SEED_BYTES} bytes, got ${seed.length}`);
    const privateKey = Uint8Array.from(seed); // keygen(seed) would keep the caller's buffer; own a copy instead
    return { privateKey, publicKey: ed25519.getPublicKey(privateKey) };
  },
  sign: (privateKey, message) => ed25519.sign(message, privateKey),
  verify(publicKey, message, signature) {
    try {
      // zip215: false is RFC 8032 / FIPS 186-5 strict verification: canonical encodings only, and no small-order key
      // (under which one forged signature passes for every message). Every key here is derived from a seed.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false; // a malformed key or signature is simply not a valid signature
    }
  },
};
