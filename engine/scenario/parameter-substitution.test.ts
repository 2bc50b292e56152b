// The loader's parameter stage (parameter-substitution.ts), through the loader: `${name}` takes its declared type,
// `--set` overrides a default, and a substituted value that is wrong is reported at its placeholder.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from './index';

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
