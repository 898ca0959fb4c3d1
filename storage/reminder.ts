/**
 * When the weekly review reminder fires: a pure function of the setting (ISO weekday and wall-clock time
 * in the user's time zone), the instant it last fired, and now. The wall-clock time is converted in the
 * zone for each week separately, so a daylight-saving switch keeps "Monday 09:00" at 09:00 local time.
 */
import { addDays, dayNumber, isoFromDayNumber } from './dates';
import type { IsoDay } from './types';

import type { ReminderDay } from './types';

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = Exclude<ReminderDay, 'off'>;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone, as if they were UTC (ms). */
function wallAsUtc(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of wallFormatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/** The calendar day an instant falls on in a zone. */
export function dayInZone(instant: number, timeZone: string): IsoDay {
  return isoFromDayNumber(Math.floor(wallAsUtc(instant, timeZone) / 86_400_000));
}

/**
 * The instant a wall-clock time on a day happens in a zone. A time that does not exist (skipped by the
 * spring-forward switch) comes out one hour later, as a clock would show it; a time that happens twice
 * (autumn) is the first of the two.
 */
export function zonedInstant(day: IsoDay, time: string, timeZone: string): number {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new RangeError(`Not a time (HH:MM): ${JSON.stringify(time)}`);
  const wall = dayNumber(day) * 86_400_000 + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
  // The zone's offset at the guess, then again at the corrected instant (they differ only near a switch).
  const first = wall - (wallAsUtc(wall, timeZone) - wall);
  const offsetAtFirst = wallAsUtc(first, timeZone) - first;
  const second = wall - offsetAtFirst;
  if (wallAsUtc(second, timeZone) === wall) {
    const earlier = second - 3_600_000;
    return wallAsUtc(earlier, timeZone) === wall ? earlier : second;
  }
  // skipped wall time: the offset before the switch puts it after the gap
  return Math.max(first, second);
}

/** ISO weekday of a calendar day (1970-01-01 was a Thursday, 4). */
export function isoWeekday(day: IsoDay): Weekday {
  return (((((dayNumber(day) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export interface ReminderInput {
  day: ReminderDay;
  time: string;
  /**
   * When it last fired; for a reminder never fired yet, when it was switched on (so switching it on on a
   * Wednesday does not "catch up" the Monday before). Null: nothing to catch up.
   */
  lastFiredAt: number | null;
  now: number;
  timeZone: string;
}

export interface ReminderPlan {
  /** show the notification now: the latest scheduled time passed since it last fired (once, however many weeks were missed) */
  fireNow: boolean;
  /** the next scheduled instant after now, for the alarm; null when the reminder is off */
  nextAt: number | null;
}

export function planReminder({ day, time, lastFiredAt, now, timeZone }: ReminderInput): ReminderPlan {
  if (day === 'off') return { fireNow: false, nextAt: null };
  const today = dayInZone(now, timeZone);
  const thisWeek = addDays(today, day - isoWeekday(today));
  const atThisWeek = zonedInstant(thisWeek, time, timeZone);
  const [previous, next] =
    atThisWeek <= now
      ? [atThisWeek, zonedInstant(addDays(thisWeek, 7), time, timeZone)]
      : [zonedInstant(addDays(thisWeek, -7), time, timeZone), atThisWeek];
  return { fireNow: lastFiredAt !== null && previous > lastFiredAt, nextAt: next };
}
