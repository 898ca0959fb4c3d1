/**
 * The toolbar badge: the number of people due today or earlier, empty when none, kept right by a daily
 * alarm just after local midnight (when people newly come due with no page open).
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addContact, updateContact } from '../../storage/contacts';
import { acknowledgeKeyDate, addKeyDate } from '../../storage/key-dates';
import { addPromise, completePromise } from '../../storage/promises';
import { type KontaktDb, openDb } from '../../storage/db';
import { DEFAULT_SETTINGS, type Tier } from '../../storage/types';

const fake = vi.hoisted(() => {
  const badge = { text: null as string | null, color: null as string | null };
  const alarms = new Map<string, { name: string; scheduledTime: number; periodInMinutes?: number }>();
  const action = {
    setBadgeText: async ({ text }: { text: string }) => {
      badge.text = text;
    },
    setBadgeBackgroundColor: async ({ color }: { color: string }) => {
      badge.color = color;
    },
  };
  const browser = {
    action: action as typeof action | undefined,
    browserAction: undefined as typeof action | undefined,
    alarms: {
      get: async (name: string) => alarms.get(name),
      create: vi.fn(async (name: string, info: { when: number; periodInMinutes?: number }) => {
        alarms.set(name, { name, scheduledTime: info.when, periodInMinutes: info.periodInMinutes });
      }),
    },
  };
  return { badge, alarms, action, browser, db: { current: null as unknown } };
});

vi.mock('wxt/browser', () => ({ browser: fake.browser }));
vi.mock('../../background/database', () => ({ workerDb: () => fake.db.current }));

const { BADGE_ALARM, dailyRollover, ensureBadgeAlarm, refreshBadge } = await import('../../background/badge');

// "Today" and the alarm are local: every instant here is built in the machine's own zone.
/** 14:00 local time on 15 June 2025. */
const NOW = new Date(2025, 5, 15, 14, 0);
let db: KontaktDb;

