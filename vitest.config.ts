// Unit tests live beside the code they test; e2e/ is Playwright's.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{twins,engine,electron,renderer,scripts,protocol,eslint-rules}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
