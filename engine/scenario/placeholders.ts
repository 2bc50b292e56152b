// `${name}` parameter placeholders. YAML forbids `{` and `}` inside plain scalars of flow collections, so
// `generate: { homes: ${homes} }` would not even parse. Before parsing, each placeholder is re-encoded with
// private-use characters of exactly the same length: the YAML stays valid and every source offset (hence
// every line:column in an error) stays true. `$${name}` is the escape for a literal `${name}`.

const OPEN = '\uE000\uE001';
const CLOSE = '\uE002';
const ESCAPED_OPEN = '\uE003\uE003\uE003';
const ESCAPED_CLOSE = '\uE004';

const SOURCE_PLACEHOLDER = /(\$?)\$\{([^{}\n]*)\}/g;
const ENCODED_PLACEHOLDER = /\uE000\uE001([^\uE002]*)\uE002/g;
const WHOLE_PLACEHOLDER = /^\uE000\uE001([^\uE002]*)\uE002$/;

export const PARAMETER_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Same length as the input, placeholders made YAML-safe. */
export function encodePlaceholders(text: string): string {
  return text.replace(SOURCE_PLACEHOLDER, (_match, escape: string, name: string) =>
    escape ? `${ESCAPED_OPEN}${name}${ESCAPED_CLOSE}` : `${OPEN}${name}${CLOSE}`,
  );
}

/** Back to what the author wrote, for keys and messages. */
export function decodePlaceholders(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` would mean a single `$`.
  return text
    .replaceAll(ESCAPED_OPEN, () => '$${')
    .replaceAll(ESCAPED_CLOSE, () => '}')
    .replaceAll(OPEN, () => '${')
    .replaceAll(CLOSE, () => '}');
}

/** `$${x}` escapes become the literal `${x}`. */
function unescape(text: string): string {
  return text.replaceAll(ESCAPED_OPEN, () => '${').replaceAll(ESCAPED_CLOSE, () => '}');
}

export function hasPlaceholderMarks(text: string): boolean {
  return /[\uE000-\uE004]/.test(text);
}

export interface PlaceholderUse {
  name: string;
  /** Offset of the `$` in the source text. */
  offset: number;
}

/** Placeholders written in `encoded.slice(start, end)`, with their source offsets. */
export function placeholdersIn(encoded: string, start: number, end: number): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const match of encoded.slice(start, end).matchAll(ENCODED_PLACEHOLDER)) {
    uses.push({ name: match[1]!, offset: start + match.index });
  }
  return uses;
}

export type ParameterLookup = (name: string) => string | number | boolean | undefined;

/**
 * Replaces placeholders in a parsed scalar. A scalar that is exactly one placeholder takes the parameter's
 * own type (`homes: ${homes}` is a number); inside longer text the value is interpolated as a string.
 * Names the lookup does not know are returned for the caller to report at their source position.
 */
export function substitutePlaceholders(value: string, lookup: ParameterLookup): { value: unknown; unknown: string[] } {
  const unknown: string[] = [];
  const whole = WHOLE_PLACEHOLDER.exec(value);
  if (whole) {
    const resolved = lookup(whole[1]!);
    if (resolved === undefined) unknown.push(whole[1]!);
    return { value: resolved ?? decodePlaceholders(value), unknown };
  }
  const replaced = value.replace(ENCODED_PLACEHOLDER, (match, name: string) => {
    const resolved = lookup(name);
    if (resolved === undefined) {
      unknown.push(name);
      return decodePlaceholders(match);
    }
    return String(resolved);
  });
  return { value: unescape(replaced), unknown };
}
