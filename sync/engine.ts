/**
 * One notebook on every computer: connecting to the user's WebDAV folder and the sync tick. The
 * layout on the server and the failure cases are in docs/sync.md. In short, under `kontaktpflege-sync/`:
 * - `notebook.json`: the notebook's random id, the KDF's salt and iterations, and a small encrypted
 *   check value (a wrong passphrase fails to open it). No secret in clear.
 * - `c-<browser>-<n>.kps`: browser `<browser>`'s n-th change file: the merge state of the records it
 *   changed. Each browser writes only its own files, each once (`If-None-Match: *`).
 * - `s-<browser>-<n>.kps`: a snapshot of the whole notebook as that browser had it, covering its own
 *   files up to n and the others' it had read. Written now and then; the browser then deletes its own
 *   older files (never another browser's), so nothing another browser has not read is lost: a reader
 *   that misses a change file reads the snapshot instead.
 */
import { Dexie, type IndexableType, type Table } from 'dexie';
import type { KontaktDb } from '../storage/db';
import { computeNextDueAt } from '../storage/rules';
import { getSettings } from '../storage/settings';
import { type Contact, NEVER_DUE, type Settings } from '../storage/types';
import { dayStartMs } from '../storage/dates';
import {
  ingestLocal,
  materialize,
  type TableShape,
  maxStamp,
  mergeRecords,
  nextClock,
  sameSynced,
  type SyncRecord,
  stableJson,
  syncedText,
} from './crdt';
import {
  DecryptError,
  decryptJson,
  deriveKey,
  encryptJson,
  fromBase64,
  KDF_ITERATIONS,
  randomBytes,
  randomId,
  toBase64,
} from './crypto';
import {
  clearSync,
  freshProgress,
  getConfig,
  clearDirtyKeys,
  getProgress,
  getReplicaId,
  readRoundState,
  putProgress,
  recordKey,
  type RecordState,
  type StoredRecord,
  type SyncConfig,
  type SyncDb,
  type SyncProgress,
} from './state';
import { PackError, type PackedRecord, pack, unpack } from './codec';
import { CONTACTS, KEY_DATES, PROMISES, SETTINGS, SHAPES, shapeOf, TOUCHES } from './tables';
import { DavClient, type DavConfig, type DavEntry, SyncError } from './webdav';

export const FOLDER = 'kontaktpflege-sync/';
const NOTEBOOK_FILE = `${FOLDER}notebook.json`;
const CHECK_NAME = 'check';
const CHECK_VALUE = 'kontaktpflege-sync-check';
/** After this many own change files, a snapshot replaces them. */
export const COMPACT_AFTER = 12;

export interface NotebookMeta {
  format: 'kontaktpflege-sync';
  version: 1;
  notebookId: string;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  check: string;
}

export interface ConnectInput extends DavConfig {
  passphrase: string;
}

export interface EngineOptions {
  fetchFn?: typeof fetch;
  /** fewer KDF iterations, for tests only */
  iterations?: number;
  /** records per read-write transaction of the notebook (default `WRITE_CHUNK`) */
  chunkSize?: number;
  /** called after each chunk of the notebook is written (`done` of `total` records) */
  onChunk?: (done: number, total: number) => void | Promise<void>;
}

/**
 * Records written into the notebook per read-write transaction, and read per read transaction: a
 * panel's write waits for one chunk, never for a whole 10k join (IndexedDB runs a read-write
 * transaction only after every overlapping one started before it has finished).
 */
export const WRITE_CHUNK = 500;

function client(config: DavConfig, options: EngineOptions): DavClient {
  return new DavClient(config, options.fetchFn);
}

function isNotebookMeta(v: unknown): v is NotebookMeta {
  const m = v as NotebookMeta;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.format === 'kontaktpflege-sync' &&
    typeof m.notebookId === 'string' &&
    typeof m.check === 'string' &&
    typeof m.kdf?.salt === 'string' &&
    Number.isInteger(m.kdf?.iterations)
  );
}

async function readMeta(dav: DavClient): Promise<NotebookMeta | null> {
  const bytes = await dav.get(NOTEBOOK_FILE);
  if (!bytes) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new SyncError('tampered', 'notebook.json is not JSON');
  }
  if (!isNotebookMeta(parsed)) throw new SyncError('tampered', 'notebook.json is not a sync notebook');
  return parsed;
}

