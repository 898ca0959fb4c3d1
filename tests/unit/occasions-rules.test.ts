/**
 * The occasion and promise rules (storage/occasions.ts): next occurrence, years, round Jubiläen, lead
 * times, 29 February, the year boundary, validation. Days are calendar days, so the same answers must
 * come out in every time zone: the last block runs the rules under three zones, on their DST switch days.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayStartMs, localToday } from '../../storage/dates';
import { LIMITS } from '../../storage/limits';
import {
  comparePromisesDue,
  computeNextOccurrenceAt,
  computeOpenDueAt,
  isRoundAnniversary,
  type KeyDateInput,
  keyDateProblem,
  leadDaysFor,
  nextOccurrence,
  occasionToday,
  occurrenceInYear,
  promiseProblem,
  tiersCountingToday,
  yearsAt,
} from '../../storage/occasions';
import { DEFAULT_SETTINGS, type KeyDate, NEVER_DUE, TIERS } from '../../storage/types';

const S = { leadDays: DEFAULT_SETTINGS.leadDays, feb29: 'mar1' as const };

function kd(over: Partial<KeyDate> = {}): KeyDate {
  return {
    id: 'k',
    contactKey: 'linkedin:x',
    kind: 'birthday',
    label: '',
    month: 6,
    day: 20,
    year: null,
    recurrence: 'yearly',
    nextOccurrenceAt: 0,
    acknowledgedAt: null,
    createdAt: 0,
    updatedAt: 0,
    deletedAt: null,
    ...over,
  };
}

describe('next occurrence', () => {
  it('is later this year, or today itself, or next year once the day has passed', () => {
    expect(nextOccurrence(kd(), '2026-06-01', 'mar1')).toBe('2026-06-20');
    expect(nextOccurrence(kd(), '2026-06-20', 'mar1')).toBe('2026-06-20');
    expect(nextOccurrence(kd(), '2026-06-21', 'mar1')).toBe('2027-06-20');
  });

  it('crosses the year boundary: 3 January seen on 28 December is 6 days ahead, next year', () => {
    const jan3 = kd({ month: 1, day: 3 });
    expect(nextOccurrence(jan3, '2026-12-28', 'mar1')).toBe('2027-01-03');
    expect(occasionToday(jan3, 'A', '2026-12-28', S)).toMatchObject({ day: '2027-01-03', daysUntil: 6 });
    expect(occasionToday(jan3, 'A', '2026-12-27', S)).toMatchObject({ daysUntil: 7 });
    expect(occasionToday(jan3, 'A', '2026-12-26', S)).toBeNull(); // 8 days ahead
  });

  it('29 February falls on 1 March in other years (§ 188 BGB), on 28 February by setting, and stays in leap years', () => {
    const leap = kd({ month: 2, day: 29 });
    expect(occurrenceInYear(leap, 2027, 'mar1')).toBe('2027-03-01');
    expect(occurrenceInYear(leap, 2027, 'feb28')).toBe('2027-02-28');
    expect(occurrenceInYear(leap, 2028, 'mar1')).toBe('2028-02-29');
    expect(occurrenceInYear(leap, 2100, 'mar1')).toBe('2100-03-01'); // not a leap year
    expect(nextOccurrence(leap, '2027-02-28', 'mar1')).toBe('2027-03-01');
    expect(nextOccurrence(leap, '2027-03-01', 'feb28')).toBe('2028-02-29');
  });

  it('a one-off date falls once: on its day, never after (NEVER_DUE in the index)', () => {
    const once = kd({ kind: 'other', label: 'Einschulung Lena', recurrence: 'once', year: 2026, month: 8, day: 15 });
    expect(nextOccurrence(once, '2026-08-15', 'mar1')).toBe('2026-08-15');
    expect(nextOccurrence(once, '2026-08-16', 'mar1')).toBeNull();
    expect(computeNextOccurrenceAt(once, '2026-08-16', 'mar1')).toBe(NEVER_DUE);
    expect(computeNextOccurrenceAt(once, '2026-08-01', 'mar1')).toBe(Date.UTC(2026, 7, 15));
  });

  it('a yearly date with a year to come starts in that year (a Jubiläum beginning next spring)', () => {
    const start = kd({ kind: 'anniversary', label: 'Nordlicht AG', year: 2027, month: 4, day: 1 });
    expect(nextOccurrence(start, '2026-06-01', 'mar1')).toBe('2027-04-01');
  });

  it('a tombstone never occurs', () => {
    expect(computeNextOccurrenceAt(kd({ deletedAt: 5 }), '2026-06-01', 'mar1')).toBe(NEVER_DUE);
    expect(occasionToday(kd({ deletedAt: 5 }), 'A', '2026-06-20', S)).toBeNull();
  });
});

describe('age and years', () => {
  it('counts the years turned when the year is known, and never guesses one when it is not', () => {
    expect(yearsAt(kd({ year: 1976 }), '2026-06-20')).toBe(50);
    expect(yearsAt(kd({ year: null }), '2026-06-20')).toBeNull();
    expect(occasionToday(kd({ year: null }), 'A', '2026-06-20', S)?.years).toBeNull();
  });

  it('a 29 February birthday turns a year older on 1 March in other years', () => {
    const leap = kd({ month: 2, day: 29, year: 2000 });
    expect(occasionToday(leap, 'A', '2027-02-28', S)).toMatchObject({ day: '2027-03-01', years: 27, daysUntil: 1 });
  });

  it('gives no years for a one-off date or before the first anniversary', () => {
    expect(yearsAt(kd({ kind: 'other', recurrence: 'once', year: 2020 }), '2020-06-20')).toBeNull();
    expect(yearsAt(kd({ kind: 'anniversary', year: 2026 }), '2026-06-20')).toBeNull();
  });

  it('marks round Jubiläen (5, 10, 15, 20, 25, 30, 40, 50), not other years and not birthdays', () => {
    const anniversary = kd({ kind: 'anniversary' });
    expect([5, 10, 15, 20, 25, 30, 40, 50].every((y) => isRoundAnniversary(anniversary, y))).toBe(true);
    expect([1, 4, 11, 35, 45, 60].some((y) => isRoundAnniversary(anniversary, y))).toBe(false);
    expect(isRoundAnniversary(kd({ kind: 'birthday' }), 50)).toBe(false);
    expect(isRoundAnniversary(anniversary, null)).toBe(false);
  });
});

describe('lead time', () => {
  it('by tier: A 7 days, B 3, C on the day, none never (unless round)', () => {
    expect(leadDaysFor('A', false, S.leadDays)).toBe(7);
    expect(leadDaysFor('B', false, S.leadDays)).toBe(3);
    expect(leadDaysFor('C', false, S.leadDays)).toBe(0);
    expect(leadDaysFor('none', false, S.leadDays)).toBeNull();
  });

  it('a round Jubiläum shows for tier none too, with tier A’s lead time', () => {
    expect(leadDaysFor('none', true, S.leadDays)).toBe(7);
    expect(leadDaysFor('none', true, { A: 14, B: 3, C: 0 })).toBe(14);
    const silver = kd({ kind: 'anniversary', label: 'Nordlicht AG', year: 2001, month: 7, day: 1 });
    expect(occasionToday(silver, 'none', '2026-06-23', S)).toBeNull();
    expect(occasionToday(silver, 'none', '2026-06-24', S)).toMatchObject({ daysUntil: 7, years: 25, round: true });
    expect(occasionToday({ ...silver, year: 2002 }, 'none', '2026-06-30', S)).toBeNull(); // 24 years: not round
  });

  it('a round Jubiläum gets tier A’s lead time whatever the tier', () => {
    expect(leadDaysFor('C', true, S.leadDays)).toBe(7);
    const silver = kd({ kind: 'anniversary', label: 'Nordlicht AG', year: 2001, month: 7, day: 1 });
    expect(occasionToday(silver, 'C', '2026-06-24', S)).toMatchObject({ daysUntil: 7, years: 25, round: true });
    expect(occasionToday({ ...silver, year: 2002 }, 'C', '2026-06-24', S)).toBeNull();
  });

  it('the window opens on day − lead and ends with the day itself', () => {
    expect(occasionToday(kd(), 'A', '2026-06-12', S)).toBeNull();
    expect(occasionToday(kd(), 'A', '2026-06-13', S)).toMatchObject({ daysUntil: 7 });
    expect(occasionToday(kd(), 'B', '2026-06-16', S)).toBeNull();
    expect(occasionToday(kd(), 'B', '2026-06-17', S)).toMatchObject({ daysUntil: 3 });
    expect(occasionToday(kd(), 'C', '2026-06-19', S)).toBeNull();
    expect(occasionToday(kd(), 'C', '2026-06-20', S)).toMatchObject({ daysUntil: 0 });
    expect(occasionToday(kd(), 'none', '2026-06-20', S)).toBeNull();
    expect(occasionToday(kd(), 'A', '2026-06-21', S)).toBeNull(); // next year's is far off
  });

  it('uses the lead times from the settings', () => {
    const s = { ...S, leadDays: { A: 14, B: 3, C: 1 } };
    expect(occasionToday(kd(), 'A', '2026-06-06', s)).toMatchObject({ daysUntil: 14 });
    expect(occasionToday(kd(), 'C', '2026-06-19', s)).toMatchObject({ daysUntil: 1 });
  });

  it('acknowledged means this occurrence; next year’s counts again', () => {
    const done = kd({ acknowledgedAt: dayStartMs('2026-06-20') });
    expect(occasionToday(done, 'A', '2026-06-18', S)?.acknowledged).toBe(true);
    expect(occasionToday(done, 'A', '2027-06-18', S)?.acknowledged).toBe(false);
    expect(occasionToday(kd(), 'A', '2026-06-18', S)?.acknowledged).toBe(false);
  });
});

describe('keyDateProblem', () => {
  const ok: KeyDateInput = { kind: 'birthday', label: '', month: 6, day: 20, year: null, recurrence: 'yearly' };
  const today = '2026-11-27';

  it('accepts a day and month without a year, and 29 February without a year', () => {
    expect(keyDateProblem(ok, today)).toBeNull();
    expect(keyDateProblem({ ...ok, month: 2, day: 29 }, today)).toBeNull();
  });

  it('refuses impossible days: 31 April, day 0, day 32, 29 February of a year without it', () => {
    expect(keyDateProblem({ ...ok, month: 4, day: 31 }, today)).toBe('day');
    expect(keyDateProblem({ ...ok, day: 0 }, today)).toBe('day');
    expect(keyDateProblem({ ...ok, month: 1, day: 32 }, today)).toBe('day');
    expect(keyDateProblem({ ...ok, month: 2, day: 29, year: 2023 }, today)).toBe('day');
    expect(keyDateProblem({ ...ok, month: 2, day: 29, year: 2024 }, today)).toBeNull();
    expect(keyDateProblem({ ...ok, day: 1.5 }, today)).toBe('day');
  });

  it('refuses month 13 and month 0', () => {
    expect(keyDateProblem({ ...ok, month: 13 }, today)).toBe('month');
    expect(keyDateProblem({ ...ok, month: 0 }, today)).toBe('month');
  });

  it('refuses a birthday in the future, also later this year, but not today', () => {
    expect(keyDateProblem({ ...ok, year: 2027 }, today)).toBe('yearInFuture');
    expect(keyDateProblem({ ...ok, year: 2026, month: 12, day: 1 }, today)).toBe('yearInFuture');
    expect(keyDateProblem({ ...ok, year: 2026, month: 11, day: 27 }, today)).toBeNull();
    // a Jubiläum may start later (a new job next month)
    expect(keyDateProblem({ ...ok, kind: 'anniversary', year: 2027 }, today)).toBeNull();
  });

  it('refuses a year that is not a plausible whole year', () => {
    expect(keyDateProblem({ ...ok, year: 999 }, today)).toBe('year');
    expect(keyDateProblem({ ...ok, year: 10_000, kind: 'anniversary' }, today)).toBe('year');
    expect(keyDateProblem({ ...ok, year: 1980.5 }, today)).toBe('year');
  });

  it('only an own occasion may be one-off, and then with its year', () => {
    const other: KeyDateInput = { ...ok, kind: 'other', label: 'Hochzeit', recurrence: 'once', year: 2027 };
    expect(keyDateProblem(other, today)).toBeNull();
    expect(keyDateProblem({ ...other, year: null }, today)).toBe('onceWithoutYear');
    expect(keyDateProblem({ ...ok, recurrence: 'once', year: 2020 }, today)).toBe('recurrence');
  });

  it('an own occasion needs a label; no label may exceed the limit', () => {
    expect(keyDateProblem({ ...ok, kind: 'other', label: '   ' }, today)).toBe('labelMissing');
    expect(keyDateProblem({ ...ok, kind: 'anniversary', label: 'x'.repeat(LIMITS.keyDateLabel) }, today)).toBeNull();
    expect(keyDateProblem({ ...ok, kind: 'anniversary', label: 'x'.repeat(LIMITS.keyDateLabel + 1) }, today)).toBe(
      'labelTooLong',
    );
  });

  it('refuses an unknown kind', () => {
    expect(keyDateProblem({ ...ok, kind: 'nameday' as KeyDateInput['kind'] }, today)).toBe('kind');
  });
});

describe('promises', () => {
  it('promiseProblem: text required (not only spaces), within the limit, a real due day', () => {
    const ok = { direction: 'mine' as const, text: 'Reisekosten-Checkliste schicken', dueDate: '2026-12-01' };
    expect(promiseProblem(ok)).toBeNull();
    expect(promiseProblem({ ...ok, dueDate: null })).toBeNull();
    expect(promiseProblem({ ...ok, text: '' })).toBe('textMissing');
    expect(promiseProblem({ ...ok, text: ' \n\t ' })).toBe('textMissing');
    expect(promiseProblem({ ...ok, text: 'x'.repeat(LIMITS.promiseText + 1) })).toBe('textTooLong');
    expect(promiseProblem({ ...ok, dueDate: '2026-04-31' })).toBe('dueDate');
    expect(promiseProblem({ ...ok, direction: 'ours' as 'mine' })).toBe('direction');
  });

  it('openDueAt only while open, live and dated', () => {
    const open = { dueDate: '2026-12-01', doneAt: null, deletedAt: null };
    expect(computeOpenDueAt(open)).toBe(Date.UTC(2026, 11, 1));
    expect(computeOpenDueAt({ ...open, doneAt: 1 })).toBeUndefined();
    expect(computeOpenDueAt({ ...open, deletedAt: 1 })).toBeUndefined();
    expect(computeOpenDueAt({ ...open, dueDate: null })).toBeUndefined();
  });

  it('"I promised" comes first, then the earlier due day', () => {
    const p = (id: string, direction: 'mine' | 'theirs', dueDate: string | null) => ({ id, direction, dueDate, createdAt: 0 });
    const sorted = [
      p('a', 'theirs', '2026-01-01'),
      p('b', 'mine', '2026-03-01'),
      p('c', 'mine', null),
      p('d', 'mine', '2026-02-01'),
    ]
      .sort(comparePromisesDue)
      .map((x) => x.id);
    expect(sorted).toEqual(['d', 'b', 'c', 'a']);
  });
});

/** Each zone's two DST switch days in 2026, and one instant just before and after local midnight of each. */
const ZONES = [
  { tz: 'Europe/Berlin', switches: ['2026-03-29', '2026-10-25'] },
  { tz: 'America/New_York', switches: ['2026-03-08', '2026-11-01'] },
  { tz: 'Pacific/Auckland', switches: ['2026-04-05', '2026-09-27'] },
] as const;

