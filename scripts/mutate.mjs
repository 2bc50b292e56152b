#!/usr/bin/env node
// `npm run mutate [-- group…]`: Stryker mutation testing of the modules whose mistakes would let a verdict or a
// security check pass by accident. Each group's modules are mutated against the tests written for them (Vitest,
// stryker.focused.config.mjs), one group after another, and one table of scores is printed at the end. Running
// every related test per mutant instead (`npx stryker run`) means, for the evaluator, every shipped scene: hours on
// 2 cores for a score this one bounds from below (more tests can only kill more mutants). Not part of CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

import { GROUPS } from './mutation-groups.mjs';
const TARGET = 85;

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !Object.hasOwn(GROUPS, name));
if (unknown.length > 0) {
  console.error(`mutate: unknown group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  process.exit(2);
}
const names = asked.length > 0 ? asked : Object.keys(GROUPS);
mkdirSync('reports/mutation', { recursive: true });

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const rows = [];
for (const name of names) {
  const group = GROUPS[name];
  const json = `reports/mutation/${name}.json`;
  console.log(`\nmutate: ${name} — ${group.mutate.join(', ')} against ${group.tests.join(', ')}`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.focused.config.mjs', '--mutate', [...group.mutate, '!**/*.test.ts', '!**/index.ts'].join(',')], {
    stdio: 'inherit',
    env: { ...process.env, TESTS: group.tests.join(','), MUTATION_JSON: json },
  });
  if (run.status !== 0 || !existsSync(json)) {
    rows.push({ group: name, file: '(Stryker failed)', detected: 0, undetected: 0 });
    continue;
  }
  const report = JSON.parse(readFileSync(json, 'utf8'));
  for (const [file, { mutants }] of Object.entries(report.files)) {
    rows.push({
      group: name, file,
      detected: mutants.filter((m) => DETECTED.has(m.status)).length,
      undetected: mutants.filter((m) => UNDETECTED.has(m.status)).length,
    });
  }
}

const score = (d, u) => (d + u === 0 ? '—' : `${((100 * d) / (d + u)).toFixed(1)} %`);
console.log('\nMutation score (killed or timed out / all mutants that ran or had no test), per module:');
for (const name of names) {
  const own = rows.filter((r) => r.group === name);
  const d = own.reduce((s, r) => s + r.detected, 0);
  const u = own.reduce((s, r) => s + r.undetected, 0);
  const mark = d + u > 0 && (100 * d) / (d + u) >= TARGET ? 'ok' : `below ${TARGET} %`;
  console.log(`  ${name.padEnd(10)} ${score(d, u).padStart(8)}  (${d} of ${d + u})  ${mark}`);
  for (const r of own) console.log(`    ${r.file.padEnd(48)} ${score(r.detected, r.undetected).padStart(8)}`);
}
console.log('\nSurvivors: reports/mutation/<group>.json (open in https://stryker-mutator.io/ report viewer or read the Stryker output above).');
