// Secrets never land in a recording: any field whose name says password, secret, private key, API key or token
// is removed from payloads, event lines and run metadata before they are written. Recordings get copied,
// attached to bug reports and diffed on CI; a token in one is a token leaked. The check on raw text is a cheap
// filter so the common line (no such word anywhere) is never parsed.
import { canonicalJson } from '../../twins/kernel/canonical-json';
import type { Json } from '../../twins/kernel/types';

const SECRET_WORD_IN_TEXT = /pass(?:word|wd|phrase)|secret|private[_\-. ]?key|api[_\-. ]?key|token|credential/i;

/**
 * True when a field of this name holds a secret (`password`, `clientSecret`, `private_key`, `accessToken`…).
 * The same test as the one on raw text, so a line the pre-check passes can never hold a secret field.
 */
export function isSecretFieldName(name: string): boolean {
  return SECRET_WORD_IN_TEXT.test(name);
}

export interface Stripped<T> {
  value: T;
  /** How many fields were removed. */
  removed: number;
}

/** A copy of `value` without secret fields, at any depth (the input is not modified; unchanged parts are shared). */
export function stripSecrets<T extends Json>(value: T): Stripped<T> {
  const counter = { removed: 0 };
  const out = strip(value, counter) as T;
  return { value: out, removed: counter.removed };
}

function strip(value: Json, counter: { removed: number }): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: Json[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = strip(value[i]!, counter);
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  let copy: { [key: string]: Json } | undefined;
  for (const key of Object.keys(value)) {
    if (isSecretFieldName(key)) {
      copy ??= { ...value };
      delete copy[key];
      counter.removed++;
      continue;
    }
    const item = strip(value[key]!, counter);
    if (item !== value[key]) (copy ??= { ...value })[key] = item;
  }
  return copy ?? value;
}

/** Cheap pre-check on serialised JSON: false means it certainly holds no secret field. */
export function mayHoldSecrets(jsonText: string): boolean {
  return SECRET_WORD_IN_TEXT.test(jsonText);
}

/**
 * A canonical event line without secret fields, still canonical (keys sorted, same formatting). `suspect` says
 * whether the line had any secret-like word at all (callers use it to skip further checks of the same data).
 */
export function redactLine(line: string): Stripped<string> & { suspect: boolean } {
  if (!mayHoldSecrets(line)) return { value: line, removed: 0, suspect: false };
  const parsed = JSON.parse(line) as Json;
  const { value, removed } = stripSecrets(parsed);
  return removed === 0 ? { value: line, removed: 0, suspect: true } : { value: canonicalJson(value), removed, suspect: true };
}
