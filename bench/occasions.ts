/**
 * The popup's first screen with occasions and promises (issue 9): 10,000 contacts, 20,000 key dates and
 * 5,000 promises, written straight into the extension's IndexedDB, then popup.html opened in a tab of the
 * popup's size with the same probe as `popup.ts` (the first moment after which every list's total and
 * every row on the first screen stay as they finally are).
 */
import type { Page } from 'playwright-core';
import { addDays, dayNumber, dayStartMs, isoFromDayNumber, localToday } from '../storage/dates';
import { DB_NAME } from '../storage/db';
import type { IsoDay, KeyDate, PromiseRecord } from '../storage/types';
import { type ExtensionBrowser, openExtensionPage } from '../tests/e2e/harness';
import { generateSeed } from '../tests/support/seed';
import { runInPage } from './in-page';
import { openPopupTab } from './popup';
import { figure, median, note, series, timeIsUp, warn } from './report';

const KEY_DATES = 20_000;
const PROMISES = 5_000;

/** Deterministic numbers for the seed, so two runs measure the same notebook. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bench data only: the next yearly occurrence of a day that every year has (the seed never picks 29 February). */
function nextYearly(month: number, day: number, today: IsoDay): number {
  const year = Number(today.slice(0, 4));
  const iso = (y: number) => `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return dayStartMs(iso(year) >= today ? iso(year) : iso(year + 1));
}

export interface OccasionSeed {
  contacts: unknown[];
  keyDates: KeyDate[];
  promises: PromiseRecord[];
}

export function occasionSeed(today: IsoDay): OccasionSeed {
  const { contacts } = generateSeed({ today });
  const rand = mulberry32(9);
  const keys = contacts.map((c) => c.key);
  const now = Date.now();
  const keyDates: KeyDate[] = [];
  for (let i = 0; i < KEY_DATES; i++) {
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const kind = i % 2 === 0 ? 'birthday' : rand() < 0.7 ? 'anniversary' : 'other';
    keyDates.push({
      id: `kd-${i}`,
      contactKey: keys[i % keys.length] as string,
      kind,
      label: kind === 'birthday' ? '' : kind === 'anniversary' ? 'Nordlicht AG' : 'Einschulung Lena',
      month,
      day,
      year: rand() < 0.6 ? 1950 + Math.floor(rand() * 50) : null,
      recurrence: 'yearly',
      nextOccurrenceAt: nextYearly(month, day, today),
      acknowledgedAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
  }
  const promises: PromiseRecord[] = [];
  const todayN = dayNumber(today);
  for (let i = 0; i < PROMISES; i++) {
    const dueDate = rand() < 0.8 ? isoFromDayNumber(todayN - 60 + Math.floor(rand() * 120)) : null;
    const done = rand() < 0.3;
    promises.push({
      id: `pr-${i}`,
      contactKey: keys[(i * 7) % keys.length] as string,
      direction: i % 3 === 0 ? 'theirs' : 'mine',
      text: `Send the article about topic ${i}`,
      dueDate,
      doneAt: done ? now : null,
      ...(dueDate && !done ? { openDueAt: dayStartMs(dueDate) } : {}),
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
  }
  return { contacts, keyDates, promises };
}

/** Writes the seed with plain IndexedDB from an extension page (the popup has created the schema). */
export async function writeSeed(page: Page, seed: OccasionSeed): Promise<void> {
  await runInPage(
    page,
    (arg: { name: string; seed: OccasionSeed }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(arg.name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['contacts', 'keyDates', 'promises'], 'readwrite');
          for (const c of arg.seed.contacts) tx.objectStore('contacts').put(c);
          for (const k of arg.seed.keyDates) tx.objectStore('keyDates').put(k);
          for (const p of arg.seed.promises) tx.objectStore('promises').put(p);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { name: DB_NAME, seed },
  );
}

export async function benchPopupOccasions(ext: ExtensionBrowser, runs: number, budgetMs: number): Promise<void> {
  const today = localToday(new Date());
  const seed = occasionSeed(today);
  const within7 = dayStartMs(addDays(today, 7));
  note(
    `occasions seed: ${seed.contacts.length} contacts, ${seed.keyDates.length} key dates ` +
      `(${seed.keyDates.filter((k) => k.nextOccurrenceAt <= within7).length} within 7 days), ${seed.promises.length} promises ` +
      `(${seed.promises.filter((p) => p.openDueAt !== undefined && p.openDueAt <= within7).length} open and due within 7 days or overdue)`,
  );
  const setup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  await setup.getByRole('main').waitFor({ state: 'attached', timeout: 10_000 });
  await writeSeed(setup, seed);
  await announceWrite(setup);
  await setup.close();

  const stopAt = Date.now() + budgetMs / 2;
  const times: number[] = [];
  let counts: Record<string, string> = {};
  for (let run = 0; run <= runs && !timeIsUp('popup-occasions', stopAt, run - 1); run++) {
    const { page, screen } = await openPopupTab(ext);
    await page.close();
    counts = screen.counts;
    if (run > 0) times.push(screen.complete); // run 0 warms up
  }
  series('popup-occasions-first-screen', times, 'ms');
  figure('popup-occasions-first-screen-median', median(times), 'ms');
  note(
    "popup-occasions-first-screen: painted from the worker's summary in storage.session (kept after each write), then hydrated " +
      'from the database; -without-summary: the same popup with the summary removed first, so it reads its first screen itself.',
  );
  await benchWithoutSummary(ext, runs, stopAt + budgetMs / 4);
  await benchActionsReflected(ext);
  await benchBadgeWithOccasions(ext, runs);
  note(
    `popup totals with occasions: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (!counts.Occasions || !counts['Promises due'])
    warn('the popup showed no "Occasions" or no "Promises due": the figure says nothing about them');
}

