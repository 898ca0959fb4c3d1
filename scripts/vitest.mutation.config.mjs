// The unit project of `vitest.config.ts` on its own, for Stryker (its Vitest runner has no project filter).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config';

const unit = base.test?.projects?.find((project) => typeof project === 'object' && project.test?.name === 'unit');
if (!unit) throw new Error('vitest.config.ts has no project named "unit"');

export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { ...base.test, projects: [unit] },
});
