// Bad scenario files: more than a thousand malformed documents — corrupted YAML, fields retyped, renamed or
// removed anywhere in the shipped scenes, arbitrary JSON — given to loadScenarioText. Each must be refused with a
// ScenarioError whose every issue has a line and column inside the file; nothing else may be thrown.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { shippedScenarioFiles } from '../cli/list-command';
import { ScenarioError, loadScenarioText } from '../scenario';

type Doc = unknown;
const SHIPPED = shippedScenarioFiles().map((file) => readFileSync(file, 'utf8'));

/** Every path to a value in a document, e.g. ['steps', 1, 'do', 'attack', 'kind']. */
function pathsOf(value: Doc, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...pathsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
  return out;
}

type Edit = 'retype' | 'remove' | 'rename';

function edit(text: string, pick: number, how: Edit, value: unknown, suffix: string): string {
  const doc = parse(text) as Doc;
  const paths = pathsOf(doc);
  const path = paths[pick % paths.length]!;
  const parent = path.slice(0, -1).reduce<Doc>((node, key) => (node as Record<string | number, Doc>)[key], doc) as Record<string | number, Doc>;
  const key = path[path.length - 1]!;
  if (how === 'retype') parent[key] = value;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else {
    const kept = parent[key];
    delete parent[key];
    if (how === 'rename') parent[`${String(key)}${suffix}`] = kept;
  }
  return stringify(doc);
}

const WEIRD = fc.oneof(
  fc.constantFrom<unknown>(null, true, -1, 0, 1.5, 1e308, '', 'x', '5 parsecs', '${nope}', '25:00', 'vehicle/ghost', 'h9/lock.front_door', [], {}, [1], { a: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const MALFORMED = fc.oneof(
  // Structural damage anywhere in a shipped scene.
  fc.record({ text: fc.constantFrom(...SHIPPED), pick: fc.nat(), how: fc.constantFrom<Edit>('retype', 'remove', 'rename'), value: WEIRD, suffix: fc.constantFrom('s', '_', 'X', ' ') })
    .map(({ text, pick, how, value, suffix }) => edit(text, pick, how, value, suffix)),
  // Textual damage: truncation, a corrupted character, a tab, a lost or repeated line.
  fc.record({ text: fc.constantFrom(...SHIPPED), at: fc.nat(), junk: fc.constantFrom(':', '{', '[', '"', '\t', '- ', '${', '&a', '*a', '!!binary ', '\u0000', '#'), cut: fc.boolean() })
    .map(({ text, at, junk, cut }) => (cut ? text.slice(0, at % text.length) : text.slice(0, at % text.length) + junk + text.slice((at % text.length) + 1))),
  fc.record({ text: fc.constantFrom(...SHIPPED), line: fc.nat(), repeat: fc.boolean() }).map(({ text, line, repeat }) => {
    const lines = text.split('\n');
    const i = line % lines.length;
    lines.splice(i, repeat ? 0 : 1, ...(repeat ? [lines[i]!] : []));
    return lines.join('\n');
  }),
  // Not a scenario at all.
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 60 }),
);

describe('malformed scenario documents', () => {
  it('are refused with file:line:column issues inside the file, and nothing else is thrown', () => {
    let refused = 0;
    fc.assert(
      fc.property(MALFORMED, (text) => {
        try {
          loadScenarioText(text, 'fuzz.yaml');
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          refused++;
          const lines = text.split(/\r\n|\r|\n/).length;
          expect(error.issues.length).toBeGreaterThan(0);
          for (const issue of error.issues) {
            expect(issue.file).toBe('fuzz.yaml');
            expect(issue.message.length).toBeGreaterThan(0);
            expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines + 1).toBe(true);
            expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
          }
        }
      }),
      { numRuns: 1_600, seed: 20_26 },
    );
    expect(refused).toBeGreaterThanOrEqual(1_000);
  });
});
