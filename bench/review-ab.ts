/**
 * A/B tool for issue 11 (not part of `npm run bench`): one build's weekly review and insights on the 10k/50k
 * seed, with a V8 CPU profile of each load, so two builds can be compared in the same minutes on a shared
 * machine. Run one process per build at the same time; they take turns through a lock directory, so each
 * load has the machine to itself as far as this tool is concerned:
 *
 *   npx tsx bench/review-ab.ts <extension dir> <label> [runs]
 *
 * Prints per load: review first render, review complete, insights fresh (a first visit of the day: the
 * page's stored figures are cleared), the page's main-thread CPU time (CDP `Performance.getMetrics`) and
 * the profile's top functions by self time.
 */
import fs from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { type ExtensionBrowser, launchExtension } from '../tests/e2e/harness';
import { benchImport, writeSeedFile } from './big-db';
import { median } from './report';
import { INSIGHTS_FRESH, REVIEW_COMPLETE, REVIEW_READY } from './review';

const LOCK = '/tmp/kp-review-ab.lock';

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmdirSync(LOCK);
    // the other process's turn
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function topSelf(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, n = 12): string[] {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++)
    byNode.set(samples[i] as number, (byNode.get(samples[i] as number) ?? 0) + (deltas[i] ?? 0));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const name = `${functionName || '(anon)'} ${file}${file ? `:${lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + us);
  }
  return [...byName]
    .filter(([name]) => !name.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** One load of `hash`, timed by `ready` in the page clock, with the CPU profile and the task time of the load. */
async function load(ext: ExtensionBrowser, hash: string, ready: () => number | false, before?: (page: Page) => Promise<void>) {
  const page = await ext.context.newPage();
  try {
    // an extension page first, so the profiled load stays in the same renderer
    await page.goto(ext.extensionUrl('popup.html'));
    await page.waitForLoadState('load');
    await before?.(page);
    await page.waitForTimeout(300);
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.goto(ext.extensionUrl(`options.html?ab=${Date.now()}#${hash}`));
    const handle = await page.waitForFunction(ready, undefined, { timeout: 120_000, polling: 'raf' });
    const ms = (await handle.jsonValue()) as number;
    // the counters start again with the new document, so they are the load's own
    const m1 = await metrics(cdp);
    const marks = (await page.evaluate(() =>
      performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`),
    )) as string[];
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Parameters<typeof topSelf>[0] };
    return {
      ms,
      taskMs: Math.round((m1.TaskDuration ?? 0) * 1000),
      scriptMs: Math.round((m1.ScriptDuration ?? 0) * 1000),
      marks,
      top: topSelf(profile),
    };
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const [dir, label = 'build', runsArg = '5'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: bench/review-ab.ts <extension dir> <label> [runs]');
  const runs = Number(runsArg);
  const seed = writeSeedFile();
  const ext = await launchExtension({ extensionDir: dir });
  const out: Record<string, number[]> = { review: [], complete: [], insights: [], reviewTask: [], insightsTask: [] };
  try {
    await withLock(async () => (await benchImport(ext, seed)).close());
    for (let i = 0; i < runs; i++) {
      await withLock(async () => {
        const r = await load(ext, 'review', REVIEW_READY);
        const c = await load(ext, 'review', REVIEW_COMPLETE);
        const clear = (page: Page) => page.evaluate(() => localStorage.clear());
        const ins = await load(ext, 'insights', INSIGHTS_FRESH, clear);
        out.review?.push(Math.round(r.ms));
        out.complete?.push(Math.round(c.ms));
        out.insights?.push(Math.round(ins.ms));
        out.reviewTask?.push(r.taskMs);
        out.insightsTask?.push(ins.taskMs);
        console.log(
          `[${label}] run ${i + 1}: review ${Math.round(r.ms)} ms (task ${r.taskMs}, script ${r.scriptMs}), complete ${Math.round(c.ms)} ms (task ${c.taskMs}), insights fresh ${Math.round(ins.ms)} ms (task ${ins.taskMs})`,
        );
        console.log(`[${label}]   marks: review ${r.marks.join(', ')}; complete ${c.marks.join(', ')}`);
        if (i === 0) {
          console.log(`[${label}] review first render, top self time:\n${r.top.join('\n')}`);
          console.log(`[${label}] review complete, top self time:\n${c.top.join('\n')}`);
          console.log(`[${label}] insights fresh, top self time:\n${ins.top.join('\n')}`);
        }
      });
    }
    for (const [name, values] of Object.entries(out))
      console.log(`[${label}] median ${name}: ${median(values)} ms  (${values.join(', ')})`);
  } finally {
    await ext.close();
    seed.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
