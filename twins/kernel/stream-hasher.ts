// Incremental SHA-256 over the canonical event stream's bytes. The pure-JS implementation (@noble/hashes) runs
// anywhere, including a bare JS context or a browser; a host may inject its native SHA-256 (the engine passes
// node:crypto, ~10× faster) because hashing is one of the largest costs of a busy run. Both must give the same
// digest — tested. The event log hands over its UTF-8 line buffer tens of KiB at a time.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface StreamHasher {
  /** Add bytes to the hash. They are read before update returns: the caller reuses the array. */
  update(bytes: Uint8Array): void;
  /** Lowercase hex digest; the hasher may not be updated afterwards. */
  digestHex(): string;
}

export function pureSha256Hasher(): StreamHasher {
  const hash = sha256.create();
  return {
    update: (bytes) => void hash.update(bytes),
    digestHex: () => bytesToHex(hash.digest()),
  };
}
