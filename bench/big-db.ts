/**
 * Figures with 10,000 contacts and 50,000 touches (issues 4 and 5): import through the dashboard's own
 * Import control (validation + plan, then merge + write) with the page's peak JS heap, export to JSON and
 * CSV, the plain-IndexedDB floor for the import, and the badge recount in the background worker (the
 * popup's first screen is in popup.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { buildExportFile, serializeExportFile } from '../storage/backup/format';
import { dayStartMs, localToday } from '../storage/dates';
import { SCHEMA_V2 } from '../storage/db';
import type { IsoDay } from '../storage/types';
import { type ExtensionBrowser, openExtensionPage } from '../tests/e2e/harness';
import { generateSeed } from '../tests/support/seed';
import { inPageSource, runInPage } from './in-page';
import { occasionSeed, writeSeed } from './occasions';
import { figure, median, note, series, timeIsUp, warn } from './report';

export interface SeedFile {
  file: string;
  bytes: number;
  contacts: number;
  touches: number;
  /** contacts with nextDueAt ≤ today, as the seed computes it: what the badge must show */
  due: number;
  today: IsoDay;
  close(): void;
}

/** The seed (generateSeed: deterministic 10k/50k) as an export file on disk, written as the app writes it. */
export function writeSeedFile(today: IsoDay = localToday(new Date())): SeedFile {
  const { contacts, touches, settings } = generateSeed({ today });
  const text = serializeExportFile(buildExportFile(contacts, touches, settings, new Date()));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-seed-'));
  const file = path.join(dir, `kontaktpflege-${today}.json`);
  fs.writeFileSync(file, text);
  const todayMs = dayStartMs(today);
  return {
    file,
    bytes: Buffer.byteLength(text),
    contacts: contacts.length,
    touches: touches.length,
    due: contacts.filter((c) => c.nextDueAt <= todayMs).length,
    today,
    close: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// ---------------------------------------------------------------------------------------------
// Import

interface ImportMarks {
  change: number | null;
  preview: number | null;
  previewText: string | null;
  confirm: number | null;
  done: number | null;
  doneText: string | null;
  error: string | null;
  /** main-thread tasks over 50 ms (PerformanceObserver `longtask`): start and duration, page clock */
  longTasks: Array<[number, number]>;
  /** distinct values the "Import progress" bar showed while it had an amount */
  progressValues: number[];
}

type ImportWindow = Window & { __kpImport?: ImportMarks };

/**
 * In the dashboard (page clock, performance.now): the file input's `change`, the preview `status` next
 * to a `Confirm import` button, the click on that button, and the result `status` once the button is gone.
 */
function importProbe(): void {
  const now = () => performance.now();
  const marks: ImportMarks = {
    change: null,
    preview: null,
    previewText: null,
    confirm: null,
    done: null,
    doneText: null,
    error: null,
    longTasks: [],
    progressValues: [],
  };
  (window as ImportWindow).__kpImport = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask' });
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  const section = input?.closest('section') ?? document.body;
  const confirmButton = () =>
    Array.from(section.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Confirm import');
  document.addEventListener(
    'change',
    (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'file') marks.change = now();
    },
    true,
  );
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button && button === confirmButton()) marks.confirm = now();
    },
    true,
  );
  const check = () => {
    const t = now();
    const alert = section.querySelector('[role="alert"]');
    if (alert && marks.error === null) marks.error = alert.textContent;
    const bar = section.querySelector('progress[aria-label="Import progress"]');
    if (bar instanceof HTMLProgressElement && bar.hasAttribute('value') && !marks.progressValues.includes(bar.value))
      marks.progressValues.push(bar.value);
    const status = section.querySelector('[role="status"]');
    const text = status?.textContent ?? null;
    if (marks.change !== null && marks.preview === null && text && confirmButton()) {
      marks.preview = t;
      marks.previewText = text;
    }
    if (marks.confirm !== null && marks.done === null && text && !confirmButton() && text !== marks.previewText) {
      marks.done = t;
      marks.doneText = text;
    }
  };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
}

