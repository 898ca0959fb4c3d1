/**
 * The weekly review's sections: pure functions of the notebook's records and the day the review is held
 * (`today`, the user's calendar day), so a test can hold the review on any day. Tier none is dormant
 * ("no reminders, notes kept"): it appears in no section.
 */
import { addDays, dayNumber, dayStartMs } from './dates';
import type { OccasionRow } from './key-dates';
import { comparePromisesDue, isRoundAnniversary, leadDaysFor, nextOccurrence, yearsAt } from './occasions';
import type { PromiseRow } from './promises';
import { createdDayOf, urgencyOrder } from './rules';
import type { Contact, IsoDay, KeyDate, PromiseRecord, Settings, Touch } from './types';

/** "Occasions in the next 14 days" */
export const OCCASION_DAYS = 14;
/** "New and not followed up": added this many days ago or later */
export const NEW_DAYS = 30;
/** "Give and take": at least this many received touches in the last year … */
export const TAKE_MIN_RECEIVED = 3;
/** "Drifting": a year's touches at least this many before they count as thinning out */
export const THINNING_MIN_BEFORE = 3;

export type DriftReason = 'overdue' | 'thinned';

export interface DriftingRow {
  contact: Contact;
  reason: DriftReason;
  /** 'overdue': days past due; 'thinned': touches in the year before */
  before: number;
  /** 'thinned': touches in the last 12 months; 'overdue': the tier's cadence */
  now: number;
}

export interface GiveTakeRow {
  contact: Contact;
  received: number;
}

export interface ReviewSections {
  /** due today or overdue, most urgent first: the popup's list */
  due: Contact[];
  drifting: DriftingRow[];
  /** added in the last 30 days, no touch since */
  newNotFollowedUp: Contact[];
  giveAndTake: GiveTakeRow[];
  /** C contacts with no touch for two years: offered for tier none */
  letGo: Contact[];
}

export interface ReviewInput {
  contacts: readonly Contact[];
  touches: readonly Touch[];
  settings: Settings;
  today: IsoDay;
  /** the UI language, whose collation orders names (as in the popup) */
  lang: string;
}

/** v2 records carry a tombstone; a deleted record is in no section. */
function isLive(record: object): boolean {
  return !('deletedAt' in record) || record.deletedAt === null || record.deletedAt === undefined;
}

