// W3C trace-context ids drawn from the kernel's `trace` stream, so the same seed gives the same trace and span
// ids and a recorded run can be compared with a replay id for id. A span id is made for every hop of every
// message, so its hex is written in one String.fromCharCode: no intermediate strings for the GC.
import type { RandomStream } from '../kernel/types';

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** 16 hex digits of two draws as one flat string: a span id is made for every hop of every message. */
function hex16(rng: RandomStream): string {
  const a = (rng.next() * 4294967296) >>> 0;
  const b = (rng.next() * 4294967296) >>> 0;
  const c = HEX_CODES;
  return String.fromCharCode(
    c[a >>> 28]!, c[(a >>> 24) & 15]!, c[(a >>> 20) & 15]!, c[(a >>> 16) & 15]!,
    c[(a >>> 12) & 15]!, c[(a >>> 8) & 15]!, c[(a >>> 4) & 15]!, c[a & 15]!,
    c[b >>> 28]!, c[(b >>> 24) & 15]!, c[(b >>> 20) & 15]!, c[(b >>> 16) & 15]!,
    c[(b >>> 12) & 15]!, c[(b >>> 8) & 15]!, c[(b >>> 4) & 15]!, c[b & 15]!,
  );
}

/** 32 hex digits; W3C forbids the all-zero id, so that (practically impossible) draw is redone. */
export function newTraceId(rng: RandomStream): string {
  for (;;) {
    const id = hex16(rng) + hex16(rng);
    if (id !== '00000000000000000000000000000000') return id;
  }
}

/** 16 hex digits, never all zero. */
export function newSpanId(rng: RandomStream): string {
  for (;;) {
    const id = hex16(rng);
    if (id !== '0000000000000000') return id;
  }
}
