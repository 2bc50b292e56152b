// The signature scheme the simulation signs critical commands with, as a contract (like the kernel's
// StreamHasher): twins/ cannot reach node:crypto, so the host injects its native Ed25519 (engine/security) and
// twins/ falls back to a portable pure-JS one (./noble-ed25519). Both must give byte-identical keys and
// signatures for the same seed — Ed25519 is deterministic (RFC 8032), and a test pins it — so a run's eventHash
// does not depend on which one signed.

export interface KeyPair {
  /** 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** 32-byte Ed25519 private key (the RFC 8032 seed). Never serialised: see ./identities. */
  privateKey: Uint8Array;
}

export interface SignatureProvider {
  /** Name shown in diagnostics (`noble-ed25519`, `node-ed25519`). */
  readonly name: string;
  /** The key pair whose private key is `seed` (32 bytes drawn from a seeded stream, so runs replay). */
  generateKeyPair(seed: Uint8Array): KeyPair;
  /** 64-byte Ed25519 signature of `message`. */
  sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array;
  /** True only for a valid signature of exactly `message` under `publicKey` (RFC 8032 strict, not ZIP-215). */
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

export const ED25519_SEED_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;
