import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  addDays,
  dayNumber,
  daysBetween,
  dayStartMs,
  isIsoDay,
  isoFromDayNumber,
  localToday,
  MS_PER_DAY,
} from '../../storage/dates';
import { isSafePhotoUrl, isSiteProfileUrl, keyProblem, LIMITS } from '../../storage/limits';
import {
  applyPatch,
  applyTouch,
  checkProfileIdentity,
  contactedTodayTouch,
  computeNextDueAt,
  createdDayOf,
  dueState,
  newContact,
  overdueSeverity,
  recomputeAll,
  snoozeUntil,
  StorageValidationError,
  urgencyOrder,
} from '../../storage/rules';
import { compareNames } from '../../storage/collation';
import { type Contact, DEFAULT_SETTINGS, NEVER_DUE, type Settings, type Touch } from '../../storage/types';

// Date math must hold in a zone with daylight saving. Node re-reads TZ when it is assigned; the modules
// under test read the zone only when called, so stubbing here, before any test runs, is early enough.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const S: Settings = DEFAULT_SETTINGS;
/** 2025-06-15 12:00 in Berlin (10:00 UTC). */
const NOW = Date.UTC(2025, 5, 15, 10, 0);
const day = (iso: string) => dayStartMs(iso);

function contact(over: Partial<Contact> = {}): Contact {
  const c = newContact(
    {
      key: 'linkedin:erika-muster',
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/erika-muster/',
      aliases: [],
      name: 'Erika Muster',
    },
    S,
    NOW,
  );
  const merged = { ...c, ...over };
  return { ...merged, nextDueAt: computeNextDueAt(merged, S) };
}

function touch(date: string): Touch {
  return {
    id: `t-${date}`,
    contactKey: 'linkedin:erika-muster',
    date,
    channel: 'call',
    direction: 'mutual',
    note: '',
    createdAt: NOW,
    updatedAt: NOW,
    deletedAt: null,
  };
}

describe('time zone of this file', () => {
  it('is Europe/Berlin with daylight saving', () => {
    expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(-60);
    expect(new Date(2025, 6, 15).getTimezoneOffset()).toBe(-120);
  });
});

