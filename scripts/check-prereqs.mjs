#!/usr/bin/env node
// Runs before the test suite: checks what the tests need from the machine and, if something is missing, stops at
// once with the exact command that installs it (instead of a confusing stack trace twenty tests later).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const problems = [];
const apt = [];

function onPath(cmd) {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const chromium = process.env.TWINBENCH_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  problems.push(`Chromium not found at ${chromium} (Playwright e2e tests drive Debian's Chromium).`);
  apt.push('chromium');
}
if (!onPath('mosquitto') && !existsSync('/usr/sbin/mosquitto')) {
  problems.push('mosquitto not found (MQTT v5 broker used by the connector tests).');
  apt.push('mosquitto');
}
if (!onPath('nats-server') && !existsSync('/usr/sbin/nats-server')) {
  problems.push('nats-server not found (the 3-node NATS cluster with its MQTT listener used by the fleet-mode tests).');
  apt.push('nats-server');
}
if (!onPath('mosquitto_sub')) {
  problems.push('mosquitto_sub not found (independent MQTT observer used by the connector tests).');
  apt.push('mosquitto-clients');
}
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (err) {
  problems.push(`better-sqlite3 does not load (${err.message.split('\n')[0]}).\n  Fix: npm rebuild better-sqlite3`);
}

// electron/ is type-checked against the electron package's own declarations. npm ≥ 11.19 keeps the package (and
// skips its binary download, denied in package.json's allowScripts); an older npm runs the download and, where it
// fails, drops the whole optional package.
if (!existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) {
  problems.push(
    "Electron's type declarations are missing (node_modules/electron): this npm ignored package.json's allowScripts,\n" +
      "    ran Electron's binary download, and dropped the package when it failed.\n" +
      '  Fix: use npm ≥ 11.19 (npm install -g npm@11), or: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install',
  );
}

if (problems.length > 0) {
  console.error('Twinbench tests cannot run on this machine yet:');
  for (const p of problems) console.error(`  - ${p}`);
  if (apt.length > 0) console.error(`\nInstall with:\n  sudo apt-get update && sudo apt-get install -y ${apt.join(' ')}\n`);
  process.exit(1);
}
