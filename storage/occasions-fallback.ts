/**
 * The smallest key-date, promise and give-and-take reads and writes the occasions UI needs, written by
 * the UI side (occasions-ui) because the data side's API (`storage/key-dates.ts`, `promises.ts`,
 * `give-take.ts`, `occasions.ts` on wp-occasions) was not committed when the UI had to be wired.
 * Everything follows docs/schema-v2.md; replace the calls with that API once it is merged.
 * Days are calendar days: `today` is passed in, stored days are UTC-midnight ms.
 */
import type { KontaktDb } from './db';
import { addDays, dayNumber, dayStartMs, isoFromDayNumber, MS_PER_DAY } from './dates';
import { LIMITS } from './limits';
import { getSettings } from './settings';
import {
  type Contact,
  type IsoDay,
  type KeyDate,
  type KeyDateKind,
  NEVER_DUE,
  type PromiseDirection,
  type PromiseRecord,
  type Settings,
  type Tier,
  type Touch,
} from './types';

export type KeyDateFields = Pick<KeyDate, 'kind' | 'label' | 'month' | 'day' | 'year' | 'recurrence'>;
export type PromiseFields = Pick<PromiseRecord, 'direction' | 'text' | 'dueDate'>;

/** Years of a work anniversary that count as a round Jubiläum. */
export const ROUND_YEARS: readonly number[] = [5, 10, 15, 20, 25, 30, 40, 50];
/** Promises show in the popup from this many days before their due date. */
export const PROMISE_LOOKAHEAD_DAYS = 7;
const GIVE_TAKE_DAYS = 365;
const KINDS: readonly KeyDateKind[] = ['birthday', 'anniversary', 'other'];
const DIRECTIONS: readonly PromiseDirection[] = ['mine', 'theirs'];

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const pad = (n: number) => String(n).padStart(2, '0');

/** The day an occasion falls on in `year`: 29 February moves to 1 March (§ 188 BGB) or 28 February in other years. */
export function occurrenceIn(year: number, month: number, day: number, feb29: Settings['feb29']): IsoDay {
  if (month === 2 && day === 29 && !isLeap(year)) return feb29 === 'feb28' ? `${year}-02-28` : `${year}-03-01`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** UTC-midnight ms of the next occurrence on or after `today`; NEVER_DUE for a one-off date that has passed. */
export function nextOccurrenceAt(keyDate: KeyDateFields, today: IsoDay, feb29: Settings['feb29']): number {
  if (keyDate.recurrence === 'once') {
    const year = keyDate.year ?? Number(today.slice(0, 4));
    const day = occurrenceIn(year, keyDate.month, keyDate.day, feb29);
    return day >= today ? dayStartMs(day) : NEVER_DUE;
  }
  const year = Number(today.slice(0, 4));
  const thisYear = occurrenceIn(year, keyDate.month, keyDate.day, feb29);
  return dayStartMs(thisYear >= today ? thisYear : occurrenceIn(year + 1, keyDate.month, keyDate.day, feb29));
}

/** Why a key date cannot be stored, or null. */
export function keyDateFieldsProblem(input: KeyDateFields, today: IsoDay): string | null {
  if (!KINDS.includes(input.kind)) return 'unknown occasion';
  if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) return 'month out of range';
  if (input.year !== null && (!Number.isInteger(input.year) || input.year < 1000 || input.year > 9999))
    return 'year out of range';
  const daysInMonth = new Date(Date.UTC(input.year ?? 2000, input.month, 0)).getUTCDate();
  if (!Number.isInteger(input.day) || input.day < 1 || input.day > daysInMonth) return 'no such day in that month';
  if (input.kind === 'birthday' && input.year !== null && `${input.year}-${pad(input.month)}-${pad(input.day)}` > today) {
    return 'birthday in the future';
  }
  if (typeof input.label !== 'string' || input.label.length > LIMITS.shortText) return 'label too long';
  if (input.kind === 'other' && input.label.trim() === '') return 'an own occasion needs a label';
  if (input.recurrence !== 'yearly' && input.recurrence !== 'once') return 'unknown recurrence';
  return null;
}

export function promiseFieldsProblem(input: PromiseFields): string | null {
  if (!DIRECTIONS.includes(input.direction)) return 'unknown direction';
  if (typeof input.text !== 'string' || input.text.trim() === '') return 'a promise needs a text';
  if (input.text.length > LIMITS.shortText) return 'promise text too long';
  if (input.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) return 'due date is not a day';
  return null;
}

export class OccasionInputError extends Error {
  override name = 'OccasionInputError';
}

const live = <T extends { deletedAt: number | null }>(record: T | undefined): record is T =>
  record !== undefined && record.deletedAt === null;

export async function listKeyDates(db: KontaktDb, contactKey: string): Promise<KeyDate[]> {
  return (await db.keyDates.where('contactKey').equals(contactKey).toArray()).filter(live);
}