/**
 * Opens the notebook folder on the server, creating it for the first browser, with this passphrase.
 * Writes nothing locally before every check passed (wrong password, not WebDAV, wrong passphrase…:
 * a SyncError, and this browser is as before). Returns whether the notebook was created.
 */
export async function connect(syncDb: SyncDb, input: ConnectInput, options: EngineOptions = {}): Promise<{ created: boolean }> {
  const dav = client(input, options);
  if ((await dav.list('')) === null) throw new SyncError('notWebdav', 'the address does not exist');
  let meta = (await dav.list(FOLDER)) === null ? null : await readMeta(dav);
  let created = false;
  let key: CryptoKey | null = null;
  if (!meta) {
    await dav.mkcol(FOLDER);
    const salt = randomBytes(16);
    const iterations = options.iterations ?? KDF_ITERATIONS;
    const notebookId = randomId(16);
    key = await deriveKey(input.passphrase, salt, iterations);
    const fresh: NotebookMeta = {
      format: 'kontaktpflege-sync',
      version: 1,
      notebookId,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
      check: toBase64(await encryptJson(key, notebookId, CHECK_NAME, CHECK_VALUE)),
    };
    // Two first browsers at once: one creates it, the other finds it and joins.
    created = await dav.create(NOTEBOOK_FILE, new TextEncoder().encode(JSON.stringify(fresh, null, 1)));
    meta = created ? fresh : await readMeta(dav);
    if (!meta) throw new SyncError('server', 'notebook.json vanished');
  }
  if (!created || !key) key = await deriveKey(input.passphrase, fromBase64(meta.kdf.salt), meta.kdf.iterations);
  try {
    if ((await decryptJson(key, meta.notebookId, CHECK_NAME, fromBase64(meta.check))) !== CHECK_VALUE)
      throw new DecryptError('check');
  } catch (e) {
    if (e instanceof DecryptError) throw new SyncError('passphrase');
    throw e;
  }
  const config: SyncConfig = {
    url: input.url,
    user: input.user,
    password: input.password,
    notebookId: meta.notebookId,
    replicaId: randomId(8),
    key,
  };
  await syncDb.transaction('rw', syncDb.meta, syncDb.records, async () => {
    await syncDb.records.clear();
    await syncDb.meta.put({ k: 'config', v: config });
    await syncDb.meta.put({ k: 'replica', v: config.replicaId });
    await syncDb.meta.put({ k: 'progress', v: freshProgress() });
  });
  return { created };
}

/** "Stop syncing": this browser forgets the server; its notebook stays as it is. */
export async function disconnect(syncDb: SyncDb): Promise<void> {
  await clearSync(syncDb);
}

/** "Delete the server copy": removes the notebook folder from the server, then stops syncing here. */
export async function deleteServerCopy(syncDb: SyncDb, options: EngineOptions = {}): Promise<void> {
  const config = await getConfig(syncDb);
  if (!config) return;
  await client(config, options).remove(FOLDER);
  await clearSync(syncDb);
}

interface FileName {
  name: string;
  kind: 'c' | 's';
  replica: string;
  seq: number;
}

const FILE_RE = /^([cs])-([0-9a-f]{4,64})-(\d{1,12})\.kps$/;

export function parseFileName(name: string): FileName | null {
  const m = FILE_RE.exec(name);
  if (!m) return null;
  return { name, kind: m[1] as 'c' | 's', replica: m[2] as string, seq: Number(m[3]) };
}

export function fileName(kind: 'c' | 's', replica: string, seq: number): string {
  return `${kind}-${replica}-${String(seq).padStart(8, '0')}.kps`;
}

/** The payload format this browser writes: 2, records packed (sync/codec.ts). Format 1 (0.2.0) is still read. */
export const PAYLOAD_FORMAT = 2;

interface FilePayload {
  replica: string;
  seq: number;
  /** absent in format 1 */
  format?: number;
  /** format 1: the records' merge states as objects */
  records?: SyncRecord[];
  /** format 2: packed */
  recs?: PackedRecord[];
  /** snapshots: per browser, the file number up to which this snapshot holds its changes */
  covers?: Record<string, number>;
}

