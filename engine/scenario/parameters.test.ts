// Parameter declarations, `--set` overrides and `${name}` substitution (unit level and through the loader).
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';
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

describe('substitution through the loader', () => {
  const yaml = [
    'scenario: param-demo',
    'duration: ${length}',
    'parameters:',
    '  homes: { default: 3, minimum: 1 }',
    '  length: { default: 10m, type: duration }',
    '  prefix: { default: house }',
    '  arch: { default: local, enum: [local, direct] }',
    '  answer: { default: confirm, enum: [confirm, decline] }',
    'architectures: ${arch}',
    'description: ${homes} homes named ${prefix}1..${prefix}${homes}, costs $${price}',
    'map:',
    '  generate: { homes: ${homes} }',
    'entities:',
    '  homes:',
    '    - { id: ${prefix}, count: ${homes} }',
    '  vehicles: [{ id: car1 }]',
    'steps:',
    '  - at: 1s',
    '    do: { ${answer}: { screen: vehicle/car1 } }',
    'verdict: none',
    '',
  ].join('\n');

  it('uses the defaults', () => {
    const { scenario } = loadScenarioText(yaml, 'demo.yaml');
    expect(scenario.duration).toBe(600_000);
    expect(scenario.architectures).toEqual(['local']);
    expect(scenario.description).toBe('3 homes named house1..house3, costs ${price}');
    expect(scenario.entities.homes.map((home) => home.id)).toEqual(['house1', 'house2', 'house3']);
    expect(scenario.map).toMatchObject({ kind: 'generate', homes: 3 });
    expect(scenario.steps[0]!.actions).toEqual([{ type: 'confirm', screen: 'vehicle/car1' }]);
    expect(scenario.parameterValues).toEqual({ homes: 3, length: '10m', prefix: 'house', arch: 'local', answer: 'confirm' });
  });

  it('applies --set overrides with their declared types', () => {
    const { scenario } = loadScenarioText(yaml, 'demo.yaml', {
      set: { homes: '5', length: '1h', prefix: 'h', arch: 'direct', answer: 'decline' },
    });
    expect(scenario.duration).toBe(3_600_000);
    expect(scenario.architectures).toEqual(['direct']);
    expect(scenario.entities.homes.map((home) => home.id)).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    expect(scenario.map).toMatchObject({ homes: 5 });
    expect(scenario.steps[0]!.actions[0]!.type).toBe('decline');
    expect(scenario.parameterValues.homes).toBe(5);
  });

  it('validates the substituted values, at the placeholder', () => {
    expect(() => loadScenarioText(yaml, 'demo.yaml', { set: { length: '90000' } })).not.toThrow();
    expect(() => loadScenarioText(yaml, 'demo.yaml', { set: { length: '90' } })).toThrow(/18:9: steps\[0\]\.at: .*it lasts 90ms/);
    expect(() => loadScenarioText(yaml.replace('type: duration', 'type: string'), 'demo.yaml', { set: { length: 'soon' } })).toThrow(
      /^demo\.yaml:2:11: duration: invalid duration "soon"/,
    );
  });
});
