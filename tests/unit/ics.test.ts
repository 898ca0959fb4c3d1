/**
 * The calendar export (storage/ics.ts), parsed back with an independent parser (ical.js): line ends,
 * folding by UTF-8 octets, escaping, all-day dates, stable UIDs without names, yearly rules, 29 February,
 * no age for an unknown year. Run in three time zones: all-day dates must not move.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIcs, type IcsInput, type IcsLabels, MAR1_YEARS } from '../../storage/ics';
import type { Contact, KeyDate, PromiseRecord } from '../../storage/types';
import { storedContact } from '../fixtures/backup/helpers';

const labels: IcsLabels = {
  calendarName: 'Kontaktpflege',
  birthday: (name) => `Geburtstag: ${name}`,
  anniversary: (name, label) => `Jubiläum: ${name}${label ? ` (${label})` : ''}`,
  other: (name, label) => `${label}: ${name}`,
  promiseMine: (name, text) => `Zusage an ${name}: ${text}`,
  promiseTheirs: (name, text) => `Zusage von ${name}: ${text}`,
  followUp: (name) => `Melden bei ${name}`,
  since: (kind, year) => (kind === 'birthday' ? `geboren ${year}` : `seit ${year}`),
};

const NAME = 'Jürgen Groß-Weiß; Müller, „Zoë“ 👩‍👩‍👧 🎂';
const jurgen: Contact = {
  ...storedContact('linkedin:juergen', { name: NAME, tier: 'A', lastContactAt: '2026-05-01' }),
  id: 'c-1',
};
const anna: Contact = { ...storedContact('linkedin:anna', { name: 'Anna', tier: 'C' }), id: 'c-2' };

function kd(id: string, over: Partial<KeyDate>): KeyDate {
  return {
    id,
    contactKey: jurgen.key,
    kind: 'birthday',
    label: '',
    month: 6,
    day: 20,
    year: null,
    recurrence: 'yearly',
    nextOccurrenceAt: 0,
    acknowledgedAt: null,
    createdAt: 0,
    updatedAt: 1_700_000_000_000,
    deletedAt: null,
    ...over,
  };
}
const promise = (id: string, over: Partial<PromiseRecord>): PromiseRecord => ({
  id,
  contactKey: jurgen.key,
  direction: 'mine',
  text: 'Checkliste schicken',
  dueDate: '2026-12-01',
  doneAt: null,
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
  ...over,
});

function input(over: Partial<IcsInput> = {}): IcsInput {
  return {
    contacts: [jurgen, anna],
    keyDates: [
      kd('k-birthday', { year: 1976 }),
      kd('k-unknown', { contactKey: anna.key, month: 3, day: 14 }),
      kd('k-jubilee', { kind: 'anniversary', label: 'Nordlicht AG; Werk 2, Halle\nB', year: 2001, month: 9, day: 1 }),
      kd('k-once', { kind: 'other', label: 'Einschulung Lena', recurrence: 'once', year: 2027, month: 8, day: 15 }),
      kd('k-gone', { deletedAt: 5 }),
      kd('k-leap', { month: 2, day: 29 }),
    ],
    promises: [
      promise('p-open', {}),
      promise('p-theirs', { direction: 'theirs', text: 'Intro IHK', dueDate: '2026-12-24' }),
      promise('p-done', { doneAt: 1 }),
      promise('p-undated', { dueDate: null }),
    ],
    settings: { feb29: 'mar1', icsFollowUps: false },
    today: '2026-11-27',
    now: new Date(Date.UTC(2026, 10, 27, 9, 0)),
    labels,
    ...over,
  };
}

function events(text: string): ICAL.Event[] {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}
const byUid = (text: string, uid: string) => events(text).find((e) => e.uid === uid);

const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland'] as const;

describe.each(ZONES)('calendar export in %s', (tz) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('ends every line with CRLF, the last one included, and folds no line over 75 octets nor through a character', () => {
    const text = buildIcs(input());
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      // no lone surrogate or broken UTF-8 at a fold: the line round-trips through UTF-8
      expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(line))).toBe(line);
    }
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // the long name really was folded
  });

  it('escapes commas, semicolons and newlines; the parser reads the exact text back', () => {
    const text = buildIcs(input());
    expect(byUid(text, 'keydate-k-birthday@kontaktpflege')?.summary).toBe(`Geburtstag: ${NAME}`);
    expect(byUid(text, 'keydate-k-jubilee@kontaktpflege')?.summary).toBe(`Jubiläum: ${NAME} (Nordlicht AG; Werk 2, Halle\nB)`);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('Nordlicht AG\\; Werk 2\\, Halle\\nB');
  });

  it('key dates are yearly all-day events (VALUE=DATE, the end the next day) on their calendar day', () => {
    const text = buildIcs(input());
    const birthday = byUid(text, 'keydate-k-birthday@kontaktpflege');
    expect(birthday?.startDate.isDate).toBe(true);
    expect(birthday?.startDate.toString()).toBe('2026-06-20');
    expect(birthday?.endDate.toString()).toBe('2026-06-21');
    expect(birthday?.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=YEARLY');
    const it = birthday?.iterator();
    expect([it?.next()?.toString(), it?.next()?.toString()]).toEqual(['2026-06-20', '2027-06-20']);
    expect(text.replace(/\r\n /g, '')).toContain('DTSTART;VALUE=DATE:20260620\r\nDTEND;VALUE=DATE:20260621');
  });

  it('a known year goes in the description, never an age; an unknown year gives no year at all', () => {
    const text = buildIcs(input());
    expect(byUid(text, 'keydate-k-birthday@kontaktpflege')?.description).toBe('geboren 1976');
    const unknown = byUid(text, 'keydate-k-unknown@kontaktpflege');
    expect(unknown?.description).toBeNull();
    expect(unknown?.summary).toBe('Geburtstag: Anna');
    expect(text).not.toMatch(/\b50\b/);
  });

  it('a one-off date is one event; a deleted key date and done or undated promises are left out', () => {
    const text = buildIcs(input());
    const once = byUid(text, 'keydate-k-once@kontaktpflege');
    expect(once?.startDate.toString()).toBe('2027-08-15');
    expect(once?.isRecurring()).toBe(false);
    const uids = events(text).map((e) => e.uid);
    expect(uids).not.toContain('keydate-k-gone@kontaktpflege');
    expect(uids).toContain('promise-p-open@kontaktpflege');
    expect(uids).toContain('promise-p-theirs@kontaktpflege');
    expect(uids).not.toContain('promise-p-done@kontaktpflege');
    expect(uids).not.toContain('promise-p-undated@kontaktpflege');
    expect(byUid(text, 'promise-p-open@kontaktpflege')?.startDate.toString()).toBe('2026-12-01');
    expect(byUid(text, 'promise-p-theirs@kontaktpflege')?.summary).toBe(`Zusage von ${NAME}: Intro IHK`);
  });

  it('29 February: 1 March in other years (one event per year), or 28 February by setting (BYMONTHDAY=-1)', () => {
    const mar1 = buildIcs(input());
    const leapEvents = events(mar1).filter((e) => e.uid.startsWith('keydate-k-leap-'));
    expect(leapEvents).toHaveLength(MAR1_YEARS);
    expect(leapEvents.slice(0, 3).map((e) => e.startDate.toString())).toEqual(['2026-03-01', '2027-03-01', '2028-02-29']);
    const feb28 = byUid(buildIcs(input({ settings: { feb29: 'feb28', icsFollowUps: false } })), 'keydate-k-leap@kontaktpflege');
    const it = feb28?.iterator();
    expect([
      it?.next()?.toString(),
      it?.next()?.toString(),
      it?.next()?.toString(),
      it?.next()?.toString(),
      it?.next()?.toString(),
    ]).toEqual(['2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });

  it('UIDs are stable across exports and hold no names; DTSTAMP, METHOD and PRODID are set', () => {
    const a = buildIcs(input());
    const b = buildIcs(input({ now: new Date(Date.UTC(2026, 11, 1)) }));
    expect(events(a).map((e) => e.uid)).toEqual(events(b).map((e) => e.uid));
    for (const uid of events(a).map((e) => e.uid)) {
      expect(uid).toMatch(/^[a-z]+-[\w-]+@kontaktpflege$/);
      expect(uid).not.toMatch(/juergen|Jürgen|anna/i);
    }
    expect(a).toContain('METHOD:PUBLISH\r\n');
    expect(a).toContain('PRODID:-//Kontaktpflege//Kontaktpflege//EN\r\n');
    expect(a).toContain('DTSTAMP:20261127T090000Z\r\n');
  });

  it('with the setting on, A contacts’ next follow-ups are included (today when overdue), others not', () => {
    expect(events(buildIcs(input())).some((e) => e.uid.startsWith('followup-'))).toBe(false);
    const text = buildIcs(input({ settings: { feb29: 'mar1', icsFollowUps: true } }));
    const follow = events(text).filter((e) => e.uid.startsWith('followup-'));
    expect(follow.map((e) => e.uid)).toEqual(['followup-c-1@kontaktpflege']);
    const due = new Date(jurgen.nextDueAt).toISOString().slice(0, 10);
    expect(follow[0]?.startDate.toString()).toBe(due < '2026-11-27' ? '2026-11-27' : due);
  });
});
