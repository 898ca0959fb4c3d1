/**
 * The calendar export (RFC 5545 `.ics`) for Outlook, Google Calendar and Apple Calendar. Built with
 * ical-generator (folding by UTF-8 octets, RFC escaping; docs/calendar.md says why), with its two traps
 * handled here: dates go in as `YYYY-MM-DD` strings (a JS Date at local midnight would come out a day
 * early east of UTC), and the final CRLF it leaves off is appended. Pure: records, `today` and `now`
 * are parameters. Only the dashboard imports this module (it must stay out of content scripts and the popup).
 *
 * - Every live key date of a live contact: a yearly all-day event (`RRULE:FREQ=YEARLY`), or one event
 *   for a one-off date still to come. 29 February: with the `feb28` setting, `BYMONTH=2;BYMONTHDAY=-1`
 *   from a leap year (28 February in other years, a pattern Outlook supports); with `mar1` (§ 188 BGB)
 *   one event per year for `MAR1_YEARS` years, since RFC rules cannot say "1 March when there is no 29th".
 * - Open promises with a due day: one all-day event each.
 * - With `icsFollowUps`: the next follow-up day of each A contact (today when overdue).
 * UIDs are `<kind>-<record id>@kontaktpflege` (no names), so a client that supports updates replaces
 * the events on re-import; SEQUENCE grows with the record's `updatedAt`.
 */
import ical, { ICalCalendarMethod, ICalEventRepeatingFreq } from 'ical-generator';
import { addDays, dayNumber, isoFromDayNumber } from './dates';
import { nextOccurrence, occurrenceInYear } from './occasions';
import type { Contact, IsoDay, KeyDate, PromiseRecord, Settings } from './types';
import { NEVER_DUE } from './types';

/** Years of one-off 1 March events written for a 29 February date under the `mar1` rule. */
export const MAR1_YEARS = 10;

const UID_DOMAIN = 'kontaktpflege';

/** Event titles in the user's language (the dashboard passes its translations). */
export interface IcsLabels {
  calendarName: string;
  /** "Geburtstag: Anna Schmidt" */
  birthday: (name: string) => string;
  /** "Jubiläum: Anna Schmidt (Nordlicht AG)"; `label` may be '' */
  anniversary: (name: string, label: string) => string;
  /** "Einschulung Lena: Anna Schmidt" */
  other: (name: string, label: string) => string;
  /** "Zusage an Anna Schmidt: Checkliste schicken" */
  promiseMine: (name: string, text: string) => string;
  promiseTheirs: (name: string, text: string) => string;
  followUp: (name: string) => string;
  /** description line of a date whose year is known ("seit 2001", "geboren 1976"); never an age */
  since: (kind: KeyDate['kind'], year: number) => string;
}

export interface IcsInput {
  contacts: readonly Contact[];
  keyDates: readonly KeyDate[];
  promises: readonly PromiseRecord[];
  settings: Pick<Settings, 'feb29' | 'icsFollowUps'>;
  today: IsoDay;
  now: Date;
  labels: IcsLabels;
}

const yearOf = (day: IsoDay) => Number(day.slice(0, 4));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Seconds: grows with every edit, fits SEQUENCE's integer until 2106. */
const sequenceOf = (updatedAt: number) => Math.max(0, Math.floor(updatedAt / 1000));

function title(kd: KeyDate, name: string, labels: IcsLabels): string {
  if (kd.kind === 'birthday') return labels.birthday(name);
  if (kd.kind === 'anniversary') return labels.anniversary(name, kd.label);
  return labels.other(name, kd.label);
}

/** The calendar as text: CRLF line ends including the last line. */
export function buildIcs(input: IcsInput): string {
  const { labels, today, now } = input;
  const cal = ical({
    name: labels.calendarName,
    method: ICalCalendarMethod.PUBLISH,
    prodId: { company: 'Kontaktpflege', product: 'Kontaktpflege', language: 'EN' },
  });
  const live = new Map<string, Contact>();
  for (const c of input.contacts) if (c.deletedAt === null) live.set(c.key, c);
  const allDay = (uid: string, day: IsoDay, summary: string, updatedAt: number, description?: string) =>
    cal.createEvent({
      id: `${uid}@${UID_DOMAIN}`,
      start: day,
      end: addDays(day, 1),
      allDay: true,
      summary,
      description: description ?? null,
      stamp: now,
      sequence: sequenceOf(updatedAt),
    });

  const thisYear = yearOf(today);
  for (const kd of input.keyDates) {
    const contact = live.get(kd.contactKey);
    if (kd.deletedAt !== null || !contact) continue;
    const summary = title(kd, contact.name, labels);
    const description = kd.year !== null && kd.recurrence === 'yearly' ? labels.since(kd.kind, kd.year) : undefined;
    if (kd.recurrence === 'once') {
      const day = nextOccurrence(kd, today, input.settings.feb29);
      if (day !== null) allDay(`keydate-${kd.id}`, day, summary, kd.updatedAt);
      continue;
    }
    const firstYear = Math.max(thisYear, kd.year ?? 0);
    if (kd.month === 2 && kd.day === 29) {
      if (input.settings.feb29 === 'feb28') {
        let leap = firstYear;
        while (!isLeap(leap)) leap--;
        allDay(`keydate-${kd.id}`, `${String(leap).padStart(4, '0')}-02-29`, summary, kd.updatedAt, description).repeating(
          'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
        );
      } else {
        for (let y = firstYear; y < firstYear + MAR1_YEARS; y++) {
          allDay(`keydate-${kd.id}-${y}`, occurrenceInYear(kd, y, 'mar1'), summary, kd.updatedAt, description);
        }
      }
      continue;
    }
    allDay(`keydate-${kd.id}`, occurrenceInYear(kd, firstYear, 'mar1'), summary, kd.updatedAt, description).repeating({
      freq: ICalEventRepeatingFreq.YEARLY,
    });
  }

  for (const p of input.promises) {
    const contact = live.get(p.contactKey);
    if (p.deletedAt !== null || p.doneAt !== null || p.dueDate === null || !contact) continue;
    const text = p.direction === 'mine' ? labels.promiseMine(contact.name, p.text) : labels.promiseTheirs(contact.name, p.text);
    allDay(`promise-${p.id}`, p.dueDate, text, p.updatedAt);
  }

  if (input.settings.icsFollowUps) {
    const todayN = dayNumber(today);
    for (const c of live.values()) {
      if (c.tier !== 'A' || c.nextDueAt >= NEVER_DUE) continue;
      const day = isoFromDayNumber(Math.max(todayN, Math.floor(c.nextDueAt / 86_400_000)));
      allDay(`followup-${c.id}`, day, labels.followUp(c.name), c.updatedAt);
    }
  }
  // ical-generator ends the last line without CRLF; RFC 5545 ends every line with one.
  return `${cal.toString()}\r\n`;
}
