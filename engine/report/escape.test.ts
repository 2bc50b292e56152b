import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeMarkdown, escapeText, markdownCode, stripForbiddenXmlChars } from './escape';

describe('escaping', () => {
  it('escapes the five XML specials in text and attributes', () => {
    expect(escapeText(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;');
    expect(escapeAttribute('x\ny\tz')).toBe('x&#10;y&#9;z');
  });

  it('drops characters XML 1.0 cannot carry, keeps tab, line breaks, emoji and CJK', () => {
    expect(stripForbiddenXmlChars('a\u0000b\u0007c\u001bd\te\nf\rg\uFFFEh')).toBe('abcd\te\nf\rgh');
    expect(stripForbiddenXmlChars('车家互联 🚗 \uD83D')).toBe('车家互联 🚗 ');
  });

  it('keeps Markdown punctuation literal, but leaves underscores inside words alone', () => {
    expect(escapeMarkdown('<img src=x> | *bold* [link](u) a_b _c_')).toBe('\\<img src=x\\> \\| \\*bold\\* \\[link\\](u) a_b \\_c\\_');
    expect(escapeMarkdown('line one\nline two')).toBe('line one line two');
  });

  it('fences code spans around backticks, and escapes pipes only inside tables', () => {
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x')).toBe('`` `x ``');
    expect(markdownCode('a|b')).toBe('`a|b`');
    expect(markdownCode('a|b', true)).toBe('`a\\|b`');
  });
});
