// Trace and span ids as they leave the simulation. The canonical event stream keeps the ids the seed draws
// (twins/bus/trace-ids.ts), so the same seed still gives the same eventHash and a replay can be compared id for id.
// But the three architectures of one scene, and every rerun of it, draw the very same ids: put on a wire as they
// are, an OTLP collector or an MQTT subscriber would merge separate runs into one trace with duplicate spans.
// So every wire (MQTT user properties and payloads, HTTP headers and bodies, WebSocket frames, OTLP export) carries
// the canonical id XOR a random per-run salt: unique per run, one consistent mapping across all wires of a run
// (a trace is still followed from the MQTT mirror to an HTTP party to Jaeger), and its own inverse, so a
// traceparent an external party sends back maps to the canonical trace it continues. Recordings store the salt.
import { createHash, randomBytes } from 'node:crypto';
import { traceparentOf, type Envelope, type Hop } from '../../twins/bus/envelope';
import type { SimEvent } from '../../twins/kernel/event-log';

const TRACE_HEX = 32;
const SPAN_HEX = 16;
const HEX = /^[0-9a-f]*$/;

const HEX_CODES: readonly number[] = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const NIBBLE = new Int8Array(128).fill(-1);
HEX_CODES.forEach((code, value) => (NIBBLE[code] = value));

/** The hex digits of `salt` as numbers, for xorHex. */
const nibbles = (salt: string): Uint8Array => Uint8Array.from(salt, (c) => NIBBLE[c.charCodeAt(0)]!);

/**
 * `id` XOR `salt`, digit by digit: every mirrored envelope maps about ten ids, so this avoids parseInt and
 * intermediate strings (as trace-ids.ts does when drawing them).
 */
function xorHex(id: string, salt: Uint8Array): string {
  if (id.length !== salt.length) throw new Error(`an id of ${salt.length} hex digits was expected, got ${JSON.stringify(id)}`);
  const codes = new Array<number>(id.length);
  for (let i = 0; i < id.length; i++) {
    const value = NIBBLE[id.charCodeAt(i) & 127]!;
    if (value < 0 || id.charCodeAt(i) > 127) throw new Error(`${JSON.stringify(id)} is not lowercase hex`);
    codes[i] = HEX_CODES[value ^ salt[i]!]!;
  }
  return String.fromCharCode(...codes);
}

export class WireIds {
  private readonly traceSalt: Uint8Array;
  private readonly spanSalt: Uint8Array;

  /** `salt`: 48 hex digits (trace salt then span salt); a fresh random one when omitted. */
  constructor(readonly salt: string = WireIds.randomSalt()) {
    if (salt.length !== TRACE_HEX + SPAN_HEX || !HEX.test(salt)) throw new Error(`wire id salt must be ${TRACE_HEX + SPAN_HEX} lowercase hex digits`);
    // An all-zero part would put the canonical ids on the wire unchanged, which is the bug this class exists for.
    if (/^0+$/.test(salt.slice(0, TRACE_HEX)) || /^0+$/.test(salt.slice(TRACE_HEX))) throw new Error('wire id salt must not have an all-zero part');
    this.traceSalt = nibbles(salt.slice(0, TRACE_HEX));
    this.spanSalt = nibbles(salt.slice(TRACE_HEX));
  }

  static randomSalt(): string {
    for (;;) {
      const salt = randomBytes((TRACE_HEX + SPAN_HEX) / 2).toString('hex');
      if (!/^0+$/.test(salt.slice(0, TRACE_HEX)) && !/^0+$/.test(salt.slice(TRACE_HEX))) return salt;
    }
  }

  /** Canonical → wire trace id, and (the mapping is its own inverse) wire → canonical. */
  trace(id: string): string {
    return xorHex(id, this.traceSalt);
  }

  /** Canonical → wire span id, and wire → canonical. */
  span(id: string): string {
    return xorHex(id, this.spanSalt);
  }

  /** `00-<wire trace>-<wire span>-01` of canonical ids. */
  traceparent(traceId: string, spanId: string): string {
    return traceparentOf(this.trace(traceId), this.span(spanId));
  }

  /** The envelope with every id it carries on the wire mapped (root, parent, each hop's span and parent). */
  envelope(env: Envelope): Envelope {
    return {
      ...env,
      traceId: this.trace(env.traceId),
      spanId: this.span(env.spanId),
      ...(env.parentSpanId !== undefined ? { parentSpanId: this.span(env.parentSpanId) } : {}),
      hops: env.hops.map((h: Hop) => ({ ...h, spanId: this.span(h.spanId), parentSpanId: this.span(h.parentSpanId) })),
    };
  }
}

/**
 * Canonical ids of a root span for something published without a message behind it (a twin's initial state, a
 * doorbell press): derived from the seed and the event's seq, so they are as reproducible as the envelopes' ids.
 */
export function eventSpanIds(seed: number | string, event: Pick<SimEvent, 'seq'>): { traceId: string; spanId: string } {
  const digest = createHash('sha256').update(`twinbench-event:${seed}:${event.seq}`).digest('hex');
  return { traceId: nonZero(digest.slice(0, TRACE_HEX)), spanId: nonZero(digest.slice(TRACE_HEX, TRACE_HEX + SPAN_HEX)) };
}

const nonZero = (hex: string): string => (/^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex);
