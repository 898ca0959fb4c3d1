/**
 * What the weekly review and its reminder read from the database. Each part goes through an index up to
 * a bound, so its cost grows with what the review shows, not with the size of the notebook; the rules
 * themselves are the pure functions in `review.ts`.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { countDue, dueUpTo } from './due';
import { forEachChunk, READ_CHUNK } from './read-chunks';
import type { OccasionRow } from './key-dates';
import type { PromiseRow } from './promises';
import {
  addTouchTallies,
  OCCASION_DAYS,
  occasionsAhead,
  picksByTouches,
  promisesAhead,
  sectionsFromTallies,
  type TouchTally,
} from './review';
import { getSettings } from './settings';
import type { Contact, IsoDay, Settings } from './types';

/**
 * The people the contact-based sections can list, from the due index alone: everyone due today or
 * overdue (due, drifting by a whole cadence, let go?), and up to `firstFollowUpDays` ahead, where a
 * person added without a touch yet waits for the first follow-up (new and not followed up). A person
 * snoozed past that is left out of these sections until the snooze ends: the user already chose "later".
 */
export async function readReviewCandidates(db: KontaktDb, today: IsoDay, settings: Settings): Promise<Contact[]> {
  return dueUpTo(db, dayStartMs(addDays(today, settings.firstFollowUpDays)));
}

export interface DueHead {
  /** everyone due today or overdue */
  count: number;
  /** the first `limit` of them, most urgent first, as section 1 lists them */
  rows: Contact[];
}

/**
 * Section 1 at first sight, from the due index alone: the count, and the first `limit` rows in the
 * section's order. Due days tie (every due moment is a day start), and ties go by tier and name, so
 * everyone due on the last day of the first `limit` is read too before ordering.
 */
export async function readDueHead(
  db: KontaktDb,
  today: IsoDay,
  settings: Settings,
  lang: string,
  limit: number,
): Promise<DueHead> {
  const todayMs = dayStartMs(today);
  const [count, first] = await Promise.all([
    countDue(db, today),
    db.contacts.where('nextDueAt').belowOrEqual(todayMs).limit(limit).toArray(),
  ]);
  const last = first.at(-1);
  const rows =
    last && first.length === limit ? await db.contacts.where('nextDueAt').belowOrEqual(last.nextDueAt).toArray() : first;
  const { due } = sectionsFromTallies({ contacts: rows, tallies: new Map(), settings, today, lang });
  return { count, rows: due.slice(0, limit) };
}

/**
 * The review's touch counts (last 12 months, the 12 before, given/received) in one pass over the
 * touches, read in chunks (`read-chunks.ts`), so 50,000 touches never hold the page in one long task.
 */
export async function readTouchTallies(db: KontaktDb, today: IsoDay, chunk = READ_CHUNK): Promise<Map<string, TouchTally>> {
  const tallies = new Map<string, TouchTally>();
  await forEachChunk(
    db.touches,
    (rows) => addTouchTallies(tallies, rows, today),
    (t) => t.id,
    chunk,
  );
  return tallies;
}

/** The live people the touch-based rules pick that `known` does not hold yet. */
export async function readPickedByTouches(
  db: KontaktDb,
  tallies: ReadonlyMap<string, TouchTally>,
  known: ReadonlySet<string>,
): Promise<Contact[]> {
  const keys = [...tallies].filter(([key, tally]) => !known.has(key) && picksByTouches(tally)).map(([key]) => key);
  return (await db.contacts.bulkGet(keys)).filter((c): c is Contact => c !== undefined && c.deletedAt === null);
}

export interface OccasionsAndPromises {
  occasions: OccasionRow[];
  promises: PromiseRow[];
}

/**
 * Section 2 of the review: key dates through `nextOccurrenceAt` and open dated promises through
 * `openDueAt`, both up to today + 14 days, and only their people. Stale key dates (before today) are
 * below the bound too, and `occasionsAhead` recomputes their day.
 */
export async function readOccasionsAndPromises(db: KontaktDb, today: IsoDay): Promise<OccasionsAndPromises> {
  const upTo = dayStartMs(addDays(today, OCCASION_DAYS));
  return db.transaction('r', [db.keyDates, db.promises, db.contacts, db.settings], async () => {
    const [settings, keyDates, promises] = await Promise.all([
      getSettings(db),
      db.keyDates.where('nextOccurrenceAt').belowOrEqual(upTo).toArray(),
      db.promises.where('openDueAt').belowOrEqual(upTo).toArray(),
    ]);
    const keys = [...new Set([...keyDates, ...promises].map((r) => r.contactKey))];
    const byKey = new Map<string, Contact>();
    for (const c of await db.contacts.bulkGet(keys)) if (c) byKey.set(c.key, c);
    return {
      occasions: occasionsAhead(keyDates, byKey, today, settings),
      promises: promisesAhead(promises, byKey, today),
    };
  });
}

export interface ReviewCounts {
  due: number;
  occasions: number;
  promises: number;
}

/** The reminder's "7 people due, 2 occasions, 1 promise": the same numbers the review then shows. */
export async function readReviewCounts(db: KontaktDb, today: IsoDay): Promise<ReviewCounts> {
  const [due, { occasions, promises }] = await Promise.all([countDue(db, today), readOccasionsAndPromises(db, today)]);
  return { due, occasions: occasions.length, promises: promises.length };
}

/** One person's tally, re-read after an action on them (their touches only, through `[contactKey+date]`). */
export async function readTallyOf(db: KontaktDb, key: string, today: IsoDay): Promise<TouchTally | undefined> {
  const touches = await db.touches.where('[contactKey+date]').between([key, ''], [key, '\uffff']).toArray();
  return addTouchTallies(new Map(), touches, today).get(key);
}
