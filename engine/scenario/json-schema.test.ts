// scenarios/schema.json is generated from the zod schema; it must never go stale, and it must give editors
// what they need (every action with a description, placeholders accepted where parameters go).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, EXPECTATION_KINDS, scenarioJsonSchema, scenarioJsonSchemaText } from './index';

const shipped = join(import.meta.dirname, '..', '..', 'scenarios', 'schema.json');

type Node = Record<string, unknown>;

/** The sub-schema at `keys` (a test failure, not a crash, when it is missing). */
function at(root: Node, ...keys: string[]): Node {
  let current: unknown = root;
  for (const key of keys) current = (current as Node | undefined)?.[key];
  expect(current, keys.join('.')).toBeTypeOf('object');
  return current as Node;
}

describe('scenarios/schema.json', () => {
  it('is exactly what scripts/gen-scenario-schema.ts generates (run it after changing the schema)', () => {
    expect(readFileSync(shipped, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  const schema = scenarioJsonSchema();

  it('describes the file as written, for draft-07 editors', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['scenario', 'duration']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(at(schema, 'properties'))).toEqual(
      expect.arrayContaining(['scenario', 'seed', 'architectures', 'startTime', 'duration', 'parameters', 'map', 'entities', 'steps', 'expect', 'failWhen']),
    );
  });

  it('offers every action and expectation with a description', () => {
    const action = at(schema, 'definitions', 'Action');
    expect(Object.keys(at(action, 'properties'))).toEqual(ACTION_KINDS);
    expect(action).toMatchObject({ minProperties: 1, maxProperties: 1, additionalProperties: false });
    for (const kind of ACTION_KINDS) expect(at(action, 'properties', kind).description, kind).toBeTruthy();
    expect(Object.keys(at(schema, 'definitions', 'Expectation', 'properties'))).toEqual(['id', 'description', ...EXPECTATION_KINDS]);
  });

  it('accepts durations as numbers or strings, and ${parameters} where numbers go', () => {
    const duration = JSON.stringify(at(schema, 'definitions', 'Duration'));
    expect(duration).toContain('"type":"number"');
    expect(duration).toContain('#/definitions/Placeholder');
    expect(new RegExp(String(at(schema, 'definitions', 'Placeholder').pattern)).test('${homes}')).toBe(true);
    const seed = at(schema, 'properties', 'seed');
    expect(seed.anyOf).toEqual([{ type: 'integer', minimum: 0 }, { $ref: '#/definitions/Placeholder' }]);
    expect(seed.description).toMatch(/seed/i);
  });
});