async function importMarks(page: Page): Promise<ImportMarks> {
  const marks = await page.evaluate(() => (window as ImportWindow).__kpImport);
  if (!marks) throw new Error('the import probe is not installed');
  return marks;
}

async function waitForImportMark(
  page: Page,
  pick: (m: ImportMarks) => number | null,
  what: string,
  timeout: number,
): Promise<ImportMarks> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const marks = await importMarks(page);
    if (marks.error !== null) throw new Error(`the dashboard shows an error while waiting for ${what}: ${marks.error}`);
    if (pick(marks) !== null) return marks;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface HeapSampler {
  stop(): Promise<{ peak: number; samples: number; maxGapMs: number }>;
}

/** Samples `Runtime.getHeapUsage` of the page every ~50 ms (a sample waits while the page's main thread is busy). */
function sampleHeap(cdp: CDPSession, intervalMs = 50): HeapSampler {
  let running = true;
  let peak = 0;
  let samples = 0;
  let maxGap = 0;
  let last = Date.now();
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      const at = Date.now();
      maxGap = Math.max(maxGap, at - last);
      last = at;
      peak = Math.max(peak, usedSize);
      samples++;
      const wait = intervalMs - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { peak, samples, maxGapMs: maxGap };
    },
  };
}

const MB = 1024 * 1024;

export async function benchImport(ext: ExtensionBrowser, seed: SeedFile): Promise<Page> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  const importInput = page.getByLabel('Import', { exact: true });
  await importInput.waitFor({ state: 'attached', timeout: 15_000 });
  await page.evaluate(inPageSource(importProbe));
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const before = ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const sampler = sampleHeap(cdp);
  let heap: Awaited<ReturnType<HeapSampler['stop']>> | null = null;
  try {
    const wall0 = Date.now();
    await importInput.setInputFiles(seed.file);
    const previewed = await waitForImportMark(page, (m) => m.preview, 'the import preview', 60_000);
    const wallPreview = Date.now() - wall0;
    const wall1 = Date.now();
    await page.getByRole('button', { name: 'Confirm import' }).click();
    const done = await waitForImportMark(page, (m) => m.done, 'the import result', 120_000);
    const wallDone = Date.now() - wall1;
    heap = await sampler.stop();

    const { change, preview } = previewed;
    if (change === null || preview === null || done.confirm === null || done.done === null)
      throw new Error('import marks incomplete');
    const plan = preview - change;
    const write = done.done - done.confirm;
    figure('import-10k-file-size', seed.bytes, 'bytes');
    figure('import-10k-validate-plan', plan, 'ms');
    figure('import-10k-write', write, 'ms');
    figure('import-10k-total', plan + write, 'ms');
    const longest = (from: number, to: number) =>
      Math.round(Math.max(0, ...done.longTasks.filter(([at]) => at >= from && at <= to).map(([, ms]) => ms)));
    figure('import-10k-preview-longest-task', longest(change, preview), 'ms');
    figure('import-10k-write-longest-task', longest(done.confirm, done.done), 'ms');
    figure('import-10k-write-progress-steps', done.progressValues.length, 'values');
    figure('import-10k-peak-heap', Math.round((heap.peak / MB) * 10) / 10, 'MB');
    figure('import-10k-heap-before', Math.round((before / MB) * 10) / 10, 'MB');
    note(`import preview: "${previewed.previewText}"; result: "${done.doneText}"`);
    note(
      "import-10k-validate-plan: the file input's change event → the preview status (file.text, JSON.parse, validation, plan); " +
        'import-10k-write: the Confirm import click → the result status (applyImport: one transaction); both in the page clock. ' +
        `Node wall clock for the same steps: ${wallPreview} ms and ${wallDone} ms (includes Playwright round trips). ` +
        `Heap: Runtime.getHeapUsage of the dashboard page, ${heap.samples} samples at ~50 ms; the longest gap between samples ` +
        `was ${heap.maxGapMs} ms (the page's main thread was busy), so a short-lived peak inside a long task can be missed. ` +
        "-longest-task: the longest main-thread task (PerformanceObserver 'longtask', over 50 ms; 0 when none) in each step, " +
        'what the dashboard cannot answer input during; -write-progress-steps: distinct values the "Import progress" bar showed.',
    );
    if (!done.doneText?.includes(String(seed.contacts))) {
      warn(`the import result does not mention ${seed.contacts} new contacts: "${done.doneText}"`);
    }
  } finally {
    if (!heap) await sampler.stop().catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
  return page;
}

