/**
 * The popup's checklist and the badge count. Both read only the `nextDueAt` index, up to a bound, so
 * their cost grows with the number of people due, not with the size of the notebook. Tier none sits
 * at `NEVER_DUE`, past every bound.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { compareUrgency, StorageValidationError } from './rules';
import type { Contact, IsoDay } from './types';

export const DEFAULT_HORIZON_DAYS = 7;

/**
 * `due`: due today or overdue; `upcoming`: due within the next `horizonDays` days (today excluded,
 * today + horizonDays included). Both most urgent first (`compareUrgency`).
 */
export async function listDue(
  db: KontaktDb,
  today: IsoDay,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
): Promise<{ due: Contact[]; upcoming: Contact[] }> {
  if (!Number.isInteger(horizonDays) || horizonDays < 0) {
    throw new StorageValidationError(`horizonDays must be a whole number ≥ 0: ${horizonDays}`);
  }
  const todayMs = dayStartMs(today);
  const rows = await db.contacts
    .where('nextDueAt')
    .belowOrEqual(dayStartMs(addDays(today, horizonDays)))
    .toArray();
  const due: Contact[] = [];
  const upcoming: Contact[] = [];
  for (const c of rows) (c.nextDueAt <= todayMs ? due : upcoming).push(c);
  due.sort(compareUrgency);
  upcoming.sort(compareUrgency);
  return { due, upcoming };
}

/** How many are due today or overdue (the badge), counted on the index without reading a record. */
export async function countDue(db: KontaktDb, today: IsoDay): Promise<number> {
  return db.contacts.where('nextDueAt').belowOrEqual(dayStartMs(today)).count();
}
