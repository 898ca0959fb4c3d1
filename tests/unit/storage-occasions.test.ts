/**
 * Key dates and promises in the database (storage/key-dates.ts, storage/promises.ts) and the give-and-
 * take readers: writes compute the index fields, deletes leave tombstones no list shows, and the popup's
 * queries read through their indexes and stay right when a row went stale overnight.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { addContact, deleteContact, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { giveTake, oneSided, readGiveTake, readGiveTakeAll, windowStart } from '../../storage/give-take';
import {
  acknowledgeKeyDate,
  addKeyDate,
  countOccasionsDue,
  deleteKeyDate,
  listKeyDates,
  listOccasions,
  rolloverKeyDates,
  updateKeyDate,
} from '../../storage/key-dates';
import type { KeyDateInput } from '../../storage/occasions';
import {
  addPromise,
  completePromise,
  countPromisesDue,
  deletePromise,
  listPromises,
  listPromisesDue,
  PromiseNotFoundError,
  updatePromise,
} from '../../storage/promises';
import { StorageValidationError } from '../../storage/rules';
import { getSettings, saveSettings } from '../../storage/settings';
import { DEFAULT_SETTINGS, NEVER_DUE, type Tier } from '../../storage/types';

const NOW = Date.UTC(2026, 5, 10, 10, 0);
const TODAY = '2026-06-10';
const dbs: KontaktDb[] = [];
function fresh(): KontaktDb {
  const db = openDb(`occasions-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function person(db: KontaktDb, slug: string, tier: Tier = 'A', name = slug): Promise<string> {
  const key = `linkedin:${slug}`;
  await addContact(
    db,
    { key, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, name },
    DEFAULT_SETTINGS,
    NOW,
  );
  await updateContact(db, key, { tier }, NOW);
  return key;
}

const birthday = (month: number, day: number, year: number | null = null): KeyDateInput => ({
  kind: 'birthday',
  label: '',
  month,
  day,
  year,
  recurrence: 'yearly',
});

describe('key dates', () => {
  it('a new key date stores its next occurrence for the index; 31 April and a future birth year are refused', async () => {
    const db = fresh();
    const anna = await person(db, 'anna');
    const kd = await addKeyDate(db, anna, birthday(6, 15, 1976), TODAY, NOW);
    expect(kd).toMatchObject({ contactKey: anna, nextOccurrenceAt: Date.UTC(2026, 5, 15), deletedAt: null, updatedAt: NOW });
    await expect(addKeyDate(db, anna, birthday(4, 31), TODAY, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    await expect(addKeyDate(db, anna, birthday(1, 1, 2027), TODAY, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    await expect(addKeyDate(db, 'linkedin:nobody', birthday(1, 1), TODAY, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    expect(await db.keyDates.count()).toBe(1);
  });

  it('the popup’s occasions: within each tier’s lead time, soonest first, with the years where known', async () => {
    const db = fresh();
    const a = await person(db, 'a', 'A', 'Anna');
    const b = await person(db, 'b', 'B', 'Ben');
    const c = await person(db, 'c', 'C', 'Cem');
    const n = await person(db, 'n', 'none', 'Nora');
    await addKeyDate(db, a, birthday(6, 17, 1976), TODAY, NOW); // in 7 days: A's lead
    await addKeyDate(db, b, birthday(6, 13), TODAY, NOW); // in 3 days: B's lead
    await addKeyDate(db, b, birthday(6, 14), TODAY, NOW); // in 4: too early for B
    await addKeyDate(db, c, birthday(6, 10), TODAY, NOW); // today: C
    await addKeyDate(
      db,
      c,
      { kind: 'anniversary', label: 'Nordlicht AG', month: 6, day: 16, year: 2001, recurrence: 'yearly' },
      TODAY,
      NOW,
    ); // 25 years: A's lead
    await addKeyDate(db, n, birthday(6, 10), TODAY, NOW); // tier none: never
    await addKeyDate(
      db,
      n,
      { kind: 'anniversary', label: 'Hafen GmbH', month: 6, day: 15, year: 2016, recurrence: 'yearly' },
      TODAY,
      NOW,
    ); // tier none, but 10 years: A's lead
    const rows = await listOccasions(db, TODAY);
    expect(rows.map((r) => [r.contact.name, r.keyDate.kind, r.daysUntil, r.years, r.round])).toEqual([
      ['Cem', 'birthday', 0, null, false],
      ['Ben', 'birthday', 3, null, false],
      ['Nora', 'anniversary', 5, 10, true],
      ['Cem', 'anniversary', 6, 25, true],
      ['Anna', 'birthday', 7, 50, false],
    ]);
    expect(await countOccasionsDue(db, TODAY)).toBe(5);
  });

  it('acknowledged ("Congratulated") leaves the badge count, stays listed as acknowledged, and next year counts again', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const kd = await addKeyDate(db, a, birthday(6, 12), TODAY, NOW);
    await acknowledgeKeyDate(db, kd.id, TODAY, NOW + 1);
    expect(await countOccasionsDue(db, TODAY)).toBe(0);
    expect((await listOccasions(db, TODAY)).map((r) => r.acknowledged)).toEqual([true]);
    await rolloverKeyDates(db, '2027-06-08');
    expect(await countOccasionsDue(db, '2027-06-08')).toBe(1);
    await acknowledgeKeyDate(db, kd.id, '2027-06-08', NOW + 2, false);
    expect((await db.keyDates.get(kd.id))?.acknowledgedAt).toBeNull();
  });

  it('a row left stale overnight is shown with its right day, and the rollover writes it through the index', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const kd = await addKeyDate(db, a, birthday(6, 9), '2026-06-01', NOW); // stored: 9 June 2026
    expect(kd.nextOccurrenceAt).toBe(Date.UTC(2026, 5, 9));
    // the worker slept through midnight: 9 June is past, the row still says so
    expect(await listOccasions(db, TODAY)).toEqual([]);
    expect(await listOccasions(db, '2027-06-05')).toMatchObject([{ day: '2027-06-09', daysUntil: 4 }]);
    expect(await rolloverKeyDates(db, TODAY)).toBe(1);
    expect((await db.keyDates.get(kd.id))?.nextOccurrenceAt).toBe(Date.UTC(2027, 5, 9));
    expect(await rolloverKeyDates(db, TODAY)).toBe(0);
  });

  it('editing moves the index day and drops the acknowledgement; deleting leaves a tombstone no list shows', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const kd = await addKeyDate(db, a, birthday(6, 12), TODAY, NOW);
    await acknowledgeKeyDate(db, kd.id, TODAY, NOW);
    const moved = await updateKeyDate(db, kd.id, birthday(6, 11), TODAY, NOW + 1);
    expect(moved).toMatchObject({ nextOccurrenceAt: Date.UTC(2026, 5, 11), acknowledgedAt: null, updatedAt: NOW + 1 });
    const tomb = await deleteKeyDate(db, kd.id, NOW + 2);
    expect(tomb).toMatchObject({ deletedAt: NOW + 2, nextOccurrenceAt: NEVER_DUE });
    expect(await db.keyDates.get(kd.id)).toEqual(tomb);
    expect(await listKeyDates(db, a)).toEqual([]);
    expect(await listOccasions(db, TODAY)).toEqual([]);
    expect(await deleteKeyDate(db, kd.id, NOW + 3)).toBeUndefined();
  });

  it('lists a person’s key dates by key or alias, next first', async () => {
    const db = fresh();
    const key = 'linkedin:erika';
    await addContact(
      db,
      { key, site: 'linkedin', profileUrl: 'https://www.linkedin.com/in/erika/', aliases: ['linkedin:id:ACo1'] },
      DEFAULT_SETTINGS,
      NOW,
    );
    const late = await addKeyDate(db, key, birthday(12, 1), TODAY, NOW);
    const soon = await addKeyDate(db, key, birthday(7, 1), TODAY, NOW);
    expect((await listKeyDates(db, 'linkedin:id:ACo1')).map((k) => k.id)).toEqual([soon.id, late.id]);
  });

  it('switching the 29 February rule moves those dates in the index', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const kd = await addKeyDate(db, a, birthday(2, 29), '2026-06-10', NOW);
    expect(kd.nextOccurrenceAt).toBe(Date.UTC(2027, 2, 1));
    await saveSettings(db, { ...(await getSettings(db)), feb29: 'feb28' }, NOW);
    expect((await db.keyDates.get(kd.id))?.nextOccurrenceAt).toBe(Date.UTC(2027, 1, 28));
  });

  it('a deleted contact takes its key dates and promises with it', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    await addKeyDate(db, a, birthday(6, 12), TODAY, NOW);
    await addPromise(db, a, { direction: 'mine', text: 'Artikel schicken', dueDate: TODAY }, NOW);
    await deleteContact(db, a, NOW + 1);
    expect(await listOccasions(db, TODAY)).toEqual([]);
    expect(await listPromisesDue(db, TODAY)).toEqual([]);
    expect(await countPromisesDue(db, TODAY)).toBe(0);
  });
});

describe('promises', () => {
  it('text is trimmed and required; the due day goes into openDueAt while open', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const p = await addPromise(db, a, { direction: 'mine', text: '  Checkliste schicken ', dueDate: '2026-06-12' }, NOW);
    expect(p).toMatchObject({ text: 'Checkliste schicken', openDueAt: Date.UTC(2026, 5, 12), doneAt: null });
    const undated = await addPromise(db, a, { direction: 'theirs', text: 'IHK-Kontakt', dueDate: null }, NOW);
    expect('openDueAt' in undated).toBe(false);
    await expect(addPromise(db, a, { direction: 'mine', text: '   ', dueDate: null }, NOW)).rejects.toBeInstanceOf(
      StorageValidationError,
    );
  });

  it('the popup’s promises due: overdue or within 7 days, "I promised" first; the badge counts those due by today', async () => {
    const db = fresh();
    const a = await person(db, 'a', 'A', 'Anna');
    const b = await person(db, 'b', 'B', 'Ben');
    await addPromise(db, a, { direction: 'theirs', text: 'Intro IHK', dueDate: '2026-06-01' }, NOW); // overdue
    await addPromise(db, b, { direction: 'mine', text: 'Angebot', dueDate: '2026-06-17' }, NOW); // in 7 days
    await addPromise(db, b, { direction: 'mine', text: 'Später', dueDate: '2026-06-18' }, NOW); // in 8: not listed
    await addPromise(db, a, { direction: 'mine', text: 'Heute', dueDate: TODAY }, NOW);
    await addPromise(db, a, { direction: 'mine', text: 'Ohne Datum', dueDate: null }, NOW);
    const rows = await listPromisesDue(db, TODAY);
    expect(rows.map((r) => [r.contact.name, r.promise.text, r.overdueDays])).toEqual([
      ['Anna', 'Heute', 0],
      ['Ben', 'Angebot', -7],
      ['Anna', 'Intro IHK', 9],
    ]);
    expect(await countPromisesDue(db, TODAY)).toBe(2);
  });

  it('done: gone from the due list, listed after the open ones; an "I promised" offers a gave touch once', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const mine = await addPromise(db, a, { direction: 'mine', text: 'Artikel', dueDate: TODAY }, NOW);
    const theirs = await addPromise(db, a, { direction: 'theirs', text: 'Rückruf', dueDate: TODAY }, NOW);
    const done = await completePromise(db, mine.id, NOW + 1);
    expect(done.offerGaveTouch).toBe(true);
    expect(done.promise).toMatchObject({ doneAt: NOW + 1 });
    expect('openDueAt' in done.promise).toBe(false);
    expect((await completePromise(db, mine.id, NOW + 2)).offerGaveTouch).toBe(false); // already done
    expect((await completePromise(db, theirs.id, NOW + 3)).offerGaveTouch).toBe(false);
    expect(await listPromisesDue(db, TODAY)).toEqual([]);
    const reopened = await completePromise(db, mine.id, NOW + 4, false);
    expect(reopened.promise).toMatchObject({ doneAt: null, openDueAt: dayStartMs(TODAY) });
    expect((await listPromises(db, a)).map((p) => p.id)).toEqual([mine.id, theirs.id]);
  });

  it('editing keeps done or open; deleting leaves a tombstone outside the index', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const p = await addPromise(db, a, { direction: 'mine', text: 'Artikel', dueDate: TODAY }, NOW);
    const edited = await updatePromise(db, p.id, { direction: 'mine', text: 'Zwei Artikel', dueDate: '2026-06-11' }, NOW + 1);
    expect(edited).toMatchObject({ text: 'Zwei Artikel', openDueAt: Date.UTC(2026, 5, 11), updatedAt: NOW + 1 });
    const tomb = await deletePromise(db, p.id, NOW + 2);
    expect(tomb).toMatchObject({ deletedAt: NOW + 2 });
    expect(await db.promises.where('openDueAt').above(0).count()).toBe(0);
    expect(await listPromises(db, a)).toEqual([]);
    await expect(completePromise(db, p.id, NOW + 3)).rejects.toBeInstanceOf(PromiseNotFoundError);
  });
});

describe('give and take', () => {
  it('counts the last 12 months only, by direction, and leaves deleted touches out', () => {
    expect(windowStart('2026-06-10')).toBe('2025-06-11');
    expect(windowStart('2028-02-29')).toBe('2027-03-01');
    const t = (date: string, direction: 'gave' | 'received' | 'mutual', deletedAt: number | null = null) => ({
      contactKey: 'k',
      date,
      direction,
      deletedAt,
    });
    expect(
      giveTake(
        [
          t('2026-06-10', 'gave'),
          t('2025-06-11', 'gave'),
          t('2025-06-10', 'gave'),
          t('2026-01-01', 'received'),
          t('2026-02-01', 'mutual'),
          t('2026-03-01', 'gave', 1),
        ],
        '2026-06-10',
      ),
    ).toEqual({ gave: 2, received: 1, mutual: 1 });
  });

  it('lists who only got (I only gave) and who only gave (I only received); a mutual touch makes no one one-sided', () => {
    const counts = new Map([
      ['taker', { gave: 3, received: 0, mutual: 0 }],
      ['giver', { gave: 0, received: 2, mutual: 0 }],
      ['even', { gave: 1, received: 1, mutual: 0 }],
      ['met', { gave: 2, received: 0, mutual: 1 }],
    ]);
    expect(oneSided(counts)).toEqual({ takers: ['taker'], givers: ['giver'] });
  });

  it('reads one person’s balance through the index and everyone’s for the dashboard', async () => {
    const db = fresh();
    const a = await person(db, 'a');
    const b = await person(db, 'b');
    const gone = await person(db, 'gone');
    const touch = (direction: 'gave' | 'received' | 'mutual', date = '2026-05-01') => ({
      date,
      channel: 'call' as const,
      direction,
      note: '',
    });
    await logTouch(db, a, touch('gave'), NOW);
    await logTouch(db, a, touch('gave'), NOW);
    await logTouch(db, a, touch('received', '2025-01-01'), NOW); // older than 12 months
    await logTouch(db, b, touch('received'), NOW);
    await logTouch(db, gone, touch('gave'), NOW);
    await deleteContact(db, gone, NOW);
    expect(await readGiveTake(db, a, TODAY)).toEqual({ gave: 2, received: 0, mutual: 0 });
    const all = await readGiveTakeAll(db, TODAY);
    expect(all.takers).toEqual([a]);
    expect(all.givers).toEqual([b]);
  });
});
