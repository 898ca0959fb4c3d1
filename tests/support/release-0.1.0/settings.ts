/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/settings.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
import type { KontaktDb } from './db';
import { recomputeAll, StorageValidationError } from './rules';
import { DEFAULT_SETTINGS, LANGUAGES, type LanguageSetting, type Settings } from './types';

export const MIN_DAYS = 1;
export const MAX_DAYS = 3650;

/** A fresh copy of the defaults, so no caller can change `DEFAULT_SETTINGS` itself. */
function defaults(): Settings {
  return { ...DEFAULT_SETTINGS, cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays } };
}

/**
 * The stored settings, `DEFAULT_SETTINGS` when none are stored. Fields a stored record lacks (one
 * written before a setting existed) come from the defaults.
 */
export async function getSettings(db: KontaktDb): Promise<Settings> {
  const stored = await db.settings.get('main');
  const d = defaults();
  if (!stored) return d;
  return { ...d, ...stored, id: 'main', cadenceDays: { ...d.cadenceDays, ...stored.cadenceDays } };
}

function checkDays(label: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_DAYS || v > MAX_DAYS) {
    throw new StorageValidationError(`${label} must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}: ${String(v)}`);
  }
  return v;
}

/** Checks every field and returns a clean copy (no extra keys). Throws StorageValidationError. */
export function validateSettings(s: Settings): Settings {
  if (!(LANGUAGES as readonly LanguageSetting[]).includes(s.language))
    throw new StorageValidationError(`Unknown language: ${String(s.language)}`);
  return {
    id: 'main',
    cadenceDays: {
      A: checkDays('cadenceDays.A', s.cadenceDays?.A),
      B: checkDays('cadenceDays.B', s.cadenceDays?.B),
      C: checkDays('cadenceDays.C', s.cadenceDays?.C),
    },
    firstFollowUpDays: checkDays('firstFollowUpDays', s.firstFollowUpDays),
    language: s.language,
  };
}

/**
 * Validates and stores the settings and, in the same transaction, recomputes `nextDueAt` of every
 * contact it changes, so the due index never disagrees with the cadences. Returns the stored settings
 * and how many contacts moved. `nowMs` is accepted like every other write but not stamped anywhere:
 * contacts' `updatedAt` stays (see `recomputeAll`) and the settings record has no time field.
 */
export async function saveSettings(
  db: KontaktDb,
  settings: Settings,
  _nowMs: number,
): Promise<{ settings: Settings; recomputed: number }> {
  const clean = validateSettings(settings);
  return db.transaction('rw', db.settings, db.contacts, async () => {
    const before = await getSettings(db);
    await db.settings.put(clean);
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
