// The engine's Ed25519: node:crypto (OpenSSL), several times faster than the portable @noble/curves one twins/
// falls back to. twins/ receives it through Simulation's `signatures` option, like the native SHA-256 of
// host-event-log.ts. Keys come from the simulation as raw 32-byte private keys (RFC 8032 seeds); node:crypto takes them
// wrapped in the fixed PKCS#8 DER header for Ed25519, and hands public keys back in SPKI DER, whose last 32 bytes
// are the raw key. Same keys and signatures as noble, byte for byte (tested).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { KeyPair, SignatureProvider } from '../../twins/security';

/** PKCS#8 PrivateKeyInfo for Ed25519 (OID 1.3.101.112) up to the 32-byte private key. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SubjectPublicKeyInfo for Ed25519 up to the 32-byte public key. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function nodeEd25519(): SignatureProvider {
  // KeyObjects are parsed once per key: a run signs with a handful of keys many times.
  const privateKeys = new WeakMap<Uint8Array, KeyObject>();
  const publicKeys = new Map<string, KeyObject | null>();

  const privateKeyObject = (privateKey: Uint8Array): KeyObject => {
    let key = privateKeys.get(privateKey);
    if (key === undefined) {
      if (privateKey.length !== 32) throw new Error(`an Ed25519 private key is 32 bytes, got ${privateKey.length}`);
      key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, privateKey]), format: 'der', type: 'pkcs8' });
      privateKeys.set(privateKey, key);
    }
    return key;
  };

  const publicKeyObject = (publicKey: Uint8Array): KeyObject | null => {
    const id = Buffer.from(publicKey).toString('hex');
    let key = publicKeys.get(id);
    if (key === undefined) {
      try {
        key = publicKey.length === 32 ? createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' }) : null;
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
      const der = createPublicKey(privateKeyObject(privateKey)).export({ format: 'der', type: 'spki' });
      return { privateKey, publicKey: new Uint8Array(der.subarray(SPKI_ED25519_PREFIX.length)) };
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