beforeEach(() => {
  db = openDb(`kontaktpflege-badge-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  fake.db.current = db;
  fake.badge.text = null;
  fake.badge.color = null;
  fake.alarms.clear();
  fake.browser.action = fake.action;
  fake.browser.browserAction = undefined;
  fake.browser.alarms.create.mockClear();
});
afterEach(() => db.close());

/** A person whose last contact was `lastContactAt` (tier A: due 30 days later). */
async function person(slug: string, tier: Tier, lastContactAt: string): Promise<void> {
  const key = `linkedin:${slug}`;
  const profile = { key, site: 'linkedin' as const, profileUrl: `https://www.linkedin.com/in/${slug}/`, aliases: [], name: slug };
  await addContact(
    db,
    { ...profile, headline: null, company: null, location: null, photoUrl: null },
    DEFAULT_SETTINGS,
    NOW.getTime(),
  );
  await updateContact(db, key, { tier, lastContactAt }, NOW.getTime());
}

describe('refreshBadge', () => {
  it('shows how many are due today or overdue, not those coming up or never due', async () => {
    await person('overdue', 'A', '2025-04-01'); // due 1 May
    await person('today', 'A', '2025-05-16'); // due 15 June
    await person('tomorrow', 'A', '2025-05-17'); // due 16 June
    await person('never', 'none', '2020-01-01');
    expect(await refreshBadge(NOW)).toBe(2);
    expect(fake.badge.text).toBe('2');
    expect(fake.badge.color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('is empty, not "0", when no one is due', async () => {
    await person('tomorrow', 'A', '2025-05-17');
    fake.badge.text = '5';
    expect(await refreshBadge(NOW)).toBe(0);
    expect(fake.badge.text).toBe('');
  });

  it("counts by the user's local day: just after local midnight it is the next day", async () => {
    await person('tomorrow', 'A', '2025-05-17'); // due 16 June
    expect(await refreshBadge(new Date(2025, 5, 15, 23, 59))).toBe(0);
    expect(await refreshBadge(new Date(2025, 5, 16, 0, 30))).toBe(1);
    expect(fake.badge.text).toBe('1');
  });

  it('uses the MV2 toolbar button (browserAction) where there is no action', async () => {
    await person('today', 'A', '2025-05-16');
    fake.browser.browserAction = fake.action;
    fake.browser.action = undefined;
    await refreshBadge(NOW);
    expect(fake.badge.text).toBe('1');
  });
});

describe('ensureBadgeAlarm', () => {
  it('schedules a daily recount at 00:01 local time the next night, and counts now', async () => {
    await person('today', 'A', '2025-05-16');
    await ensureBadgeAlarm(NOW);
    expect(fake.alarms.get(BADGE_ALARM)).toEqual({
      name: BADGE_ALARM,
      scheduledTime: new Date(2025, 5, 16, 0, 1).getTime(),
      periodInMinutes: 24 * 60,
    });
    expect(fake.badge.text).toBe('1');
  });

  it('keeps an existing alarm (a worker restart must not push the recount back) and still counts', async () => {
    fake.alarms.set(BADGE_ALARM, { name: BADGE_ALARM, scheduledTime: 1, periodInMinutes: 1440 });
    await person('today', 'A', '2025-05-16');
    await ensureBadgeAlarm(NOW);
    expect(fake.browser.alarms.create).not.toHaveBeenCalled();
    expect(fake.alarms.get(BADGE_ALARM)?.scheduledTime).toBe(1);
    expect(fake.badge.text).toBe('1');
  });
});

describe('the badge counts occasions and promises too', () => {
  const birthday = (month: number, day: number) =>
    ({ kind: 'birthday', label: '', month, day, year: null, recurrence: 'yearly' }) as const;

  it('adds occasions whose lead time has started and promises due or overdue; acknowledged or done ones leave it', async () => {
    await person('due', 'A', '2025-05-16'); // due today: 1
    await person('friend', 'A', '2025-06-14'); // not due
    const kd = await addKeyDate(db, 'linkedin:friend', birthday(6, 20), '2025-06-15', NOW.getTime()); // 5 days ahead, A: 7
    await addKeyDate(db, 'linkedin:friend', birthday(6, 23), '2025-06-15', NOW.getTime()); // 8 days ahead: not yet
    const p = await addPromise(db, 'linkedin:friend', { direction: 'mine', text: 'Artikel', dueDate: '2025-06-14' }, 1);
    await addPromise(db, 'linkedin:friend', { direction: 'mine', text: 'Später', dueDate: '2025-06-16' }, 1);
    expect(await refreshBadge(NOW)).toBe(3);
    expect(fake.badge.text).toBe('3');
    await acknowledgeKeyDate(db, kd.id, '2025-06-15', NOW.getTime());
    await completePromise(db, p.id, NOW.getTime());
    expect(await refreshBadge(NOW)).toBe(1);
  });

  it('the daily rollover just after midnight moves occasions into their window and recounts', async () => {
    await person('friend', 'A', '2025-06-14');
    await addKeyDate(db, 'linkedin:friend', birthday(6, 23), '2025-06-15', NOW.getTime()); // 8 days ahead
    await addKeyDate(db, 'linkedin:friend', birthday(6, 15), '2025-06-15', NOW.getTime()); // today: A shows it
    expect(await refreshBadge(NOW)).toBe(1);
    // 00:01 the next night: 23 June is now 7 days ahead; 15 June has passed and rolls over to 2026
    expect(await dailyRollover(new Date(2025, 5, 16, 0, 1))).toBe(1);
    const rows = await db.keyDates.orderBy('nextOccurrenceAt').toArray();
    expect(rows.map((r) => r.nextOccurrenceAt)).toEqual([Date.UTC(2025, 5, 23), Date.UTC(2026, 5, 15)]);
    expect(fake.badge.text).toBe('1');
  });
});