describe('dates', () => {
  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2025-01-01')).toBe(20089);
    expect(isoFromDayNumber(20089)).toBe('2025-01-01');
    expect(isoFromDayNumber(-1)).toBe('1969-12-31');
  });

  it('round-trips every day of four years, including 2024-02-29', () => {
    const start = dayNumber('2023-01-01');
    for (let n = start; n < start + 4 * 366; n++) expect(dayNumber(isoFromDayNumber(n))).toBe(n);
  });

  it('adds days across month ends', () => {
    expect(addDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('adds days across leap days', () => {
    expect(addDays('2024-02-29', 365)).toBe('2025-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-02-29', 366)).toBe('2025-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // divisible by 400: leap
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01'); // divisible by 100: not leap
  });

  it('adds whole days across both DST switches', () => {
    expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
    expect(addDays('2025-10-25', 1)).toBe('2025-10-26');
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-10-27', '2025-10-25')).toBe(-2);
    expect(dayStartMs('2025-03-31') - dayStartMs('2025-03-30')).toBe(MS_PER_DAY);
    expect(dayStartMs('2025-10-27') - dayStartMs('2025-10-26')).toBe(MS_PER_DAY);
  });

  it('reads the local calendar day of an instant, also on DST days', () => {
    // 00:30 local on the spring-forward day is 23:30 UTC the day before.
    expect(localToday(new Date(2025, 2, 30, 0, 30))).toBe('2025-03-30');
    expect(localToday(new Date(Date.UTC(2025, 2, 29, 23, 30)))).toBe('2025-03-30');
    // 00:30 local (still CEST) on the fall-back day is 22:30 UTC the day before.
    expect(localToday(new Date(2025, 9, 26, 0, 30))).toBe('2025-10-26');
    expect(localToday(new Date(Date.UTC(2025, 9, 25, 22, 30)))).toBe('2025-10-26');
    expect(localToday(new Date(2025, 9, 26, 23, 59))).toBe('2025-10-26');
    expect(localToday(new Date(Date.UTC(2025, 9, 26, 23, 0)))).toBe('2025-10-27');
    expect(() => localToday(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('accepts only real YYYY-MM-DD days', () => {
    for (const ok of ['2025-02-28', '2024-02-29', '0001-01-01', '9999-12-31', '0050-06-01']) expect(isIsoDay(ok)).toBe(true);
    for (const bad of [
      '2025-02-30',
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-01',
      '25-01-01',
      '2025-01-01T00:00',
      ' 2025-01-01',
      '',
      null,
      20250101,
    ]) {
      expect(isIsoDay(bad)).toBe(false);
    }
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError);
    expect(isoFromDayNumber(dayNumber('0050-06-01'))).toBe('0050-06-01');
  });

  it('spells every day from 0000-01-01 to 9999-12-31, and refuses to step outside them', () => {
    expect(isoFromDayNumber(dayNumber('0000-01-01'))).toBe('0000-01-01');
    expect(isoFromDayNumber(dayNumber('9999-12-31'))).toBe('9999-12-31');
    // A snooze on the last day a date field can hold, plus a cadence: an error, never "10000-01-30".
    expect(() => addDays('9999-12-31', 30)).toThrow(RangeError);
    expect(() => addDays('0000-01-01', -1)).toThrow(RangeError);
    // Beyond what a Date can hold at all: an error, never "NaN-NaN-NaN".
    expect(() => isoFromDayNumber(200_000_000)).toThrow(RangeError);
    expect(() => isoFromDayNumber(1.5)).toThrow(RangeError);
    expect(() => addDays('2025-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('computeNextDueAt', () => {
  it('is last contact + the tier cadence', () => {
    for (const [tier, days] of [
      ['A', 30],
      ['B', 90],
      ['C', 180],
    ] as const) {
      expect(computeNextDueAt({ tier, lastContactAt: '2025-01-31', snoozedUntil: null, createdAt: NOW }, S)).toBe(
        day(addDays('2025-01-31', days)),
      );
    }
    expect(computeNextDueAt({ tier: 'A', lastContactAt: '2025-01-31', snoozedUntil: null, createdAt: NOW }, S)).toBe(
      day('2025-03-02'),
    );
    expect(computeNextDueAt({ tier: 'A', lastContactAt: '2024-01-31', snoozedUntil: null, createdAt: NOW }, S)).toBe(
      day('2024-03-01'),
    );
  });

  it('never comes due for tier none, whatever the dates', () => {
    expect(computeNextDueAt({ tier: 'none', lastContactAt: null, snoozedUntil: null, createdAt: NOW }, S)).toBe(NEVER_DUE);
    expect(computeNextDueAt({ tier: 'none', lastContactAt: '2020-01-01', snoozedUntil: '2021-01-01', createdAt: NOW }, S)).toBe(
      NEVER_DUE,
    );
  });

  it('without a last contact: the day added + firstFollowUpDays (explicit day or derived from createdAt)', () => {
    const c = { tier: 'B' as const, lastContactAt: null, snoozedUntil: null, createdAt: NOW };
    expect(computeNextDueAt(c, S)).toBe(day('2025-06-18'));
    expect(computeNextDueAt(c, S, '2025-06-01')).toBe(day('2025-06-04'));
    expect(computeNextDueAt(c, { ...S, firstFollowUpDays: 10 })).toBe(day('2025-06-25'));
  });

  it('derives the created day in local time: 00:30 on a DST day is that day', () => {
    const spring = new Date(2025, 2, 30, 0, 30).getTime();
    expect(createdDayOf({ createdAt: spring })).toBe('2025-03-30');
    expect(computeNextDueAt({ tier: 'C', lastContactAt: null, snoozedUntil: null, createdAt: spring }, S)).toBe(
      day('2025-04-02'),
    );
    const fall = new Date(2025, 9, 26, 0, 30).getTime();
    expect(computeNextDueAt({ tier: 'C', lastContactAt: null, snoozedUntil: null, createdAt: fall }, S)).toBe(day('2025-10-29'));
  });

  it('due dates are whole UTC days, also across DST', () => {
    for (const last of ['2025-02-28', '2025-03-29', '2025-03-30', '2025-09-26', '2025-10-26']) {
      const due = computeNextDueAt({ tier: 'A', lastContactAt: last, snoozedUntil: null, createdAt: NOW }, S);
      expect(due % MS_PER_DAY).toBe(0);
      expect(due).toBe(day(addDays(last, 30)));
    }
    // last contact 2025-02-28 + 30 days lands on the spring-forward day
    expect(computeNextDueAt({ tier: 'A', lastContactAt: '2025-02-28', snoozedUntil: null, createdAt: NOW }, S)).toBe(
      day('2025-03-30'),
    );
  });

  it('a later snooze replaces the due day; an earlier one changes nothing', () => {
    const base = { tier: 'A' as const, lastContactAt: '2025-05-01', createdAt: NOW };
    expect(computeNextDueAt({ ...base, snoozedUntil: '2025-07-01' }, S)).toBe(day('2025-07-01'));
    expect(computeNextDueAt({ ...base, snoozedUntil: '2025-05-10' }, S)).toBe(day('2025-05-31'));
    expect(computeNextDueAt({ ...base, snoozedUntil: '2025-05-31' }, S)).toBe(day('2025-05-31'));
  });
});

describe('newContact', () => {
  it('is tier C, empty notes, due after firstFollowUpDays', () => {
    const c = newContact(
      {
        key: 'xing:Erika_Muster',
        site: 'xing',
        profileUrl: 'https://www.xing.com/profile/Erika_Muster',
        aliases: ['xing:Erika_Muster', 'xing:old', 'xing:old', ''],
        name: 'Erika Muster',
        headline: null,
        company: 'Muster GmbH',
        location: null,
        photoUrl: null,
      },
      S,
      NOW,
    );
    expect(c).toEqual({
      key: 'xing:Erika_Muster',
      site: 'xing',
      profileUrl: 'https://www.xing.com/profile/Erika_Muster',
      aliases: ['xing:old'],
      name: 'Erika Muster',
      headline: '',
      company: 'Muster GmbH',
      location: '',
      photoUrl: '',
      tier: 'C',
      notes: '',
      howWeMet: '',
      preferredChannel: '',
      lastContactAt: null,
      snoozedUntil: null,
      nextDueAt: day('2025-06-18'),
      createdAt: NOW,
      updatedAt: NOW,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string,
      connectedOn: null,
      email: '',
      phone: '',
      notSameAs: [],
      deletedAt: null,
    } satisfies Contact);
  });

  it('takes the local day it was added: 23:30 UTC is already tomorrow in Berlin', () => {
    const late = Date.UTC(2025, 5, 15, 23, 30);
    const c = newContact({ key: 'linkedin:x', site: 'linkedin', profileUrl: 'u' }, S, late);
    expect(c.nextDueAt).toBe(day('2025-06-19'));
  });
});

describe('newContact from what a page shows', () => {
  const page = {
    key: 'linkedin:erika-muster',
    site: 'linkedin' as const,
    profileUrl: 'https://www.linkedin.com/in/erika-muster/',
  };

  it('fields the page did not show are empty, never "null" or missing', () => {
    const c = newContact({ ...page, name: null, headline: null, company: null, location: null, photoUrl: null }, S, NOW);
    expect([c.name, c.headline, c.company, c.location, c.photoUrl]).toEqual(['', '', '', '', '']);
    expect(newContact(page, S, NOW).aliases).toEqual([]);
  });

  it('cuts page text to the caps a backup can restore', () => {
    const long = 'y'.repeat(LIMITS.shortText + 50);
    const c = newContact({ ...page, name: 'n'.repeat(LIMITS.name + 1), headline: long, company: long, location: long }, S, NOW);
    expect(c.name).toHaveLength(LIMITS.name);
    expect([c.headline.length, c.company.length, c.location.length]).toEqual([
      LIMITS.shortText,
      LIMITS.shortText,
      LIMITS.shortText,
    ]);
  });

  it('keeps a photo URL up to the cap and drops a longer one (the person is still added)', () => {
    const photo = (length: number) => {
      const head = 'https://media.licdn.com/p/';
      return head + 'a'.repeat(length - head.length);
    };
    expect(newContact({ ...page, photoUrl: photo(LIMITS.photoUrl) }, S, NOW).photoUrl).toHaveLength(LIMITS.photoUrl);
    expect(newContact({ ...page, photoUrl: photo(LIMITS.photoUrl + 1) }, S, NOW).photoUrl).toBe('');
  });
});

describe('applyPatch', () => {
  it('a tier change recomputes due', () => {
    const c = contact({ lastContactAt: '2025-05-01' });
    expect(c.nextDueAt).toBe(day('2025-10-28')); // C: 180 days
    const a = applyPatch(c, { tier: 'A' }, S, NOW + 1);
    expect(a.nextDueAt).toBe(day('2025-05-31'));
    expect(applyPatch(a, { tier: 'B' }, S, NOW + 2).nextDueAt).toBe(day('2025-07-30'));
    expect(applyPatch(a, { tier: 'none' }, S, NOW + 2).nextDueAt).toBe(NEVER_DUE);
    expect(applyPatch(applyPatch(a, { tier: 'none' }, S, NOW + 2), { tier: 'A' }, S, NOW + 3).nextDueAt).toBe(day('2025-05-31'));
  });

  it('takes the last contact the user sets as given, also backwards', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01' });
    const back = applyPatch(c, { lastContactAt: '2025-01-31' }, S, NOW + 1);
    expect(back.lastContactAt).toBe('2025-01-31');
    expect(back.nextDueAt).toBe(day('2025-03-02'));
    const cleared = applyPatch(c, { lastContactAt: null }, S, NOW + 1);
    expect(cleared.nextDueAt).toBe(day('2025-06-18')); // back to the first follow-up
  });

  it('sets updatedAt, leaves other fields and does not mutate the input', () => {
    const c = contact({ notes: 'Kaffee' });
    const frozen = structuredClone(c);
    const next = applyPatch(c, { howWeMet: 'Messe' }, S, NOW + 5);
    expect(next).toEqual({ ...c, howWeMet: 'Messe', updatedAt: NOW + 5 });
    expect(c).toEqual(frozen);
  });

  it('setting last contact after the snooze day ends the snooze', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01', snoozedUntil: '2025-06-20' });
    expect(c.nextDueAt).toBe(day('2025-06-20'));
    const after = applyPatch(c, { lastContactAt: '2025-06-21' }, S, NOW + 1);
    expect(after.snoozedUntil).toBeNull();
    expect(after.nextDueAt).toBe(day('2025-07-21'));
    const before = applyPatch(c, { lastContactAt: '2025-06-10' }, S, NOW + 1);
    expect(before.snoozedUntil).toBe('2025-06-20');
    expect(before.nextDueAt).toBe(day('2025-07-10'));
    // both in one patch: the user said both
    const both = applyPatch(c, { lastContactAt: '2025-06-21', snoozedUntil: '2025-09-01' }, S, NOW + 1);
    expect(both.snoozedUntil).toBe('2025-09-01');
    expect(both.nextDueAt).toBe(day('2025-09-01'));
  });

  it('keeps texts up to their cap and refuses one character more (what a backup can restore)', () => {
    const c = contact();
    for (const [field, cap] of [
      ['notes', LIMITS.notes],
      ['howWeMet', LIMITS.howWeMet],
      ['name', LIMITS.name],
      ['company', LIMITS.shortText],
    ] as const) {
      expect(applyPatch(c, { [field]: 'x'.repeat(cap) }, S, NOW + 1)[field]).toHaveLength(cap);
      expect(() => applyPatch(c, { [field]: 'x'.repeat(cap + 1) }, S, NOW + 1), field).toThrow(StorageValidationError);
    }
    expect(() => applyPatch(c, { notes: 42 as unknown as string }, S, NOW + 1)).toThrow(StorageValidationError);
  });

  it('the preferred channel can be set and cleared again', () => {
    const email = applyPatch(contact(), { preferredChannel: 'email' }, S, NOW + 1);
    expect(email.preferredChannel).toBe('email');
    expect(applyPatch(email, { preferredChannel: '' }, S, NOW + 2).preferredChannel).toBe('');
  });

  it('a patch that sets both last contact and an earlier snooze keeps the snooze as given', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01' });
    const both = applyPatch(c, { lastContactAt: '2025-06-21', snoozedUntil: '2025-06-10' }, S, NOW + 1);
    expect(both.snoozedUntil).toBe('2025-06-10');
    expect(both.nextDueAt).toBe(day('2025-07-21'));
  });

  it('ignores undefined and unknown fields, rejects bad values', () => {
    const c = contact();
    const sneaky = { notes: undefined, key: 'linkedin:other', nextDueAt: 0 } as unknown as Parameters<typeof applyPatch>[1];
    const next = applyPatch(c, sneaky, S, NOW + 1);
    expect(next.key).toBe(c.key);
    expect(next.notes).toBe('');
    expect(next.nextDueAt).toBe(c.nextDueAt);
    expect(() => applyPatch(c, { lastContactAt: '2025-02-30' }, S, NOW)).toThrow(StorageValidationError);
    expect(() => applyPatch(c, { tier: 'D' as 'A' }, S, NOW)).toThrow(StorageValidationError);
    expect(() => applyPatch(c, { preferredChannel: 'fax' as 'call' }, S, NOW)).toThrow(StorageValidationError);
  });
});

describe('applyTouch', () => {
  it('a newer touch moves last contact and due', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01' });
    const next = applyTouch(c, touch('2025-06-10'), S, NOW + 1);
    expect(next.lastContactAt).toBe('2025-06-10');
    expect(next.nextDueAt).toBe(day('2025-07-10'));
    expect(next.updatedAt).toBe(NOW + 1);
  });

  it('the first touch of a new contact replaces the first follow-up', () => {
    const c = contact({ tier: 'B' });
    const next = applyTouch(c, touch('2025-06-14'), S, NOW + 1);
    expect(next.lastContactAt).toBe('2025-06-14');
    expect(next.nextDueAt).toBe(day('2025-09-12'));
  });

  it('a backdated touch keeps its own date and does not move last contact back', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01' });
    const t = touch('2025-03-01');
    const next = applyTouch(c, t, S, NOW + 1);
    expect(t.date).toBe('2025-03-01');
    expect(next).toBe(c); // nothing changed, not even updatedAt
    expect(applyTouch(c, touch('2025-05-01'), S, NOW + 1)).toBe(c); // same day: not newer
  });

  it('a touch that moves last contact past the snooze ends it; an older touch keeps it', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-05-01', snoozedUntil: '2025-06-20' });
    const past = applyTouch(c, touch('2025-06-25'), S, NOW + 1);
    expect(past.snoozedUntil).toBeNull();
    expect(past.nextDueAt).toBe(day('2025-07-25'));
    const inside = applyTouch(c, touch('2025-05-10'), S, NOW + 1);
    expect(inside.lastContactAt).toBe('2025-05-10');
    expect(inside.snoozedUntil).toBe('2025-06-20');
    expect(inside.nextDueAt).toBe(day('2025-06-20'));
  });

  it('keeps tier none never due', () => {
    const c = contact({ tier: 'none' });
    const next = applyTouch(c, touch('2025-06-10'), S, NOW + 1);
    expect(next.lastContactAt).toBe('2025-06-10');
    expect(next.nextDueAt).toBe(NEVER_DUE);
  });

  it('rejects a bad date', () => {
    expect(() => applyTouch(contact(), touch('2025-02-29'), S, NOW)).toThrow(StorageValidationError);
  });
});

describe('snoozeUntil', () => {
  it('moves due, not last contact; null ends the snooze', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-04-01' }); // due 2025-05-01, overdue
    const s = snoozeUntil(c, '2025-06-22', S, NOW + 1);
    expect(s.lastContactAt).toBe('2025-04-01');
    expect(s.snoozedUntil).toBe('2025-06-22');
    expect(s.nextDueAt).toBe(day('2025-06-22'));
    expect(s.updatedAt).toBe(NOW + 1);
    const un = snoozeUntil(s, null, S, NOW + 2);
    expect(un.nextDueAt).toBe(day('2025-05-01'));
    expect(() => snoozeUntil(c, '2025-6-22', S, NOW)).toThrow(StorageValidationError);
  });

  it('a snooze earlier than the cadence due day has no effect', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-06-10' });
    expect(snoozeUntil(c, '2025-06-20', S, NOW).nextDueAt).toBe(day('2025-07-10'));
  });

  it('a snooze across the DST switch stays a whole day', () => {
    const c = contact({ tier: 'A', lastContactAt: '2025-02-01' });
    const s = snoozeUntil(c, '2025-10-26', S, NOW);
    expect(s.nextDueAt).toBe(day('2025-10-26'));
    expect(dueState(s.nextDueAt, localToday(new Date(2025, 9, 26, 0, 30)))).toEqual({ kind: 'today' });
    expect(dueState(s.nextDueAt, localToday(new Date(2025, 9, 25, 23, 59)))).toEqual({ kind: 'upcoming', days: 1 });
  });
});

