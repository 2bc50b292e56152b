// Incremental SHA-256 over the canonical event stream. The pure-JS implementation (@noble/hashes) runs anywhere,
// including a bare JS context or a browser; a host may inject its native SHA-256 (the engine passes node:crypto,
// ~10× faster) because hashing is the largest cost of a busy run. Both must give the same digest — tested.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { utf8Bytes } from './utf8';

export interface StreamHasher {
  /** Add UTF-8 text to the hash. */
  update(text: string): void;
  /** Lowercase hex digest; the hasher may not be updated afterwards. */
  digestHex(): string;
}

export function pureSha256Hasher(): StreamHasher {
  const hash = sha256.create();
  return {
    update: (text) => hash.update(utf8Bytes(text)),
    digestHex: () => bytesToHex(hash.digest()),
  };
}