/** A file's payload as this browser writes it. */
function payloadOf(replica: string, seq: number, records: Iterable<SyncRecord>, covers?: Record<string, number>): FilePayload {
  const recs: PackedRecord[] = [];
  for (const r of records) recs.push(pack(r));
  return covers ? { replica, seq, format: PAYLOAD_FORMAT, recs, covers } : { replica, seq, format: PAYLOAD_FORMAT, recs };
}

/**
 * The records of a file that decrypted whole, or null when it is not a payload of that name. A format
 * newer than this browser knows stops the round with its own problem ("update the extension"): it is
 * never skipped, so nothing in it is lost.
 */
function payloadRecords(v: unknown, file: FileName): SyncRecord[] | null {
  const p = v as FilePayload;
  if (typeof p !== 'object' || p === null || p.replica !== file.replica || p.seq !== file.seq) return null;
  if (p.format === undefined) return Array.isArray(p.records) ? p.records : null;
  if (p.format !== PAYLOAD_FORMAT) throw new SyncError('newerFormat', `${file.name}: format ${String(p.format)}`);
  if (!Array.isArray(p.recs)) return null;
  try {
    return p.recs.map(unpack);
  } catch (e) {
    if (e instanceof PackError) return null;
    throw e;
  }
}

export interface TickResult {
  /** contact keys written locally from other browsers' changes */
  changedKeys: string[];
  /** any record written locally (contacts, touches, settings) */
  wroteLocal: boolean;
  uploadedRecords: number;
  /** files read from other browsers */
  filesRead: number;
  /** requests made */
  requests: number;
}

type LocalRow = Record<string, unknown>;

/**
 * Above this many records to look up, a round reads every stored state in one request instead of one
 * request per record (a join of 60k records asked 60k times, mostly for states that did not exist).
 */
const READ_ALL_ABOVE = 2_000;

/** The shadow: the records' merge states, read from the sync database as a round needs them. */
class Shadow {
  readonly byKey = new Map<string, SyncRecord>();
  private readonly bases = new Map<string, LocalRow | null>();
  /**
   * Records whose base is the local form of their stored state (what sync itself wrote or just took
   * in): saved as a flag, not as a second copy of the record, and made again when needed.
   */
  private readonly baseIsRecord = new Set<string>();
  /** records whose state or base changed this round (saved at its end) */
  readonly dirty = new Set<string>();
  /** records whose merged state may differ from the notebook (written at the end of the round) */
  readonly toWrite = new Set<string>();
  private readonly loaded = new Set<string>();
  private all = false;

  constructor(private readonly syncDb: SyncDb) {}

  private take(row: StoredRecord): void {
    this.loaded.add(row.k);
    if (row.p !== undefined) {
      const [packed, base] = JSON.parse(row.p) as [PackedRecord, (LocalRow | null | 0)?];
      this.byKey.set(row.k, unpack(packed));
      if (base === 0) this.baseIsRecord.add(row.k);
      else if (base !== undefined) this.bases.set(row.k, base);
      return;
    }
    // a state saved by 0.2.0 (format 1)
    const state = JSON.parse(row.j ?? 'null') as RecordState | null;
    if (!state) return;
    this.byKey.set(row.k, state.record);
    if (state.base !== undefined) this.bases.set(row.k, state.base);
  }

  /** Reads these records' states (those not read yet). */
  async ensure(keys: Iterable<string>): Promise<void> {
    if (this.all) return;
    const missing = [...new Set(keys)].filter((k) => !this.loaded.has(k));
    if (missing.length === 0) return;
    if (missing.length > READ_ALL_ABOVE) return this.loadAll();
    const rows = await this.syncDb.records.bulkGet(missing);
    missing.forEach((k, i) => {
      const row = rows[i];
      if (row) this.take(row);
      else this.loaded.add(k);
    });
  }

  /** Reads every record's state (a full comparison, a snapshot). */
  async loadAll(): Promise<void> {
    if (this.all) return;
    for (const row of await this.syncDb.records.toArray()) if (!this.loaded.has(row.k)) this.take(row);
    this.all = true;
  }

