// Mutation testing (`npm run test:mutation`, not part of `npm test`): StrykerJS 9.6.1, the last line that
// runs on Node 20. Narrow a run with `npm run test:mutation -- --mutate 'sites/**/*.ts'` (see README).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // The repo's vitest config has two projects; this one keeps only `unit` (the e2e project needs a build
  // and a browser, and cannot see a mutant in the sandbox's sources anyway).
  vitest: { configFile: 'scripts/vitest.mutation.config.mjs', related: true },
  mutate: ['storage/**/*.ts', 'background/**/*.ts', 'sites/**/*.ts', '!**/*.d.ts'],
  // Each test runs only against the mutants its own code reaches: the difference between hours and minutes.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables and constants) rerun every test for each mutant: 38 % of the
  // mutants, 63 % of the time. Skipped by default; `-- --ignoreStatic false` runs them too.
  ignoreStatic: true,
  // Two cores shared with the rest of the machine: one worker leaves the other core free.
  concurrency: 1,
  // Re-runs test only mutants whose code or covering tests changed since the last report.
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  disableTypeChecks: '{storage,background,sites}/**/*.ts',
  // .wxt stays: tsconfig.json extends .wxt/tsconfig.json.
  ignorePatterns: ['.output', 'reports', 'bench', 'tests/e2e', 'coverage', 'test-results'],
  thresholds: { high: 80, low: 60, break: null },
};