type ChromeApi = {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>>; remove(key: string): Promise<void> } };
  action: { getBadgeText(details: object): Promise<string> };
};

/**
 * Tells the worker the notebook changed (as an import does), then waits until its first-screen summary
 * holds the seeded people: the seed is written with plain IndexedDB, past the app's writers.
 */
export async function announceWrite(page: Page): Promise<void> {
  await runInPage(page, async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
    await chrome.runtime.sendMessage({ type: 'page/data-changed' });
    for (let i = 0; i < 300; i++) {
      const stored = (await chrome.storage.session.get('popup-first-screen'))['popup-first-screen'] as
        | { checklist?: { totals?: { due: number } } }
        | undefined;
      if ((stored?.checklist?.totals?.due ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the worker's popup summary never held the seeded people");
  });
}

/** The popup reading its first screen itself: the summary is removed before each open. */
async function benchWithoutSummary(ext: ExtensionBrowser, runs: number, stopAt: number): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run <= runs && !timeIsUp('popup-occasions-without-summary', stopAt, run - 1); run++) {
    const helper = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
    await runInPage(helper, () =>
      (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.session.remove('popup-first-screen'),
    );
    await helper.close();
    const { page, screen } = await openPopupTab(ext);
    await page.close();
    if (run > 0) times.push(screen.complete);
  }
  series('popup-occasions-first-screen-without-summary', times, 'ms');
  // The worker writes a fresh summary on its next write; have one now for what follows.
  const helper = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
  await announceWrite(helper);
  await helper.close();
}

/**
 * An action in the popup, reflected: from the click until the row is gone and the total beside its
 * heading changed (the popup drops the row at once, then writes and re-reads).
 */
async function benchActionsReflected(ext: ExtensionBrowser): Promise<void> {
  const { page } = await openPopupTab(ext);
  try {
    // Found and clicked in one step in the page: a row found first may be redrawn by a late read before the click.
    const timed = async (list: string, button: string): Promise<number> =>
      runInPage(
        page,
        (arg: { list: string; button: string }) =>
          new Promise<number>((resolve, reject) => {
            const heading = Array.from(document.querySelectorAll('h2')).find((h) => h.textContent === arg.list);
            const row = document.querySelector(`ul[aria-labelledby="${heading?.id}"] > li`);
            const el = Array.from(row?.querySelectorAll('button') ?? []).find((b) => b.textContent === arg.button);
            if (!row || !el) return reject(new Error(`no "${arg.button}" in "${arg.list}"`));
            const count = el.closest('section')?.querySelector('.list-count') ?? null;
            const before = count?.textContent;
            const t0 = performance.now();
            const check = () => {
              if (!row.isConnected && count?.textContent !== before) {
                observer.disconnect();
                resolve(performance.now() - t0);
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(document, { childList: true, subtree: true, characterData: true });
            el.click();
          }),
        { list, button },
      );
    const results: Array<[string, number[]]> = [
      ['promise-done', []],
      ['contacted-today', []],
      ['congratulated', []],
    ];
    for (let i = 0; i < 3; i++) {
      results[0]?.[1].push(await timed('Promises due', 'Done'));
      results[1]?.[1].push(await timed('Due for a touch', 'Contacted today'));
      results[2]?.[1].push(await timed('Occasions', 'Congratulated'));
      await page.waitForTimeout(300);
    }
    for (const [name, values] of results) series(`popup-action-reflected-${name}`, values, 'ms');
    figure('popup-action-reflected-max', Math.max(...results.flatMap(([, v]) => v)), 'ms');
    note(
      'popup-action-reflected-*: click to the row gone and the total beside its heading changed, in the popup with the occasions seed.',
    );
  } finally {
    await page.close();
  }
}

/** The badge recount with key dates and promises in the notebook (issue 9): the same round trip as big-db's badge-recount. */
async function benchBadgeWithOccasions(ext: ExtensionBrowser, runs: number): Promise<void> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'panel.html');
  try {
    const { times, badge } = await page.evaluate(
      async (n) => {
        const chrome = (globalThis as unknown as { chrome: ChromeApi }).chrome;
        const times: number[] = [];
        for (let i = 0; i <= n; i++) {
          const t = performance.now();
          await chrome.runtime.sendMessage({ type: 'page/data-changed' });
          times.push(performance.now() - t);
        }
        return { times, badge: await chrome.action.getBadgeText({}) };
      },
      Math.max(runs, 10),
    );
    series('badge-recount-occasions', times.slice(1), 'ms');
    figure('badge-count-occasions', badge === '' ? 0 : Number(badge), 'items');
    note(
      'badge-recount-occasions: page/data-changed round trip with 10k contacts, 20k key dates, 5k promises (due + occasions + promises counted).',
    );
  } finally {
    await page.close();
  }
}
