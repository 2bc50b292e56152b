// `npx stryker run`: Stryker mutates the modules whose mistakes would let a verdict or a security check pass by
// accident, and runs every Vitest test related to each mutant (for the evaluator, every shipped scene: hours on 2
// cores). `npm run mutate` (scripts/mutate.mjs) is the everyday run: each group against its own tests, through
// stryker.focused.config.mjs, with one table of scores at the end. Not part of CI; the scores are in the README.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'engine/runner/evaluate/*.ts',
    'twins/security/*.ts',
    'twins/bus/links.ts',
    'twins/bus/flight.ts',
    'twins/bus/pending-requests.ts',
    'engine/recorder/run-recorder.ts',
    'engine/recorder/writer-liveness.ts',
    'twins/sim/apps/charging-app.ts',
    'engine/connectors/reconnect-backoff.ts',
    '!**/*.test.ts',
    '!**/index.ts',
  ],
  ignorePatterns: ['dist', 'test-results', '.tsbuild', 'reports', '.stryker-tmp', 'e2e'],
  concurrency: 2,
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 85, break: null },
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  cleanTempDir: 'always',
};
