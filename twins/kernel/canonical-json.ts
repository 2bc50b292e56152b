// Canonical JSON: object keys sorted, no whitespace, non-finite numbers rejected. Two runs that produce the
// same events serialise to the same bytes, whatever order the code happened to build objects in. This runs for
// every event of a run, so it avoids what costs most: re-sorting keys already in order, re-quoting the same keys,
// and the shortest-round-trip conversion of times (see canonicalNumber).
import type { Json } from './types';

/** Below this magnitude a double's spacing is far finer than 0.001, so three decimals identify it uniquely. */
const FAST_DECIMAL_LIMIT = 1e12;

/**
 * The JSON text of a finite number, exactly as JSON.stringify writes it. Integers and values with at most three
 * decimals (virtual times have microsecond resolution) are written digit by digit, which is several times faster
 * than the general shortest-round-trip algorithm: for such a value the shortest decimal that reads back as the
 * same double is the three-decimal one with its trailing zeros removed (a property test pins this).
 */
export function canonicalNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`canonicalJson: non-finite number ${n}`);
  if (Number.isInteger(n)) return '' + n;
  const micros = Math.round(n * 1000);
  if (micros / 1000 !== n || !(Math.abs(n) < FAST_DECIMAL_LIMIT)) return '' + n;
  const negative = micros < 0;
  const magnitude = negative ? -micros : micros;
  const whole = Math.floor(magnitude / 1000);
  const fraction = magnitude - whole * 1000; // 1..999: integers were handled above
  const digits = fraction % 100 === 0 ? '' + fraction / 100
    : fraction % 10 === 0 ? (fraction < 100 ? '0' : '') + fraction / 10
      : (fraction < 10 ? '00' : fraction < 100 ? '0' : '') + fraction;
  return (negative ? '-' : '') + whole + '.' + digits;
}

/** Characters JSON must escape (and lone surrogates, which JSON.stringify writes as \u escapes). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON must escape
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify(text), about twice as fast for the common string that needs no escaping (ids, addresses, topics). */
export function quoteJson(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : '"' + text + '"';
}

const quotedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 10_000;

/** JSON.stringify(key), remembered: the same few hundred keys come back in every event. */
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
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

export function canonicalJson(value: Json | undefined): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return canonicalNumber(value);
    case 'string':
      return quoteJson(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return out + ']';
  }
  const keys = sortedKeys(value);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = (value as { [k: string]: Json | undefined })[key];
    if (v === undefined) continue; // like JSON.stringify: absent and undefined are the same
    out += (first ? '' : ',') + quotedKey(key) + ':' + canonicalJson(v);
    first = false;
  }
  return out + '}';
}
