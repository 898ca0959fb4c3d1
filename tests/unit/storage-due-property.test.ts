/**
 * Properties of the due rules (storage/rules.ts, storage/due.ts) over random contacts, settings,
 * touches and snoozes. Each expectation is computed here from the rule's definition (day numbers),
 * never by calling the function under test a second time.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { addDays, dayNumber, dayStartMs, localToday, MS_PER_DAY } from '../../storage/dates';
import { countDue, listDue } from '../../storage/due';
import {
  applyPatch,
  applyTouch,
  computeNextDueAt,
  dueState,
  nextDueDay,
  overdueSeverity,
  snoozeUntil,
} from '../../storage/rules';
import { MAX_DAYS, MIN_DAYS } from '../../storage/settings';
import { type Contact, DEFAULT_SETTINGS, NEVER_DUE, type Settings, TIERS, type Tier } from '../../storage/types';
import { freshDb, storedContact } from '../fixtures/backup/helpers';

vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const BASE = '2026-01-01';
const NOW = Date.UTC(2026, 0, 1, 11, 0);
const day = fc.integer({ min: -3_000, max: 3_000 }).map((n) => addDays(BASE, n));
const days = fc.integer({ min: MIN_DAYS, max: MAX_DAYS });
const settings: fc.Arbitrary<Settings> = fc
  .record({ cadenceDays: fc.record({ A: days, B: days, C: days }), firstFollowUpDays: days })
  .map((timing) => ({ ...DEFAULT_SETTINGS, ...timing }));
const tier = fc.constantFrom(...TIERS);
/** Instants across DST switches and midnights, in the pinned zone. */
const createdAt = fc.integer({ min: NOW - 2_000 * MS_PER_DAY, max: NOW + 5 * MS_PER_DAY });

const contact: fc.Arbitrary<Contact> = fc
  .record({
    tier,
    lastContactAt: fc.option(day),
    snoozedUntil: fc.option(day),
    createdAt,
    settings,
  })
  .map(({ settings: s, ...fields }) => storedContact('linkedin:p', { ...fields, updatedAt: fields.createdAt }, s));

const withSettings = fc.tuple(contact, settings).map(([c, s]) => ({ c: { ...c, nextDueAt: computeNextDueAt(c, s) }, s }));

const dn = dayNumber;

