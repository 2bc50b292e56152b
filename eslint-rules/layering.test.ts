// Lints snippets as if they lived in each layer, with the project's real ESLint config, so a weakened rule or
// config fails here rather than silently letting a bad import through.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering rule', () => {
  it.each([
    ['twins/world/x.ts', "import fs from 'node:fs';\nexport const f = fs;"],
    ['twins/world/x.ts', "import { readFileSync } from 'fs';\nexport const f = readFileSync;"],
    ['twins/world/x.ts', "import React from 'react';\nexport const r = React;"],
    ['twins/world/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;"],
    ['twins/world/x.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['twins/world/x.ts', "import { run } from '../../engine/cli';\nexport const r = run;"],
    ['renderer/app.ts', "import { run } from '../engine/cli';\nexport const r = run;"],
    ['renderer/app.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['renderer/app.ts', "import fs from 'node:fs';\nexport const f = fs;"],
    ['engine/x.ts', "import { App } from '../renderer/App';\nexport const a = App;"],
    ['engine/x.ts', "import { main } from '../electron/main';\nexport const m = main;"],
    ['engine/x.ts', "export * from '../renderer/App';"],
  ])('refuses %s importing a forbidden layer: %s', async (file, code) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((e) => e.startsWith('twinbench/layering: Bad layering'))).toBe(true);
  });

  it.each([
    ['twins/world/x.ts', "import { setup } from 'xstate';\nimport { createKernel } from '../kernel';\nexport const x = [setup, createKernel];"],
    ['engine/x.ts', "import fs from 'node:fs';\nimport { createKernel } from '../twins/kernel';\nexport const x = [fs, createKernel];"],
    ['electron/main.ts', "import { app } from 'electron';\nimport { x } from '../engine/x';\nexport const y = [app, x];"],
  ])('allows %s', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });

  it('refuses host time and randomness in twins/ (determinism)', async () => {
    const errors = await errorsFor('twins/world/x.ts', 'export const a = Date.now() + Math.random();\nsetTimeout(() => a, 1);');
    expect(errors.filter((e) => e.startsWith('no-restricted'))).toHaveLength(3);
  });
});
