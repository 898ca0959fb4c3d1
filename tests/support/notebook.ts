/**
 * A small notebook built by hand for the weekly review and insights: each person is made to land in
 * known sections on `NOTEBOOK_TODAY`, so the tests know the expected people by construction.
 */
import { dayStartMs } from '../../storage/dates';
import { computeNextOccurrenceAt, computeOpenDueAt } from '../../storage/occasions';
import { computeNextDueAt } from '../../storage/rules';
import {
  type Channel,
  type Contact,
  DEFAULT_SETTINGS,
  type Direction,
  type IsoDay,
  type KeyDate,
  NEVER_DUE,
  type PromiseRecord,
  type Tier,
  type Touch,
} from '../../storage/types';

export const NOTEBOOK_TODAY: IsoDay = '2026-11-27';

interface Person {
  name: string;
  tier: Tier;
  added: IsoDay;
  touches: [IsoDay, Channel, Direction][];
}

/** Who lands where (today 2026-11-27, cadence A 30 / B 90 / C 180, first follow-up 3 days). */
export const PEOPLE: Record<string, Person> = {
  // A, last touch 1 Aug → due 31 Aug, 88 days overdue > 30: due and drifting (overdue)
  ada: { name: 'Ada Albers', tier: 'A', added: '2025-02-01', touches: [['2026-08-01', 'meeting', 'mutual']] },
  // A, due 19 Nov, 8 days overdue: due only
  ben: { name: 'Ben Brandt', tier: 'A', added: '2025-02-01', touches: [['2026-10-20', 'call', 'gave']] },
  // B on schedule
  cem: { name: 'Cem Çelik', tier: 'B', added: '2025-03-10', touches: [['2026-11-01', 'email', 'gave']] },
  // B, four touches the year before, one in the last year: drifting (thinned); due 30 Dec, not due
  dora: {
    name: 'Dora Dietz',
    tier: 'B',
    added: '2024-12-01',
    touches: [
      ['2025-01-10', 'meeting', 'gave'],
      ['2025-02-10', 'call', 'gave'],
      ['2025-04-10', 'message', 'mutual'],
      ['2025-06-10', 'email', 'gave'],
      ['2026-10-01', 'message', 'received'],
    ],
  },
  // added 10 Nov, no touch: due (13 Nov) and new-not-followed-up
  emil: { name: 'Emil Engel', tier: 'C', added: '2026-11-10', touches: [] },
  // added 5 Nov, touched the next day: not new-not-followed-up
  fay: { name: 'Fay Fuchs', tier: 'C', added: '2026-11-05', touches: [['2026-11-06', 'event', 'mutual']] },
  // B, three received in the last year, nothing given: give and take; due 30 Nov, not due
  gus: {
    name: 'Gus Graf',
    tier: 'B',
    added: '2025-01-01',
    touches: [
      ['2026-03-01', 'email', 'received'],
      ['2026-06-01', 'call', 'received'],
      ['2026-09-01', 'gift', 'received'],
    ],
  },
  // three received and one mutual: the user gave too, so not give and take
  hana: {
    name: 'Hana Horn',
    tier: 'B',
    added: '2025-01-01',
    touches: [
      ['2026-02-01', 'email', 'received'],
      ['2026-05-01', 'call', 'received'],
      ['2026-08-01', 'message', 'received'],
      ['2026-10-15', 'meeting', 'mutual'],
    ],
  },
  // C, last touch June 2024: let go? (and due since Nov 2024)
  ivo: { name: 'Ivo Imhof', tier: 'C', added: '2024-01-01', touches: [['2024-06-01', 'call', 'gave']] },
  // tier none, dormant: in no section
  jule: { name: 'Jule Jansen', tier: 'none', added: '2019-01-01', touches: [['2020-01-01', 'meeting', 'gave']] },
  // C, added Jan 2023, never touched: let go? and due
  kai: { name: 'Kai König', tier: 'C', added: '2023-01-15', touches: [] },
  // C, last touch Jan 2025 (under two years): due, not let go
  lea: { name: 'Lea Lang', tier: 'C', added: '2024-11-01', touches: [['2025-01-10', 'message', 'gave']] },
};

export type PersonId = keyof typeof PEOPLE;

export function keyOf(id: string): string {
  return `linkedin:${id}`;
}

export function buildNotebook(settings = DEFAULT_SETTINGS): { contacts: Contact[]; touches: Touch[] } {
  const contacts: Contact[] = [];
  const touches: Touch[] = [];
  for (const [id, p] of Object.entries(PEOPLE)) {
    const key = keyOf(id);
    // noon UTC: the same calendar day in every European zone
    const createdAt = dayStartMs(p.added) + 12 * 3_600_000;
    const lastContactAt = p.touches.reduce<IsoDay | null>((max, [d]) => (max === null || d > max ? d : max), null);
    const base = { tier: p.tier, lastContactAt, snoozedUntil: null, createdAt };
    contacts.push({
      id: `id-${id}`,
      connectedOn: null,
      email: '',
      phone: '',
      notSameAs: [],
      deletedAt: null,
      key,
      site: 'linkedin',
      profileUrl: `https://www.linkedin.com/in/${id}/`,
      aliases: [],
      name: p.name,
      headline: '',
      company: '',
      location: '',
      photoUrl: '',
      notes: '',
      howWeMet: '',
      preferredChannel: '',
      ...base,
      nextDueAt: computeNextDueAt(base, settings, p.added),
      updatedAt: createdAt,
    });
    p.touches.forEach(([date, channel, direction], i) => {
      touches.push({
        id: `${id}-${i}`,
        contactKey: key,
        date,
        channel,
        direction,
        note: '',
        createdAt: dayStartMs(date) + 9 * 3_600_000,
        updatedAt: dayStartMs(date) + 9 * 3_600_000,
        deletedAt: null,
      });
    });
  }
  return { contacts, touches };
}

