#!/usr/bin/env -S node --max-semi-space-size=64 --no-allocation-site-pretenuring
// The `twinbench` command. The engine is TypeScript, so a fresh `npm install` is all it needs (no build step to
// forget): it runs from a bundle built on first start (below) or through tsx.
// A 64 MiB young generation (V8's default is 16): messages in flight live a few milliseconds of wall time, and
// with the default they survive two scavenges, get promoted and cost old-generation GC — about 30% of a busy
// bus's throughput (`npm run bench`). No allocation-site pretenuring: V8 moves an allocation site whose objects
// often survive a scavenge (a message in flight across one, a twin's snapshot) to allocating straight into the old
// generation, where they die young and, until the next full GC, keep alive every young object they point at —
// which is then promoted too. Turning it off cut the 10,000-home day's run by ~20 % of CPU and its peak memory by
// a third (README, Benchmarks). `node bin/twinbench.mjs` without the flags works the same, only slower.
// It starts from one esbuild bundle of engine/cli/main.ts's module graph (engine/build/esm-bundle.mjs): checking
// that bundle is fresh takes a few milliseconds, loading it a fraction of tsx's second-plus for ~300 modules. After
// an edit the first start rebuilds it; when it cannot be had (esbuild missing, node_modules read-only, a build
// error) the sources run through tsx as before. TWINBENCH_DEBUG=1 says on stderr which of the two started.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundled } from '../engine/build/esm-bundle.mjs';

const SOURCE = new URL('../engine/cli/main.ts', import.meta.url);
const debugging = !['', '0', undefined].includes(process.env.TWINBENCH_DEBUG);
const debug = (line) => debugging && process.stderr.write(`twinbench: ${line}\n`);

async function load() {
  try {
    const bundle = await bundled(fileURLToPath(SOURCE), 'cli');
    const cli = await import(pathToFileURL(bundle).href);
    debug(`started from the bundle ${bundle}`);
    return cli;
  } catch (err) {
    debug(`started through tsx (no bundle: ${err instanceof Error ? err.message : String(err)})`);
    const { register } = await import('tsx/esm/api');
    register();
    return import(SOURCE.href);
  }
}

const { main, reportCrash } = await load();
// An error raised outside a command's promise (a socket's late 'error' event) is reported like any other: one
// line, the stack only under TWINBENCH_DEBUG=1.
process.on('uncaughtException', (err) => reportCrash(err));
process.on('unhandledRejection', (err) => reportCrash(err));
process.exitCode = await main(process.argv.slice(2));
