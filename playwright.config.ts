// End-to-end tests of the app in browser mode: the webServer step is exactly what a user on a fresh clone runs —
// `twinbench serve`, which builds the renderer when it is missing or stale — on a free port, which the tests read
// from its first line of output. Debian's Chromium, one worker, no retries: a flaky step should be fixed, not hidden.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The app records every run into TWINBENCH_DATA_DIR: a fresh folder per test session, never the user's own. Set in
// the environment so the worker processes, which load this file again, agree with the server on the folder.
process.env.TWINBENCH_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'twinbench-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1600, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: 'node bin/twinbench.mjs serve --port 0',
    // "Twinbench is listening on http://127.0.0.1:PORT/" → process.env.TWINBENCH_PORT for the tests.
    wait: { stdout: /listening on http:\/\/127\.0\.0\.1:(?<twinbench_port>\d+)\// },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { TWINBENCH_DATA_DIR: process.env.TWINBENCH_E2E_DATA_DIR },
  },
});
