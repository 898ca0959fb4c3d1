import { browser } from 'wxt/browser';
import { localToday } from '../storage/dates';
import { countDue } from '../storage/due';
import { workerDb } from './database';

export const BADGE_ALARM = 'recount-badge';
const DAY_MINUTES = 24 * 60;

/** Sets the toolbar badge to the number of people due today or earlier (empty when none). */
export async function refreshBadge(now = new Date()): Promise<number> {
  const due = await countDue(workerDb(), localToday(now));
  // `browserAction`: an MV2 build (Firefox before the MV3 switch, or `wxt -b firefox --mv2`).
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeBackgroundColor({ color: '#b3261e' });
  await action.setBadgeText({ text: due > 0 ? String(due) : '' });
  return due;
}

/** A daily alarm just after local midnight, when people newly come due even if no page is open. */
export async function ensureBadgeAlarm(now = new Date()): Promise<void> {
  const existing = await browser.alarms.get(BADGE_ALARM);
  if (!existing) {
    const nextMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 0, 1);
    await browser.alarms.create(BADGE_ALARM, { when: nextMidnight.getTime(), periodInMinutes: DAY_MINUTES });
  }
  await refreshBadge(now);
}
