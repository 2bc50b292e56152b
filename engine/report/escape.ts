// Escaping for every text the reports copy from a run: scenario titles, expectation details, failure reasons
// and parameters come from user-written YAML and from observed payloads, so none of it may become markup.
// One escaper serves HTML, SVG and XML; Markdown has its own because a backslash is its escape character.

/**
 * Characters XML 1.0 forbids even as character references (C0 controls other than tab, LF, CR; lone
 * surrogates; U+FFFE/U+FFFF). A JUnit file holding one of them is rejected whole by CI servers, so they go.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripForbiddenXmlChars(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Text content of an HTML, SVG or XML element. */
export function escapeText(value: unknown): string {
  return stripForbiddenXmlChars(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Attribute value (always written in double quotes). Tabs and line breaks become character references,
 * because an XML parser would otherwise normalise them to spaces and a multi-line message would lose its shape.
 */
export function escapeAttribute(value: unknown): string {
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/**
 * Inline Markdown text: punctuation that could open emphasis, a link, raw HTML or a table cell is
 * backslash-escaped (CommonMark allows that for any ASCII punctuation), and line breaks become spaces so a
 * detail stays inside its list item or table cell.
 */
export function escapeMarkdown(value: unknown): string {
  return stripForbiddenXmlChars(String(value ?? ''))
    .replace(/\r\n?|\n/g, ' ')
    // An underscore inside a word (`light.living_room`) never starts emphasis, so it stays readable as is.
    .replace(/[\\`*_[\]<>|#~&]/g, (c, at: number, s: string) =>
      c === '_' && /[\p{L}\p{N}]/u.test(s[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(s[at + 1] ?? '') ? c : `\\${c}`);
}

/**
 * An inline code span that survives backticks in the text (ids, hashes, hop names). Inside a GFM table a pipe
 * ends the cell even in a code span, so there it is escaped too (GitHub then shows a plain pipe).
 */
export function markdownCode(value: unknown, inTable = false): string {
  const flat = stripForbiddenXmlChars(String(value ?? '')).replace(/\r\n?|\n/g, ' ');
  const text = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
