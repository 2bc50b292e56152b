// The engine's Ed25519: node:crypto (OpenSSL), several times faster than the portable @noble/curves one twins/
// falls back to. twins/ receives it through Simulation's `signatures` option, like the native SHA-256 of
// host-event-log.ts. Keys come from the simulation as raw 32-byte private keys (RFC 8032 seeds) and go to node:crypto
// as JWK (RFC 8037 OKP): OpenSSL 3 imports a raw key about ten times faster than it decodes the same key wrapped in
// PKCS#8 or SPKI DER (its DER decoders are generic), and a 10,000-home city imports tens of thousands of keys.
// Same keys and signatures as noble, byte for byte, and the same refusal of small-order and
// non-canonical keys (strict-public-key.ts) (tested).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { KeyPair, SignatureProvider } from '../../twins/security';
import { isStrictPublicKey } from './strict-public-key';

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');

export function nodeEd25519(): SignatureProvider {
  // KeyObjects are parsed once per key: a run signs with a handful of keys many times.
  const privateKeys = new WeakMap<Uint8Array, KeyObject>();
  const publicKeys = new Map<string, KeyObject | null>();

  const privateKeyObject = (privateKey: Uint8Array): KeyObject => {
    let key = privateKeys.get(privateKey);
    if (key === undefined) {
      if (privateKey.length !== 32) throw new Error(`an Ed25519 private key is 32 bytes, got ${privateKey.length}`);
      // node:crypto imports a private OKP key from `d` alone; it only checks that `x` is a string.
      key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: base64url(privateKey), x: '' }, format: 'jwk' });
      privateKeys.set(privateKey, key);
    }
    return key;
  };

  const publicKeyObject = (publicKey: Uint8Array): KeyObject | null => {
    const id = Buffer.from(publicKey).toString('hex');
    let key = publicKeys.get(id);
    if (key === undefined) {
      try {
        key = isStrictPublicKey(publicKey) ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64url(publicKey) }, format: 'jwk' }) : null;
      } catch {
        key = null; // not a point on the curve: no signature verifies under it
      }
      publicKeys.set(id, key);
    }
    return key;
  };

  return {
    name: 'node-ed25519',
    generateKeyPair(seed: Uint8Array): KeyPair {
      const privateKey = Uint8Array.from(seed);
      const { x } = createPublicKey(privateKeyObject(privateKey)).export({ format: 'jwk' });
      return { privateKey, publicKey: new Uint8Array(Buffer.from(x!, 'base64url')) };
    },
    sign: (privateKey, message) => new Uint8Array(sign(null, message, privateKeyObject(privateKey))),
    verify(publicKey, message, signature) {
      const key = publicKeyObject(publicKey);
      if (key === null || signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}
