/**
 * Brings a parsed export file of an older format version up to the current one, one version at a
 * time, before it is validated against the current schema.
 *
 * `MIGRATION_STEPS[n]` takes a document of version n. For every version before the current one it
 * returns the document as version n + 1; for the current version it is the identity and ends the
 * chain. Version 2 is current: step 1 → 2 runs each record through the same functions as the
 * database upgrade (`storage/upgrade-v2.ts`), so a restored v1 notebook holds what an upgraded one
 * holds. Steps are never removed, so a backup made by any released version can be read by every later
 * one. A step sees the file before the schema does: what is not a record is passed on unchanged for
 * the validator to refuse.
 *
 * A version newer than this build is refused (`futureVersion`: "update the extension"); a version
 * that was never released (0, negative, a fraction, a string) is `invalid`.
 */
import { type ContactV1, contactToV2, randomId, type SettingsV1, settingsToV2, type TouchV1, touchToV2 } from '../upgrade-v2';
import { type BackupFailure, CURRENT_VERSION, FORMAT_ID } from './format';

/** A parsed file: our format marker, a version number, the rest not yet checked. */
export interface VersionedDocument {
  format: typeof FORMAT_ID;
  version: number;
  [field: string]: unknown;
}

export type MigrationStep = (doc: VersionedDocument) => VersionedDocument;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each record of a list through `f`; anything that is not a list of records stays for the schema to refuse. */
function mapRecords<T>(list: unknown, f: (r: T) => unknown): unknown {
  return Array.isArray(list) ? list.map((r) => (isRecord(r) ? f(r as T) : r)) : list;
}

/**
 * Version 1 → 2: ids for contacts (a v1 file has none; `newId` makes them), `updatedAt`/`deletedAt` for
 * touches, the v2 settings with their defaults, and the two new tables, empty.
 */
export function migrateV1toV2(v1: VersionedDocument, newId: () => string = randomId): VersionedDocument {
  const { id: _settingsId, ...settings } = isRecord(v1.settings) ? settingsToV2(v1.settings as unknown as SettingsV1) : {};
  return {
    ...v1,
    version: 2,
    contacts: mapRecords<ContactV1>(v1.contacts, (c) => contactToV2(c, newId)),
    touches: mapRecords<TouchV1>(v1.touches, (t) => touchToV2(t)),
    keyDates: [],
    promises: [],
    settings: isRecord(v1.settings) ? settings : v1.settings,
  };
}

export const MIGRATION_STEPS: Readonly<Record<number, MigrationStep>> = {
  1: (v1) => migrateV1toV2(v1),
  2: (v2) => v2,
};

export type MigrationResult = { ok: true; value: VersionedDocument } | BackupFailure;

/**
 * Runs the chain. `steps` and `current` are parameters only so tests can exercise a chain longer than
 * one version; the app always uses the defaults.
 */
export function migrateToCurrent(
  parsed: unknown,
  steps: Readonly<Record<number, MigrationStep>> = MIGRATION_STEPS,
  current: number = CURRENT_VERSION,
): MigrationResult {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: { code: 'notOurFormat' } };
  }
  const record = parsed as Record<string, unknown>;
  if (record.format !== FORMAT_ID) return { ok: false, error: { code: 'notOurFormat' } };
  const version = record.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version)) {
    return { ok: false, error: { code: 'invalid', detail: 'version' } };
  }
  if (version > current) return { ok: false, error: { code: 'futureVersion', detail: String(version) } };

  let doc: VersionedDocument = { ...record, format: FORMAT_ID, version };
  for (;;) {
    const step = Object.hasOwn(steps, doc.version) ? steps[doc.version] : undefined;
    if (!step) return { ok: false, error: { code: 'invalid', detail: 'version' } };
    const next = step(doc);
    if (doc.version === current) return { ok: true, value: next };
    if (next.version !== doc.version + 1) {
      throw new Error(`Migration step ${doc.version} returned version ${next.version}, not ${doc.version + 1}`);
    }
    doc = next;
  }
}
