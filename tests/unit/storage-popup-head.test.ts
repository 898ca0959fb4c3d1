/**
 * The popup's first screen (issues 9 and 13): the first rows and totals of "Due for a touch", "Coming up"
 * and "Promises due" are the same as the whole lists' heads and lengths, read through the indexes: index
 * counts for the totals, and only the shown rows' people.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { loadChecklist, loadFirstRows } from '../../storage/checklist';
import { addDays, dayStartMs } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { listPromisesDue, listPromisesDueHead } from '../../storage/promises';
import type { Contact, PromiseRecord } from '../../storage/types';
import { recordReads } from '../support/read-recorder';
import { generateSeed, seedLargeDb } from '../support/seed';

const TODAY = '2026-06-10';
const NOW = Date.UTC(2026, 5, 10, 10, 0);
const dbs: KontaktDb[] = [];
function fresh(): KontaktDb {
  const db = openDb(`popup-head-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/**
 * 40 people and 400 promises (more than one bounded read takes): both directions, done, undated, deleted and far-off ones outside the window,
 * and a hundred on one due day whose ids run against their age (the index orders a day by id, the list by age).
 */
async function promiseNotebook(db: KontaktDb): Promise<void> {
  const { contacts } = generateSeed({ contacts: 40, touchesPerContact: 0, today: TODAY, seed: 5 });
  await db.contacts.bulkPut(contacts);
  const records: PromiseRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const offset = ((i * 7) % 30) - 20; // -20 … +9: overdue, within 7 days, and past the window
    // the first 100 share the earliest day: more than one bounded read holds
    const dueDate = i % 11 === 0 ? null : addDays(TODAY, i < 100 ? -30 : i % 5 === 0 ? 2 : offset);
    const done = i % 13 === 0;
    const deleted = i % 17 === 0;
    records.push({
      id: `p${String(9999 - i).padStart(4, '0')}`, // later promises get smaller ids
      contactKey: (contacts[i % contacts.length] as Contact).key,
      direction: i % 3 === 0 ? 'mine' : 'theirs',
      text: `promise ${i}`,
      dueDate,
      doneAt: done ? NOW : null,
      ...(dueDate && !done && !deleted ? { openDueAt: dayStartMs(dueDate) } : {}),
      createdAt: NOW - 1000 * (400 - i),
      updatedAt: NOW,
      deletedAt: deleted ? NOW : null,
    });
  }
  await db.promises.bulkPut(records);
}

describe('"Promises due" on the first screen', () => {
  it('shows the first rows of the whole list in its order ("I promised" first), and counts all of it', async () => {
    const db = fresh();
    await promiseNotebook(db);
    const whole = await listPromisesDue(db, TODAY);
    const mine = whole.filter((r) => r.promise.direction === 'mine').length;
    expect(mine).toBeGreaterThan(5); // the cases below cut inside "mine", at its end, and inside "theirs"
    expect(whole.length).toBeGreaterThan(mine + 10);
    expect(mine).toBeGreaterThan(60); // the first rows come from one bounded read, not the whole window
    // Every n up to 30 puts the last row's due day at the end of the first bounded read at least once.
    for (const n of [...Array.from({ length: 30 }, (_, i) => i + 1), mine, mine + 3, whole.length, whole.length + 5]) {
      const head = await listPromisesDueHead(db, TODAY, n);
      expect(head.total, `n=${n}`).toBe(whole.length);
      expect(
        head.rows.map((r) => [r.promise.id, r.contact.key, r.overdueDays]),
        `n=${n}`,
      ).toEqual(whole.slice(0, n).map((r) => [r.promise.id, r.contact.key, r.overdueDays]));
    }
    expect(await listPromisesDueHead(db, TODAY, 0)).toEqual({ total: whole.length, rows: [] });
  });

  it('reads the people of the shown rows only, and never the whole window of promises at once', async () => {
    const db = fresh();
    const reads = recordReads(db); // before the database opens: Dexie takes middleware only then
    await promiseNotebook(db);
    const total = (await listPromisesDue(db, TODAY)).length;
    reads.length = 0;
    await listPromisesDueHead(db, TODAY, 10);
    const people = reads.filter((r) => r.table === 'contacts');
    expect(people.every((r) => r.op === 'getMany')).toBe(true);
    expect(people.reduce((sum, r) => sum + (r.rows ?? 0), 0)).toBeLessThanOrEqual(10);
    const promises = reads.filter((r) => r.table === 'promises');
    expect(promises.every((r) => r.index === 'openDueAt')).toBe(true);
    expect(promises.some((r) => r.op === 'count')).toBe(true);
    expect(promises.every((r) => (r.rows ?? 0) < total)).toBe(true);
  });
});

describe('the checklist on the first screen', () => {
  it('comes with the totals of the whole lists, counted on the index', async () => {
    const db = fresh();
    const reads = recordReads(db);
    await seedLargeDb(db, { contacts: 1500, touchesPerContact: 1, today: TODAY, seed: 3 });
    const whole = await loadChecklist(db, TODAY);
    expect(whole.due.length).toBeGreaterThan(30);
    reads.length = 0;
    const first = await loadFirstRows(db, TODAY, { due: 30, upcoming: 15 });
    expect(first.totals).toEqual({ due: whole.due.length, upcoming: whole.upcoming.length });
    // Only the first rows and the people due on the last row's day are read, never all who are due.
    const contactRows = reads.filter((r) => r.table === 'contacts').reduce((sum, r) => sum + (r.rows ?? 0), 0);
    expect(contactRows).toBeGreaterThan(0);
    expect(contactRows).toBeLessThan(whole.due.length);
    expect(reads.filter((r) => r.table === 'contacts' && r.op === 'count')).toHaveLength(2);
    expect((await loadFirstRows(db, TODAY, { due: 1, upcoming: 1 }, 0)).totals).toEqual({ due: whole.due.length, upcoming: 0 });
  });
});