export async function addKeyDate(
  db: KontaktDb,
  contactKey: string,
  input: KeyDateFields,
  today: IsoDay,
  nowMs: number,
): Promise<KeyDate> {
  const problem = keyDateFieldsProblem(input, today);
  if (problem) throw new OccasionInputError(problem);
  const { feb29 } = await getSettings(db);
  const record: KeyDate = {
    id: crypto.randomUUID(),
    contactKey,
    kind: input.kind,
    label: input.label.trim(),
    month: input.month,
    day: input.day,
    year: input.year,
    recurrence: input.kind === 'other' ? input.recurrence : 'yearly',
    nextOccurrenceAt: 0,
    acknowledgedAt: null,
    createdAt: nowMs,
    updatedAt: nowMs,
    deletedAt: null,
  };
  record.nextOccurrenceAt = nextOccurrenceAt(record, today, feb29);
  await db.keyDates.add(record);
  return record;
}

/** Leaves a tombstone; only a key date of `contactKey` can be deleted through it. */
export async function deleteKeyDate(db: KontaktDb, contactKey: string, id: string, nowMs: number): Promise<void> {
  await db.transaction('rw', db.keyDates, async () => {
    const current = await db.keyDates.get(id);
    if (!live(current) || current.contactKey !== contactKey) throw new OccasionInputError('no such key date');
    await db.keyDates.put({ ...current, deletedAt: nowMs, updatedAt: nowMs, nextOccurrenceAt: NEVER_DUE });
  });
}

/** "Congratulated": this occurrence leaves the popup and the badge. */
export async function acknowledgeKeyDate(db: KontaktDb, id: string, occurrenceAt: number, nowMs: number): Promise<void> {
  await db.keyDates.update(id, { acknowledgedAt: occurrenceAt, updatedAt: nowMs });
}

export async function listOpenPromises(db: KontaktDb, contactKey: string): Promise<PromiseRecord[]> {
  return (await db.promises.where('contactKey').equals(contactKey).toArray())
    .filter((p) => live(p) && p.doneAt === null)
    .sort((a, b) => a.createdAt - b.createdAt);
}

export async function addPromise(db: KontaktDb, contactKey: string, input: PromiseFields, nowMs: number): Promise<PromiseRecord> {
  const problem = promiseFieldsProblem(input);
  if (problem) throw new OccasionInputError(problem);
  const record: PromiseRecord = {
    id: crypto.randomUUID(),
    contactKey,
    direction: input.direction,
    text: input.text.trim(),
    dueDate: input.dueDate,
    doneAt: null,
    ...(input.dueDate ? { openDueAt: dayStartMs(input.dueDate) } : {}),
    createdAt: nowMs,
    updatedAt: nowMs,
    deletedAt: null,
  };
  await db.promises.add(record);
  return record;
}

/** Ticks a promise done: it leaves the `openDueAt` index, so no list or badge shows it again. */
export async function completePromise(db: KontaktDb, id: string, nowMs: number, contactKey?: string): Promise<PromiseRecord> {
  return db.transaction('rw', db.promises, async () => {
    const current = await db.promises.get(id);
    if (!live(current) || (contactKey !== undefined && current.contactKey !== contactKey)) {
      throw new OccasionInputError('no such promise');
    }
    const { openDueAt: _closed, ...rest } = current;
    const done: PromiseRecord = { ...rest, doneAt: current.doneAt ?? nowMs, updatedAt: nowMs };
    await db.promises.put(done);
    return done;
  });
}

/** Touches marked "gave" and "received" within the last 12 months up to `today`. */
export function giveTakeCounts(touches: readonly Touch[], today: IsoDay): { gave: number; received: number } {
  const from = addDays(today, -GIVE_TAKE_DAYS);
  let gave = 0;
  let received = 0;
  for (const touch of touches) {
    if (touch.deletedAt !== null || touch.date <= from || touch.date > today) continue;
    if (touch.direction === 'gave') gave++;
    else if (touch.direction === 'received') received++;
  }
  return { gave, received };
}

export async function giveTakeOf(db: KontaktDb, contactKey: string, today: IsoDay): Promise<{ gave: number; received: number }> {
  const touches = await db.touches
    .where('[contactKey+date]')
    .between([contactKey, addDays(today, -GIVE_TAKE_DAYS)], [contactKey, today], false, true)
    .toArray();
  return giveTakeCounts(touches, today);
}