// ---------------------------------------------------------------------------------------------
// Export

interface ExportWindow extends Window {
  __kpExport?: { clicks: number[]; anchors: number[] };
}

function exportProbe(): void {
  const marks = { clicks: [] as number[], anchors: [] as number[] };
  (window as ExportWindow).__kpExport = marks;
  document.addEventListener(
    'click',
    (event) => {
      if (!(event.target instanceof Element)) return;
      if (event.target.closest('a[download]')) marks.anchors.push(performance.now());
      else if (/^Export to (JSON|CSV)$/.test(event.target.closest('button')?.textContent?.trim() ?? ''))
        marks.clicks.push(performance.now());
    },
    true,
  );
}

/**
 * Clicks the button whose text is `label`, inside the page. Not Playwright's getByRole: with 10,000 rows
 * in the dashboard's table, computing accessible names for the whole page takes Playwright ~20 s.
 */
function clickButton(label: string): boolean {
  const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === label);
  if (!button || button.disabled) return false;
  button.click();
  return true;
}

/** Exports `runs` + 1 times (run 0 is a warm-up); Node wall clock to the download event and the in-page span. */
async function exportRuns(
  page: Page,
  kind: 'JSON' | 'CSV',
  runs: number,
  stopAt: number,
): Promise<{ wall: number[]; inPage: number[]; first: number; bytes: number }> {
  const wall: number[] = [];
  const inPage: number[] = [];
  let bytes = 0;
  let first = Number.NaN;
  for (let run = 0; run <= runs && !timeIsUp(`export ${kind}`, stopAt, run - 1); run++) {
    const deadline = Date.now() + 60_000;
    const downloaded = page.waitForEvent('download', { timeout: 120_000 });
    // When no button comes (the throw below), the page closes under this wait: not an unhandled rejection.
    downloaded.catch(() => undefined);
    let t0 = Date.now();
    while (!(await runInPage(page, clickButton, `Export to ${kind}`))) {
      if (Date.now() > deadline) throw new Error(`no enabled "Export to ${kind}" button within 60 s`);
      await new Promise((r) => setTimeout(r, 50));
      t0 = Date.now();
    }
    const download = await downloaded;
    const ms = Date.now() - t0;
    bytes = fs.statSync(await download.path()).size;
    await download.delete();
    const marks = await page.evaluate(() => {
      const m = (window as ExportWindow).__kpExport;
      return m ? { click: m.clicks.at(-1) ?? null, anchor: m.anchors.at(-1) ?? null } : null;
    });
    if (run === 0) {
      first = ms;
      continue;
    }
    wall.push(ms);
    if (marks?.click != null && marks.anchor != null) inPage.push(marks.anchor - marks.click);
  }
  return { wall, inPage, first, bytes };
}

/** Types `query` into the dashboard's contact search (a plain `input[type=search]`, see clickButton for why not getByRole). */
async function searchContacts(page: Page, query: string): Promise<void> {
  await page.locator('input[type="search"]').first().fill(query);
  await page.waitForFunction((q) => document.querySelector<HTMLInputElement>('input[type="search"]')?.value === q, query);
  await page.waitForTimeout(300);
}

/**
 * In an extension page: every record of the stores the JSON export reads (SCHEMA_V2's), with plain
 * IndexedDB `getAll` in one read-only transaction, all requests at once. What any export of these
 * records pays the browser at least before writing a byte (reading and structured-clone deserialising).
 */
async function rawIdbRead(names: string[]): Promise<{ ms: number; records: number }> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('kontaktpflege');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const started = performance.now();
  const tx = db.transaction(names, 'readonly');
  const lists = await Promise.all(
    names.map(
      (n) =>
        new Promise<unknown[]>((resolve, reject) => {
          const req = tx.objectStore(n).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        }),
    ),
  );
  const ms = performance.now() - started;
  db.close();
  return { ms, records: lists.reduce((n, l) => n + l.length, 0) };
}

