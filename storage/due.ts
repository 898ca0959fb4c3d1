/**
 * The popup's checklist and the badge count. Both read only an index up to a bound (`nextDueAt`, or
 * `[tier+nextDueAt]` when the popup shows some tiers only), so their cost grows with the number of
 * people due, not with the size of the notebook. Tier none sits at `NEVER_DUE`, past every bound.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { FALLBACK_COLLATION_LANG } from './collation';
import { StorageValidationError, urgencyOrder } from './rules';
import type { Contact, IsoDay, Tier } from './types';

export const DEFAULT_HORIZON_DAYS = 7;

/**
 * Everyone with `nextDueAt` ≤ `upTo`; with `tiers`, only those tiers, each read from `[tier+nextDueAt]`
 * so the people of other tiers are never read. No tiers (an empty list): everyone.
 */
export async function dueUpTo(db: KontaktDb, upTo: number, tiers: readonly Tier[] = []): Promise<Contact[]> {
  if (tiers.length === 0) return db.contacts.where('nextDueAt').belowOrEqual(upTo).toArray();
  const perTier = await Promise.all(
    [...new Set(tiers)].map((tier) =>
      db.contacts.where('[tier+nextDueAt]').between([tier, -Infinity], [tier, upTo], true, true).toArray(),
    ),
  );
  return perTier.flat();
}

export interface DueListOptions {
  /** only these tiers (the popup's tier filter); none given: everyone */
  tiers?: readonly Tier[];
  /** the UI language, whose collation orders names within a day and tier (`storage/collation.ts`) */
  lang?: string;
}

/**
 * `due`: due today or overdue; `upcoming`: due within the next `horizonDays` days (today excluded,
 * today + horizonDays included). Both most urgent first (`urgencyOrder`).
 */
export async function listDue(
  db: KontaktDb,
  today: IsoDay,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
  { tiers = [], lang = FALLBACK_COLLATION_LANG }: DueListOptions = {},
): Promise<{ due: Contact[]; upcoming: Contact[] }> {
  if (!Number.isInteger(horizonDays) || horizonDays < 0) {
    throw new StorageValidationError(`horizonDays must be a whole number ≥ 0: ${horizonDays}`);
  }
  const todayMs = dayStartMs(today);
  const rows = await dueUpTo(db, dayStartMs(addDays(today, horizonDays)), tiers);
  const due: Contact[] = [];
  const upcoming: Contact[] = [];
  for (const c of rows) (c.nextDueAt <= todayMs ? due : upcoming).push(c);
  const order = urgencyOrder(lang);
  due.sort(order);
  upcoming.sort(order);
  return { due, upcoming };
}

/** How many are due today or overdue (the badge), counted on the index without reading a record. */
export async function countDue(db: KontaktDb, today: IsoDay): Promise<number> {
  return db.contacts.where('nextDueAt').belowOrEqual(dayStartMs(today)).count();
}
