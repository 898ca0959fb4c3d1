// `npm run bench`: builds the extension (`npx wxt build`) and runs the benchmarks (`bench/run.ts`) in Debian's
// Chromium. Prints the machine's load, one figure a line (`name: value unit`) and a summary of every target as
// `measured / target`, "MISSED" when over it or not measured. A missed target never fails the run; the exit
// code is non-zero only when the build or a benchmark could not run. Each series has a time budget, so a
// full run stays around ten minutes even on a loaded machine (fewer runs then, and it says so).
// Environment: KP_BENCH_RUNS (measured runs per figure, default 7), KP_BENCH_ONLY (size,panel,firefox,main-thread,big-db).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDependencies, run } from './ensure-deps.mjs';

const CHROMIUM = process.env.KP_CHROMIUM ?? '/usr/bin/chromium';

ensureDependencies();
if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { shell: '/bin/bash' });
  } else {
    console.error(`The benchmarks need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get install -y chromium`);
    process.exit(1);
  }
}

try {
  run('npx wxt build');
  // The Firefox panel-ready figure (bench/firefox.ts) loads the Firefox build.
  run('npx wxt build -b firefox');
} catch {
  console.error('bench: the build failed, nothing was measured');
  process.exit(1);
}

console.log('\n$ npx tsx bench/run.ts');
const bench = spawnSync('npx', ['tsx', 'bench/run.ts'], { stdio: 'inherit' });
process.exit(bench.status ?? 1);
