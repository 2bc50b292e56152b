// Unit tests live beside the code they test; e2e/ is Playwright's.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{twins,engine,electron,renderer,scripts,protocol,eslint-rules,bench}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
    // Runs are recorded into the user's data folder by default; tests record into a throw-away one.
    env: { TWINBENCH_DATA_DIR: path.join(os.tmpdir(), `twinbench-test-data-${process.pid}`) },
  },
});
