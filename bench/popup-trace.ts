/**
 * A/B profile of the popup's first screen (issues 9 and 13), for the developer rather than the summary:
 * `npx tsx bench/popup-trace.ts [dirA] [dirB]` loads each built extension (default: this worktree's build)
 * in its own browser with the occasions seed (10k contacts, 20k key dates, 5k promises), then alternates
 * A and B: popup.html in a tab of the popup's size under a CDP trace, and the badge recount round trip.
 * Prints per build the first-screen medians and, from the trace of the popup's main thread up to the first
 * screen, the top items: script compile/evaluate per bundle, parse, style, layout, paint.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { localToday } from '../storage/dates';
import { EXTENSION_DIR, type ExtensionBrowser, launchExtension, openExtensionPage } from '../tests/e2e/harness';
import { announceWrite, occasionSeed, writeSeed } from './occasions';
import { openPopupTab } from './popup';
import { median } from './report';
import { documentThread, startTrace, TRACE_CATEGORIES, type TraceEvent, topLevelTasks } from './trace';

const RUNS = Math.max(1, Number(process.env.KP_BENCH_RUNS ?? 5) || 5);

interface Side {
  label: string;
  ext: ExtensionBrowser;
  screens: number[];
  cpu: number[];
  tasks: number[];
  items: Map<string, number[]>;
  badge: number[];
}

function eventUrl(e: TraceEvent): string {
  const url = e.args?.data?.url ?? e.args?.beginData?.url ?? e.args?.data?.stackTrace?.[0]?.url ?? '';
  return url.replace(/^chrome-extension:\/\/[a-z]+/, '');
}

/** Per item (event name, with the bundle for script events), outermost time in ms up to `untilUs`. */
function topItems(
  events: TraceEvent[],
  popupUrl: string,
  completeMs: number,
): { items: Map<string, number>; cpu: number; tasks: number } {
  const thread = documentThread(events, (url) => url.includes(popupUrl));
  const items = new Map<string, number>();
  if (!thread) return { items, cpu: Number.NaN, tasks: 0 };
  // The popup's navigation start in trace time: `complete` is counted from it (performance.now() in the popup).
  const nav = events.find(
    (e) => e.name === 'navigationStart' && e.pid === thread.pid && (e.args?.data?.documentLoaderURL ?? '').includes(popupUrl),
  );
  const parse = events.find((e) => e.name === 'ParseHTML' && e.pid === thread.pid && e.tid === thread.tid);
  const start = nav?.ts ?? parse?.ts ?? 0;
  const until = start + completeMs * 1000;
  const tasks = topLevelTasks(events, thread).filter((t) => t.ts >= start - 50_000 && t.ts <= until);
  let cpu = 0;
  for (const t of tasks) cpu += (t.tdur ?? 0) / 1000;
  const inThread = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const interesting = new Set([
    'ParseHTML',
    'EvaluateScript',
    'v8.compileModule',
    'v8.evaluateModule',
    'v8.compile',
    'FunctionCall',
    'UpdateLayoutTree',
    'Layout',
    'Paint',
    'PrePaint',
    'Layerize',
    'RunMicrotasks',
    'TimerFire',
    'FireAnimationFrame',
    'ParseAuthorStyleSheet',
  ]);
  let openUntil = 0;
  for (const e of inThread) {
    if (e.ts < start - 50_000 || e.ts > until || e.ts < openUntil || !interesting.has(e.name)) continue;
    const url = eventUrl(e);
    const key = url
      ? `${e.name} ${url
          .split('/')
          .pop()
          ?.replace(/-[\w]{8}\.js$/, '.js')}`
      : e.name;
    items.set(key, (items.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    openUntil = e.ts + (e.dur ?? 0);
  }
  return { items, cpu, tasks: tasks.length };
}

async function seed(ext: ExtensionBrowser): Promise<void> {
  const setup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  await setup.getByRole('main').waitFor({ state: 'attached', timeout: 10_000 });
  await writeSeed(setup, occasionSeed(localToday(new Date())));
  await announceWrite(setup);
  await setup.close();
}

/** Until the worker's summary is stored again (a write drops it; the popup opens a while after the last write). */
async function summaryStored(ext: ExtensionBrowser): Promise<void> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
  await page.evaluate(async () => {
    const chrome = (
      globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }
    ).chrome;
    for (let i = 0; i < 600; i++) {
      if ((await chrome.storage.session.get('popup-first-screen'))['popup-first-screen']) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no popup summary within 30 s');
  });
  await page.close();
}

async function popupRun(side: Side): Promise<void> {
  await summaryStored(side.ext);
  const browser = side.ext.context.browser();
  if (!browser) throw new Error('no browser');
  const cdp = await browser.newBrowserCDPSession();
  const recorder = await startTrace(cdp, [...TRACE_CATEGORIES, 'blink.user_timing']);
  const { page, screen } = await openPopupTab(side.ext);
  const events = await recorder.stop();
  await cdp.detach().catch(() => undefined);
  await page.close();
  const { items, cpu, tasks } = topItems(events, 'popup.html', screen.complete);
  side.screens.push(screen.complete);
  side.cpu.push(cpu);
  side.tasks.push(tasks);
  for (const [k, v] of items) side.items.set(k, [...(side.items.get(k) ?? []), v]);
}

async function badgeRun(side: Side): Promise<void> {
  const page: Page = await openExtensionPage(side.ext.context, side.ext.extensionId, 'panel.html');
  const times = await page.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      await chrome.runtime.sendMessage({ type: 'page/data-changed' });
      out.push(performance.now() - t);
    }
    return out;
  });
  await page.close();
  side.badge.push(...times.slice(1));
}

async function main(): Promise<void> {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) dirs.push(EXTENSION_DIR);
  const sides: Side[] = [];
  for (const dir of dirs) {
    const ext = await launchExtension({ extensionDir: path.resolve(dir) });
    await seed(ext);
    sides.push({ label: dir, ext, screens: [], cpu: [], tasks: [], items: new Map(), badge: [] });
  }
  try {
    for (const side of sides) await popupRun(side); // warm-up
    for (const side of sides) side.screens.length = side.cpu.length = side.tasks.length = 0;
    for (const side of sides) side.items.clear();
    for (let run = 0; run < RUNS; run++) {
      for (const side of sides) await popupRun(side);
      for (const side of sides) await badgeRun(side);
    }
  } finally {
    for (const side of sides) await side.ext.close();
  }
  for (const side of sides) {
    console.log(`\n== ${side.label}`);
    console.log(
      `popup first screen (tab, occasions seed): median ${median(side.screens).toFixed(1)} ms  [${side.screens.map((s) => s.toFixed(0)).join(', ')}]`,
    );
    console.log(`main-thread CPU in tasks up to it: median ${median(side.cpu).toFixed(1)} ms, tasks ${median(side.tasks)}`);
    console.log(
      `badge recount round trip: median ${median(side.badge).toFixed(1)} ms  [${side.badge.map((s) => s.toFixed(0)).join(', ')}]`,
    );
    const top = [...side.items].map(([k, v]) => [k, median(v)] as const).sort((a, b) => b[1] - a[1]);
    for (const [k, v] of top.slice(0, 14)) console.log(`  ${v.toFixed(1).padStart(6)} ms  ${k}`);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
