/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/dates.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/**
 * Calendar-day arithmetic. Everything the user picks is a calendar day (`YYYY-MM-DD`), so days are
 * counted as whole numbers on the UTC calendar (`Date.UTC`): no local midnight is ever involved, so a
 * daylight-saving switch (a 23- or 25-hour local day) cannot shift a date. The only place the user's
 * time zone enters is `localToday`, which asks which calendar day an instant falls on where they are.
 */
import type { IsoDay } from './types';

export const MS_PER_DAY = 86_400_000;

const ISO_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * UTC midnight of a calendar day, in ms, or NaN when the fields do not name a real date.
 * `setUTCFullYear` instead of `Date.UTC`, because `Date.UTC` maps years 0–99 to 1900–1999.
 */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return Number.NaN;
  return d.getTime();
}

/** Strict `YYYY-MM-DD` naming a real date: `2025-02-30`, `2025-2-3` and `2025-02-03T00:00` are rejected. */
export function isIsoDay(s: unknown): s is IsoDay {
  if (typeof s !== 'string') return false;
  const m = ISO_DAY_PATTERN.exec(s);
  if (!m) return false;
  return !Number.isNaN(utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** Days since 1970-01-01. Throws a RangeError for anything that is not a real `YYYY-MM-DD` day. */
export function dayNumber(iso: IsoDay): number {
  const m = ISO_DAY_PATTERN.exec(iso);
  const ms = m ? utcMidnight(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  return ms / MS_PER_DAY;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Inverse of `dayNumber`, for years 0000–9999 (the only years `IsoDay` can spell). */
export function isoFromDayNumber(n: number): IsoDay {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole day number: ${n}`);
  const d = new Date(n * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) throw new RangeError(`Day number out of range: ${n}`);
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function addDays(iso: IsoDay, n: number): IsoDay {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return isoFromDayNumber(dayNumber(iso) + n);
}

/** `b - a` in whole days: positive when `b` is later. */
export function daysBetween(a: IsoDay, b: IsoDay): number {
  return dayNumber(b) - dayNumber(a);
}

/** The calendar day an instant falls on in the user's (the process's) local time zone. */
export function localToday(now: Date): IsoDay {
  if (Number.isNaN(now.getTime())) throw new RangeError('Invalid Date');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1, 2)}-${pad(now.getDate(), 2)}`;
}

/** UTC midnight of the day in ms: the form `Contact.nextDueAt` stores. */
export function dayStartMs(iso: IsoDay): number {
  return dayNumber(iso) * MS_PER_DAY;
}
