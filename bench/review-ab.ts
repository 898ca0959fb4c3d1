/**
 * A/B tool for issue 11 (not part of `npm run bench`): one build's weekly review and insights on the 10k/50k
 * seed, with a V8 CPU profile of each load, so two builds can be compared in the same minutes on a shared
 * machine. Run one process per build at the same time; they take turns through a lock directory, so each
 * load has the machine to itself as far as this tool is concerned:
 *
 *   npx tsx bench/review-ab.ts <extension dir> <label> [runs]
 *
 * Prints per load: review first render, review complete, insights fresh (a first visit of the day: the
 * page's stored figures are cleared), the page main thread's task and CPU time (a CDP trace: `bench/trace.ts`) and
 * the profile's top functions by self time.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, launchExtension } from '../tests/e2e/harness';
import { benchImport, writeSeedFile } from './big-db';
import { runInPage } from './in-page';
import { median } from './report';
import { documentThread, selfTimeByName, TRACE_CATEGORIES, type ThreadId, type TraceEvent, taskCpuMs, taskTimeMs } from './trace';
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
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

interface ChunkData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

/** JS functions by self time (ms) on one thread, from the trace's V8 sampling profile (`ProfileChunk`s). */
function jsSelfTime(events: readonly TraceEvent[], thread: ThreadId, n = 12): string[] {
  const names = new Map<number, string>();
  const selfUs = new Map<string, number>();
  // the sampled thread's `Profile` event names the profile; its chunks come from the profiler's own thread
  const idOf = (e: TraceEvent) => (e as TraceEvent & { id?: string }).id;
  const ids = new Set(events.filter((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid).map(idOf));
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== thread.pid || !ids.has(idOf(e))) continue;
    const data = (e.args as { data?: ChunkData } | undefined)?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url?.split('/').pop() ?? '';
      names.set(node.id, `${functionName || '(anon)'}${file ? ` ${file}:${(lineNumber ?? 0) + 1}` : ''}`);
    }
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      // a sample's time is the gap to the next one; the last of a chunk counts as its own delta
      const name = names.get(samples[i] as number) ?? '?';
      selfUs.set(name, (selfUs.get(name) ?? 0) + Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0));
    }
  }
  return [...selfUs]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
}

const CATEGORIES = [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];

/** One load of `hash`, timed by `ready` in the page clock, with the page main thread's work from a trace. */
async function load(ext: ExtensionBrowser, hash: string, ready: () => number | false, before?: (page: Page) => Promise<void>) {
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser-level CDP session');
  const cdp = await browser.newBrowserCDPSession();
  const page = await ext.context.newPage();
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const ev of e.value) events.push(ev as TraceEvent);
  };
  try {
    if (before) {
      await page.goto(ext.extensionUrl('popup.html'));
      await before(page);
    }
    cdp.on('Tracing.dataCollected', onData);
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES },
    });
    const url = ext.extensionUrl(`options.html?ab=${Date.now()}#${hash}`);
    await page.goto(url);
    const handle = await page.waitForFunction(ready, undefined, { timeout: 120_000, polling: 'raf' });
    const ms = (await handle.jsonValue()) as number;
    const marks = (await page.evaluate(() =>
      performance.getEntriesByType('mark').map((m) => `${m.name} ${Math.round(m.startTime)}`),
    )) as string[];
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    const thread = documentThread(events, (u) => u === url);
    if (!thread) throw new Error('no ParseHTML of the dashboard in the trace');
    const timeline = [...selfTimeByName(events, thread)]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, v]) => `${name} ${Math.round(v)}`);
    return {
      ms,
      taskMs: Math.round(taskTimeMs(events, thread)),
      cpuMs: Math.round(taskCpuMs(events, thread)),
      marks,
      timeline,
      top: jsSelfTime(events, thread),
    };
  } finally {
    cdp.off('Tracing.dataCollected', onData);
    await page.close();
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * The two designs for the touch aggregates, read side (issue 11): everything the worker reads today (all
 * touches, all contacts) against what a maintained per-person aggregate store would be read as (10,000
 * small records with 24 months × 3 directions), written into a scratch database in the same origin.
 */
function compareStores(): Promise<Record<string, number>> {
  const req = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      // the notebook at whatever version it is; the scratch database at 1
      const r = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
      r.onupgradeneeded = () => upgrade?.(r.result);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const timeAll = async (db: IDBDatabase, store: string) => {
    const t0 = performance.now();
    const rows = await req(db.transaction(store).objectStore(store).getAll());
    return { ms: Math.round(performance.now() - t0), count: rows.length };
  };
  return (async () => {
    const kp = await open('kontaktpflege');
    const touches = await timeAll(kp, 'touches');
    const contacts = await timeAll(kp, 'contacts');
    kp.close();
    const scratch = await open('kp-scratch-aggregates', (db) => db.createObjectStore('agg', { keyPath: 'contactKey' }));
    const tx = scratch.transaction('agg', 'readwrite');
    for (let i = 0; i < 10_000; i++) {
      const months: Record<string, [number, number, number]> = {};
      for (let m = 0; m < 24; m++) months[`2025-${String(m).padStart(2, '0')}`] = [m % 3, m % 2, 1];
      tx.objectStore('agg').put({
        contactKey: `linkedin:person-${i}`,
        months,
        lastGave: '2026-01-01',
        lastReceived: '2026-02-01',
      });
    }
    await new Promise((resolve) => {
      tx.oncomplete = resolve;
    });
    const agg = await timeAll(scratch, 'agg');
    scratch.close();
    indexedDB.deleteDatabase('kp-scratch-aggregates');
    return {
      touchesMs: touches.ms,
      touches: touches.count,
      contactsMs: contacts.ms,
      contacts: contacts.count,
      aggregatesMs: agg.ms,
      aggregates: agg.count,
    };
  })();
}

async function main(): Promise<void> {
  const [dir, label = 'build', runsArg = '5'] = process.argv.slice(2);
  if (!dir) throw new Error('usage: bench/review-ab.ts <extension dir> <label> [runs]');
  const runs = Number(runsArg);
  const seed = writeSeedFile();
  const ext = await launchExtension({ extensionDir: dir });
  const out: Record<string, number[]> = { review: [], complete: [], insights: [], reviewTask: [], insightsTask: [] };
  try {
    await withLock(async () => {
      const dashboard = await benchImport(ext, seed);
      if (process.env.KP_AB_STORES) {
        for (let i = 0; i < 3; i++)
          console.log(`[${label}] read side of the two designs:`, await runInPage(dashboard, compareStores));
      }
      await dashboard.close();
    });
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
          `[${label}] run ${i + 1}: review ${Math.round(r.ms)} ms (task ${r.taskMs}, cpu ${r.cpuMs}), complete ${Math.round(c.ms)} ms (task ${c.taskMs}, cpu ${c.cpuMs}), insights fresh ${Math.round(ins.ms)} ms (task ${ins.taskMs}, cpu ${ins.cpuMs})`,
        );
        console.log(`[${label}]   marks: review ${r.marks.join(', ')}; complete ${c.marks.join(', ')}`);
        if (i === 0) {
          console.log(`[${label}] review first render, timeline self: ${r.timeline.join(', ')}`);
          console.log(`[${label}] review first render, top self time:\n${r.top.join('\n')}`);
          console.log(`[${label}] review complete, top self time:\n${c.top.join('\n')}`);
          console.log(`[${label}] review complete, timeline self: ${c.timeline.join(', ')}`);
          console.log(`[${label}] insights fresh, timeline self: ${ins.timeline.join(', ')}`);
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