describe('dueState', () => {
  it('tells never, overdue, today and upcoming in whole days', () => {
    expect(dueState(NEVER_DUE, '2025-06-15')).toEqual({ kind: 'never' });
    expect(dueState(day('2025-06-15'), '2025-06-15')).toEqual({ kind: 'today' });
    expect(dueState(day('2025-06-14'), '2025-06-15')).toEqual({ kind: 'overdue', days: 1 });
    expect(dueState(day('2025-03-29'), '2025-03-31')).toEqual({ kind: 'overdue', days: 2 });
    expect(dueState(day('2025-10-27'), '2025-10-25')).toEqual({ kind: 'upcoming', days: 2 });
    expect(dueState(day('2024-03-01'), '2024-02-28')).toEqual({ kind: 'upcoming', days: 2 });
  });
});

describe('overdueSeverity', () => {
  const today = '2025-06-15';
  const at = (tier: Contact['tier'], dueDay: string) => ({ tier, nextDueAt: day(dueDay) });

  it('is none when not yet due or tier none', () => {
    expect(overdueSeverity(at('A', '2025-06-16'), S, today)).toBe('none');
    expect(overdueSeverity({ tier: 'none', nextDueAt: NEVER_DUE }, S, today)).toBe('none');
  });

  it('grows with the share of the cadence overdue: < 25 % mild, < 100 % serious, else critical', () => {
    // A: cadence 30 → 25 % = 7.5 days
    expect(overdueSeverity(at('A', '2025-06-15'), S, today)).toBe('mild'); // due today
    expect(overdueSeverity(at('A', '2025-06-08'), S, today)).toBe('mild'); // 7 days
    expect(overdueSeverity(at('A', '2025-06-07'), S, today)).toBe('serious'); // 8 days
    expect(overdueSeverity(at('A', '2025-05-17'), S, today)).toBe('serious'); // 29 days
    expect(overdueSeverity(at('A', '2025-05-16'), S, today)).toBe('critical'); // 30 days
    // C: cadence 180 → 30 days overdue is still mild
    expect(overdueSeverity(at('C', '2025-05-16'), S, today)).toBe('mild');
    expect(overdueSeverity(at('C', '2025-04-01'), S, today)).toBe('serious');
    expect(overdueSeverity(at('C', '2024-12-01'), S, today)).toBe('critical');
  });

  it('turns serious at exactly a quarter of the cadence (C: 45 of 180 days)', () => {
    expect(overdueSeverity(at('C', '2025-05-02'), S, today)).toBe('mild'); // 44 days
    expect(overdueSeverity(at('C', '2025-05-01'), S, today)).toBe('serious'); // 45 days
  });

  it('is none for tier none and for never due, whatever the stored due day says', () => {
    expect(overdueSeverity(at('none', '2025-01-01'), S, today)).toBe('none');
    expect(overdueSeverity({ tier: 'A', nextDueAt: NEVER_DUE }, S, today)).toBe('none');
  });
});

