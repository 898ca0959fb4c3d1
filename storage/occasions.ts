/**
 * Occasion and promise rules: when a key date next falls, how many years it marks, when it shows (its
 * lead time), and what a valid key date or promise is. Pure: every "today" is a parameter, and every
 * day is a calendar day (`YYYY-MM-DD`, counted on the UTC calendar in `dates.ts`), so no time zone or
 * daylight-saving switch can move an occasion: "If it's 29 October, it's 29 October in every time zone."
 */
import { dayNumber, dayStartMs, isIsoDay, isoFromDayNumber } from './dates';
import { LIMITS } from './limits';
import {
  type Feb29Rule,
  type IsoDay,
  KEY_DATE_KINDS,
  type KeyDate,
  type KeyDateInput,
  NEVER_DUE,
  PROMISE_DIRECTIONS,
  type PromiseDirection,
  type PromiseInput,
  type PromiseRecord,
  RECURRENCES,
  type Settings,
  type Tier,
  TIERS,
} from './types';

/** Jubiläen that count as round: they are marked and get tier A's lead time. */
export const ROUND_YEARS: readonly number[] = [5, 10, 15, 20, 25, 30, 40, 50];

/** The earliest year a key date may name. */
export const MIN_YEAR = 1000;

// ---------------------------------------------------------------------------------------------
// Validation (shared by the forms, the storage writers and the backup import)

export type { KeyDateInput, PromiseInput } from './types';

/**
 * Why a key date cannot be stored; the UI translates the code.
 * - `kind`, `recurrence`: not one of the known values; `recurrence` also for a one-off birthday or
 *   Jubiläum (only an own occasion can be one-off);
 * - `month`: not 1–12; `day`: not a day of that month (31 April, day 0; 29 February only in a leap
 *   year when the year is given);
 * - `year`: not a whole number from `MIN_YEAR` to 9999; `yearInFuture`: a birthday after today;
 * - `onceWithoutYear`: a one-off date needs its year;
 * - `labelMissing`: an own occasion needs a label; `labelTooLong`: over `LIMITS.keyDateLabel`.
 */
