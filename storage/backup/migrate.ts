/**
 * Brings a parsed export file of an older format version up to the current one, one version at a
 * time, before it is validated against the current schema.
 *
 * `MIGRATION_STEPS[n]` takes a document of version n. For every version before the current one it
 * returns the document as version n + 1; for the current version it is the identity and ends the
 * chain. Version 1 is current, so today the chain is `{ 1: (v1) => v1 }`. When version 2 arrives:
 * replace entry 1 with the step 1 → 2 (it must set `version: 2`), add `2: (v2) => v2`, bump
 * `CURRENT_VERSION`, and keep a version-1 fixture in the tests. Steps are never removed, so a
 * backup made by any released version can be read by every later one.
 *
 * A version newer than this build is refused (`futureVersion`: "update the extension"); a version
 * that was never released (0, negative, a fraction, a string) is `invalid`.
 */
import { type BackupFailure, CURRENT_VERSION, FORMAT_ID } from './format';

/** A parsed file: our format marker, a version number, the rest not yet checked. */
export interface VersionedDocument {
  format: typeof FORMAT_ID;
  version: number;
  [field: string]: unknown;
}

export type MigrationStep = (doc: VersionedDocument) => VersionedDocument;

export const MIGRATION_STEPS: Readonly<Record<number, MigrationStep>> = {
  1: (v1) => v1,
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
