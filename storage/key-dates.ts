/**
 * Key dates: writes and the popup's occasions. Every write computes `nextOccurrenceAt` with the rules in
 * `occasions.ts`; readers go through the `nextOccurrenceAt` index up to `today + the longest lead time`
 * and recompute each row in memory, so a row left stale by a sleeping worker still shows the right day
 * (the daily rollover, `rolloverKeyDates`, then writes it). Time is always a parameter.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import {
  computeNextOccurrenceAt,
  type KeyDateInput,
  keyDateProblem,
  maxLeadDays,
  nextOccurrence,
  type OccasionInWindow,
  occasionToday,
  tiersCountingToday,
} from './occasions';
import { StorageValidationError } from './rules';
import { getSettings } from './settings';
import { type Contact, type IsoDay, type KeyDate, NEVER_DUE, type Settings, type Tier } from './types';

/** A key date, its person and how it stands today: one row of the popup's "Occasions". */
export interface OccasionRow extends OccasionInWindow {
  keyDate: KeyDate;
  contact: Contact;
}

export class KeyDateNotFoundError extends Error {
  override name = 'KeyDateNotFoundError';
  constructor(readonly id: string) {
    super(`No key date stored with id ${JSON.stringify(id)}`);
  }
}

function check(input: KeyDateInput, today: IsoDay): KeyDateInput {
  const problem = keyDateProblem(input, today);
  if (problem !== null) throw new StorageValidationError(`Key date: ${problem}`);
  return {
    kind: input.kind,
    label: input.label.trim(),
    month: input.month,
    day: input.day,
    year: input.year,
    recurrence: input.recurrence,
  };
}

/** The live contact under `key` or one of its aliases; throws when there is none. */
async function liveContact(db: KontaktDb, key: string): Promise<Contact> {
  const byKey = await db.contacts.get(key);
  const c =
    byKey?.deletedAt === null
      ? byKey
      : await db.contacts
          .where('aliases')
          .equals(key)
          .filter((x) => x.deletedAt === null)
          .first();
  if (!c) throw new StorageValidationError(`No contact stored under ${JSON.stringify(key)}`);
  return c;
}

async function liveKeyDate(db: KontaktDb, id: string): Promise<KeyDate> {
  const kd = await db.keyDates.get(id);
  if (!kd || kd.deletedAt !== null) throw new KeyDateNotFoundError(id);
  return kd;
}

/** Adds a key date to a live contact (addressed by key or alias). Throws StorageValidationError for a bad date. */
export async function addKeyDate(
  db: KontaktDb,
  contactKey: string,
  input: KeyDateInput,
  today: IsoDay,
  nowMs: number,
): Promise<KeyDate> {
  const clean = check(input, today);
  return db.transaction('rw', db.contacts, db.keyDates, db.settings, async () => {
    const contact = await liveContact(db, contactKey);
    const { feb29 } = await getSettings(db);
    const kd: KeyDate = {
      id: crypto.randomUUID(),
      contactKey: contact.key,
      ...clean,
      nextOccurrenceAt: 0,
      acknowledgedAt: null,
      createdAt: nowMs,
      updatedAt: nowMs,
      deletedAt: null,
    };
    kd.nextOccurrenceAt = computeNextOccurrenceAt(kd, today, feb29);
    await db.keyDates.add(kd);
    return kd;
  });
}

/** Replaces the user's fields of a key date. A changed day or year drops the acknowledgement. */
export async function updateKeyDate(
  db: KontaktDb,
  id: string,
  input: KeyDateInput,
  today: IsoDay,
  nowMs: number,
): Promise<KeyDate> {
  const clean = check(input, today);
  return db.transaction('rw', db.keyDates, db.settings, async () => {
    const current = await liveKeyDate(db, id);
    const { feb29 } = await getSettings(db);
    const moved = current.month !== clean.month || current.day !== clean.day || current.year !== clean.year;
    const next: KeyDate = { ...current, ...clean, updatedAt: nowMs, acknowledgedAt: moved ? null : current.acknowledgedAt };
    next.nextOccurrenceAt = computeNextOccurrenceAt(next, today, feb29);
    await db.keyDates.put(next);
    return next;
  });
}

/** Deletes a key date: a tombstone stays (for sync and restore), out of every index reader's range. */
export async function deleteKeyDate(db: KontaktDb, id: string, nowMs: number): Promise<KeyDate | undefined> {
  return db.transaction('rw', db.keyDates, async () => {
    const kd = await db.keyDates.get(id);
    if (!kd || kd.deletedAt !== null) return undefined;
    const tombstone: KeyDate = { ...kd, deletedAt: nowMs, updatedAt: nowMs, nextOccurrenceAt: NEVER_DUE };
    await db.keyDates.put(tombstone);
    return tombstone;
  });
}

/**
 * "Congratulated": acknowledges the coming occurrence (the one on or after `today`), so the badge stops
 * counting it; next year's occurrence counts again. `undo` (acknowledged = false) takes it back.
 */
