// UTF-8 in plain ECMAScript. TextEncoder/TextDecoder are host (Web/Node) APIs, and twins/ must run where there are
// none; the event log encodes every line and decodes it again for listeners, so the ASCII paths matter.

/**
 * Writes `text` as UTF-8 into `out` from `offset` (which must have room for text.length × 3 bytes) and returns
 * the offset after it. A lone surrogate becomes U+FFFD, as TextEncoder writes it.
 */
export function encodeUtf8Into(text: string, out: Uint8Array, offset: number): number {
  let n = offset;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 0x3f);
        out[n++] = 0x80 | ((c >> 6) & 0x3f);
        out[n++] = 0x80 | (c & 0x3f);
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

export function utf8Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  return out.subarray(0, encodeUtf8Into(text, out, 0));
}

/** Code units per String.fromCharCode call: well under every engine's limit on arguments. */
const CHUNK = 4096;

function codeUnitsText(units: Uint8Array | Uint16Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i += CHUNK) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[]);
  return text;
}

/**
 * The text of well-formed UTF-8 bytes[start, end) — what encodeUtf8Into wrote (a property test pins the round
 * trip). Bytes that are all ASCII, as nearly every event line is, become a string a chunk at a time.
 */
export function utf8Text(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return codeUnitsText(bytes, start, end);
  const units = new Uint16Array(end - start); // UTF-16 never takes more code units than UTF-8 takes bytes
  let n = 0;
  for (let i = start; i < end;) {
    const b = bytes[i++]!;
    if (b < 0x80) units[n++] = b;
    else if (b < 0xe0) units[n++] = ((b & 0x1f) << 6) | (bytes[i++]! & 0x3f);
    else if (b < 0xf0) units[n++] = ((b & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f);
    else {
      const c = (((b & 0x07) << 18) | ((bytes[i++]! & 0x3f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f)) - 0x10000;
      units[n++] = 0xd800 + (c >> 10);
      units[n++] = 0xdc00 + (c & 0x3ff);
    }
  }
  return codeUnitsText(units, 0, n);
}