describe('name order (storage/collation.ts)', () => {
  it('orders numbers in names as numbers and ignores case and accents', () => {
    const names = compareNames('de');
    expect(['Anna 10', 'Anna 2', 'Anna 1'].sort(names)).toEqual(['Anna 1', 'Anna 2', 'Anna 10']);
    expect(names('émile', 'Emile')).toBe(0);
    expect(compareNames('en')('Zoë', 'zoe')).toBe(0);
  });
});

describe('urgencyOrder', () => {
  const compareUrgency = urgencyOrder('de');
  const mk = (key: string, name: string, tier: Contact['tier'], due: string) => ({ key, name, tier, nextDueAt: day(due) });

  it('sorts by due day, then tier A, B, C, then name in German collation', () => {
    const list = [
      mk('1', 'Zoe', 'C', '2025-06-01'),
      mk('2', 'Ärzte', 'B', '2025-06-01'),
      mk('3', 'anna', 'B', '2025-06-01'),
      mk('4', 'Bert', 'A', '2025-06-02'),
      mk('5', 'Otto', 'A', '2025-06-01'),
      mk('6', 'Ödön', 'B', '2025-06-01'),
      mk('7', 'Olaf', 'B', '2025-06-01'),
      mk('8', 'Nie', 'none', '2025-06-01'),
      mk('9', 'Später', 'A', '2025-05-31'),
    ];
    const names = [...list].sort(compareUrgency).map((c) => c.name);
    // German: Ä sorts with A, Ö with O; case and accents do not matter.
    expect(names).toEqual(['Später', 'Otto', 'anna', 'Ärzte', 'Ödön', 'Olaf', 'Zoe', 'Nie', 'Bert']);
  });

  it('breaks a full tie by key, so the order is stable', () => {
    const a = mk('linkedin:a', 'Anna', 'A', '2025-06-01');
    const b = mk('linkedin:b', 'anna', 'A', '2025-06-01');
    expect(compareUrgency(a, b)).toBeLessThan(0);
    expect(compareUrgency(b, a)).toBeGreaterThan(0);
    expect(compareUrgency(a, a)).toBe(0);
  });

  it('puts never-due contacts last', () => {
    const never = { key: 'n', name: 'A', tier: 'A' as const, nextDueAt: NEVER_DUE };
    expect(compareUrgency(never, mk('x', 'Z', 'C', '9999-12-31'))).toBeGreaterThan(0);
  });
});