/** `budgetMs`: time for all exports, after which each series stops early (see timeIsUp). */
export async function benchExport(page: Page, runs: number, budgetMs: number): Promise<void> {
  await page.evaluate(inPageSource(exportProbe));
  for (const kind of ['JSON', 'CSV'] as const) {
    const { wall, inPage, first, bytes } = await exportRuns(page, kind, runs, Date.now() + budgetMs / 3);
    const name = `export-10k-${kind.toLowerCase()}`;
    figure(name, median(wall), 'ms');
    series(name, wall, 'ms');
    series(`${name}-in-page`, inPage, 'ms');
    figure(`${name}-first`, first, 'ms');
    figure(`${name}-size`, bytes, 'bytes');
    if (kind === 'JSON') {
      // Right after the JSON exports, in the same page: the floor beside the figure (issue 13).
      const reads: number[] = [];
      let records = 0;
      for (let i = 0; i < Math.max(runs, 1); i++) {
        const read = await runInPage(page, rawIdbRead, Object.keys(SCHEMA_V2));
        reads.push(read.ms);
        records = read.records;
      }
      series('export-10k-json-idb-read-floor', reads, 'ms');
      figure('export-10k-json-vs-idb-read-floor', median(wall) / Math.max(1, median(reads)), '×');
      note(
        `export-10k-json-idb-read-floor: the ${records} records the JSON export reads, with plain IndexedDB getAll (one ` +
          'read-only transaction, every store at once) in the dashboard page: what reading alone costs on this machine now.',
      );
    }
  }
  // The same exports with the contacts table filtered down to no rows: the difference is what re-rendering
  // the 10,000-row table (the page re-renders on busy → idle) adds to an export.
  await searchContacts(page, 'kp-bench-matches-nobody');
  for (const kind of ['JSON', 'CSV'] as const) {
    const { wall } = await exportRuns(page, kind, 1, Date.now() + budgetMs / 6);
    figure(`export-10k-${kind.toLowerCase()}-table-filtered-empty`, median(wall), 'ms');
  }
  await searchContacts(page, '');
  note(
    "export-10k-*: Node wall clock from clicking Export to JSON/CSV (a click() in the page) to Playwright's download event " +
      "(median; -first is the first export after the import); -in-page: the button click → the download link's click in the page. " +
      '-table-filtered-empty: the same (one run after a warm-up) with the dashboard search matching nobody, so the contacts table renders no rows.',
  );
}

// ---------------------------------------------------------------------------------------------
// Raw IndexedDB baseline

interface RawWriteResult {
  records: Record<string, number>;
  ms: number;
}

interface RawStore {
  name: string;
  keyPath: string;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
}

/** Dexie's schema strings (`'key, [a+b], *tags, &id'`) as IndexedDB stores and indexes. */
export function rawStores(schema: Readonly<Record<string, string>>): RawStore[] {
  return Object.entries(schema).map(([name, spec]) => {
    const [primary = '', ...indexes] = spec.split(',').map((x) => x.trim());
    return {
      name,
      keyPath: primary,
      indexes: indexes.map((ix) => {
        const bare = ix.replace(/^[&*]/, '');
        const keyPath = bare.startsWith('[') ? bare.slice(1, -1).split('+') : bare;
        return { name: bare, keyPath, unique: ix.startsWith('&'), multiEntry: ix.startsWith('*') };
      }),
    };
  });
}

/**
 * In an extension page: reads every record of the `kontaktpflege` database and writes them in one
 * read-write transaction into a throw-away database with the same stores and indexes (SCHEMA_V2 in
 * storage/db.ts, passed in as `stores`), with plain IndexedDB. The time from the transaction's first put
 * to `complete` is what any import of these records pays the browser at least.
 */
