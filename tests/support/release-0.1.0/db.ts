/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/db.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/**
 * The one database, `kontaktpflege`, in the extension origin (never in a content script: there it
 * would belong to linkedin.com). Popup and dashboard open it directly; the background worker opens it
 * for the badge, the alarms and the panel.
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { Contact, Settings, Touch } from './types';

export const DB_NAME = 'kontaktpflege';

/**
 * Schema of version 1. An index exists only because a `where()` uses it:
 * - `nextDueAt`: the popup's due list and the badge count (`storage/due.ts`);
 * - `[tier+nextDueAt]`: the popup's due list under a tier filter (`dueUpTo` in `storage/due.ts`);
 * - `updatedAt`: no query reads it, yet every write pays for it. Drop it in schema v2 (issue 9's
 *   occasions version: `contacts: 'key, nextDueAt, [tier+nextDueAt], *aliases'`), not by editing v1;
 *   bring it back only together with the query that needs it (e.g. sync's "changed since").
 *   TODO(schema v2): drop `updatedAt`;
 * - `*aliases` (multi-entry): finding a person by an old slug or member id is a query.
 * Touches are read per contact, newest first, through `[contactKey+date]`.
 * Note text is never indexed.
 */
export const SCHEMA_V1 = {
  contacts: 'key, nextDueAt, [tier+nextDueAt], updatedAt, *aliases',
  touches: 'id, [contactKey+date]',
  settings: 'id',
} as const satisfies Record<string, string>;

/**
 * Every schema version a user may still have, oldest first. Shipped versions are never edited or
 * removed; a new version is appended here, e.g.
 *   db.version(2).stores(SCHEMA_V2).upgrade((tx) => …);
 * where SCHEMA_V2 lists only the tables it adds or changes.
 */
export function declareVersions(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
}

export class KontaktDb extends Dexie {
  contacts!: EntityTable<Contact, 'key'>;
  touches!: EntityTable<Touch, 'id'>;
  settings!: EntityTable<Settings, 'id'>;

  /** `options` lets tests pass fake-indexeddb's `indexedDB`/`IDBKeyRange`. */
  constructor(name: string = DB_NAME, options?: DexieOptions) {
    super(name, options);
    declareVersions(this);
  }
}

/** The database, not yet opened: Dexie opens it on the first query. */
export function openDb(name: string = DB_NAME, options?: DexieOptions): KontaktDb {
  return new KontaktDb(name, options);
}
