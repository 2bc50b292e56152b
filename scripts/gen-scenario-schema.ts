// Writes scenarios/schema.json from the zod scenario schema (engine/scenario/schema.ts), the single source of
// truth. Run `npx tsx scripts/gen-scenario-schema.ts` after changing the schema; `--check` only compares and
// exits 1 when the shipped file is stale (engine/scenario/json-schema.test.ts asserts the same).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../engine/scenario/json-schema';

const target = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
const generated = scenarioJsonSchemaText();

if (process.argv.includes('--check')) {
  let shipped = '';
  try {
    shipped = readFileSync(target, 'utf8');
  } catch {
    // A missing file is simply stale.
  }
  if (shipped !== generated) {
    process.stderr.write(`${target} is stale: run npx tsx scripts/gen-scenario-schema.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`${target} is up to date\n`);
} else {
  writeFileSync(target, generated);
  process.stdout.write(`wrote ${target}\n`);
}
