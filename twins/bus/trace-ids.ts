// W3C trace-context ids drawn from the kernel's `trace` stream, so the same seed gives the same trace and span
// ids and a recorded run can be compared with a replay id for id. Hex is built from a byte table: a span id is
// made for every hop, so this is on the bus's hot path.
import type { RandomStream } from '../kernel/types';

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(rng: RandomStream): string {
  const n = (rng.next() * 4294967296) >>> 0;
  return BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!;
}

/** 32 hex digits; W3C forbids the all-zero id, so that (practically impossible) draw is redone. */
export function newTraceId(rng: RandomStream): string {
  for (;;) {
    const id = hex8(rng) + hex8(rng) + hex8(rng) + hex8(rng);
    if (id !== '00000000000000000000000000000000') return id;
  }
}

/** 16 hex digits, never all zero. */
export function newSpanId(rng: RandomStream): string {
  for (;;) {
    const id = hex8(rng) + hex8(rng);
    if (id !== '0000000000000000') return id;
  }
}
