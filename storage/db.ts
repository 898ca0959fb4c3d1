/**
 * The one database, `kontaktpflege`, in the extension origin (never in a content script: there it
 * would belong to linkedin.com). Popup and dashboard open it directly; the background worker opens it
 * for the badge, the alarms and the panel.
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { Contact, KeyDate, PromiseRecord, Settings, Touch } from './types';
import { contactToV2, type ContactV1, type SettingsV1, settingsToV2, type TouchV1, touchToV2 } from './upgrade-v2';

export const DB_NAME = 'kontaktpflege';

/**
 * Schema of version 1. An index exists only because a `where()` uses it:
 * - `nextDueAt`: the popup's due list and the badge count (`storage/due.ts`);
 * - `[tier+nextDueAt]`: the popup's due list under a tier filter (`dueUpTo` in `storage/due.ts`);
 * - `updatedAt`: no query read it, yet every write paid for it; schema v2 drops it;
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
 * Schema of version 2 (the occasions release, docs/schema-v2.md). Each index has its reader:
 * - contacts: v1's minus `updatedAt` (no query read it); `&id`: the stable id sync addresses records by;
 * - touches `deletedAt`: holds only tombstones (null is not a valid IndexedDB key, so live touches are
 *   not in it), so `touchCounts` can subtract the few tombstones from the index counts without reading
 *   every touch;
 * - keyDates `contactKey`: a person's key dates; `nextOccurrenceAt`: the popup's occasions, the badge
 *   and the daily rollover, read up to a bound;
 * - promises `contactKey`: a person's promises; `openDueAt`: set only on open, live, dated promises,
 *   so the popup and the badge read just those.
 */
export const SCHEMA_V2 = {
  contacts: 'key, nextDueAt, [tier+nextDueAt], *aliases, &id',
  touches: 'id, [contactKey+date], deletedAt',
  keyDates: 'id, contactKey, nextOccurrenceAt',
  promises: 'id, contactKey, openDueAt',
  settings: 'id',
} as const satisfies Record<string, string>;

/**
 * Every schema version a user may still have, oldest first. Shipped versions are never edited or
 * removed; a new version is appended here with its `upgrade`.
 */
export function declareVersions(db: Dexie): void {
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    // The same functions migrate a version-1 backup on import (storage/upgrade-v2.ts).
    .upgrade(async (tx) => {
      await tx
        .table<ContactV1, string>('contacts')
        .toCollection()
        .modify((c, ref) => {
          ref.value = contactToV2(c);
        });
      await tx
        .table<TouchV1, string>('touches')
        .toCollection()
        .modify((t, ref) => {
          ref.value = touchToV2(t);
        });
      await tx
        .table<SettingsV1, string>('settings')
        .toCollection()
        .modify((s, ref) => {
          ref.value = settingsToV2(s);
        });
    });
}

export class KontaktDb extends Dexie {
  contacts!: EntityTable<Contact, 'key'>;
  touches!: EntityTable<Touch, 'id'>;
  keyDates!: EntityTable<KeyDate, 'id'>;
  promises!: EntityTable<PromiseRecord, 'id'>;
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
