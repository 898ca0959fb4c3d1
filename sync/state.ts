/**
 * What sync keeps in this browser, in its own database `kontaktpflege-sync` (apart from the notebook,
 * whose schema belongs to storage/): the connection, the derived key as a non-extractable CryptoKey
 * (IndexedDB stores it without ever exposing its bytes; the passphrase itself is never stored), the
 * merge state of every record, and the counters that say which files were read.
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { SyncRecord } from './crdt';
import type { SyncProblem } from './webdav';

export const SYNC_DB_NAME = 'kontaktpflege-sync';

export interface SyncConfig {
  url: string;
  user: string;
  /** the app password: basic auth needs it on every request (use an app password the server can revoke) */
  password: string;
  notebookId: string;
  /** this browser's random id: its files' names carry it, nothing else */
  replicaId: string;
  key: CryptoKey;
}

export interface SyncProgress {
  /** the number of this browser's next file */
  seq: number;
  /** the hybrid logical clock: the latest time stamped or read */
  clock: number;
  /** per other browser, the highest file number read (all before it are read too) */
  readUpTo: Record<string, number>;
  lastSyncAt: number | null;
  problem: SyncProblem | null;
  /** `dirty` as it was when local edits were last taken in */
  ingestedDirty: number;
}

/** What the sync database keeps per record. */
export interface RecordState {
  record: SyncRecord;
  /**
   * The local record as sync last took it in or wrote it (undefined: never): a local edit is what
   * differs from it, so a merged value not yet written locally is not mistaken for one.
   */
  base?: Record<string, unknown> | null;
}

/**
 * A row of the `records` table: the state as JSON text. IndexedDB clones one string far faster than
 * a record's tree of small per-field objects (60,000 records of a 10k-contact notebook at once).
 */
export interface StoredRecord {
  /** `table/id` */
  k: string;
  /**
   * JSON of `[packed record, base?]` (sync/codec.ts): base absent when sync never took the record in,
   * 0 when it is the record's own local form (most records: not stored twice), else the row or null.
   */
  p?: string;
  /** as 0.2.0 saved it: JSON of a RecordState (read, never written) */
  j?: string;
}

interface MetaRow {
  k: 'config' | 'progress' | 'dirty' | 'dirtyKeys' | 'replica';
  v: unknown;
}

export class SyncDb extends Dexie {
  records!: EntityTable<StoredRecord, 'k'>;
  meta!: EntityTable<MetaRow, 'k'>;

  constructor(name: string = SYNC_DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({ records: 'k', meta: 'k' });
  }
}

export function recordKey(table: string, id: string): string {
  return `${table}/${id}`;
}

export function freshProgress(): SyncProgress {
  return { seq: 1, clock: 0, readUpTo: {}, lastSyncAt: null, problem: null, ingestedDirty: -1 };
}

export async function getConfig(db: SyncDb): Promise<SyncConfig | undefined> {
  return (await db.meta.get('config'))?.v as SyncConfig | undefined;
}

/**
 * Whether sync is set up here, without reading the connection itself: its CryptoKey is rebuilt from
 * IndexedDB on every read, which a steady round need not pay for.
 */
export async function isConnected(db: SyncDb): Promise<boolean> {
  return (await db.meta.where('k').equals('config').count()) > 0;
}

/**
 * This browser's id in the notebook it is connected to (undefined: not connected), to check that a
 * round's results still belong to the current connection. Read from its own row; a connection made
 * by 0.2.0 has none, then from the connection.
 */
export async function getReplicaId(db: SyncDb): Promise<string | undefined> {
  const row = await db.meta.get('replica');
  if (typeof row?.v === 'string') return row.v;
  return (await getConfig(db))?.replicaId;
}

/** What a round starts from, in one read (a steady round with nothing changed is this, one PROPFIND and one write). */
export async function readRoundState(
  db: SyncDb,
): Promise<{ config: SyncConfig | undefined; progress: SyncProgress; dirty: number; dirtyKeys: string[] | null }> {
  const [config, progress, dirty, dirtyKeys] = await db.meta.bulkGet(['config', 'progress', 'dirty', 'dirtyKeys']);
  return {
    config: config?.v as SyncConfig | undefined,
    progress: (progress?.v as SyncProgress | undefined) ?? freshProgress(),
    dirty: (dirty?.v as number | undefined) ?? 0,
    dirtyKeys: Array.isArray(dirtyKeys?.v) ? (dirtyKeys.v as string[]) : null,
  };
}

export async function getProgress(db: SyncDb): Promise<SyncProgress> {
  return ((await db.meta.get('progress'))?.v as SyncProgress | undefined) ?? freshProgress();
}

export async function putProgress(db: SyncDb, progress: SyncProgress): Promise<void> {
  await db.meta.put({ k: 'progress', v: progress });
}

export async function getDirty(db: SyncDb): Promise<number> {
  return ((await db.meta.get('dirty'))?.v as number | undefined) ?? 0;
}

/** The contacts whose records changed since the last round; null: any record may have (compare all). */
export async function getDirtyKeys(db: SyncDb): Promise<string[] | null> {
  const v = (await db.meta.get('dirtyKeys'))?.v;
  return Array.isArray(v) ? (v as string[]) : null;
}

/**
 * Something in the notebook changed: the next round takes local edits in. `contactKeys`: only these
 * people's records (their contact, touches, key dates, promises) changed; absent: anything may have.
 */
export async function markDirty(db: SyncDb, contactKeys?: readonly string[] | null): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const dirty = await getDirty(db);
    const keys = await getDirtyKeys(db);
    // A counter that was caught up had no pending keys: start a fresh list.
    const pending = (await db.meta.get('dirtyKeys')) === undefined ? [] : keys;
    const next = contactKeys && pending ? [...new Set([...pending, ...contactKeys])] : null;
    await db.meta.put({ k: 'dirty', v: dirty + 1 });
    await db.meta.put({ k: 'dirtyKeys', v: next });
  });
}

/** After a round took local edits in up to `dirty`: forget the pending keys unless more came since. */
export async function clearDirtyKeys(db: SyncDb, dirty: number): Promise<void> {
  if ((await getDirty(db)) === dirty) await db.meta.delete('dirtyKeys');
}

/** Forgets the connection and the merge state; the notebook itself is untouched. */
export async function clearSync(db: SyncDb): Promise<void> {
  await db.transaction('rw', db.meta, db.records, async () => {
    await db.meta.clear();
    await db.records.clear();
  });
}
