#!/usr/bin/env node
// `npm start`: build what is missing or stale (the renderer with Vite, the Electron main/preload with esbuild), then
// open the desktop app — or, where Electron's binary could not be installed, serve the same app to a browser.
//   node scripts/start.mjs            build if needed, then launch
//   node scripts/start.mjs --build    (npm run build) rebuild everything and exit
//   node scripts/start.mjs --browser [--port N]   browser mode even when Electron is there
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(ROOT, ...parts);

const ELECTRON_OUT = [at('dist/electron/main.mjs'), at('dist/electron/preload.cjs')];
const ELECTRON_IN = ['electron', 'engine', 'protocol', 'twins', 'package.json'];

// The staleness check and the renderer's Vite build are shared with `twinbench serve` (TypeScript, through tsx).
const { isStale, rendererIsStale, buildRenderer: viteBuildRenderer } = await tsImport('../engine/build/renderer-build.ts', import.meta.url);

async function buildRenderer() {
  console.log('Building the renderer (vite) …');
  await viteBuildRenderer();
}

async function buildElectron() {
  console.log('Building the Electron main process and preload (esbuild) …');
  const esbuild = await import('esbuild');
  const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', absWorkingDir: ROOT };
  // npm packages stay imports, found at run time in this checkout's node_modules (better-sqlite3 is native).
  await esbuild.build({ ...common, entryPoints: [at('electron/main.ts')], outfile: ELECTRON_OUT[0], format: 'esm', packages: 'external' });
  // A sandboxed preload must be a single CommonJS file with nothing but `electron` to require.
  await esbuild.build({ ...common, entryPoints: [at('electron/preload.ts')], outfile: ELECTRON_OUT[1], format: 'cjs', external: ['electron'] });
}

/** The Electron binary's path, or undefined when npm could not download it (require('electron') throws then). */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT });
  // Stop signals go to the child (a terminal's Ctrl-C reaches it anyway; the child takes a repeat calmly); this
  // process waits for it to close and passes its exit code on.
  const forward = (signal) => child.kill(signal);
  process.on('SIGTERM', forward);
  process.on('SIGINT', forward);
  child.on('exit', (code, signal) => {
    process.off('SIGTERM', forward);
    process.off('SIGINT', forward);
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

async function main() {
  const { values } = parseArgs({ options: { build: { type: 'boolean' }, browser: { type: 'boolean' }, port: { type: 'string' } } });
  const electron = values.browser ? undefined : electronBinary();
  if (values.build) {
    await buildRenderer();
    await buildElectron();
    return;
  }
  if (rendererIsStale()) await buildRenderer();
  if (electron !== undefined) {
    if (isStale(ELECTRON_OUT, ELECTRON_IN)) await buildElectron();
    // The engine runs in Electron's main process; V8 flags reach it only on the command line (see bin/twinbench.mjs).
    return run(electron, ['--js-flags=--max-semi-space-size=64 --no-allocation-site-pretenuring', ELECTRON_OUT[0]]);
  }
  if (!values.browser) console.log("Electron's binary is not installed on this machine (`npm run electron:fetch` gets it where the network allows) — starting browser mode");
  run(process.execPath, ['--max-semi-space-size=64', '--no-allocation-site-pretenuring', at('bin/twinbench.mjs'), 'serve', ...(values.port ? ['--port', values.port] : [])]);
}

main().catch((err) => {
  console.error(`npm start: ${err.message}`);
  process.exitCode = 1;
});