/** the same calendar day `years` years earlier (29 February → 28 February) */
function yearsBefore(today: IsoDay, years: number): IsoDay {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Touch counts per contact for the last 12 months (after `yearAgo`) and the 12 months before, and
 * given/received in the last 12 months. "Given" includes mutual touches: the user gave too.
 */
export interface TouchTally {
  recent: number;
  before: number;
  received: number;
  given: number;
}

/**
 * Adds `touches` to `tallies` (a running total, so touches read in chunks are counted in one pass each).
 */
export function addTouchTallies(
  tallies: Map<string, TouchTally>,
  touches: readonly Touch[],
  today: IsoDay,
): Map<string, TouchTally> {
  const yearAgo = yearsBefore(today, 1);
  const twoYearsAgo = yearsBefore(today, 2);
  for (const touch of touches) {
    if (!isLive(touch) || touch.date > today || touch.date <= twoYearsAgo) continue;
    let tally = tallies.get(touch.contactKey);
    if (!tally) {
      tally = { recent: 0, before: 0, received: 0, given: 0 };
      tallies.set(touch.contactKey, tally);
    }
    if (touch.date > yearAgo) {
      tally.recent++;
      if (touch.direction === 'received') tally.received++;
      else tally.given++;
    } else {
      tally.before++;
    }
  }
  return tallies;
}

export function tallyTouches(touches: readonly Touch[], today: IsoDay): Map<string, TouchTally> {
  return addTouchTallies(new Map(), touches, today);
}

/**
 * Thinned out: at least `THINNING_MIN_BEFORE` touches in the year before, and fewer than half as many
 * in the last 12 months.
 */
export function hasThinnedOut(before: number, recent: number): boolean {
  return before >= THINNING_MIN_BEFORE && recent * 2 < before;
}

export function reviewSections({ touches, ...rest }: ReviewInput): ReviewSections {
  return sectionsFromTallies({ ...rest, tallies: tallyTouches(touches, rest.today) });
}

/** Whether the touch-based rules (drifting: thinned out; give and take) pick this person. */
export function picksByTouches(tally: TouchTally): boolean {
  return hasThinnedOut(tally.before, tally.recent) || (tally.received >= TAKE_MIN_RECEIVED && tally.given === 0);
}

/**
 * The tallies the sections can use: only those of people the touch rules pick. Everyone else's tally
 * changes no section, so the dashboard's worker sends just these few hundred to the page, not 10,000.
 */
export function pickedTallies(tallies: ReadonlyMap<string, TouchTally>): Map<string, TouchTally> {
  return new Map([...tallies].filter(([, tally]) => picksByTouches(tally)));
}

/**
 * The sections from the contacts and their touch tallies. The database path passes the people the
 * due index yields plus those `picksByTouches` names, so the notebook is never read whole; with
 * `tallies` still empty, the touch-based rows are simply absent until they are counted.
 */
export function sectionsFromTallies({
  contacts,
  tallies,
  settings,
  today,
  lang,
}: Omit<ReviewInput, 'touches'> & { tallies: ReadonlyMap<string, TouchTally> }): ReviewSections {
  const todayN = dayNumber(today);
  const todayMs = dayStartMs(today);
  const newSince = addDays(today, -NEW_DAYS);
  const twoYearsAgo = yearsBefore(today, 2);
  const order = urgencyOrder(lang);

  const due: Contact[] = [];
  const drifting: DriftingRow[] = [];
  const newNotFollowedUp: Contact[] = [];
  const giveAndTake: GiveTakeRow[] = [];
  const letGo: Contact[] = [];

  for (const c of contacts) {
    if (!isLive(c) || c.tier === 'none') continue;
    if (c.nextDueAt <= todayMs) due.push(c);
    const tally = tallies.get(c.key);
    const cadence = settings.cadenceDays[c.tier];
    const overdueDays = todayN - Math.floor(c.nextDueAt / 86_400_000);
    if ((c.tier === 'A' || c.tier === 'B') && overdueDays > cadence) {
      drifting.push({ contact: c, reason: 'overdue', before: overdueDays, now: cadence });
    } else if (tally && hasThinnedOut(tally.before, tally.recent)) {
      drifting.push({ contact: c, reason: 'thinned', before: tally.before, now: tally.recent });
    }
    const createdDay = createdDayOf(c);
    if (createdDay >= newSince && createdDay <= today && (c.lastContactAt === null || c.lastContactAt < createdDay)) {
      newNotFollowedUp.push(c);
    }
    if (tally && tally.received >= TAKE_MIN_RECEIVED && tally.given === 0) {
      giveAndTake.push({ contact: c, received: tally.received });
    }
    if (c.tier === 'C' && (c.lastContactAt ?? createdDay) <= twoYearsAgo) letGo.push(c);
  }

  due.sort(order);
  drifting.sort((a, b) => order(a.contact, b.contact));
  newNotFollowedUp.sort((a, b) => b.createdAt - a.createdAt || order(a, b));
  giveAndTake.sort((a, b) => b.received - a.received || order(a.contact, b.contact));
  letGo.sort(order);
  return { due, drifting, newNotFollowedUp, giveAndTake, letGo };
}

/** The Monday-based week a day falls in, as a whole number (1970-01-01 was a Thursday). */
export function weekIndex(day: IsoDay): number {
  return Math.floor((dayNumber(day) + 3) / 7);
}

export interface ReviewStreak {
  /** the latest day a review was done, or null */
  last: IsoDay | null;
  /** weeks in a row with a review, ending this week, or last week while this week's is still open */
  weeks: number;
}

export function reviewStreak(doneDays: readonly IsoDay[], today: IsoDay): ReviewStreak {
  const past = doneDays.filter((d) => d <= today);
  if (past.length === 0) return { last: null, weeks: 0 };
  const last = past.reduce((a, b) => (a > b ? a : b));
  const weeks = new Set(past.map(weekIndex));
  let week = weekIndex(today);
  if (!weeks.has(week)) week--;
  let count = 0;
  while (weeks.has(week)) {
    count++;
    week--;
  }
  return { last, weeks: count };
}

/** `doneDays` with `today` added once (a second review on the same day records nothing new). */
export function recordReviewDone(doneDays: readonly IsoDay[], today: IsoDay): IsoDay[] {
  return doneDays.includes(today) ? [...doneDays] : [...doneDays, today].sort();
}

/**
 * Section 2, "Occasions": key dates of live people whose next occurrence falls within the next 14 days
 * (today included) and that were not acknowledged ("Congratulated"), soonest first. The review looks two
 * weeks ahead whatever the tier's lead time, so the user can prepare; a dormant (tier none) person only
 * shows for a round Jubiläum, as in the popup. The day comes from the rules, so a stale
 * `nextOccurrenceAt` (a worker that slept through midnight) does not matter.
 */
export function occasionsAhead(
  keyDates: readonly KeyDate[],
  contacts: ReadonlyMap<string, Contact>,
  today: IsoDay,
  settings: Pick<Settings, 'leadDays' | 'feb29'>,
  days = OCCASION_DAYS,
): OccasionRow[] {
  const todayN = dayNumber(today);
  const out: OccasionRow[] = [];
  for (const keyDate of keyDates) {
    const contact = contacts.get(keyDate.contactKey);
    if (!isLive(keyDate) || !contact || !isLive(contact)) continue;
    const day = nextOccurrence(keyDate, today, settings.feb29);
    if (day === null) continue;
    const daysUntil = dayNumber(day) - todayN;
    const acknowledged = keyDate.acknowledgedAt === dayStartMs(day);
    if (daysUntil > days || acknowledged) continue;
    const years = yearsAt(keyDate, day);
    const round = isRoundAnniversary(keyDate, years);
    if (leadDaysFor(contact.tier, round, settings.leadDays) === null) continue;
    out.push({ keyDate, contact, day, daysUntil, years, round, acknowledged });
  }
  return out.sort(
    (a, b) => a.daysUntil - b.daysUntil || a.contact.name.localeCompare(b.contact.name) || (a.keyDate.id < b.keyDate.id ? -1 : 1),
  );
}

/**
 * Section 2, "Promises due": open, dated promises of live people that are overdue or due within the
 * next 14 days; "I promised" first, then the earlier due day (the popup's order).
 */
export function promisesAhead(
  promises: readonly PromiseRecord[],
  contacts: ReadonlyMap<string, Contact>,
  today: IsoDay,
  days = OCCASION_DAYS,
): PromiseRow[] {
  const todayN = dayNumber(today);
  const out: PromiseRow[] = [];
  for (const promise of [...promises].sort(comparePromisesDue)) {
    const contact = contacts.get(promise.contactKey);
    if (!isLive(promise) || promise.doneAt !== null || promise.dueDate === null || !contact || !isLive(contact)) continue;
    const overdueDays = todayN - dayNumber(promise.dueDate);
    if (overdueDays >= -days) out.push({ promise, contact, overdueDays });
  }
  return out;
}
