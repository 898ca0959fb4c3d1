// `npm run test:mutation [-- stryker options]`: StrykerJS over storage/, background/ and sites/ (unit tests
// only), then the score per folder. Extra arguments go to `stryker run`, e.g. `--mutate 'sites/**/*.ts'`.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const stryker = spawnSync('npx', ['stryker', 'run', ...args], { stdio: 'inherit' });
const summary = spawnSync('node', ['scripts/mutation-summary.mjs', '--survivors'], { stdio: 'inherit' });
process.exit(stryker.status ?? summary.status ?? 1);