async function rawIdbWrite(stores: RawStore[]): Promise<RawWriteResult> {
  const done = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
      if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const names = stores.map((s) => s.name);
  const source = await open('kontaktpflege');
  const read = source.transaction(names, 'readonly');
  const data = await Promise.all(names.map((n) => done(read.objectStore(n).getAll())));
  source.close();
  const name = `kp-bench-raw-${Date.now()}`;
  const target = await open(name, (db) => {
    for (const s of stores) {
      const store = db.createObjectStore(s.name, { keyPath: s.keyPath });
      for (const ix of s.indexes) store.createIndex(ix.name, ix.keyPath, { unique: ix.unique, multiEntry: ix.multiEntry });
    }
  });
  const started = performance.now();
  const tx = target.transaction(names, 'readwrite');
  names.forEach((n, i) => {
    const store = tx.objectStore(n);
    for (const r of data[i] ?? []) store.put(r);
  });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const ms = performance.now() - started;
  target.close();
  await done(indexedDB.deleteDatabase(name));
  const records: Record<string, number> = {};
  names.forEach((n, i) => {
    records[n] = data[i]?.length ?? 0;
  });
  return { records, ms };
}

/** Run it right after the import (big-db in run.ts), so both figures of the ratio see the same load on this machine. */
export async function benchRawIdb(ext: ExtensionBrowser): Promise<void> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  try {
    await page.waitForTimeout(500);
    const result = await runInPage(page, rawIdbWrite, rawStores(SCHEMA_V2));
    figure('idb-raw-write-10k', result.ms, 'ms');
    const counts = Object.entries(result.records)
      .map(([n, c]) => `${c} ${n}`)
      .join(', ');
    note(
      `idb-raw-write-10k: the same records (${counts}) put with plain IndexedDB in one transaction into a throw-away ` +
        'database with the stores and indexes of SCHEMA_V2 (a floor for import-10k-write on this machine).',
    );
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Badge

interface ChromeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  action: { getBadgeText(details: object): Promise<string> };
}

/**
 * The badge counts due people, occasions in their lead time and promises due (issue 9): the seed's 20k
 * key dates and 5k promises (bench/occasions.ts, keyed to the same 10k people) are written beside the
 * imported contacts first, so the recount reads all three sources.
 */
export async function benchBadge(ext: ExtensionBrowser, seed: SeedFile, runs: number): Promise<void> {
  const occasions = occasionSeed(seed.today);
  const setup = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
  try {
    await writeSeed(setup, { contacts: [], keyDates: occasions.keyDates, promises: occasions.promises });
  } finally {
    await setup.close();
  }
  // From panel.html opened on its own (bound to nobody, so the worker's change broadcast redraws nothing):
  // from the popup, each round trip would also make the popup reload its 1,575-row lists, and the figure
  // would time those reloads instead of the recount.
  const page = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
  try {
    const { times, badge, answers } = await page.evaluate(async (n) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      const times: number[] = [];
      const answers: string[] = [];
      for (let i = 0; i <= n; i++) {
        const t = performance.now();
        const answer = await chrome.runtime.sendMessage({ type: 'page/data-changed' });
        times.push(performance.now() - t);
        answers.push(JSON.stringify(answer));
      }
      return { times, badge: await chrome.action.getBadgeText({}), answers };
    }, runs);
    const [first, ...rest] = times;
    figure('badge-recount', median(rest), 'ms');
    series('badge-recount', rest, 'ms');
    if (first !== undefined) figure('badge-recount-first', first, 'ms');
    const count = badge === '' ? 0 : Number(badge);
    figure('badge-count', count, 'items');
    figure('seed-due-count', seed.due, 'contacts');
    // Due people plus occasions and promises: more than the due people alone, or the new sources were not counted.
    if (count <= seed.due)
      warn(`badge text "${badge}" is not above the seed's due count ${seed.due}: the key dates and promises were not counted`);
    const odd = answers.filter((a) => a !== '{"ok":true}');
    if (odd.length > 0) warn(`page/data-changed answered ${odd[0]} (${odd.length} times) instead of {"ok":true}`);
    note(
      'badge-recount: chrome.runtime.sendMessage({type:"page/data-changed"}) round trip from an idle extension page, the worker counts ' +
        `due people, occasions and promises through their indexes (${occasions.keyDates.length} key dates and ` +
        `${occasions.promises.length} promises seeded) and sets the badge before answering; back to back in one evaluate, first one printed apart.`,
    );
  } finally {
    await page.close();
  }
}