describe('recomputeAll', () => {
  it('returns only the contacts whose due day changes, with updatedAt untouched', () => {
    const a = contact({ key: 'a', tier: 'A', lastContactAt: '2025-05-01' });
    const b = contact({ key: 'b', tier: 'B', lastContactAt: '2025-05-01' });
    const n = contact({ key: 'n', tier: 'none' });
    const snoozed = contact({ key: 's', tier: 'A', lastContactAt: '2025-05-01', snoozedUntil: '2026-01-01' });
    const fresh = contact({ key: 'f', tier: 'C' });
    const settings: Settings = { ...S, cadenceDays: { A: 14, B: 90, C: 180 } };
    const changed = recomputeAll([a, b, n, snoozed, fresh], settings);
    expect(changed.map((c) => c.key)).toEqual(['a']);
    expect(changed[0]).toEqual({ ...a, nextDueAt: day('2025-05-15') });
    const follow = recomputeAll([a, b, n, snoozed, fresh], { ...S, firstFollowUpDays: 7 });
    expect(follow.map((c) => c.key)).toEqual(['f']);
    expect(follow[0]?.nextDueAt).toBe(day('2025-06-22'));
  });
});

describe('contactedTodayTouch', () => {
  it('uses the channel picked, else the preferred one, else "other"', () => {
    expect(contactedTodayTouch({ preferredChannel: 'call' }, '2026-11-21', 'email')).toEqual({
      date: '2026-11-21',
      channel: 'email',
      direction: 'mutual',
      note: '',
    });
    expect(contactedTodayTouch({ preferredChannel: 'call' }, '2026-11-21').channel).toBe('call');
    expect(contactedTodayTouch({ preferredChannel: '' }, '2026-11-21').channel).toBe('other');
  });
});

