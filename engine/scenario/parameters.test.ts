// Parameter declarations, `--set` overrides and `${name}` placeholders, unit level (substitution through the loader: parameter-substitution.test.ts).
import { describe, expect, it } from 'vitest';
import { checkParameterValue, parameterType, resolveParameterValues, type ParameterDeclaration } from './parameters';
import { decodePlaceholders, encodePlaceholders, substitutePlaceholders } from './placeholders';

describe('placeholder encoding', () => {
  it('keeps the text length, so source positions stay true', () => {
    const text = 'a: { homes: ${homes}, id: "h${n}x" }\nprice: $${literal}\n';
    const encoded = encodePlaceholders(text);
    expect(encoded).toHaveLength(text.length);
    expect(encoded).not.toContain('{homes}');
    expect(decodePlaceholders(encoded)).toBe(text);
  });

  it('gives a whole-scalar placeholder the parameter type and interpolates inside text', () => {
    const lookup = (name: string) => ({ homes: 12, on: true, name: 'alice' })[name];
    const encode = (text: string) => encodePlaceholders(text);
    expect(substitutePlaceholders(encode('${homes}'), lookup).value).toBe(12);
    expect(substitutePlaceholders(encode('${on}'), lookup).value).toBe(true);
    expect(substitutePlaceholders(encode('h${homes}-${name}'), lookup).value).toBe('h12-alice');
    expect(substitutePlaceholders(encode('costs $${homes}'), lookup).value).toBe('costs ${homes}');
    expect(substitutePlaceholders(encode('${nope} and ${homes}'), lookup)).toEqual({ value: '${nope} and 12', unknown: ['nope'] });
  });
});

describe('parameter declarations', () => {
  const homes: ParameterDeclaration = { default: 10, minimum: 1, maximum: 1000 };

  it('infers the type from the default', () => {
    expect(parameterType(homes)).toBe('integer');
    expect(parameterType({ default: 0.5 })).toBe('number');
    expect(parameterType({ default: false })).toBe('boolean');
    expect(parameterType({ default: 'confirm' })).toBe('string');
    expect(parameterType({ default: '5s', type: 'duration' })).toBe('duration');
  });

  it('checks values against type, enum and bounds', () => {
    expect(checkParameterValue(homes, 5)).toBeUndefined();
    expect(checkParameterValue(homes, 2.5)).toBe('expected an integer');
    expect(checkParameterValue(homes, 0)).toBe('must be at least 1');
    expect(checkParameterValue(homes, 1001)).toBe('must be at most 1000');
    expect(checkParameterValue({ default: 'a', enum: ['a', 'b'] }, 'c')).toBe('expected one of "a", "b"');
    expect(checkParameterValue({ default: '5s', type: 'duration' }, '5 parsecs')).toMatch(/^expected a duration/);
  });

  it('reads --set text as the declared type and refuses what does not fit', () => {
    const declarations = new Map<string, ParameterDeclaration>([
      ['homes', homes],
      ['coordinated', { default: false }],
      ['delay', { default: '2s', type: 'duration' }],
    ]);
    const ok = resolveParameterValues(declarations, { homes: '25', coordinated: 'true', delay: '1m30s' });
    expect(ok.problems).toEqual([]);
    expect([...ok.values]).toEqual([['homes', 25], ['coordinated', true], ['delay', '1m30s']]);

    const bad = resolveParameterValues(declarations, { homes: 'abc', coordinated: 'yes', colour: 'red' });
    expect(bad.problems.map((problem) => problem.parameter)).toEqual([undefined, 'coordinated', 'homes']);
    expect(bad.problems[0]!.message).toMatch(/no parameter "colour" \(declared: homes, coordinated, delay\)/);
    expect(bad.values.get('homes')).toBe(10);
  });
});
