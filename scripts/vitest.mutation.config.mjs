// The unit project of `vitest.config.ts` on its own, for Stryker (its Vitest runner has no project filter).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config';

const unit = base.test?.projects?.find((project) => typeof project === 'object' && project.test?.name === 'unit');
if (!unit) throw new Error('vitest.config.ts has no project named "unit"');

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('..', import.meta.url)),
  // Mutants run while the machine is busy: a slow fixture test must not fail the initial run.
  // KP_MUTATION_TESTS (comma-separated globs) narrows the tests, for a quick run on one module: a mutant then
  // counts as killed only by those tests, so a narrowed score is a lower bound.
  test: {
    ...base.test,
    projects: [
      {
        ...unit,
        test: {
          ...unit.test,
          testTimeout: 30_000,
          ...(process.env.KP_MUTATION_TESTS ? { include: process.env.KP_MUTATION_TESTS.split(',') } : {}),
        },
      },
    ],
  },
});
