// Scenario regexes that could backtrack catastrophically are refused; ordinary checks (optional groups, bounded
// repeats, alternations) are not; values too long to match in bounded time do not match.
import { describe, expect, it } from 'vitest';
import { MAX_REGEX_SUBJECT, compiledRegex, matchValue, regexRefusal } from './field-matcher';
import { starHeight } from './regex-safety';

describe('star height', () => {
  it.each([
    ['plain text', 'Tyres 240 kPa', 0],
    ['one repeat', '^\\d+ km$', 1],
    ['an optional group holding a repeat', '^(?<n>\\S*) km/h(?: (?<unit>\\w+))?$', 1],
    ['{0,1} counts as optional', '(a+){0,1}', 1],
    ['alternation of repeats', '^(?:\\d+|[a-z]+)$', 1],
    ['a repeat in a lookahead', '^(?=\\w+$)\\d+', 1],
    ['nested +', '^(a+)+$', 2],
    ['nested * in a class group', '([a-z]+)*x', 2],
    ['{2,} around a repeat', '(\\d+){2,}', 2],
    ['deeply nested', '((a*)*)*', 3],
  ])('%s: %s → %i', (_label, pattern, height) => {
    expect(starHeight(pattern)).toBe(height);
  });
});

describe('regexRefusal', () => {
  it('accepts ordinary patterns and refuses nested repeats, invalid and over-long ones', () => {
    expect(regexRefusal('^Range (?<km>\\d+) km$')).toBeUndefined();
    expect(regexRefusal('^(a+)+$')).toMatch(/nested quantifiers/);
    expect(regexRefusal('([')).toMatch(/^invalid regular expression: /);
    expect(regexRefusal('a'.repeat(1000))).toBeUndefined();
    expect(regexRefusal('a'.repeat(1001))).toMatch(/longer than 1000/);
  });

  it('a hand-built matcher with an unsafe pattern matches nothing (it is never compiled, so never run)', () => {
    expect(compiledRegex('^(a+)+$')).toBeNull();
    expect(matchValue({ matches: '^(a+)+$' }, `${'a'.repeat(40)}!`, { readState: () => undefined })).toBe(false);
  });

  it('a value longer than the subject bound does not match; one at the bound does', () => {
    const ctx = { readState: () => undefined };
    expect(matchValue({ matches: '^a+$' }, 'a'.repeat(MAX_REGEX_SUBJECT), ctx)).toBe(true);
    expect(matchValue({ matches: '^a+$' }, 'a'.repeat(MAX_REGEX_SUBJECT + 1), ctx)).toBe(false);
  });
});
