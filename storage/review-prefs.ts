/**
 * The weekly review's settings, stored on the settings record under the schema v2 names
 * (`reviewDoneDays`, `reminderDay`, `reminderTime`), written field by field so every other setting
 * stays as it is.
 */
import type { KontaktDb } from './db';
import { DEFAULT_REMINDER_DAY, DEFAULT_REMINDER_TIME, isReminderDay, isReminderTime, type ReminderDay } from './reminder';
import { recordReviewDone } from './review';
import { DEFAULT_SETTINGS, type IsoDay, type Settings } from './types';
import { isIsoDay } from './dates';

export interface ReviewPrefs {
  reviewDoneDays: IsoDay[];
  reminderDay: ReminderDay;
  reminderTime: string;
}

export const DEFAULT_REVIEW_PREFS: ReviewPrefs = {
  reviewDoneDays: [],
  reminderDay: DEFAULT_REMINDER_DAY,
  reminderTime: DEFAULT_REMINDER_TIME,
};

type StoredSettings = Settings & Partial<ReviewPrefs>;

/** The stored values, each replaced by its default when missing or malformed. */
export function reviewPrefsOf(stored: Partial<ReviewPrefs> | undefined): ReviewPrefs {
  const days = Array.isArray(stored?.reviewDoneDays) ? stored.reviewDoneDays.filter(isIsoDay) : [];
  return {
    reviewDoneDays: days,
    reminderDay: isReminderDay(stored?.reminderDay) ? stored.reminderDay : DEFAULT_REMINDER_DAY,
    reminderTime: isReminderTime(stored?.reminderTime) ? stored.reminderTime : DEFAULT_REMINDER_TIME,
  };
}

export async function getReviewPrefs(db: KontaktDb): Promise<ReviewPrefs> {
  return reviewPrefsOf((await db.settings.get('main')) as StoredSettings | undefined);
}

export async function saveReviewPrefs(db: KontaktDb, patch: Partial<ReviewPrefs>): Promise<ReviewPrefs> {
  return db.transaction('rw', db.settings, async () => {
    const stored = ((await db.settings.get('main')) as StoredSettings | undefined) ?? { ...DEFAULT_SETTINGS };
    const next = reviewPrefsOf({ ...reviewPrefsOf(stored), ...patch });
    await db.settings.put({ ...stored, ...next } as Settings);
    return next;
  });
}

export async function markReviewDone(db: KontaktDb, today: IsoDay): Promise<ReviewPrefs> {
  const { reviewDoneDays } = await getReviewPrefs(db);
  return saveReviewPrefs(db, { reviewDoneDays: recordReviewDone(reviewDoneDays, today) });
}