export type KeyDateProblem =
  | 'kind'
  | 'recurrence'
  | 'month'
  | 'day'
  | 'year'
  | 'yearInFuture'
  | 'onceWithoutYear'
  | 'labelMissing'
  | 'labelTooLong';

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in a month; February has 29 when the year is unknown (a birthday on 29 February is real). */
export function daysInMonth(month: number, year: number | null): number {
  if (month === 2) return year === null || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** The first thing wrong with a key date, null when it can be stored. `today` decides what "future" is. */
export function keyDateProblem(input: KeyDateInput, today: IsoDay): KeyDateProblem | null {
  if (!KEY_DATE_KINDS.includes(input.kind)) return 'kind';
  if (!RECURRENCES.includes(input.recurrence)) return 'recurrence';
  if (!isWhole(input.month) || input.month < 1 || input.month > 12) return 'month';
  if (input.year !== null && (!isWhole(input.year) || input.year < MIN_YEAR || input.year > 9999)) return 'year';
  if (!isWhole(input.day) || input.day < 1 || input.day > daysInMonth(input.month, input.year)) return 'day';
  if (
    input.kind === 'birthday' &&
    input.year !== null &&
    dayNumber(isoOf(input.year, input.month, input.day)) > dayNumber(today)
  ) {
    return 'yearInFuture';
  }
  if (input.recurrence === 'once' && input.kind !== 'other') return 'recurrence';
  if (input.recurrence === 'once' && input.year === null) return 'onceWithoutYear';
  if (typeof input.label !== 'string') return 'labelMissing';
  if (input.label.trim().length > LIMITS.keyDateLabel) return 'labelTooLong';
  if (input.kind === 'other' && input.label.trim() === '') return 'labelMissing';
  return null;
}

/** `direction`: unknown; `textMissing`: empty or only spaces; `textTooLong`: over `LIMITS.promiseText`; `dueDate`: not a day. */
export type PromiseProblem = 'direction' | 'textMissing' | 'textTooLong' | 'dueDate';

export function promiseProblem(input: PromiseInput): PromiseProblem | null {
  if (!PROMISE_DIRECTIONS.includes(input.direction)) return 'direction';
  if (typeof input.text !== 'string' || input.text.trim() === '') return 'textMissing';
  if (input.text.trim().length > LIMITS.promiseText) return 'textTooLong';
  if (input.dueDate !== null && !isIsoDay(input.dueDate)) return 'dueDate';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Occurrences

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function isoOf(year: number, month: number, day: number): IsoDay {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function yearOf(day: IsoDay): number {
  return Number(day.slice(0, 4));
}

/**
 * The day a yearly occasion falls on in `year`. 29 February in a year without it falls on 1 March
 * (`mar1`, § 188 BGB: the new year of life begins with the day after 28 February) or on 28 February.
 */
export function occurrenceInYear(kd: Pick<KeyDate, 'month' | 'day'>, year: number, feb29: Feb29Rule): IsoDay {
  if (kd.month === 2 && kd.day === 29 && !isLeapYear(year)) return feb29 === 'mar1' ? isoOf(year, 3, 1) : isoOf(year, 2, 28);
  return isoOf(year, kd.month, kd.day);
}

/**
 * The first occurrence on or after `from`, null when there is none (a one-off date that has passed).
 * A yearly date with a known year never falls before that year (a Jubiläum starting next month).
 */
export function nextOccurrence(
  kd: Pick<KeyDate, 'month' | 'day' | 'year' | 'recurrence'>,
  from: IsoDay,
  feb29: Feb29Rule,
): IsoDay | null {
  const fromN = dayNumber(from);
  if (kd.recurrence === 'once') {
    if (kd.year === null) return null;
    const day = isoOf(kd.year, kd.month, kd.day);
    return dayNumber(day) >= fromN ? day : null;
  }
  const start = Math.max(yearOf(from), kd.year ?? 0);
  const first = occurrenceInYear(kd, start, feb29);
  return dayNumber(first) >= fromN ? first : occurrenceInYear(kd, start + 1, feb29);
}

/** `KeyDate.nextOccurrenceAt` as of `today`: UTC midnight of the next occurrence, `NEVER_DUE` when none or deleted. */
export function computeNextOccurrenceAt(
  kd: Pick<KeyDate, 'month' | 'day' | 'year' | 'recurrence' | 'deletedAt'>,
  today: IsoDay,
  feb29: Feb29Rule,
): number {
  if (kd.deletedAt !== null) return NEVER_DUE;
  const next = nextOccurrence(kd, today, feb29);
  return next === null ? NEVER_DUE : dayStartMs(next);
}

/** The stored `nextOccurrenceAt` as a day, null for `NEVER_DUE`. */
export function occurrenceDayOf(nextOccurrenceAt: number): IsoDay | null {
  return nextOccurrenceAt >= NEVER_DUE ? null : isoFromDayNumber(Math.floor(nextOccurrenceAt / 86_400_000));
}

/**
 * How many years an occurrence marks: the age turned, the years at the company. Null when the year is
 * unknown (never guessed), for a one-off date, and before the first anniversary.
 */
export function yearsAt(kd: Pick<KeyDate, 'year' | 'recurrence'>, occurrence: IsoDay): number | null {
  if (kd.year === null || kd.recurrence === 'once') return null;
  const years = yearOf(occurrence) - kd.year;
  return years >= 1 ? years : null;
}

/** A round Jubiläum (work anniversary of 5, 10, 15, 20, 25, 30, 40 or 50 years). */
export function isRoundAnniversary(kd: Pick<KeyDate, 'kind'>, years: number | null): boolean {
  return kd.kind === 'anniversary' && years !== null && ROUND_YEARS.includes(years);
}

/**
 * Days ahead an occasion shows, null when it never shows. The contact's tier decides (settings
 * `leadDays`); tier none shows no birthday or own occasion. A round Jubiläum gets tier A's lead whatever
 * the tier, tier none included (issue 9: a 25th at the company is worth a word even to someone the user
 * does not otherwise keep up with).
 */
export function leadDaysFor(tier: Tier, round: boolean, leadDays: Settings['leadDays']): number | null {
  if (tier === 'none') return round ? leadDays.A : null;
  return round ? Math.max(leadDays.A, leadDays[tier]) : leadDays[tier];
}

/** The largest lead time any occasion can have: how far ahead a reader must look in the index. */
export function maxLeadDays(leadDays: Settings['leadDays']): number {
  return Math.max(leadDays.A, leadDays.B, leadDays.C);
}

/** An occasion the popup shows today. */
export interface OccasionInWindow {
  /** the day it falls on (today or later) */
  day: IsoDay;
  /** 0 on the day itself */
  daysUntil: number;
  /** age or years, null when unknown (see `yearsAt`) */
  years: number | null;
  round: boolean;
  /** the user already acknowledged this occurrence ("Congratulated") */
  acknowledged: boolean;
}

/**
 * The occasion as it stands today, null when it is not within its lead time: from `day - lead` to
 * `day`, both included. The day comes from the rules, not from the stored `nextOccurrenceAt`, so a
 * stale row (the worker slept through midnight) is still right.
 */
export function occasionToday(
  kd: Pick<KeyDate, 'kind' | 'month' | 'day' | 'year' | 'recurrence' | 'deletedAt' | 'acknowledgedAt'>,
  tier: Tier,
  today: IsoDay,
  settings: Pick<Settings, 'leadDays' | 'feb29'>,
): OccasionInWindow | null {
  if (kd.deletedAt !== null) return null;
  const day = nextOccurrence(kd, today, settings.feb29);
  if (day === null) return null;
  const years = yearsAt(kd, day);
  const round = isRoundAnniversary(kd, years);
  const lead = leadDaysFor(tier, round, settings.leadDays);
  const daysUntil = dayNumber(day) - dayNumber(today);
  if (lead === null || daysUntil > lead) return null;
  return { day, daysUntil, years, round, acknowledged: kd.acknowledgedAt === dayStartMs(day) };
}

/**
 * The tiers for which an occasion needs action today (the badge's share), read before the person is:
 * a contact of tier `t` counts it exactly when `t` is in the list (`occasionToday` is non-null and not
 * acknowledged). Empty when no tier would count it, so the badge reads no person for it. A round
 * Jubiläum within tier A's lead counts for every tier, tier none included.
 */
export function tiersCountingToday(
  kd: Pick<KeyDate, 'kind' | 'month' | 'day' | 'year' | 'recurrence' | 'deletedAt' | 'acknowledgedAt'>,
  today: IsoDay,
  settings: Pick<Settings, 'leadDays' | 'feb29'>,
): Tier[] {
  if (kd.deletedAt !== null) return [];
  const day = nextOccurrence(kd, today, settings.feb29);
  if (day === null || kd.acknowledgedAt === dayStartMs(day)) return [];
  const round = isRoundAnniversary(kd, yearsAt(kd, day));
  const daysUntil = dayNumber(day) - dayNumber(today);
  return TIERS.filter((tier) => {
    const lead = leadDaysFor(tier, round, settings.leadDays);
    return lead !== null && daysUntil <= lead;
  });
}

// ---------------------------------------------------------------------------------------------
// Promises

/** `PromiseRecord.openDueAt`: UTC midnight of the due day while open, live and dated; undefined otherwise. */
export function computeOpenDueAt(p: Pick<PromiseRecord, 'dueDate' | 'doneAt' | 'deletedAt'>): number | undefined {
  if (p.doneAt !== null || p.deletedAt !== null || p.dueDate === null) return undefined;
  return dayStartMs(p.dueDate);
}

/** How many days ahead the popup lists open promises ("due within 7 days or overdue"). */
export const PROMISE_HORIZON_DAYS = 7;

/** "I promised" first, then the earlier due day, then the older promise, then id (a stable order). */
export function comparePromisesDue(
  a: Pick<PromiseRecord, 'direction' | 'dueDate' | 'createdAt' | 'id'>,
  b: Pick<PromiseRecord, 'direction' | 'dueDate' | 'createdAt' | 'id'>,
): number {
  const dir = (p: { direction: PromiseDirection }) => (p.direction === 'mine' ? 0 : 1);
  const due = (p: { dueDate: IsoDay | null }) => (p.dueDate === null ? Number.POSITIVE_INFINITY : dayNumber(p.dueDate));
  return dir(a) - dir(b) || due(a) - due(b) || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
