/**
 * The weekly review reminder: one alarm at the next scheduled time (`storage/reminder.ts`), and a system
 * notification that opens the review. No state in globals: the instant it last fired lives in
 * `storage.local` (this computer's, not the notebook's: another computer keeps its own). The alarm wakes a
 * stopped worker; at browser start and after an update the worker re-plans from that instant, so a browser
 * that was off at the time catches up once.
 */
import { browser } from 'wxt/browser';
import { browserLocale } from '../i18n/load';
import type { Translate } from '../i18n/translate';
import { localToday } from '../storage/dates';
import { planReminder } from '../storage/reminder';
import { getReviewPrefs } from '../storage/review-prefs';
import { readReviewCounts, type ReviewCounts } from '../storage/review-read';
import { workerDb } from './database';

export const REMINDER_ALARM = 'weekly-review';
export const REMINDER_NOTIFICATION = 'weekly-review';
export const REVIEW_PAGE = '/options.html#review';
const LAST_FIRED_KEY = 'reminderLastFiredAt';

export type ReminderCounts = ReviewCounts;

/** "Your weekly review: 7 people due, 2 occasions, 1 promise" (occasions and promises only when there are some). */
export function reminderText(counts: ReminderCounts, t: Translate, lang: string): string {
  const plural = new Intl.PluralRules(lang);
  const part = (n: number, one: Parameters<Translate>[0], other: Parameters<Translate>[0]) =>
    plural.select(n) === 'one' ? t(one) : t(other, n.toLocaleString(lang));
  const parts = [part(counts.due, 'reminderDue_one', 'reminderDue_other')];
  if (counts.occasions > 0) parts.push(part(counts.occasions, 'reminderOccasions_one', 'reminderOccasions_other'));
  if (counts.promises > 0) parts.push(part(counts.promises, 'reminderPromises_one', 'reminderPromises_other'));
  return t('reminderMessage', new Intl.ListFormat(lang, { style: 'short', type: 'unit' }).format(parts));
}

async function lastFiredAt(): Promise<number | null> {
  const stored = (await browser.storage.local.get(LAST_FIRED_KEY))[LAST_FIRED_KEY];
  return typeof stored === 'number' ? stored : null;
}

async function setLastFiredAt(ms: number): Promise<void> {
  await browser.storage.local.set({ [LAST_FIRED_KEY]: ms });
}

async function showReminder(now: Date): Promise<void> {
  const { t, lang } = browserLocale();
  await browser.notifications.create(REMINDER_NOTIFICATION, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/reminder-icon.png'),
    title: t('reminderTitle'),
    message: reminderText(await readReviewCounts(workerDb(), localToday(now)), t, lang),
  });
}

/**
 * Fires the reminder if its time passed since it last fired, and sets the alarm for the next time.
 * Called at browser start, after install or update, on the alarm and after the setting changed. A reminder never fired
 * counts from now, so switching it on does not fire for a past day.
 */
export async function checkReminder(now = new Date()): Promise<void> {
  const prefs = await getReviewPrefs(workerDb());
  let last = await lastFiredAt();
  if (last === null) {
    last = now.getTime();
    await setLastFiredAt(last);
  }
  const plan = planReminder({
    day: prefs.reminderDay,
    time: prefs.reminderTime,
    lastFiredAt: last,
    now: now.getTime(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  if (plan.fireNow) {
    // recorded before showing: a worker stopped mid-way must not show it a second time
    await setLastFiredAt(now.getTime());
    await showReminder(now);
  }
  if (plan.nextAt === null) await browser.alarms.clear(REMINDER_ALARM);
  else await browser.alarms.create(REMINDER_ALARM, { when: plan.nextAt });
}

/** After the user changed the reminder: count from now (no catch-up for a day before the change), then plan. */
export async function rearmReminder(now = new Date()): Promise<void> {
  await setLastFiredAt(now.getTime());
  await checkReminder(now);
}

export function openReviewPage(): void {
  void browser.tabs.create({ url: browser.runtime.getURL(REVIEW_PAGE) });
}

export function onReminderClicked(notificationId: string): void {
  if (notificationId !== REMINDER_NOTIFICATION) return;
  openReviewPage();
  void browser.notifications.clear(notificationId);
}
