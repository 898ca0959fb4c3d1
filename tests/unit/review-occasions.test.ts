/**
 * Section 2 of the weekly review: occasions in the next 14 days and open promises due by then, as pure
 * functions on the hand-built notebook and through the database reader the review and its reminder use.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { dayStartMs } from '../../storage/dates';
import { openDb } from '../../storage/db';
import {
  OCCASION_DAYS,
  occasionsAhead,
  pickedTallies,
  promisesAhead,
  reviewSections,
  sectionsFromTallies,
  tallyTouches,
} from '../../storage/review';
import {
  readDueHead,
  readOccasionsAndPromises,
  readPickedByTouches,
  readReviewCandidates,
  readReviewCounts,
  readTouchTallies,
} from '../../storage/review-read';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';
import { buildNotebook, buildOccasions, keyOf, NOTEBOOK_TODAY } from '../support/notebook';

const { contacts, touches } = buildNotebook();
const { keyDates, promises } = buildOccasions();
const byKey = new Map<string, Contact>(contacts.map((c) => [c.key, c]));

test('occasions: the next 14 days, soonest first, with age and Jubiläum; congratulated, dormant, stale-past and deleted left out', () => {
  const rows = occasionsAhead(keyDates, byKey, NOTEBOOK_TODAY, DEFAULT_SETTINGS);
  expect(rows.map((r) => [r.keyDate.id, r.day, r.daysUntil, r.years, r.round])).toEqual([
    ['kd-jule-10', '2026-12-02', 5, 10, true],
    ['kd-ada', '2026-12-03', 6, 50, false],
    ['kd-hana', '2026-12-05', 8, null, false],
    ['kd-cem', '2026-12-11', 14, null, false],
  ]);
  expect(OCCASION_DAYS).toBe(14);
});

test('occasions: a week later the window moves (Ben’s comes in, Ada’s has passed); a deleted person’s are gone', () => {
  const later = occasionsAhead(keyDates, byKey, '2026-12-04', DEFAULT_SETTINGS);
  expect(later.map((r) => r.keyDate.id)).toEqual(['kd-hana', 'kd-cem', 'kd-ben']);
  const withoutCem = new Map(byKey);
  withoutCem.set(keyOf('cem'), { ...(byKey.get(keyOf('cem')) as Contact), deletedAt: 1 });
  expect(occasionsAhead(keyDates, withoutCem, '2026-12-04', DEFAULT_SETTINGS).map((r) => r.keyDate.id)).not.toContain('kd-cem');
});

test('promises: open and dated, overdue or due within 14 days, “I promised” first; undated, done and deleted left out', () => {
  const rows = promisesAhead(promises, byKey, NOTEBOOK_TODAY);
  expect(rows.map((r) => [r.promise.id, r.overdueDays])).toEqual([
    ['p-ada', 7],
    ['p-ben', -13],
  ]);
  // two days later Cem's (due 12 Dec) is within 14 days too, and still after the user's own
  expect(promisesAhead(promises, byKey, '2026-11-29').map((r) => r.promise.id)).toEqual(['p-ada', 'p-cem', 'p-ben']);
});

describe('read from the database (the review and the reminder)', () => {
  let n = 0;
  async function seeded() {
    const db = openDb(`review-occasions-${n++}`, { indexedDB, IDBKeyRange });
    await db.contacts.bulkPut(contacts);
    await db.touches.bulkPut(touches);
    await db.keyDates.bulkPut(keyDates);
    await db.promises.bulkPut(promises);
    return db;
  }

  test('touches counted in chunks give the same tallies as one pass; a deleted touch is not counted', async () => {
    const db = await seeded();
    await db.touches.update('gus-0', { deletedAt: 1 });
    const chunked = await readTouchTallies(db, NOTEBOOK_TODAY, 3);
    const live = touches.filter((t) => t.id !== 'gus-0');
    expect(chunked).toEqual(tallyTouches(live, NOTEBOOK_TODAY));
    // Gus has two received touches left: no longer "give and take"
    expect(chunked.get(keyOf('gus'))).toEqual({ recent: 2, before: 0, received: 2, given: 0 });
    db.close();
  });

  test('the index-read people plus those the touches pick give the same sections as the whole notebook', async () => {
    const db = await seeded();
    const candidates = await readReviewCandidates(db, NOTEBOOK_TODAY, DEFAULT_SETTINGS);
    // Dora (thinned, due 30 Dec) comes from the touches, not from the due index; Gus (due 30 Nov) is within
    // the first-follow-up horizon of the index read already
    expect(candidates.map((c) => c.key)).not.toContain(keyOf('dora'));
    const tallies = await readTouchTallies(db, NOTEBOOK_TODAY);
    const picked = await readPickedByTouches(db, tallies, new Set(candidates.map((c) => c.key)));
    expect(picked.map((c) => c.key)).toEqual([keyOf('dora')]);
    const fromDb = sectionsFromTallies({
      contacts: [...candidates, ...picked],
      tallies,
      settings: DEFAULT_SETTINGS,
      today: NOTEBOOK_TODAY,
      lang: 'de',
    });
    expect(fromDb).toEqual(reviewSections({ contacts, touches, settings: DEFAULT_SETTINGS, today: NOTEBOOK_TODAY, lang: 'de' }));
    db.close();
  });

  test('the worker’s tallies of picked people only give the same sections as every tally', async () => {
    const db = await seeded();
    const candidates = await readReviewCandidates(db, NOTEBOOK_TODAY, DEFAULT_SETTINGS);
    const all = await readTouchTallies(db, NOTEBOOK_TODAY);
    const picked = pickedTallies(all);
    expect(picked.size).toBeLessThan(all.size);
    const extra = await readPickedByTouches(db, picked, new Set(candidates.map((c) => c.key)));
    const input = { contacts: [...candidates, ...extra], settings: DEFAULT_SETTINGS, today: NOTEBOOK_TODAY, lang: 'de' };
    expect(sectionsFromTallies({ ...input, tallies: picked })).toEqual(sectionsFromTallies({ ...input, tallies: all }));
    expect(sectionsFromTallies({ ...input, tallies: picked }).giveAndTake.length).toBeGreaterThan(0);
    db.close();
  });

  test('section 1 at first sight: its count and first rows match the full section, on every page size', async () => {
    const db = await seeded();
    const { due } = reviewSections({ contacts, touches, settings: DEFAULT_SETTINGS, today: NOTEBOOK_TODAY, lang: 'de' });
    expect(due.length).toBeGreaterThan(2);
    for (let limit = 1; limit <= due.length + 1; limit++) {
      const head = await readDueHead(db, NOTEBOOK_TODAY, DEFAULT_SETTINGS, 'de', limit);
      expect(head.count).toBe(due.length);
      expect(head.rows.map((c) => c.key)).toEqual(due.slice(0, limit).map((c) => c.key));
    }
    db.close();
  });

  test('section 1 at first sight: people due the same day are ordered by tier and name, not by key', async () => {
    const db = openDb(`review-head-${n++}`, { indexedDB, IDBKeyRange });
    const template = contacts[0] as Contact;
    const day = dayStartMs(NOTEBOOK_TODAY) - 5 * 86_400_000;
    const person = (key: string, name: string, tier: Contact['tier'], nextDueAt: number): Contact => ({
      ...template,
      key,
      id: `id-${key}`,
      name,
      tier,
      nextDueAt,
      deletedAt: null,
    });
    await db.contacts.bulkPut([
      person('linkedin:x-xaver', 'Xaver', 'C', day - 86_400_000),
      person('linkedin:a-bert', 'Bert', 'B', day),
      person('linkedin:b-anna', 'Anna', 'B', day),
      person('linkedin:c-zora', 'Zora', 'A', day),
    ]);
    const names = async (limit: number) =>
      (await readDueHead(db, NOTEBOOK_TODAY, DEFAULT_SETTINGS, 'de', limit)).rows.map((c) => c.name);
    expect(await names(2)).toEqual(['Xaver', 'Zora']);
    expect(await names(3)).toEqual(['Xaver', 'Zora', 'Anna']);
    expect((await readDueHead(db, NOTEBOOK_TODAY, DEFAULT_SETTINGS, 'de', 2)).count).toBe(4);
    db.close();
  });

  test('the reader returns the same rows as the rules, through the indexes', async () => {
    const db = await seeded();
    const read = await readOccasionsAndPromises(db, NOTEBOOK_TODAY);
    expect(read.occasions.map((r) => [r.keyDate.id, r.contact.name])).toEqual([
      ['kd-jule-10', 'Jule Jansen'],
      ['kd-ada', 'Ada Albers'],
      ['kd-hana', 'Hana Horn'],
      ['kd-cem', 'Cem Çelik'],
    ]);
    expect(read.promises.map((r) => [r.promise.id, r.contact.name])).toEqual([
      ['p-ada', 'Ada Albers'],
      ['p-ben', 'Ben Brandt'],
    ]);
    db.close();
  });

  test('the reminder’s counts: people due, occasions and promises the review will show', async () => {
    const db = await seeded();
    expect(await readReviewCounts(db, NOTEBOOK_TODAY)).toEqual({ due: 6, occasions: 4, promises: 2 });
    // after "Done" on Ada's promise the count follows
    await db.promises.update('p-ada', { doneAt: 1, openDueAt: undefined });
    expect((await readReviewCounts(db, NOTEBOOK_TODAY)).promises).toBe(1);
    db.close();
  });
});
