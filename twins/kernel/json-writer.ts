// Canonical JSON written straight into UTF-8 bytes: object keys sorted, no whitespace, non-finite numbers
// rejected, every value written exactly as JSON.stringify writes it. The event log writes every line of a run
// this way into the buffer its SHA-256 reads, so a busy run (200k messages a second, ~1 KB each) builds no
// strings: building them cost as much as the bus itself, and flattening them into bytes for the hash as much again.
// A string is made only where one is asked for (writtenText, a listener's line).
import type { Json } from './types';
import { encodeUtf8Into, utf8Text } from './utf8';

/** Below this a double's spacing is far finer than 0.001, so a value with ≤ 3 decimals is written by digits. */
const FAST_NUMBER_LIMIT = 1e12;

/** Any other finite number: JavaScript's own shortest round-trip text, which is what JSON.stringify writes. */
function generalNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`canonicalJson: non-finite number ${n}`);
  return '' + n;
}

/** Object keys in UTF-16 code-unit order (what Array.prototype.sort gives). Objects here have a handful of keys,
 *  for which an insertion sort (linear on keys already in order) is ~3× faster than the generic sort. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value);
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** "00" … "99" as byte pairs: writing two digits per division halves the divisions of a number. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 0x30 + (i % 2 === 0 ? Math.floor(i / 20) : Math.floor(i / 2) % 10));

export class JsonWriter {
  /** The bytes written so far are bytes[0, length). Growing replaces the array: never hold on to it across writes. */
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  /** Makes room for `n` more bytes and returns the (possibly new) array to write them into. */
  reserve(n: number): Uint8Array {
    const needed = this.length + n;
    if (needed > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    return this.bytes;
  }

  /** Drops everything from `length` on (the writer keeps its capacity). */
  truncate(length = 0): void {
    this.length = length;
  }

  /** A fragment of JSON syntax the caller wrote as a literal: ASCII only, no escaping needed (`,"hops":[`). */
  raw(fragment: string): void {
    const bytes = this.reserve(fragment.length);
    let n = this.length;
    for (let i = 0; i < fragment.length; i++) bytes[n++] = fragment.charCodeAt(i);
    this.length = n;
  }

  byte(code: number): void {
    this.reserve(1)[this.length++] = code;
  }

  /** A JSON string: quoted, escaped and UTF-8-encoded exactly as JSON.stringify(text) reads in UTF-8. */
  string(text: string): void {
    const bytes = this.reserve(text.length + 2);
    let n = this.length;
    bytes[n++] = 0x22;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Quote, backslash, control characters and everything past ASCII: leave it to JSON.stringify's escaping.
      if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) return this.text(JSON.stringify(text));
      bytes[n++] = c;
    }
    bytes[n++] = 0x22;
    this.length = n;
  }

  /** Any text, UTF-8-encoded as it is (the caller has made it valid JSON). */
  text(text: string): void {
    this.length = encodeUtf8Into(text, this.reserve(text.length * 3), this.length);
  }

  /**
   * A finite number as JSON.stringify writes it. Non-negative integers and values with at most three decimals
   * (virtual times have microsecond resolution) are written digit by digit: for those the shortest decimal that
   * reads back as the same double is the three-decimal one without its trailing zeros (a property test pins it).
   */
  number(n: number): void {
    if (!(n >= 0 && n < FAST_NUMBER_LIMIT)) return this.raw(generalNumber(n));
    if (Number.isInteger(n)) return this.digits(n);
    const micros = Math.round(n * 1000);
    if (micros / 1000 !== n) return this.raw(generalNumber(n));
    const whole = Math.floor(micros / 1000);
    let fraction = micros - whole * 1000; // 1..999
    this.digits(whole);
    const bytes = this.reserve(4);
    let k = this.length;
    bytes[k++] = 0x2e;
    const hundreds = Math.floor(fraction / 100);
    fraction -= hundreds * 100;
    const tens = Math.floor(fraction / 10);
    const ones = fraction - tens * 10;
    bytes[k++] = 0x30 + hundreds;
    if (tens !== 0 || ones !== 0) {
      bytes[k++] = 0x30 + tens;
      if (ones !== 0) bytes[k++] = 0x30 + ones;
    }
    this.length = k;
  }

  /** A non-negative integer below 2^53; below 2^31 (nearly always) in int32 arithmetic, two digits a step. */
  private digits(n: number): void {
    if (n >= 0x80000000) return this.raw('' + n);
    const bytes = this.reserve(10);
    let k = this.length;
    if (n < 10) {
      bytes[k] = 0x30 + n;
      this.length = k + 1;
      return;
    }
    let count = 2;
    for (let power = 100; power <= n && count < 10; power *= 10) count++;
    k += count;
    this.length = k;
    let rest = n | 0;
    while (rest >= 100) {
      const next = (rest / 100) | 0;
      const pair = (rest - next * 100) << 1;
      bytes[--k] = DIGIT_PAIRS[pair + 1]!;
      bytes[--k] = DIGIT_PAIRS[pair]!;
      rest = next;
    }
    if (rest >= 10) {
      bytes[--k] = DIGIT_PAIRS[(rest << 1) + 1]!;
      bytes[--k] = DIGIT_PAIRS[rest << 1]!;
    } else bytes[--k] = 0x30 + rest;
  }

  /** Any JSON value, keys sorted at every level; undefined is left out of objects and written as null elsewhere. */
  json(value: Json | undefined): void {
    if (value === null || value === undefined) return this.raw('null');
    switch (typeof value) {
      case 'number':
        return this.number(value);
      case 'string':
        return this.string(value);
      case 'boolean':
        return this.raw(value ? 'true' : 'false');
      default:
        break;
    }
    if (Array.isArray(value)) {
      this.byte(0x5b);
      for (let i = 0; i < value.length; i++) {
        if (i > 0) this.byte(0x2c);
        this.json(value[i]);
      }
      return this.byte(0x5d);
    }
    const keys = sortedKeys(value);
    this.byte(0x7b);
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const v = (value as { [key: string]: Json | undefined })[keys[i]!];
      if (v === undefined) continue;
      if (!first) this.byte(0x2c);
      first = false;
      this.string(keys[i]!);
      this.byte(0x3a);
      this.json(v);
    }
    this.byte(0x7d);
  }

  /** The text of bytes[start, end). */
  textOf(start = 0, end = this.length): string {
    return utf8Text(this.bytes, start, end);
  }
}

/** A spare writer for writtenText; taken while in use, so a nested call gets its own. */
let spare: JsonWriter | undefined;
const SPARE_KEEP_BYTES = 1 << 20;

/** The JSON text `write` produces: for callers that need a string (tests, readers, anything off the hot path). */
export function writtenText(write: (writer: JsonWriter) => void): string {
  const writer = spare ?? new JsonWriter();
  spare = undefined;
  writer.truncate();
  try {
    write(writer);
    return writer.textOf();
  } finally {
    if (writer.bytes.length <= SPARE_KEEP_BYTES) spare = writer;
  }
}