  get(k: string): SyncRecord | undefined {
    return this.byKey.get(k);
  }
  hasBase(k: string): boolean {
    return this.bases.has(k) || this.baseIsRecord.has(k);
  }
  /** The local record as sync last took it in or wrote it; undefined: never. */
  base(k: string): LocalRow | null | undefined {
    if (this.bases.has(k)) return this.bases.get(k);
    if (!this.baseIsRecord.has(k)) return undefined;
    const record = this.byKey.get(k);
    const shape = record ? shapeOf(record.table) : undefined;
    const row = record && shape ? materialize(record, shape) : null;
    this.bases.set(k, row);
    return row;
  }
  /** Joins `incoming`; true when the state changed. */
  merge(incoming: SyncRecord): boolean {
    const k = recordKey(incoming.table, incoming.id);
    const mine = this.byKey.get(k);
    const merged = mine ? mergeRecords(mine, incoming) : incoming;
    if (mine && stableJson(merged) === stableJson(mine)) return false;
    if (this.baseIsRecord.has(k)) {
      this.base(k); // the base stays the record as it was before this merge
      this.baseIsRecord.delete(k);
    }
    this.byKey.set(k, merged);
    this.dirty.add(k);
    this.toWrite.add(k);
    return true;
  }
  /** `isRecord`: the row is the local form of the record's current state (saved as a flag). */
  setBase(k: string, row: LocalRow | null, isRecord = false): void {
    this.bases.set(k, row);
    if (isRecord) this.baseIsRecord.add(k);
    else this.baseIsRecord.delete(k);
    this.dirty.add(k);
  }
  stored(k: string): StoredRecord | undefined {
    const record = this.byKey.get(k);
    if (!record) return undefined;
    const state: [PackedRecord, (LocalRow | null | 0)?] = this.baseIsRecord.has(k)
      ? [pack(record), 0]
      : this.bases.has(k)
        ? [pack(record), this.bases.get(k) ?? null]
        : [pack(record)];
    return { k, p: JSON.stringify(state) };
  }
}

/**
 * Every record, read in pages by primary key, one short read transaction each: sync compares each
 * record with its own base, so it needs no snapshot across tables, and a panel write waits at most
 * for one page.
 */
async function readLocal(db: KontaktDb, pageSize: number): Promise<Map<string, LocalRow>> {
  const out = new Map<string, LocalRow>();
  for (const shape of SHAPES) {
    const table: Table<LocalRow, string> = db.table(shape.table);
    let after: IndexableType = Dexie.minKey;
    for (;;) {
      const rows = await table.where(':id').above(after).limit(pageSize).toArray();
      for (const row of rows) out.set(recordKey(shape.table, String(row[shape.idField])), row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < pageSize) break;
      after = last[shape.idField] as IndexableType;
    }
  }
  return out;
}

