// `npm start` on a machine without Electron's binary (this one): it says so, serves browser mode on 127.0.0.1 and
// the page loads. (Where the binary exists, e2e/electron.spec.ts drives the real window.)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function electronBinaryInstalled(): boolean {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary);
  } catch {
    return false;
  }
}

describe('npm start', () => {
  // Where the binary exists npm start opens the real window instead; e2e/electron.spec.ts covers that case.
  it.skipIf(electronBinaryInstalled())('falls back to browser mode, saying why, and serves the app on 127.0.0.1', async () => {
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed; output so far:\n${output}`)), 120_000);
        const onData = (chunk: Buffer): void => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      expect(output).toContain("Electron's binary is not installed on this machine (`npm run electron:fetch` gets it where the network allows) — starting browser mode");
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  }, 150_000);
});
