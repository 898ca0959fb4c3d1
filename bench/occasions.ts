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
  await setup.close();

  const stopAt = Date.now() + budgetMs;
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
    `popup totals with occasions: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  if (!counts.Occasions || !counts['Promises due'])
    warn('the popup showed no "Occasions" or no "Promises due": the figure says nothing about them');
}
