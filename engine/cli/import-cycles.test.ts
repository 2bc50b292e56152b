// No import cycles in the command line: main.ts imports every command, so a command importing main.ts (as they
// once did for UsageError and CliIo) makes a cycle whose evaluation order decides what is undefined at start-up.
// Reads the files' import statements with a regular expression; type-only imports count too (they drift into
// value imports one edit later).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;
// main.ts loads each command with import('./x-command') when it runs; a command importing main.ts back is the same
// cycle as before, only met later, so dynamic imports are edges too.
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Relative imports of every non-test .ts file under dir, as dir-relative paths. */
export function importGraph(dir: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) visit(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(path.join(dir, rel), 'utf8');
        const targets = [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC_IMPORT)].map((m) => {
          const target = path.normalize(path.join(path.dirname(rel), m[1]!));
          return target.endsWith('.ts') ? target : `${target}.ts`;
        });
        graph.set(rel, targets.filter((t) => !t.startsWith('..')));
      }
    }
  };
  visit('.');
  for (const [file, targets] of graph) graph.set(path.normalize(file), targets);
  return graph;
}

/** Every cycle found by depth-first search, each as the list of files around it. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('engine/cli imports', () => {
  it('have no cycle', () => {
    const graph = importGraph(import.meta.dirname);
    expect(graph.get('main.ts')).toEqual(expect.arrayContaining(['run-command.ts', 'serve-command.ts']));
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('the check finds a cycle when there is one', () => {
    const graph = new Map([
      ['main.ts', ['run-command.ts', 'command-spec.ts']],
      ['run-command.ts', ['run-options.ts']],
      ['run-options.ts', ['main.ts']],
      ['command-spec.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['main.ts', 'run-command.ts', 'run-options.ts', 'main.ts']]);
  });

  it('reads import, import type and export-from statements, and dynamic imports', () => {
    const text = "import { a } from './a';\nimport type { B } from './b';\nexport { c } from './c';\nimport x from 'node:fs';\n";
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(['./a', './b', './c']);
    const lazy = "load: async () => (await import('./run-command')).runCommand,\nconst v = await import('vite');\n";
    expect([...lazy.matchAll(DYNAMIC_IMPORT)].map((m) => m[1])).toEqual(['./run-command']);
  });
});
