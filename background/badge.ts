import { browser } from 'wxt/browser';
import { localToday } from '../storage/dates';
import { countDue } from '../storage/due';
import { countOccasionsDue, rolloverKeyDates } from '../storage/key-dates';
import { countPromisesDue } from '../storage/promises';
import type { KontaktDb } from '../storage/db';
import { workerDb } from './database';
import { refreshPopupSummary } from './popup-summary';

export const BADGE_ALARM = 'recount-badge';
const DAY_MINUTES = 24 * 60;

/**
 * What the badge number means: everything that needs action today. People due today or overdue,
 * occasions whose lead time has started (or whose day is today) and that were not acknowledged, and
 * open promises due today or overdue. Each part is read through its index.
 */
export async function badgeCount(db: KontaktDb, today: string): Promise<{ due: number; occasions: number; promises: number }> {
  const [due, occasions, promises] = await Promise.all([
    countDue(db, today),
    countOccasionsDue(db, today),
    countPromisesDue(db, today),
  ]);
  return { due, occasions, promises };
}

/**
 * Sets the toolbar badge to the number of things that need action today (empty when none), then has the
 * popup's first-screen summary read again (the same moments change both). The badge first: the summary's
 * reads (rows, people, touches) would otherwise share the worker and the database with the count the
 * user waits for; the old summary is dropped at once all the same (see `refreshPopupSummary`).
 */
export async function refreshBadge(now = new Date()): Promise<number> {
  try {
    const parts = await badgeCount(workerDb(), localToday(now));
    const total = parts.due + parts.occasions + parts.promises;
    // `browserAction`: an MV2 build (Firefox before the MV3 switch, or `wxt -b firefox --mv2`).
    const action = browser.action ?? browser.browserAction;
    await Promise.all([
      action.setBadgeBackgroundColor({ color: '#b3261e' }),
      action.setBadgeText({ text: total > 0 ? String(total) : '' }),
    ]);
    return total;
  } finally {
    void refreshPopupSummary(now);
  }
}

/**
 * The daily rollover, when the alarm fires just after local midnight: key dates whose day has passed
 * get their next occurrence, then the badge is recounted (people newly due, occasions moving into or
 * out of their window). Alarms survive the worker stopping, so this runs with no page open.
 */
export async function dailyRollover(now = new Date()): Promise<number> {
  await rolloverKeyDates(workerDb(), localToday(now));
  return refreshBadge(now);
}

/** A daily alarm just after local midnight; a stale index (the machine slept) is rolled over now. */
export async function ensureBadgeAlarm(now = new Date()): Promise<void> {
  const existing = await browser.alarms.get(BADGE_ALARM);
  if (!existing) {
    const nextMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 1);
    await browser.alarms.create(BADGE_ALARM, { when: nextMidnight.getTime(), periodInMinutes: DAY_MINUTES });
  }
  await dailyRollover(now);
}