/**
 * Key dates and promises on the same notebook, each placed by construction relative to NOTEBOOK_TODAY
 * (Fri 27 Nov 2026) for the review's section 2: occasions in the next 14 days (to 11 Dec) and open
 * promises overdue or due by then. `in` marks the ones the review must show.
 */
export function buildOccasions(settings = DEFAULT_SETTINGS): { keyDates: KeyDate[]; promises: PromiseRecord[] } {
  const at = dayStartMs('2026-10-01');
  const keyDate = (
    id: string,
    person: string,
    fields: Pick<KeyDate, 'kind' | 'month' | 'day' | 'year'> & Partial<KeyDate>,
  ): KeyDate => {
    const record: KeyDate = {
      id,
      contactKey: keyOf(person),
      label: '',
      recurrence: 'yearly',
      acknowledgedAt: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      nextOccurrenceAt: 0,
      ...fields,
    };
    // as the writers store it, unless the case sets a stale value on purpose
    return {
      ...record,
      nextOccurrenceAt: fields.nextOccurrenceAt ?? computeNextOccurrenceAt(record, NOTEBOOK_TODAY, settings.feb29),
    };
  };
  const keyDates = [
    // in: Ada turns 50 in 6 days
    keyDate('kd-ada', 'ada', { kind: 'birthday', month: 12, day: 3, year: 1976 }),
    // in: Cem's birthday on the 14th day, year unknown
    keyDate('kd-cem', 'cem', { kind: 'birthday', month: 12, day: 11, year: null }),
    // out: Ben's on the 15th day
    keyDate('kd-ben', 'ben', { kind: 'birthday', month: 12, day: 12, year: null }),
    // out: Dora's anniversary today, already congratulated
    keyDate('kd-dora', 'dora', {
      kind: 'anniversary',
      label: 'Nordlicht AG',
      month: 11,
      day: 27,
      year: 2020,
      acknowledgedAt: dayStartMs(NOTEBOOK_TODAY),
    }),
    // out: Jule is dormant (tier none), her birthday is not offered …
    keyDate('kd-jule-bday', 'jule', { kind: 'birthday', month: 12, day: 1, year: 1980 }),
    // in: … but her round Jubiläum (10 years) is
    keyDate('kd-jule-10', 'jule', { kind: 'anniversary', label: 'Hafenbau', month: 12, day: 2, year: 2016 }),
    // out: Fay's birthday was two days ago; its stored day is stale (the worker slept), the rules say next year
    keyDate('kd-fay', 'fay', { kind: 'birthday', month: 11, day: 25, year: null, nextOccurrenceAt: dayStartMs('2026-11-25') }),
    // out: deleted
    keyDate('kd-gus', 'gus', { kind: 'birthday', month: 11, day: 29, year: null, deletedAt: at, nextOccurrenceAt: NEVER_DUE }),
    // in: a one-off in 8 days
    keyDate('kd-hana', 'hana', {
      kind: 'other',
      label: 'Einschulung Lena',
      month: 12,
      day: 5,
      year: 2026,
      recurrence: 'once',
    }),
  ];
  const promise = (id: string, person: string, fields: Partial<PromiseRecord>): PromiseRecord => {
    const record: PromiseRecord = {
      id,
      contactKey: keyOf(person),
      direction: 'mine',
      text: `Promise ${id}`,
      dueDate: null,
      doneAt: null,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      ...fields,
    };
    const openDueAt = computeOpenDueAt(record);
    return openDueAt === undefined ? record : { ...record, openDueAt };
  };
  const promises = [
    // in: the user's, a week overdue
    promise('p-ada', 'ada', { text: 'Send the slides', dueDate: '2026-11-20' }),
    // in: theirs, due on the 13th day
    promise('p-ben', 'ben', { direction: 'theirs', text: 'Intro to Nordlicht', dueDate: '2026-12-10' }),
    // out: due on the 15th day
    promise('p-cem', 'cem', { dueDate: '2026-12-12' }),
    // out: no due day
    promise('p-dora', 'dora', {}),
    // out: done
    promise('p-emil', 'emil', { dueDate: '2026-11-26', doneAt: at }),
    // out: deleted
    promise('p-fay', 'fay', { dueDate: '2026-11-26', deletedAt: at }),
  ];
  return { keyDates, promises };
}
