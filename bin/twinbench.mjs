#!/usr/bin/env -S node --max-semi-space-size=64 --no-allocation-site-pretenuring
// The `twinbench` command. The engine is TypeScript run through tsx, so a fresh `npm install` is all it needs
// (no build step to forget); start-up costs a few hundred milliseconds, negligible next to a scenario run.
// A 64 MiB young generation (V8's default is 16): messages in flight live a few milliseconds of wall time, and
// with the default they survive two scavenges, get promoted and cost old-generation GC — about 30% of a busy
// bus's throughput (`npm run bench`). No allocation-site pretenuring: V8 moves an allocation site whose objects
// often survive a scavenge (a message in flight across one, a twin's snapshot) to allocating straight into the old
// generation, where they die young and, until the next full GC, keep alive every young object they point at —
// which is then promoted too. Turning it off cut the 10,000-home day's run by ~20 % of CPU and its peak memory by
// a third (README, Benchmarks). `node bin/twinbench.mjs` without the flags works the same, only slower.
import { register } from 'tsx/esm/api';

register();
const { main, reportCrash } = await import('../engine/cli/main.ts');
// An error raised outside a command's promise (a socket's late 'error' event) is reported like any other: one
// line, the stack only under TWINBENCH_DEBUG=1.
process.on('uncaughtException', (err) => reportCrash(err));
process.on('unhandledRejection', (err) => reportCrash(err));
process.exitCode = await main(process.argv.slice(2));