describe('property: due rules', () => {
  it('next due is never before last contact (nor before the day the contact was added, without one)', () => {
    fc.assert(
      fc.property(withSettings, ({ c, s }) => {
        const due = nextDueDay(c, s);
        if (c.tier === 'none') return;
        expect(due).not.toBeNull();
        const from = c.lastContactAt ?? localToday(new Date(c.createdAt));
        const cadence = c.lastContactAt !== null ? s.cadenceDays[c.tier] : s.firstFollowUpDays;
        // Exactly base + cadence, or the later snooze day.
        const base = dn(from) + cadence;
        const snooze = c.snoozedUntil === null ? Number.NEGATIVE_INFINITY : dn(c.snoozedUntil);
        expect(dn(due ?? '')).toBe(Math.max(base, snooze));
        expect(dn(due ?? '')).toBeGreaterThan(dn(from));
        expect(c.nextDueAt).toBe(Math.max(base, snooze) * MS_PER_DAY);
      }),
      { numRuns: 500 },
    );
  });

  it('tier none is never due, whatever else the contact holds', () => {
    fc.assert(
      fc.property(withSettings, day, ({ c, s }, today) => {
        const none = applyPatch(c, { tier: 'none' }, s, NOW);
        expect(none.nextDueAt).toBe(NEVER_DUE);
        expect(nextDueDay(none, s)).toBeNull();
        expect(dueState(none.nextDueAt, today)).toEqual({ kind: 'never' });
        expect(overdueSeverity(none, s, today)).toBe('none');
        // A touch or a snooze does not make them due either.
        expect(applyTouch(none, { date: today }, s, NOW).nextDueAt).toBe(NEVER_DUE);
        expect(snoozeUntil(none, today, s, NOW).nextDueAt).toBe(NEVER_DUE);
      }),
      { numRuns: 300 },
    );
  });

  it('a snooze never moves last contact, and only ever postpones', () => {
    fc.assert(
      fc.property(withSettings, fc.option(day), ({ c, s }, until) => {
        const snoozed = snoozeUntil(c, until, s, NOW);
        expect(snoozed.lastContactAt).toBe(c.lastContactAt);
        expect(snoozed.snoozedUntil).toBe(until);
        const unsnoozed = snoozeUntil(c, null, s, NOW);
        expect(snoozed.nextDueAt).toBeGreaterThanOrEqual(unsnoozed.nextDueAt);
      }),
      { numRuns: 400 },
    );
  });

  it('a touch not newer than last contact never moves it (nor anything else the user sees)', () => {
    fc.assert(
      fc.property(withSettings, fc.integer({ min: 0, max: 2_000 }), ({ c, s }, back) => {
        fc.pre(c.lastContactAt !== null);
        const last = c.lastContactAt ?? '';
        const after = applyTouch(c, { date: addDays(last, -back) }, s, NOW + 1);
        expect(after).toEqual(c);
      }),
      { numRuns: 400 },
    );
  });

  it('a newer touch moves last contact to its day, and due to that day + cadence (or a later snooze)', () => {
    fc.assert(
      fc.property(withSettings, day, ({ c, s }, date) => {
        fc.pre(c.lastContactAt === null || dn(date) > dn(c.lastContactAt));
        const after = applyTouch(c, { date }, s, NOW + 1);
        expect(after.lastContactAt).toBe(date);
        expect(after.updatedAt).toBe(NOW + 1);
        // A snooze the touch passes ends; one still ahead stays.
        const keptSnooze = c.snoozedUntil !== null && dn(c.snoozedUntil) >= dn(date) ? c.snoozedUntil : null;
        expect(after.snoozedUntil).toBe(keptSnooze);
        if (c.tier === 'none') return;
        const base = dn(date) + s.cadenceDays[c.tier];
        const expected = keptSnooze === null ? base : Math.max(base, dn(keptSnooze));
        expect(after.nextDueAt).toBe(expected * MS_PER_DAY);
      }),
      { numRuns: 400 },
    );
  });

  it('dueState agrees with the day difference', () => {
    fc.assert(
      fc.property(day, day, (dueDay, today) => {
        const diff = dn(dueDay) - dn(today);
        const state = dueState(dayStartMs(dueDay), today);
        if (diff < 0) expect(state).toEqual({ kind: 'overdue', days: -diff });
        else if (diff === 0) expect(state).toEqual({ kind: 'today' });
        else expect(state).toEqual({ kind: 'upcoming', days: diff });
      }),
      { numRuns: 400 },
    );
  });

  it('the popup list and the badge count are exactly the contacts due by today (read from the index)', async () => {
    const dueDays = fc.array(fc.record({ tier, offset: fc.integer({ min: -40, max: 40 }) }), { maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(dueDays, fc.integer({ min: 0, max: 14 }), async (rows, horizon) => {
        const db = freshDb();
        try {
          const today = '2026-01-01';
          const cs: Contact[] = rows.map((r, i) => ({
            ...storedContact(`linkedin:p${i}`, { tier: r.tier as Tier, name: `P ${i}` }),
            nextDueAt: r.tier === 'none' ? NEVER_DUE : dayStartMs(addDays(today, r.offset)),
          }));
          await db.contacts.bulkPut(cs);
          const dueKeys = rows.flatMap((r, i) => (r.tier !== 'none' && r.offset <= 0 ? [`linkedin:p${i}`] : []));
          const upcomingKeys = rows.flatMap((r, i) =>
            r.tier !== 'none' && r.offset > 0 && r.offset <= horizon ? [`linkedin:p${i}`] : [],
          );
          expect(await countDue(db, today)).toBe(dueKeys.length);
          const listed = await listDue(db, today, horizon);
          expect(listed.due.map((c) => c.key).sort()).toEqual(dueKeys.sort());
          expect(listed.upcoming.map((c) => c.key).sort()).toEqual(upcomingKeys.sort());
          // Most urgent first: never a later due day before an earlier one.
          for (const list of [listed.due, listed.upcoming]) {
            for (let i = 1; i < list.length; i++) {
              expect(list[i - 1]?.nextDueAt ?? 0).toBeLessThanOrEqual(list[i]?.nextDueAt ?? 0);
            }
          }
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