/** People who, over the last 12 months, only received from the user / only gave to the user. */
export async function oneSidedPeople(db: KontaktDb, today: IsoDay): Promise<{ onlyReceived: Contact[]; onlyGave: Contact[] }> {
  const from = addDays(today, -GIVE_TAKE_DAYS);
  const byKey = new Map<string, { gave: number; received: number }>();
  await db.touches.each((touch) => {
    if (touch.deletedAt !== null || touch.date <= from || touch.date > today) return;
    const counts = byKey.get(touch.contactKey) ?? { gave: 0, received: 0 };
    if (touch.direction === 'gave') counts.gave++;
    else if (touch.direction === 'received') counts.received++;
    byKey.set(touch.contactKey, counts);
  });
  const contacts = (await db.contacts.bulkGet([...byKey.keys()])).filter(
    (c): c is Contact => c !== undefined && c.deletedAt === null,
  );
  const byName = (a: Contact, b: Contact) => a.name.localeCompare(b.name);
  // "only received" from the user's side: the user gave, the person never gave back
  const onlyReceived = contacts.filter((c) => {
    const n = byKey.get(c.key);
    return n !== undefined && n.gave > 0 && n.received === 0;
  });
  const onlyGave = contacts.filter((c) => {
    const n = byKey.get(c.key);
    return n !== undefined && n.received > 0 && n.gave === 0;
  });
  return { onlyReceived: onlyReceived.sort(byName), onlyGave: onlyGave.sort(byName) };
}

export interface OccasionDue {
  keyDate: KeyDate;
  contact: Contact;
  /** the day it falls on this time */
  date: IsoDay;
  occurrenceAt: number;
  daysAway: number;
  years: number | null;
  round: boolean;
}

function leadDaysFor(tier: Tier, round: boolean, settings: Settings): number | null {
  if (round) return settings.leadDays.A;
  return tier === 'none' ? null : settings.leadDays[tier];
}

/**
 * Occasions within their lead time and not yet acknowledged, soonest first, read through the
 * `nextOccurrenceAt` index; rows whose stored day lies before `today` (a worker that slept through
 * midnight) are recomputed in memory.
 */
export async function occasionsInLeadTime(db: KontaktDb, today: IsoDay): Promise<OccasionDue[]> {
  const settings = await getSettings(db);
  const maxLead = Math.max(settings.leadDays.A, settings.leadDays.B, settings.leadDays.C);
  const todayMs = dayStartMs(today);
  const candidates = (
    await db.keyDates
      .where('nextOccurrenceAt')
      .belowOrEqual(todayMs + maxLead * MS_PER_DAY)
      .toArray()
  ).filter(live);
  const contacts = new Map<string, Contact>();
  for (const c of await db.contacts.bulkGet([...new Set(candidates.map((k) => k.contactKey))])) {
    if (c && c.deletedAt === null) contacts.set(c.key, c);
  }
  const rows: OccasionDue[] = [];
  for (const keyDate of candidates) {
    const contact = contacts.get(keyDate.contactKey);
    if (!contact) continue;
    const occurrenceAt =
      keyDate.nextOccurrenceAt < todayMs ? nextOccurrenceAt(keyDate, today, settings.feb29) : keyDate.nextOccurrenceAt;
    if (occurrenceAt === NEVER_DUE || keyDate.acknowledgedAt === occurrenceAt) continue;
    const date = isoFromDayNumber(occurrenceAt / MS_PER_DAY);
    const daysAway = dayNumber(date) - dayNumber(today);
    const years =
      keyDate.year !== null && Number(date.slice(0, 4)) > keyDate.year ? Number(date.slice(0, 4)) - keyDate.year : null;
    const round = keyDate.kind === 'anniversary' && years !== null && ROUND_YEARS.includes(years);
    const lead = leadDaysFor(contact.tier, round, settings);
    if (lead === null || daysAway > lead) continue;
    rows.push({ keyDate, contact, date, occurrenceAt, daysAway, years, round });
  }
  return rows.sort((a, b) => a.daysAway - b.daysAway || a.contact.name.localeCompare(b.contact.name));
}

export interface PromiseDue {
  promise: PromiseRecord & { dueDate: IsoDay };
  contact: Contact;
  daysAway: number;
}

/** Open promises overdue or due within 7 days, through the `openDueAt` index; "I promised" first, then by due date. */
export async function promisesDue(db: KontaktDb, today: IsoDay): Promise<PromiseDue[]> {
  const horizon = dayStartMs(today) + PROMISE_LOOKAHEAD_DAYS * MS_PER_DAY;
  const open = (await db.promises.where('openDueAt').belowOrEqual(horizon).toArray()).filter(
    (p): p is PromiseRecord & { dueDate: IsoDay } => live(p) && p.doneAt === null && p.dueDate !== null,
  );
  const contacts = new Map<string, Contact>();
  for (const c of await db.contacts.bulkGet([...new Set(open.map((p) => p.contactKey))])) {
    if (c && c.deletedAt === null) contacts.set(c.key, c);
  }
  const rows: PromiseDue[] = [];
  for (const promise of open) {
    const contact = contacts.get(promise.contactKey);
    if (contact) rows.push({ promise, contact, daysAway: dayNumber(promise.dueDate) - dayNumber(today) });
  }
  return rows.sort(
    (a, b) =>
      (a.promise.direction === 'mine' ? 0 : 1) - (b.promise.direction === 'mine' ? 0 : 1) ||
      a.promise.dueDate.localeCompare(b.promise.dueDate),
  );
}
