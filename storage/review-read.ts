/**
 * What the weekly review and its reminder read from the database. Each part goes through an index up to
 * a bound, so its cost grows with what the review shows, not with the size of the notebook; the rules
 * themselves are the pure functions in `review.ts`.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { countDue } from './due';
import type { OccasionRow } from './key-dates';
import type { PromiseRow } from './promises';
import { OCCASION_DAYS, occasionsAhead, promisesAhead } from './review';
import { getSettings } from './settings';
import type { Contact, IsoDay } from './types';

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
