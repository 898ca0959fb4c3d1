import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/component/**/*.test.{ts,tsx}'],
          environment: 'node',
          // jsdom parses 1.2 MB LinkedIn pages and renders 250-row tables: seconds on a loaded 2-core machine.
          // A timeout is not a speed assertion (speed lives in `npm run bench`), so leave room.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Firefox ESR over WebDriver BiDi (tests/e2e-firefox/harness.ts): its own project so it runs beside
          // Chromium's files instead of after them; one Firefox at a time within it.
          name: 'e2e-firefox',
          include: ['tests/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          // A cold Firefox start takes 2 s idle and up to 30 s on this shared 2-core machine.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