describe.each(ZONES)('in $tz', ({ tz, switches }) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = tz;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('really runs in that zone', () => {
    const offsets = new Set(
      ZONES.map(({ tz: zone }) => new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).format(0)),
    );
    expect(offsets.size).toBe(3);
    const own = new Intl.DateTimeFormat('en', { timeZoneName: 'shortOffset' }).format(0);
    expect(own).toBe(new Intl.DateTimeFormat('en', { timeZone: tz, timeZoneName: 'shortOffset' }).format(0));
  });

  it.each(switches)('an occasion on the DST switch day %s is that day, at any hour of the local days around it', (day) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const occasion = kd({ month: m, day: d, year: 1976 });
    const lateBefore = localToday(new Date(y, m - 1, d - 1, 23, 30));
    const early = localToday(new Date(y, m - 1, d, 0, 30));
    const late = localToday(new Date(y, m - 1, d, 23, 30));
    expect([lateBefore, early, late]).toEqual([addDays(day, -1), day, day]);
    expect(occasionToday(occasion, 'A', lateBefore, S)).toMatchObject({ day, daysUntil: 1, years: 50 });
    expect(occasionToday(occasion, 'A', early, S)).toMatchObject({ day, daysUntil: 0 });
    expect(occasionToday(occasion, 'C', late, S)).toMatchObject({ day, daysUntil: 0 });
    expect(computeNextOccurrenceAt(occasion, early, 'mar1')).toBe(Date.UTC(y, m - 1, d));
    // the day after, it is next year's
    expect(nextOccurrence(occasion, localToday(new Date(y, m - 1, d + 1, 0, 30)), 'mar1')).toBe(`${y + 1}${day.slice(4)}`);
  });

  it('the week-ahead window counts calendar days across the switch (23- and 25-hour days change nothing)', () => {
    for (const day of switches) {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const later = addDays(day, 3);
      const weekAfter = kd({ month: Number(later.slice(5, 7)), day: Number(later.slice(8)) });
      const from = localToday(new Date(y, m - 1, d - 4, 12, 0));
      expect(occasionToday(weekAfter, 'A', from, S)?.daysUntil).toBe(7);
    }
  });
});

