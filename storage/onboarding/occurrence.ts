/**
 * The first `nextOccurrenceAt` of a yearly key date an import writes (schema v2: UTC-midnight ms of the
 * next occurrence on or after today). Imported dates are always yearly birthdays or anniversaries.
 * The occasions module recomputes every record at its daily rollover and in every reader, so this only
 * has to be right on the day of the import; it follows the same `feb29` setting.
 */
import { dayStartMs } from '../dates';
import type { IsoDay, Settings } from '../types';

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The day a yearly (month, day) falls on in `year`: 29 February in a common year by the `feb29` rule. */
export function occurrenceIn(year: number, month: number, day: number, feb29: Settings['feb29']): IsoDay {
  if (month === 2 && day === 29 && !isLeap(year)) return feb29 === 'feb28' ? `${year}-02-28` : `${year}-03-01`;
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** UTC-midnight ms of the first occurrence on or after `today`. */
export function nextYearlyOccurrenceAt(month: number, day: number, today: IsoDay, feb29: Settings['feb29']): number {
  const year = Number(today.slice(0, 4));
  const thisYear = occurrenceIn(year, month, day, feb29);
  return dayStartMs(thisYear >= today ? thisYear : occurrenceIn(year + 1, month, day, feb29));
}
