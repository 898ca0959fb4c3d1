// `npm run test:mutation [-- stryker options]`: StrykerJS over storage/, background/ and sites/ (unit tests
// only), then the score per folder. Extra arguments go to `stryker run`, e.g. `--mutate 'sites/**/*.ts'`.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
// Stryker's Vitest runner uses worker threads, where a test's `vi.stubEnv('TZ', …)` does not move the
// clock's zone (it does in Vitest's default forked processes): give the whole run the zone those tests pin.
const env = { ...process.env, TZ: process.env.TZ ?? 'Europe/Berlin' };
const stryker = spawnSync('npx', ['stryker', 'run', ...args], { stdio: 'inherit', env });
const summary = spawnSync('node', ['scripts/mutation-summary.mjs', '--survivors'], { stdio: 'inherit' });
process.exit(stryker.status ?? summary.status ?? 1);
