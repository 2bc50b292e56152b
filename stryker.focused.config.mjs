// A quick mutation run of one module against the tests written for it (TESTS: comma-separated globs), instead of
// every test related to it (which, for the evaluator, means every shipped scenario). Each mutant then costs well
// under a second, and the score is a lower bound of the full run's (more tests can only kill more mutants):
//   TESTS='twins/security/*.test.ts' npx stryker run stryker.focused.config.mjs --mutate 'twins/security/*.ts,!**/*.test.ts'
import base from './stryker.config.mjs';

export default {
  ...base,
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'json'],
  // scripts/mutate.mjs reads each group's scores from its own file.
  jsonReporter: { fileName: process.env.MUTATION_JSON ?? 'reports/mutation/mutation.json' },
};