/** The records of these people only: their contact, touches, key dates and promises (through the contactKey indexes). */
async function readLocalOf(db: KontaktDb, contactKeys: readonly string[]): Promise<Map<string, LocalRow>> {
  const out = new Map<string, LocalRow>();
  await db.transaction('r', [db.contacts, db.touches, db.keyDates, db.promises], async () => {
    const contacts = await db.contacts.bulkGet([...contactKeys]);
    contacts.forEach((c) => {
      if (c) out.set(recordKey(CONTACTS.table, c.key), c as unknown as LocalRow);
    });
    for (const key of contactKeys) {
      const [touches, keyDates, promises] = await Promise.all([
        db.touches.where('[contactKey+date]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray(),
        db.keyDates.where('contactKey').equals(key).toArray(),
        db.promises.where('contactKey').equals(key).toArray(),
      ]);
      for (const t of touches) out.set(recordKey(TOUCHES.table, t.id), t as unknown as LocalRow);
      for (const k of keyDates) out.set(recordKey(KEY_DATES.table, k.id), k as unknown as LocalRow);
      for (const p of promises) out.set(recordKey(PROMISES.table, p.id), p as unknown as LocalRow);
    }
  });
  return out;
}

/**
 * One sync round: take local edits in and upload them as one change file, read the other browsers'
 * new files, write what changed into the notebook, and now and then compact. Safe to stop at any
 * point: the local state only moves after the server has the file, and a file is only taken as read
 * once it decrypted whole.
 */
export async function syncTick(
  db: KontaktDb,
  syncDb: SyncDb,
  nowMs: number,
  options: EngineOptions = {},
): Promise<TickResult | null> {
  const { config, progress, dirty: dirtyNow, dirtyKeys } = await readRoundState(syncDb);
  if (!config) return null;
  const dav = client(config, options);
  const result: TickResult = { changedKeys: [], wroteLocal: false, uploadedRecords: 0, filesRead: 0, requests: 0 };
  const self = config.replicaId;
  const { notebookId, key } = config;

  try {
    result.requests++;
    const listing = await dav.list(FOLDER);
    if (listing === null) throw new SyncError('notWebdav', 'the notebook folder is gone from the server');
    const files = listing.map((e: DavEntry) => parseFileName(e.name)).filter((f): f is FileName => f !== null);

    const sh = new Shadow(syncDb);
    let ingestedLocal = false;

    // 1. Local edits since the last round, as one new change file of this browser. When the worker
    //    knows whose records changed, only those are compared; else (start-up, an import) all of them.
    if (dirtyNow !== progress.ingestedDirty) {
      const only = progress.ingestedDirty >= 0 ? dirtyKeys : null;
      const local = only ? await readLocalOf(db, only) : await readLocal(db, options.chunkSize ?? WRITE_CHUNK);
      if (only) await sh.ensure(local.keys());
      else await sh.loadAll();
      const stamp = { t: nextClock(progress.clock, nowMs), r: self };
      const changed: SyncRecord[] = [];
      const ingested: Array<[string, LocalRow | null, boolean]> = [];
      const ids = only ? new Set(local.keys()) : new Set([...local.keys(), ...sh.byKey.keys()]);
      for (const k of ids) {
        const slash = k.indexOf('/');
        const shape = shapeOf(k.slice(0, slash));
        if (!shape) continue;
        const row = local.get(k) ?? null;
        const prior = sh.get(k);
        const next = ingestLocal(prior, row, shape, k.slice(slash + 1), stamp, sh.base(k));
        if (next) {
          changed.push(next);
          ingested.push([k, row, prior !== undefined]);
        } else if (prior && syncedText(materialize(prior, shape), shape) !== syncedText(row, shape)) {
          sh.toWrite.add(k); // merged earlier, not yet written (the user was editing it then)
        }
      }
      if (changed.length > 0) {
        progress.seq = await writeOwnFile(dav, config, 'c', progress.seq, (seq) => payloadOf(self, seq, changed), result);
        changed.forEach((r, i) => {
          sh.merge(r);
          const [k, row, hadState] = ingested[i] as [string, LocalRow | null, boolean];
          // The notebook already shows what was just taken in from it, unless a text merged in earlier
          // and not yet shown stays beside the edit: only then is the record written back. A record
          // with no state before is exactly what was taken in (nothing merged into it).
          const shape = shapeOf(r.table);
          const merged = sh.get(k);
          const shown =
            !hadState || (shape && merged && syncedText(materialize(merged, shape), shape) === syncedText(row, shape));
          sh.setBase(k, row, Boolean(shown));
          if (shown) sh.toWrite.delete(k);
        });
        files.push({ name: fileName('c', self, progress.seq), kind: 'c', replica: self, seq: progress.seq });
        progress.seq++;
        progress.clock = stamp.t;
        result.uploadedRecords = changed.length;
      }
      progress.ingestedDirty = dirtyNow;
      ingestedLocal = true;
    }

    // 2. A server that lost this browser's last file (a restored backup): a snapshot brings it all back.
    const lastOwn = progress.seq - 1;
    const ownSeen = files.some((f) => f.replica === self && f.seq >= lastOwn);
    const ownFiles = files.filter((f) => f.replica === self);
    let writeSnapshot = lastOwn > 0 && !ownSeen;
    if (ownFiles.filter((f) => f.kind === 'c').length >= COMPACT_AFTER) writeSnapshot = true;

    // 3. Other browsers' new files: a snapshot only where change files are missing, then change files in order.
    const others = new Map<string, FileName[]>();
    for (const f of files) {
      if (f.replica === self) continue;
      const list = others.get(f.replica) ?? [];
      list.push(f);
      others.set(f.replica, list);
    }
    const read = async (f: FileName): Promise<{ records: SyncRecord[]; covers?: Record<string, number> } | null> => {
      result.requests++;
      const bytes = await dav.get(`${FOLDER}${f.name}`);
      if (!bytes) return null; // compacted away meanwhile: the snapshot is read next round
      let payload: unknown;
      try {
        payload = await decryptJson(key, notebookId, f.name, bytes);
      } catch (e) {
        // Cut short (still uploading, or its writer crashed), changed, or not ours: never taken as read.
        if (e instanceof DecryptError || e instanceof SyncError) return null;
        throw e;
      }
      const records = payloadRecords(payload, f);
      if (!records) return null;
      result.filesRead++;
      return { records, covers: (payload as FilePayload).covers };
    };
    const absorb = async (payload: { records: SyncRecord[] }) => {
      await sh.ensure(payload.records.map((r) => recordKey(r.table, r.id)));
      for (const r of payload.records) {
        if (!shapeOf(r.table) || typeof r.id !== 'string') continue;
        sh.merge(r);
        progress.clock = Math.max(progress.clock, maxStamp(r));
      }
    };
    for (const [replica, list] of others) {
      const upTo = progress.readUpTo[replica] ?? 0;
      const nextChange = list.some((f) => f.kind === 'c' && f.seq === upTo + 1);
      const snapshot = list.filter((f) => f.kind === 's' && f.seq > upTo).sort((a, b) => b.seq - a.seq)[0];
      if (snapshot && !nextChange) {
        const payload = await read(snapshot);
        if (payload) {
          await absorb(payload);
          progress.readUpTo[replica] = snapshot.seq;
          for (const [r, n] of Object.entries(payload.covers ?? {})) {
            if (r !== self && Number.isInteger(n)) progress.readUpTo[r] = Math.max(progress.readUpTo[r] ?? 0, n);
          }
        }
      }
    }
    for (const [replica, list] of others) {
      const changes = list.filter((f) => f.kind === 'c').sort((a, b) => a.seq - b.seq);
      for (const f of changes) {
        const upTo = progress.readUpTo[replica] ?? 0;
        if (f.seq <= upTo) continue; // read already (a replayed old file changes nothing and is not read again)
        if (f.seq !== upTo + 1) break; // a gap: its writer's snapshot fills it
        const payload = await read(f);
        if (!payload) break;
        await absorb(payload);
        progress.readUpTo[replica] = f.seq;
      }
    }

    // 4. Write what the others changed into the notebook, unless the user edited that record meanwhile
    //    (then the next round takes the edit in first).
    if (sh.toWrite.size > 0) {
      const written = await writeLocal(db, syncDb, config, sh, options);
      result.changedKeys = written.contactKeys;
      result.wroteLocal = written.any;
    }

    // 5. Snapshot and compaction: only this browser's own files are ever deleted.
    if (writeSnapshot) {
      await sh.loadAll();
      progress.seq = await writeOwnFile(
        dav,
        config,
        's',
        progress.seq,
        (n) => payloadOf(self, n, sh.byKey.values(), { ...progress.readUpTo, [self]: n }),
        result,
      );
      const seq = progress.seq;
      progress.seq++;
      for (const f of ownFiles) {
        if (f.seq < seq) {
          result.requests++;
          await dav.remove(`${FOLDER}${f.name}`);
        }
      }
    }
    progress.lastSyncAt = nowMs;
    progress.problem = null;
    // The merge state and the counters move together, after the server and the notebook have what they say.
    await saveRound(
      syncDb,
      config,
      progress,
      [...sh.dirty].map((k) => sh.stored(k)).filter((r): r is StoredRecord => r !== undefined),
      ingestedLocal ? dirtyNow : null,
    );
  } catch (e) {
    if (e instanceof SyncError) {
      const saved = await getProgress(syncDb);
      await saveRound(syncDb, config, { ...saved, problem: e.problem }, []);
    }
    throw e;
  }
  return result;
}

/**
 * Uploads one of this browser's own files under number `seq`, or the next free number. A file of that
 * number already there is a crash's leftover: kept when it decrypts whole (others may have read it),
 * else (cut short) replaced. Returns the number used.
 */
async function writeOwnFile(
  dav: DavClient,
  config: SyncConfig,
  kind: 'c' | 's',
  seq: number,
  payload: (seq: number) => FilePayload,
  result: TickResult,
): Promise<number> {
  for (let n = seq; n < seq + 100; n++) {
    const name = fileName(kind, config.replicaId, n);
    const bytes = await encryptJson(config.key, config.notebookId, name, payload(n));
    result.requests++;
    if (await dav.create(`${FOLDER}${name}`, bytes)) return n;
    const existing = await dav.get(`${FOLDER}${name}`);
    result.requests++;
    const intact = existing
      ? await decryptJson(config.key, config.notebookId, name, existing).then(
          () => true,
          () => false,
        )
      : false;
    if (intact) continue;
    await dav.remove(`${FOLDER}${name}`);
    result.requests += 2;
    if (await dav.create(`${FOLDER}${name}`, bytes)) return n;
  }
  throw new SyncError('server', 'could not write a new file');
}

/** Saves the round unless the user stopped syncing (or connected anew) while it ran. */
async function saveRound(
  syncDb: SyncDb,
  config: SyncConfig,
  progress: SyncProgress,
  records: StoredRecord[],
  ingestedDirty: number | null = null,
): Promise<void> {
  await syncDb.transaction('rw', syncDb.meta, syncDb.records, async () => {
    if ((await getReplicaId(syncDb)) !== config.replicaId) return;
    if (records.length > 0) await syncDb.records.bulkPut(records);
    await putProgress(syncDb, progress);
    if (ingestedDirty !== null) await clearDirtyKeys(syncDb, ingestedDirty);
  });
}

/** The fields a browser computes itself, on a row about to be written. */
function finishRow(shape: TableShape, row: LocalRow, settings: Settings): void {
  const deleted = row.deletedAt !== null && row.deletedAt !== undefined;
  if (shape === CONTACTS) {
    row.nextDueAt = deleted ? NEVER_DUE : computeNextDueAt(row as unknown as Contact, settings);
  } else if (shape === KEY_DATES && deleted) {
    row.nextOccurrenceAt = NEVER_DUE;
  } else if (shape === PROMISES) {
    const due = row.dueDate;
    if (!deleted && row.doneAt === null && typeof due === 'string') row.openDueAt = dayStartMs(due);
    else delete row.openDueAt;
  }
}

/** Saves these records' merge states, unless the user stopped syncing (or connected anew) meanwhile. */
async function saveStates(syncDb: SyncDb, config: SyncConfig, records: StoredRecord[]): Promise<void> {
  if (records.length === 0) return;
  await syncDb.transaction('rw', syncDb.meta, syncDb.records, async () => {
    if ((await getReplicaId(syncDb)) === config.replicaId) await syncDb.records.bulkPut(records);
  });
}

/**
 * Writes the merged records into the notebook in chunks of `chunkSize`, each its own read-write
 * transaction, settings first (due days are computed with them). After each chunk its records' merge
 * states and bases are saved, so a round stopped between chunks (the worker ended, the browser
 * closed) resumes cleanly: the next round reads the same files again (merging is idempotent), finds
 * the chunks already written equal to their bases (no edit of the user's), and writes the rest. A
 * record is written whole in one transaction, never half. Between a chunk's write and its states'
 * save (two databases, no joint transaction) a stop leaves that chunk's records looking edited here;
 * the next round then uploads their merged values as this browser's edit, which loses no text.
 */
async function writeLocal(
  db: KontaktDb,
  syncDb: SyncDb,
  config: SyncConfig,
  sh: Shadow,
  options: EngineOptions,
): Promise<{ contactKeys: string[]; any: boolean }> {
  const chunkSize = Math.max(1, options.chunkSize ?? WRITE_CHUNK);
  const contactKeys: string[] = [];
  let any = false;
  const order = [SETTINGS, ...SHAPES.filter((x) => x !== SETTINGS)];
  const rank = new Map(order.map((x, i) => [x.table, i]));
  // By table, then by id: a chunk then covers one stretch of ids, which one range read can fetch.
  const records = [...sh.toWrite]
    .map((k) => sh.byKey.get(k))
    .filter((r): r is SyncRecord => r !== undefined)
    .sort((a, b) => (rank.get(a.table) ?? 0) - (rank.get(b.table) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const tables = [db.contacts, db.touches, db.keyDates, db.promises, db.settings];
  let settings: Settings = await getSettings(db);
  let settingsChanged = false;
  for (let i = 0; i < records.length; i += chunkSize) {
    const part = records.slice(i, i + chunkSize);
    await db.transaction('rw', tables, async () => {
      for (const shape of order) {
        const mine = part.filter((r) => r.table === shape.table);
        if (mine.length === 0) continue;
        const table: Table<LocalRow, string> = db.table(shape.table);
        const currents = await readCurrents(table, mine);
        const puts: LocalRow[] = [];
        const deletes: string[] = [];
        mine.forEach((rec, j) => {
          const k = recordKey(rec.table, rec.id);
          const current = currents[j] ?? null;
          // Edited since sync last took it in: leave it; the next round takes the edit in, then writes.
          if (!sameSynced(current, sh.base(k) ?? null, shape)) return;
          const next = materialize(rec, shape);
          if (sameSynced(next, current, shape)) {
            sh.setBase(k, current, true);
            return;
          }
          if (next === null) deletes.push(rec.id);
          else {
            finishRow(shape, next, settings);
            puts.push(next);
          }
          sh.setBase(k, next, true);
          if (shape === CONTACTS) contactKeys.push(rec.id);
        });
        if (puts.length > 0) await table.bulkPut(puts);
        if (deletes.length > 0) await table.bulkDelete(deletes);
        if (puts.length + deletes.length > 0) any = true;
        if (shape === SETTINGS && puts.length + deletes.length > 0) {
          settingsChanged = true;
          settings = await getSettings(db);
        }
      }
    });
    const done = part.map((r) => recordKey(r.table, r.id));
    await saveStates(
      syncDb,
      config,
      done.map((k) => sh.stored(k)).filter((r): r is StoredRecord => r !== undefined),
    );
    for (const k of done) sh.dirty.delete(k);
    await options.onChunk?.(Math.min(i + chunkSize, records.length), records.length);
  }
  if (settingsChanged) await rescheduleAll(db, settings, chunkSize);
  return { contactKeys, any };
}

/**
 * The stored rows of these records (sorted by id), in their order. A big chunk reads its stretch of ids
 * in one request when that stretch holds few other rows (a join: mostly none), instead of one request
 * per record; a small or scattered one reads record by record.
 */
async function readCurrents(table: Table<LocalRow, string>, mine: readonly SyncRecord[]): Promise<Array<LocalRow | undefined>> {
  const first = mine[0]?.id;
  const last = mine[mine.length - 1]?.id;
  if (mine.length < 50 || first === undefined || last === undefined) return table.bulkGet(mine.map((r) => r.id));
  const stretch = table.where(':id').between(first, last, true, true);
  if ((await stretch.count()) > 2 * mine.length) return table.bulkGet(mine.map((r) => r.id));
  const idField = table.schema.primKey.keyPath as string;
  const byId = new Map((await stretch.toArray()).map((row) => [String(row[idField]), row]));
  return mine.map((r) => byId.get(r.id));
}

/** New cadences move every due day, as saving settings does; in chunks, each re-read inside its write. */
async function rescheduleAll(db: KontaktDb, settings: Settings, chunkSize: number): Promise<void> {
  const keys = (await db.contacts.toCollection().primaryKeys()) as string[];
  for (let i = 0; i < keys.length; i += chunkSize) {
    await db.transaction('rw', db.contacts, async () => {
      const rows = await db.contacts.bulkGet(keys.slice(i, i + chunkSize));
      const moved = rows
        .filter((c): c is Contact => c !== undefined)
        .filter((c) => c.deletedAt === null || c.deletedAt === undefined)
        .map((c) => ({ c, next: computeNextDueAt(c, settings) }))
        .filter(({ c, next }) => next !== c.nextDueAt)
        .map(({ c, next }) => ({ ...c, nextDueAt: next }));
      if (moved.length > 0) await db.contacts.bulkPut(moved);
    });
  }
}
