// What the engine's host (Node) gives the canonical event log in place of twins/' portable fallbacks, which run
// anywhere but slowly: node:crypto's native SHA-256 (about 10× the pure-JS one) and the native UTF-8 decoder that
// turns a line's bytes into the string listeners get (about 20× the plain-ECMAScript one). Same digest, same text:
// both pinned by tests. The event log batches lines into one buffer, so each hash update covers tens of KiB.
// The hash runs inline: a worker thread fed through a shared-memory ring measured no faster on the 24 h
// neighbourhood (README, "Benchmarks"), so it was removed.
import { createHash } from 'node:crypto';
import type { StreamHasher, Utf8Decoder } from '../twins/kernel';

export function nodeSha256Hasher(): StreamHasher {
  const hash = createHash('sha256');
  return {
    update: (bytes) => void hash.update(bytes),
    digestHex: () => hash.digest('hex'),
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export const nodeUtf8Decoder: Utf8Decoder = (bytes, start, end) => decoder.decode(bytes.subarray(start, end));

/** The event-log options of every run the engine makes (spread into createKernel, Simulation or ScenarioRun). */
export function nodeEventLogHost(): { hasher: StreamHasher; decodeUtf8: Utf8Decoder } {
  return { hasher: nodeSha256Hasher(), decodeUtf8: nodeUtf8Decoder };
}