describe('the badge counts an occasion by tier before reading the person (tiersCountingToday)', () => {
  it('lists exactly the tiers for which the popup shows the occasion not yet acknowledged', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2023-01-01', n));
    const keyDate = fc
      .record({
        kind: fc.constantFrom('birthday' as const, 'anniversary' as const, 'other' as const),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 29 }),
        year: fc.option(fc.integer({ min: 1970, max: 2024 }), { nil: null }),
        recurrence: fc.constantFrom('yearly' as const, 'once' as const),
        deleted: fc.boolean(),
        acknowledgedOn: fc.option(fc.integer({ min: -2, max: 10 }), { nil: null }),
      })
      .filter((k) => keyDateProblem({ ...k, label: 'Hochzeitstag' }, '2100-01-01') === null); // only what can be stored
    const lead = fc.integer({ min: 0, max: 14 });
    fc.assert(
      fc.property(
        keyDate,
        day,
        lead,
        lead,
        lead,
        fc.constantFrom('mar1' as const, 'feb28' as const),
        (k, today, a, b, c, feb29) => {
          const settings = { leadDays: { A: a, B: b, C: c }, feb29 };
          const record = kd({
            kind: k.kind,
            month: k.month,
            day: k.day,
            year: k.year,
            recurrence: k.recurrence,
            deletedAt: k.deleted ? 1 : null,
            acknowledgedAt: k.acknowledgedOn === null ? null : dayStartMs(addDays(today, k.acknowledgedOn)),
          });
          const counted = tiersCountingToday(record, today, settings);
          for (const tier of TIERS) {
            const shown = occasionToday(record, tier, today, settings);
            expect(counted.includes(tier)).toBe(shown !== null && !shown.acknowledged);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a round Jubiläum a week ahead counts for tier none too; a birthday two days ahead only for A and B', () => {
    const today = '2025-06-13';
    const jubilee = kd({ kind: 'anniversary', label: 'Nordlicht AG', month: 6, day: 20, year: 2000 });
    expect(tiersCountingToday(jubilee, today, S)).toEqual(['A', 'B', 'C', 'none']);
    expect(tiersCountingToday(kd({ month: 6, day: 15 }), today, S)).toEqual(['A', 'B']);
    expect(tiersCountingToday(kd({ month: 6, day: 13 }), today, S)).toEqual(['A', 'B', 'C']);
    expect(tiersCountingToday(kd({ month: 6, day: 13, acknowledgedAt: dayStartMs(today) }), today, S)).toEqual([]);
  });
});
