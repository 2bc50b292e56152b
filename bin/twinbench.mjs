#!/usr/bin/env -S node --max-semi-space-size=64
// The `twinbench` command. The engine is TypeScript run through tsx, so a fresh `npm install` is all it needs
// (no build step to forget); start-up costs a few hundred milliseconds, negligible next to a scenario run.
// A 64 MiB young generation (V8's default is 16): messages in flight live a few milliseconds of wall time, and
// with the default they survive two scavenges, get promoted and cost old-generation GC — about 30% of a busy
// bus's throughput (`npm run bench`). `node bin/twinbench.mjs` without the flag works the same, only slower.
import { register } from 'tsx/esm/api';

register();
const { main, reportCrash } = await import('../engine/cli/main.ts');
// An error raised outside a command's promise (a socket's late 'error' event) is reported like any other: one
// line, the stack only under TWINBENCH_DEBUG=1.
process.on('uncaughtException', (err) => reportCrash(err));
process.on('unhandledRejection', (err) => reportCrash(err));
process.exitCode = await main(process.argv.slice(2));
