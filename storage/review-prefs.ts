/**
 * The weekly review's settings (schema v2: `reviewDoneDays`, `reminderDay`, `reminderTime`), read and
 * written through the settings record so validation and `updatedAt` (for sync) apply as to every setting.
 */
import type { KontaktDb } from './db';
import { recordReviewDone } from './review';
import { getSettings, saveSettings } from './settings';
import { DEFAULT_SETTINGS, type IsoDay, type Settings } from './types';

export type ReviewPrefs = Pick<Settings, 'reviewDoneDays' | 'reminderDay' | 'reminderTime'>;

export const DEFAULT_REVIEW_PREFS: ReviewPrefs = {
  reviewDoneDays: [],
  reminderDay: DEFAULT_SETTINGS.reminderDay,
  reminderTime: DEFAULT_SETTINGS.reminderTime,
};

export async function getReviewPrefs(db: KontaktDb): Promise<ReviewPrefs> {
  const { reviewDoneDays, reminderDay, reminderTime } = await getSettings(db);
  return { reviewDoneDays, reminderDay, reminderTime };
}

export async function saveReviewPrefs(db: KontaktDb, patch: Partial<ReviewPrefs>, nowMs = Date.now()): Promise<ReviewPrefs> {
  return db.transaction('rw', db.settings, db.contacts, db.keyDates, async () => {
    const { settings } = await saveSettings(db, { ...(await getSettings(db)), ...patch }, nowMs);
    return { reviewDoneDays: settings.reviewDoneDays, reminderDay: settings.reminderDay, reminderTime: settings.reminderTime };
  });
}

export async function markReviewDone(db: KontaktDb, today: IsoDay): Promise<ReviewPrefs> {
  return db.transaction('rw', db.settings, db.contacts, db.keyDates, async () => {
    const { reviewDoneDays } = await getReviewPrefs(db);
    return saveReviewPrefs(db, { reviewDoneDays: recordReviewDone(reviewDoneDays, today) });
  });
}
