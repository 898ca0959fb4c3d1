import type { KontaktDb } from './db';
import { recomputeAll, StorageValidationError } from './rules';
import { isIsoDay, localToday } from './dates';
import { computeNextOccurrenceAt } from './occasions';
import {
  DEFAULT_SETTINGS,
  FEB29_RULES,
  type Feb29Rule,
  LANGUAGES,
  type LanguageSetting,
  REMINDER_DAYS,
  type ReminderDay,
  type Settings,
} from './types';

export const MIN_DAYS = 1;
export const MAX_DAYS = 3650;
/** An occasion's lead time: 0 (on the day) up to a year ahead. */
export const MAX_LEAD_DAYS = 365;
/** Finished reviews kept for the streak: twenty years of weekly reviews. */
export const MAX_REVIEW_DAYS = 1_100;

const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A fresh copy of the defaults, so no caller can change `DEFAULT_SETTINGS` itself. */
function defaults(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays },
    leadDays: { ...DEFAULT_SETTINGS.leadDays },
    reviewDoneDays: [...DEFAULT_SETTINGS.reviewDoneDays],
  };
}

/**
 * The stored settings, `DEFAULT_SETTINGS` when none are stored. Fields a stored record lacks (one
 * written before a setting existed) come from the defaults.
 */
export async function getSettings(db: KontaktDb): Promise<Settings> {
  const stored = await db.settings.get('main');
  const d = defaults();
  if (!stored) return d;
  return {
    ...d,
    ...stored,
    id: 'main',
    cadenceDays: { ...d.cadenceDays, ...stored.cadenceDays },
    leadDays: { ...d.leadDays, ...stored.leadDays },
  };
}

function checkDays(label: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_DAYS || v > MAX_DAYS) {
    throw new StorageValidationError(`${label} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}: ${String(v)}`);
  }
  return v;
}

function checkLead(label: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_LEAD_DAYS) {
    throw new StorageValidationError(`${label} must be a whole number of days from 0 to ${MAX_LEAD_DAYS}: ${String(v)}`);
  }
  return v;
}

/** Checks every field and returns a clean copy (no extra keys). Throws StorageValidationError. */
export function validateSettings(s: Settings): Settings {
  if (!(LANGUAGES as readonly LanguageSetting[]).includes(s.language))
    throw new StorageValidationError(`Unknown language: ${String(s.language)}`);
  if (!(FEB29_RULES as readonly Feb29Rule[]).includes(s.feb29))
    throw new StorageValidationError(`feb29 must be 'mar1' or 'feb28': ${String(s.feb29)}`);
  if (typeof s.icsFollowUps !== 'boolean') throw new StorageValidationError('icsFollowUps must be true or false');
  if (!(REMINDER_DAYS as readonly ReminderDay[]).includes(s.reminderDay))
    throw new StorageValidationError(`reminderDay must be 'off' or 1 to 7: ${String(s.reminderDay)}`);
  if (typeof s.reminderTime !== 'string' || !TIME_PATTERN.test(s.reminderTime))
    throw new StorageValidationError(`reminderTime must be HH:MM: ${String(s.reminderTime)}`);
  if (!Array.isArray(s.reviewDoneDays) || !s.reviewDoneDays.every(isIsoDay))
    throw new StorageValidationError('reviewDoneDays must be a list of YYYY-MM-DD days');
  if (s.reviewDoneDays.length > MAX_REVIEW_DAYS)
    throw new StorageValidationError(`reviewDoneDays holds more than ${MAX_REVIEW_DAYS} days`);
  if (typeof s.updatedAt !== 'number' || !Number.isFinite(s.updatedAt) || s.updatedAt < 0)
    throw new StorageValidationError(`updatedAt must be an instant in ms: ${String(s.updatedAt)}`);
  return {
    id: 'main',
    cadenceDays: {
      A: checkDays('cadenceDays.A', s.cadenceDays?.A),
      B: checkDays('cadenceDays.B', s.cadenceDays?.B),
      C: checkDays('cadenceDays.C', s.cadenceDays?.C),
    },
    firstFollowUpDays: checkDays('firstFollowUpDays', s.firstFollowUpDays),
    language: s.language,
    leadDays: {
      A: checkLead('leadDays.A', s.leadDays?.A),
      B: checkLead('leadDays.B', s.leadDays?.B),
      C: checkLead('leadDays.C', s.leadDays?.C),
    },
    feb29: s.feb29,
    icsFollowUps: s.icsFollowUps,
    reminderDay: s.reminderDay,
    reminderTime: s.reminderTime,
    // sorted and without repeats, so the streak reads them in order
    reviewDoneDays: [...new Set(s.reviewDoneDays)].sort(),
    updatedAt: s.updatedAt,
  };
}

/**
 * Validates and stores the settings (stamped `updatedAt = nowMs`) and, in the same transaction,
 * recomputes `nextDueAt` of every contact it changes, so the due index never disagrees with the
 * cadences. Returns the stored settings and how many contacts moved. Contacts' `updatedAt` stays (see
 * `recomputeAll`).
 */
export async function saveSettings(
  db: KontaktDb,
  settings: Settings,
  nowMs: number,
): Promise<{ settings: Settings; recomputed: number }> {
  const clean = { ...validateSettings(settings), updatedAt: nowMs };
  return db.transaction('rw', db.settings, db.contacts, db.keyDates, async () => {
    const before = await getSettings(db);
    await db.settings.put(clean);
    if (before.feb29 !== clean.feb29) {
      // 29 February dates move between 28 Feb and 1 Mar: their index day follows the rule.
      const today = localToday(new Date(nowMs));
      const leapDays = await db.keyDates.filter((kd) => kd.month === 2 && kd.day === 29 && kd.deletedAt === null).toArray();
      await db.keyDates.bulkPut(
        leapDays.map((kd) => ({ ...kd, nextOccurrenceAt: computeNextOccurrenceAt(kd, today, clean.feb29) })),
      );
    }
    const timingChanged =
      before.firstFollowUpDays !== clean.firstFollowUpDays ||
      before.cadenceDays.A !== clean.cadenceDays.A ||
      before.cadenceDays.B !== clean.cadenceDays.B ||
      before.cadenceDays.C !== clean.cadenceDays.C;
    if (!timingChanged) return { settings: clean, recomputed: 0 };
    const changed = recomputeAll(await db.contacts.toArray(), clean);
    await db.contacts.bulkPut(changed);
    return { settings: clean, recomputed: changed.length };
  });
}

/**
 * Reads the settings, applies `change` to them and saves the result, all in one transaction, so two
 * views changing different settings at once cannot undo each other's change.
 */
export async function updateSettings(
  db: KontaktDb,
  change: (current: Settings) => Partial<Settings>,
  nowMs: number,
): Promise<Settings> {
  return db.transaction('rw', db.settings, db.contacts, db.keyDates, async () => {
    const current = await getSettings(db);
    return (await saveSettings(db, { ...current, ...change(current) }, nowMs)).settings;
  });
}
