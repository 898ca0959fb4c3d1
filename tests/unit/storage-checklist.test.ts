import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { latestTouches, loadChecklist, loadFirstRows } from '../../storage/checklist';
import { listTouches } from '../../storage/contacts';
import { type KontaktDb, openDb } from '../../storage/db';
import { listDue } from '../../storage/due';
import { dayStartMs, MS_PER_DAY } from '../../storage/dates';
import { type Contact, NEVER_DUE } from '../../storage/types';
import { generateSeed, seedLargeDb } from '../support/seed';

const TODAY = '2025-06-15';
const opened: KontaktDb[] = [];
function fresh(): KontaktDb {
  const db = openDb(`kontaktpflege-checklist-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** What the dashboard's touch list shows first: the reference for "latest". */
async function newest(db: KontaktDb, key: string) {
  return (await listTouches(db, key, 1))[0] ?? null;
}

describe('popup checklist', () => {
  it('lists everyone due and coming up, and reads the latest touch only for the first rows', async () => {
    const db = fresh();
    const options = { contacts: 400, touchesPerContact: 3, today: TODAY, seed: 3 };
    await seedLargeDb(db, options);
    // The expectation comes from the seed's records, not from the queries under test: due = due day on
    // or before today, upcoming = within the next 7 days; most urgent first (earlier day, then tier
    // A–B–C, then name in German collation, then key); the latest touch = the newest day (then the
    // largest id, the index order within a day).
    const { contacts, touches } = generateSeed(options);
    const todayMs = dayStartMs(TODAY);
    const rank = { A: 0, B: 1, C: 2, none: 3 };
    const collator = new Intl.Collator('de', { sensitivity: 'base' });
    const urgency = (a: Contact, b: Contact) =>
      a.nextDueAt - b.nextDueAt || rank[a.tier] - rank[b.tier] || collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1);
    const expectedDue = contacts.filter((c) => c.nextDueAt <= todayMs).sort(urgency);
    const expectedUpcoming = contacts
      .filter((c) => c.nextDueAt > todayMs && c.nextDueAt <= todayMs + 7 * MS_PER_DAY)
      .sort(urgency);
    expect(expectedDue.length).toBeGreaterThan(10);
    expect(expectedUpcoming.length).toBeGreaterThan(2);

    const list = await loadChecklist(db, TODAY, { firstRows: { due: 10, upcoming: 2 } });
    expect(list.due.map((c) => c.key)).toEqual(expectedDue.map((c) => c.key));
    expect(list.upcoming.map((c) => c.key)).toEqual(expectedUpcoming.map((c) => c.key));
    expect(list.hasContacts).toBe(true);

    const first = [...expectedDue.slice(0, 10), ...expectedUpcoming.slice(0, 2)].map((c) => c.key);
    expect([...list.lastTouches.keys()].sort()).toEqual([...first].sort());
    for (const key of first) {
      const latest = touches
        .filter((t) => t.contactKey === key)
        .reduce<(typeof touches)[number] | null>(
          (best, t) => (best === null || t.date > best.date || (t.date === best.date && t.id > best.id) ? t : best),
          null,
        );
      expect(list.lastTouches.get(key), key).toEqual(latest);
    }
  });

  it('also re-reads touches the popup already shows, if the person is still listed', async () => {
    const db = fresh();
    await seedLargeDb(db, { contacts: 400, touchesPerContact: 3, today: TODAY, seed: 3 });
    const { due } = await listDue(db, TODAY);
    const revealed = due[due.length - 1]?.key as string;
    const list = await loadChecklist(db, TODAY, {
      firstRows: { due: 1, upcoming: 0 },
      alsoTouchesOf: [revealed, 'linkedin:not-listed'],
    });
    expect([...list.lastTouches.keys()].sort()).toEqual([due[0]?.key, revealed].sort());
  });

  it('latestTouches: newest day per key, null for a person without touches, each key once', async () => {
    const db = fresh();
    await seedLargeDb(db, { contacts: 30, touchesPerContact: 4, today: TODAY, seed: 5 });
    const keys = (await db.contacts.limit(20).primaryKeys()) as string[];
    const found = await latestTouches(db, [...keys, 'linkedin:nobody', keys[0] as string]);
    expect(found.size).toBe(21);
    expect(found.get('linkedin:nobody')).toBeNull();
    for (const key of keys) expect(found.get(key), key).toEqual(await newest(db, key));
    expect((await latestTouches(db, [])).size).toBe(0);
  });

  it('first rows: the same people in the same order as the whole lists', async () => {
    const db = fresh();
    await seedLargeDb(db, { contacts: 2000, touchesPerContact: 2, today: TODAY, seed: 11 });
    const whole = await loadChecklist(db, TODAY, { firstRows: { due: 30, upcoming: 15 } });
    for (const [due, upcoming] of [
      [30, 15],
      [7, 3],
      [1, 1],
      [0, 0],
    ] as const) {
      const first = await loadFirstRows(db, TODAY, { due, upcoming });
      expect(first.complete).toBe(false);
      expect(first.due.map((c) => c.key)).toEqual(whole.due.slice(0, due).map((c) => c.key));
      expect(first.upcoming.map((c) => c.key)).toEqual(whole.upcoming.slice(0, upcoming).map((c) => c.key));
      expect([first.hasContacts, first.nextDueAfter]).toEqual([whole.hasContacts, whole.nextDueAfter]);
      expect(first.lastTouches.size).toBe(due + upcoming);
    }
    // No horizon: nothing coming up, and no error for an empty range.
    expect((await loadFirstRows(db, TODAY, { due: 5, upcoming: 5 }, 0)).upcoming).toEqual([]);
  });

  it('first rows: people due the same day as the last row are sorted in by tier and name, not by key', async () => {
    const db = fresh();
    const day = (offset: number) => dayStartMs(TODAY) + offset * MS_PER_DAY;
    // key order k0…k5 is the reverse of urgency within the tied day
    const people: Array<[string, Contact['tier'], string, number]> = [
      ['k0', 'C', 'Zora', day(-3)],
      ['k1', 'C', 'Yann', day(-3)],
      ['k2', 'B', 'Xaver', day(-3)],
      ['k3', 'A', 'Wanda', day(-3)],
      ['k4', 'A', 'Anna', day(-3)],
      ['k5', 'A', 'Bea', day(-9)],
    ];
    const template = generateSeed({ contacts: 1, touchesPerContact: 0, today: TODAY }).contacts[0] as Contact;
    await db.contacts.bulkPut(
      people.map(([slug, tier, name, nextDueAt]) => ({
        ...template,
        key: `linkedin:${slug}`,
        id: `id:${slug}`,
        aliases: [],
        tier,
        name,
        nextDueAt,
      })),
    );
    const first = await loadFirstRows(db, TODAY, { due: 3, upcoming: 0 });
    expect(first.due.map((c) => c.name)).toEqual(['Bea', 'Anna', 'Wanda']);
    const whole = await loadChecklist(db, TODAY);
    expect(whole.due.slice(0, 3)).toEqual(first.due);
  });

  it('an empty notebook', async () => {
    const list = await loadChecklist(fresh(), TODAY, { firstRows: { due: 30, upcoming: 15 } });
    const empty = {
      due: [],
      upcoming: [],
      lastTouches: new Map(),
      hasContacts: false,
      nextDueAfter: null,
    };
    expect(list).toEqual({ ...empty, complete: true });
    expect(await loadFirstRows(fresh(), TODAY, { due: 30, upcoming: 15 })).toEqual({
      ...empty,
      complete: false,
      totals: { due: 0, upcoming: 0 },
    });
  });
});

describe('the date shown past the lists ("next one due on …")', () => {
  it('names the first person due after the horizon, never someone already listed or never due', async () => {
    const db = fresh();
    const at = (key: string, tier: Contact['tier'], dueDay: string): Contact => ({
      ...(generateSeed({ contacts: 1, touchesPerContact: 0, today: TODAY, seed: 1 }).contacts[0] as Contact),
      key: `linkedin:${key}`,
      id: `id:${key}`,
      aliases: [],
      tier,
      nextDueAt: tier === 'none' ? NEVER_DUE : dayStartMs(dueDay),
    });
    // due on the horizon's last day (today + 7): listed as upcoming, so not "next one due"
    await db.contacts.bulkPut([at('edge', 'A', '2025-06-22'), at('never', 'none', '2025-06-15')]);
    const listed = await loadChecklist(db, TODAY, { horizonDays: 7 });
    expect(listed.upcoming.map((c) => c.key)).toEqual(['linkedin:edge']);
    expect(listed.nextDueAfter).toBeNull();
    await db.contacts.put(at('later', 'B', '2025-07-04'));
    expect((await loadChecklist(db, TODAY, { horizonDays: 7 })).nextDueAfter).toBe(dayStartMs('2025-07-04'));
  });
});
