import { dayInZone, isoWeekday, planReminder, zonedInstant } from '../../storage/reminder';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;
const monday9 = { day: 1, time: '09:00', timeZone: BERLIN } as const;

test('next Monday 09:00 Berlin time; nothing to catch up after last Monday’s reminder', () => {
  const plan = planReminder({ ...monday9, lastFiredAt: at('2026-11-23T08:00:00Z'), now: at('2026-11-27T11:00:00Z') });
  expect(plan).toEqual({ fireNow: false, nextAt: at('2026-11-30T08:00:00Z') });
});

test('earlier on the reminder day: later the same day', () => {
  const plan = planReminder({ ...monday9, lastFiredAt: at('2026-11-23T08:00:00Z'), now: at('2026-11-30T07:59:00Z') });
  expect(plan).toEqual({ fireNow: false, nextAt: at('2026-11-30T08:00:00Z') });
});

test('across the autumn switch: 09:00 summer time, then 09:00 winter time (an hour later in UTC)', () => {
  expect(planReminder({ ...monday9, lastFiredAt: null, now: at('2026-10-17T10:00:00Z') }).nextAt).toBe(
    at('2026-10-19T07:00:00Z'),
  );
  expect(planReminder({ ...monday9, lastFiredAt: null, now: at('2026-10-24T10:00:00Z') }).nextAt).toBe(
    at('2026-10-26T08:00:00Z'),
  );
});

test('across the spring switch: 09:00 winter time, then 09:00 summer time', () => {
  expect(planReminder({ ...monday9, lastFiredAt: null, now: at('2026-03-21T10:00:00Z') }).nextAt).toBe(
    at('2026-03-23T08:00:00Z'),
  );
  expect(planReminder({ ...monday9, lastFiredAt: null, now: at('2026-03-28T10:00:00Z') }).nextAt).toBe(
    at('2026-03-30T07:00:00Z'),
  );
});

test('a time the switch skips fires when the clock shows the hour after; a time that happens twice fires once, the first time', () => {
  // Sunday 29 March 2026: 02:00 → 03:00 CEST; 02:30 does not exist
  expect(zonedInstant('2026-03-29', '02:30', BERLIN)).toBe(at('2026-03-29T01:30:00Z'));
  // Sunday 25 October 2026: 03:00 → 02:00 CET; 02:30 happens twice
  expect(zonedInstant('2026-10-25', '02:30', BERLIN)).toBe(at('2026-10-25T00:30:00Z'));
  const sunday = { day: 7, time: '02:30', timeZone: BERLIN } as const;
  const fired = at('2026-10-25T00:30:00Z');
  expect(planReminder({ ...sunday, lastFiredAt: fired, now: at('2026-10-25T01:30:00Z') })).toEqual({
    fireNow: false,
    nextAt: at('2026-11-01T01:30:00Z'),
  });
});

test('the computer was off for two weeks: catches up once, then waits for the next Monday', () => {
  const now = at('2026-11-27T11:00:00Z');
  const missed = planReminder({ ...monday9, lastFiredAt: at('2026-11-09T08:00:00Z'), now });
  expect(missed).toEqual({ fireNow: true, nextAt: at('2026-11-30T08:00:00Z') });
  expect(planReminder({ ...monday9, lastFiredAt: now, now: now + MINUTE })).toEqual({
    fireNow: false,
    nextAt: at('2026-11-30T08:00:00Z'),
  });
});

test('the browser started after 09:00 on Monday: fires at start; the alarm itself fires once, never twice', () => {
  const lastWeek = at('2026-11-16T08:00:00Z');
  expect(planReminder({ ...monday9, lastFiredAt: lastWeek, now: at('2026-11-23T10:30:00Z') }).fireNow).toBe(true);
  const alarm = at('2026-11-23T08:00:00Z');
  expect(planReminder({ ...monday9, lastFiredAt: lastWeek, now: alarm }).fireNow).toBe(true);
  // a second alarm event or a worker restart a moment later
  expect(planReminder({ ...monday9, lastFiredAt: alarm, now: alarm + 1 }).fireNow).toBe(false);
  expect(planReminder({ ...monday9, lastFiredAt: alarm, now: alarm + 1 }).nextAt).toBe(at('2026-11-30T08:00:00Z'));
});

test('switched on mid-week: no catch-up for the Monday before it was switched on', () => {
  const switchedOn = at('2026-11-25T15:00:00Z');
  expect(planReminder({ ...monday9, lastFiredAt: switchedOn, now: switchedOn + MINUTE }).fireNow).toBe(false);
});

test('off: no alarm', () => {
  expect(
    planReminder({ day: 'off', time: '09:00', timeZone: BERLIN, lastFiredAt: null, now: at('2026-11-27T11:00:00Z') }),
  ).toEqual({
    fireNow: false,
    nextAt: null,
  });
});

test('another zone: New York’s Monday 09:00, and its own DST dates (1 November 2026)', () => {
  const ny = { day: 1, time: '09:00', timeZone: 'America/New_York' } as const;
  expect(planReminder({ ...ny, lastFiredAt: null, now: at('2026-10-28T12:00:00Z') }).nextAt).toBe(at('2026-11-02T14:00:00Z'));
  expect(planReminder({ ...ny, lastFiredAt: null, now: at('2026-10-21T12:00:00Z') }).nextAt).toBe(at('2026-10-26T13:00:00Z'));
});

test('days and weekdays in the zone', () => {
  // 23:30 UTC on Sunday is already Monday in Berlin
  expect(dayInZone(at('2026-11-29T23:30:00Z'), BERLIN)).toBe('2026-11-30');
  expect(isoWeekday('2026-11-30')).toBe(1);
  expect(isoWeekday('2026-11-29')).toBe(7);
});