describe('limits: what a key, an alias or a URL may be (shared by writing and import)', () => {
  it.each([
    ['a vanity slug', 'linkedin:anna', 'linkedin', null],
    ['a member id', 'linkedin:id:ACoAA1', 'linkedin', null],
    ['a XING name', 'xing:Anna_Muster', 'xing', null],
    ['a XING key for LinkedIn', 'xing:Anna_Muster', 'linkedin', 'shape'],
    ['a LinkedIn key for XING', 'linkedin:anna', 'xing', 'shape'],
    ['only the site', 'linkedin:', 'linkedin', 'shape'],
    ['no site', 'anna', 'linkedin', 'shape'],
    ['empty', '', 'linkedin', 'shape'],
    ['exactly the cap', `linkedin:${'a'.repeat(LIMITS.key - 9)}`, 'linkedin', null],
    ['one over the cap', `linkedin:${'a'.repeat(LIMITS.key - 8)}`, 'linkedin', 'tooLong'],
  ] as const)('keyProblem: %s', (_label, key, site, problem) => {
    expect(keyProblem(key, site)).toBe(problem);
  });

  it('keyProblem takes its own cap (aliases) and refuses what is not text', () => {
    expect(keyProblem('linkedin:abc', 'linkedin', 11)).toBe('tooLong');
    expect(keyProblem('linkedin:abc', 'linkedin', 12)).toBeNull();
    expect(keyProblem(42, 'linkedin')).toBe('shape');
    expect(keyProblem(null, 'xing')).toBe('shape');
  });

  it.each([
    ['', 'linkedin', true],
    ['https://www.linkedin.com/in/a/', 'linkedin', true],
    ['http://de.linkedin.com/in/a', 'linkedin', true],
    ['https://LINKEDIN.COM/in/a', 'linkedin', true],
    ['https://www.xing.com/profile/A', 'linkedin', false],
    ['https://linkedin.com.evil.example/in/a', 'linkedin', false],
    ['https://evillinkedin.com/in/a', 'linkedin', false],
    ['javascript:alert(1)//linkedin.com', 'linkedin', false],
    ['ftp://linkedin.com/a', 'linkedin', false],
    ['not a url', 'xing', false],
  ] as const)('isSiteProfileUrl(%j, %s) = %s', (url, site, ok) => {
    expect(isSiteProfileUrl(url, site)).toBe(ok);
  });

  it.each([
    ['', true],
    ['https://media.licdn.com/x.jpg', true],
    ['http://example.com/x.png', true],
    ['DATA:image/png;base64,AA', true],
    ['data:text/html,<script>', false],
    ['javascript:alert(1)', false],
    ['javascript:alert("data:image/png")', false],
    ['x.jpg', false],
  ])('isSafePhotoUrl(%j) = %s', (url, ok) => {
    expect(isSafePhotoUrl(url)).toBe(ok);
  });

  it('the URL cap is derived from the key cap: nine characters per key character, plus 100', () => {
    expect(LIMITS.profileUrl).toBe(LIMITS.key * 9 + 100);
    expect(LIMITS.alias).toBe(LIMITS.key);
  });
});

