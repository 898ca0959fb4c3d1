/**
 * The worker's summary of the popup's first screen (issue 13): written to `storage.session` after a write
 * and at the daily rollover, always of the day it was read for, so a popup never paints another day's
 * occasions; the popup uses a stored summary only when it is of today and of its language.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addContact, updateContact } from '../../storage/contacts';
import { type KontaktDb, openDb } from '../../storage/db';
import { addKeyDate } from '../../storage/key-dates';
import { addPromise } from '../../storage/promises';
import { DEFAULT_SETTINGS } from '../../storage/types';

const fake = vi.hoisted(() => {
  const session = new Map<string, unknown>();
  const action = { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined };
  const browser = {
    action,
    i18n: { getUILanguage: () => 'en-US', getMessage: (key: string) => key },
    storage: {
      session: {
        // JSON, as the browser stores it
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) session.set(k, JSON.parse(JSON.stringify(v)));
        },
        get: async (key: string) => (session.has(key) ? { [key]: session.get(key) } : {}),
        remove: async (key: string) => {
          session.delete(key);
        },
      },
    },
  };
  return { session, browser, db: { current: null as unknown } };
});

vi.mock('wxt/browser', () => ({ browser: fake.browser }));
vi.mock('../../background/database', () => ({ workerDb: () => fake.db.current }));

const { refreshPopupSummary } = await import('../../background/popup-summary');
const { SUMMARY_KEY, usableSummary } = await import('../../entrypoints/popup/first-screen');

/** 14:00 local time on 15 June 2025. */
const NOW = new Date(2025, 5, 15, 14, 0);
const TODAY = '2025-06-15';
let db: KontaktDb;

beforeEach(() => {
  db = openDb(`kontaktpflege-summary-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  fake.db.current = db;
  fake.session.clear();
});
afterEach(() => db.close());

async function greta(): Promise<string> {
  const key = 'linkedin:greta';
  await addContact(
    db,
    { key, site: 'linkedin', profileUrl: 'https://www.linkedin.com/in/greta/', aliases: [], name: 'Greta Geburtstag' },
    DEFAULT_SETTINGS,
    NOW.getTime(),
  );
  await updateContact(db, key, { tier: 'A', lastContactAt: TODAY }, NOW.getTime());
  return key;
}

const stored = (today: string) => usableSummary(fake.session.get(SUMMARY_KEY), today, 'en-US');

describe('the popup summary in storage.session', () => {
  it('after a write it holds the new occasion and promise with their totals', async () => {
    const key = await greta();
    await refreshPopupSummary(NOW);
    expect(stored(TODAY)?.occasions).toEqual({ total: 0, rows: [] });
    await addKeyDate(
      db,
      key,
      { kind: 'birthday', label: '', month: 6, day: 18, year: 1976, recurrence: 'yearly' },
      TODAY,
      NOW.getTime(),
    );
    await addPromise(db, key, { direction: 'mine', text: 'Send the checklist', dueDate: TODAY }, NOW.getTime());
    await refreshPopupSummary(NOW);
    const summary = stored(TODAY);
    expect(summary?.occasions.total).toBe(1);
    expect(summary?.occasions.rows[0]).toMatchObject({ name: 'Greta Geburtstag', daysAway: 3, years: 49 });
    expect(summary?.promises.total).toBe(1);
    expect(summary?.promises.rows[0]).toMatchObject({ name: 'Greta Geburtstag', text: 'Send the checklist', daysAway: 0 });
  });

  it('the next day the occasion has moved: one day closer, and gone once its day has passed', async () => {
    const key = await greta();
    await addKeyDate(
      db,
      key,
      { kind: 'birthday', label: '', month: 6, day: 16, year: null, recurrence: 'yearly' },
      TODAY,
      NOW.getTime(),
    );
    await refreshPopupSummary(NOW);
    expect(stored(TODAY)?.occasions.rows[0]?.daysAway).toBe(1);
    // Yesterday's summary is never painted on a new day.
    expect(stored('2025-06-16')).toBeNull();
    await refreshPopupSummary(new Date(2025, 5, 16, 0, 1));
    expect(stored(TODAY)).toBeNull();
    expect(stored('2025-06-16')?.occasions.rows[0]?.daysAway).toBe(0);
    await refreshPopupSummary(new Date(2025, 5, 17, 0, 1));
    expect(stored('2025-06-17')?.occasions).toEqual({ total: 0, rows: [] });
  });

  it('a summary in another language, or not a summary at all, is not painted', async () => {
    await greta();
    await refreshPopupSummary(NOW);
    expect(stored(TODAY)).not.toBeNull();
    expect(usableSummary(fake.session.get(SUMMARY_KEY), TODAY, 'de-DE')).toBeNull();
    expect(usableSummary({ today: TODAY, lang: 'en-US' }, TODAY, 'en-US')).toBeNull();
    expect(usableSummary(undefined, TODAY, 'en-US')).toBeNull();
  });
});
