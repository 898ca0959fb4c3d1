/**
 * `npm run bench` (after `npx wxt build`, see scripts/bench.mjs): performance figures of the built
 * extension in Debian's Chromium, through the end-to-end harness (tests/e2e/harness.ts).
 *
 * Prints one figure a line, `name: value unit`, then a summary of the figures that have a target.
 * Asserts nothing: a slow figure is printed, not failed. Exits non-zero only when a part cannot run.
 *
 * Environment: KP_BENCH_RUNS (measured runs per figure, default 7), KP_BENCH_ONLY (comma-separated
 * parts: size, panel, main-thread, big-db).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, type ExtensionBrowser, launchExtension } from '../tests/e2e/harness';
import { benchBadge, benchExport, benchImport, benchPopup, benchRawIdb, type SeedFile, writeSeedFile } from './big-db';
import { benchMainThread, benchPanel } from './page';
import { failed, failures, figure, note, printSummary, type Target, warn } from './report';

const RUNS = Math.max(1, Number(process.env.KP_BENCH_RUNS ?? 7) || 7);
const ONLY = new Set((process.env.KP_BENCH_ONLY ?? '').split(',').filter(Boolean));
const wanted = (part: string) => ONLY.size === 0 || ONLY.has(part);

const TARGETS: Target[] = [
  { name: 'content-script-gzip', limit: 8 * 1024, unit: 'bytes' },
  { name: 'panel-ready-after-dcl-median', limit: 150, unit: 'ms' },
  { name: 'navigation-swap-median', limit: 100, unit: 'ms' },
  { name: 'added-main-thread-script', limit: 10, unit: 'ms' },
  { name: 'popup-due-list-render', limit: 100, unit: 'ms' },
  { name: 'badge-recount', limit: 50, unit: 'ms' },
  { name: 'export-10k-json', limit: 1000, unit: 'ms' },
  { name: 'export-10k-csv', limit: 1000, unit: 'ms' },
  { name: 'import-10k-total', limit: 3000, unit: 'ms' },
];

/** Share of all cores busy over `ms` (from /proc/stat; null where there is none). */
async function cpuBusy(ms: number): Promise<number | null> {
  const read = () => {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = read();
    await new Promise((r) => setTimeout(r, ms));
    const b = read();
    const total = b.total - a.total;
    return total > 0 ? 1 - (b.idle - a.idle) / total : null;
  } catch {
    return null;
  }
}

/** Other work on this machine (a test run next door) inflates every figure: say so. */
async function reportLoad(when: 'start' | 'end'): Promise<void> {
  const [one = 0, five = 0] = os.loadavg();
  const cores = os.cpus().length;
  let line = `load average at ${when}: ${one.toFixed(2)} (1 min), ${five.toFixed(2)} (5 min) on ${cores} cores`;
  if (when === 'end') return note(line);
  const busy = await cpuBusy(1000);
  if (busy === null) return note(line);
  line += `; CPU busy in the second before the first figure: ${Math.round(busy * 100)} %`;
  if (busy > 0.25) warn(`${line}: other work is running on this machine, figures are inflated`);
  else note(line);
}

async function part(name: string, work: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    failed(name, error);
  }
  note(`${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function withExtension(work: (ext: ExtensionBrowser) => Promise<void>): Promise<void> {
  const ext = await launchExtension();
  try {
    await work(ext);
  } finally {
    await ext.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Kontaktpflege benchmarks (${RUNS} measured runs per figure; medians, min, max)`);
  await reportLoad('start');

  await part('size', async () => {
    const file = path.join(EXTENSION_DIR, 'content-scripts', 'profile.js');
    const raw = fs.readFileSync(file);
    figure('content-script-raw', raw.length, 'bytes');
    figure('content-script-gzip', gzipSync(raw, { level: 9 }).length, 'bytes');
  });

  await part('panel', () => withExtension((ext) => benchPanel(ext, { runs: RUNS })));

  await part('main-thread', () => withExtension((ext) => benchMainThread(ext, { runs: RUNS, settleMs: 1000 })));

  await part('big-db', async () => {
    let seed: SeedFile | null = null;
    try {
      const t0 = Date.now();
      seed = writeSeedFile();
      note(
        `seed: ${seed.contacts} contacts, ${seed.touches} touches, ${seed.due} due on ${seed.today}; ` +
          `export file written in Node in ${Date.now() - t0} ms`,
      );
      const s = seed;
      await withExtension(async (ext) => {
        const dashboard = await benchImport(ext, s);
        await benchExport(dashboard, Math.min(RUNS, 3));
        await dashboard.close();
        await benchPopup(ext, s, RUNS);
        await benchBadge(ext, s, Math.max(RUNS, 15));
        await benchRawIdb(ext);
      });
    } finally {
      seed?.close();
    }
  });

  await reportLoad('end');
  printSummary(TARGETS);
  note(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const broken = failures();
  if (broken.length > 0) {
    console.log(`bench: could not run ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  failed('bench', error);
  process.exitCode = 1;
});
