#!/usr/bin/env node
// The `twinbench` command. The engine is TypeScript run through tsx, so a fresh `npm install` is all it needs
// (no build step to forget); start-up costs a few hundred milliseconds, negligible next to a scenario run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