export async function acknowledgeKeyDate(
  db: KontaktDb,
  id: string,
  today: IsoDay,
  nowMs: number,
  acknowledged = true,
): Promise<KeyDate> {
  return db.transaction('rw', db.keyDates, db.settings, async () => {
    const current = await liveKeyDate(db, id);
    const { feb29 } = await getSettings(db);
    const day = nextOccurrence(current, today, feb29);
    const next: KeyDate = {
      ...current,
      acknowledgedAt: acknowledged && day !== null ? dayStartMs(day) : null,
      updatedAt: nowMs,
      nextOccurrenceAt: computeNextOccurrenceAt(current, today, feb29),
    };
    await db.keyDates.put(next);
    return next;
  });
}

/** A person's live key dates (by key or alias), the next occurrence first. */
export async function listKeyDates(db: KontaktDb, contactKey: string): Promise<KeyDate[]> {
  return db.transaction('r', db.contacts, db.keyDates, async () => {
    const key = (await db.contacts.get(contactKey))?.key ?? (await db.contacts.where('aliases').equals(contactKey).first())?.key;
    const rows = await db.keyDates
      .where('contactKey')
      .equals(key ?? contactKey)
      .filter((kd) => kd.deletedAt === null)
      .toArray();
    return rows.sort((a, b) => a.nextOccurrenceAt - b.nextOccurrenceAt || (a.id < b.id ? -1 : 1));
  });
}

/** Rows of the index that may be in their window today: up to today + the longest lead time. */
async function candidates(db: KontaktDb, today: IsoDay, settings: Settings): Promise<KeyDate[]> {
  const upTo = dayStartMs(addDays(today, maxLeadDays(settings.leadDays)));
  return db.keyDates.where('nextOccurrenceAt').belowOrEqual(upTo).toArray();
}

/**
 * The popup's "Occasions": every live key date of a live contact within its lead time today, soonest
 * first (then by name). Acknowledged ones are included with `acknowledged: true`; the UI decides how
 * to show them.
 */
export async function listOccasions(db: KontaktDb, today: IsoDay): Promise<OccasionRow[]> {
  return db.transaction('r', db.keyDates, db.contacts, db.settings, async () => {
    const settings = await getSettings(db);
    const rows = await candidates(db, today, settings);
    const contacts = await db.contacts.bulkGet([...new Set(rows.map((r) => r.contactKey))]);
    const byKey = new Map<string, Contact>();
    for (const c of contacts) if (c && c.deletedAt === null) byKey.set(c.key, c);
    const out: OccasionRow[] = [];
    for (const keyDate of rows) {
      const contact = byKey.get(keyDate.contactKey);
      if (!contact) continue;
      const now = occasionToday(keyDate, contact.tier, today, settings);
      if (now) out.push({ ...now, keyDate, contact });
    }
    return out.sort(
      (a, b) =>
        a.daysUntil - b.daysUntil || a.contact.name.localeCompare(b.contact.name) || (a.keyDate.id < b.keyDate.id ? -1 : 1),
    );
  });
}

/**
 * The badge's share: occasions within their lead time today that the user has not acknowledged, i.e. the
 * rows of `listOccasions` without `acknowledged`, counted without building them: the key dates in the
 * index window are judged by the rules first (`tiersCountingToday`), and only the people of those that
 * some tier would count are read, for their tier and whether they live. No sort, no names.
 */
export async function countOccasionsDue(db: KontaktDb, today: IsoDay): Promise<number> {
  return db.transaction('r', db.keyDates, db.contacts, db.settings, async () => {
    const settings = await getSettings(db);
    const wanted = (await candidates(db, today, settings)).flatMap((kd) => {
      const tiers = tiersCountingToday(kd, today, settings);
      return tiers.length === 0 ? [] : [{ key: kd.contactKey, tiers }];
    });
    if (wanted.length === 0) return 0;
    const people = await db.contacts.bulkGet([...new Set(wanted.map((w) => w.key))]);
    const tierOf = new Map<string, Tier>();
    for (const c of people) if (c && c.deletedAt === null) tierOf.set(c.key, c.tier);
    let count = 0;
    for (const { key, tiers } of wanted) {
      const tier = tierOf.get(key);
      if (tier !== undefined && tiers.includes(tier)) count++;
    }
    return count;
  });
}

/**
 * The daily rollover: every live row whose `nextOccurrenceAt` lies before `today` (read through the
 * index) gets its next occurrence. Returns how many rows moved. `updatedAt` stays: the value is derived,
 * not an edit (the same reason as `recomputeAll` for contacts).
 */
export async function rolloverKeyDates(db: KontaktDb, today: IsoDay): Promise<number> {
  return db.transaction('rw', db.keyDates, db.settings, async () => {
    const { feb29 } = await getSettings(db);
    const stale = await db.keyDates.where('nextOccurrenceAt').below(dayStartMs(today)).toArray();
    const moved = stale.map((kd) => ({ ...kd, nextOccurrenceAt: computeNextOccurrenceAt(kd, today, feb29) }));
    await db.keyDates.bulkPut(moved);
    return moved.length;
  });
}