describe('checkProfileIdentity (addContact runs it before writing)', () => {
  const ok = { key: 'xing:Anna_M', site: 'xing' as const, profileUrl: 'https://www.xing.com/profile/Anna_M' };
  it('passes a profile as the site modules build it', () => {
    expect(() => checkProfileIdentity(ok)).not.toThrow();
  });
  it.each([
    ['key', { key: 'linkedin:anna' }, 'Profile key must be "xing:…": linkedin:anna'],
    [
      'length',
      { key: `xing:${'A'.repeat(LIMITS.key)}` },
      `This profile's address is too long to keep (${LIMITS.key + 5} characters, at most ${LIMITS.key})`,
    ],
    ['URL', { profileUrl: 'https://www.linkedin.com/in/a' }, 'Profile URL must be an http(s) URL of xing'],
  ] as const)('refuses a bad %s with a message', (_label, over, message) => {
    expect(() => checkProfileIdentity({ ...ok, ...over })).toThrow(new StorageValidationError(message));
  });
  it('takes a URL exactly at the cap and refuses one character more', () => {
    const url = (length: number) => `${ok.profileUrl}?${'q'.repeat(length - ok.profileUrl.length - 1)}`;
    expect(() => checkProfileIdentity({ ...ok, profileUrl: url(LIMITS.profileUrl) })).not.toThrow();
    expect(() => checkProfileIdentity({ ...ok, profileUrl: url(LIMITS.profileUrl + 1) })).toThrow(StorageValidationError);
  });
  it('cuts a very long key to 80 characters in the message', () => {
    expect(() => checkProfileIdentity({ ...ok, key: `linkedin:${'a'.repeat(200)}` })).toThrow(
      new StorageValidationError(`Profile key must be "xing:…": linkedin:${'a'.repeat(71)}`),
    );
  });
});
