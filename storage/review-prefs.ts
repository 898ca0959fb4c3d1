/**
 * The weekly review's settings (schema v2: `reviewDoneDays`, `reminderDay`, `reminderTime`), read and
 * written through the settings record so validation and `updatedAt` (for sync) apply as to every setting.
 */
import type { KontaktDb } from './db';
import { recordReviewDone } from './review';
import { getSettings, updateSettings } from './settings';
import { DEFAULT_SETTINGS, type IsoDay, type Settings } from './types';

export type ReviewPrefs = Pick<Settings, 'reviewDoneDays' | 'reminderDay' | 'reminderTime'>;

export const DEFAULT_REVIEW_PREFS: ReviewPrefs = {
  reviewDoneDays: [],
  reminderDay: DEFAULT_SETTINGS.reminderDay,
  reminderTime: DEFAULT_SETTINGS.reminderTime,
};

const pick = ({ reviewDoneDays, reminderDay, reminderTime }: Settings): ReviewPrefs => ({
  reviewDoneDays,
  reminderDay,
  reminderTime,
});

export async function getReviewPrefs(db: KontaktDb): Promise<ReviewPrefs> {
  return pick(await getSettings(db));
}

export async function saveReviewPrefs(db: KontaktDb, patch: Partial<ReviewPrefs>, nowMs = Date.now()): Promise<ReviewPrefs> {
  return pick(await updateSettings(db, () => patch, nowMs));
}

export async function markReviewDone(db: KontaktDb, today: IsoDay, nowMs = Date.now()): Promise<ReviewPrefs> {
  const settings = await updateSettings(
    db,
    (current) => ({ reviewDoneDays: recordReviewDone(current.reviewDoneDays, today) }),
    nowMs,
  );
  return pick(settings);
}
