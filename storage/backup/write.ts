/**
 * The write half of a JSON import: what `applyImport` decided, put into the database in chunks, so the
 * dashboard gets a progress report (and a chance to paint) between chunks instead of one long freeze.
 * Merge decisions are not made here (they live in import.ts); this module only knows the order in which
 * the decided records are written and how.
 *
 * It runs inside the caller's read-write transaction, so the import stays all or nothing: a chunk that
 * fails rejects, the rejection leaves the transaction callback, and every chunk written before it is
 * rolled back with it.
 *
 * Pipelined: the next chunk is handed to IndexedDB before the previous one is awaited, so the database
 * always has work queued while the page clones the next chunk (awaiting each chunk in turn left the
 * database idle for one round trip per chunk).
 */
import type { KontaktDb } from '../db';
import type { Contact, KeyDate, PromiseRecord, Settings, Touch } from '../types';

/**
 * Records per request batch. 60,000 records make 60 progress steps; one chunk's structured cloning is
 * a short main-thread task, short enough for the page to stay responsive between chunks.
 */
export const IMPORT_CHUNK = 1_000;

/** The records an import decided to write (the fields of `ImportPlan` this module reads). */
export interface ImportWrites {
  settingsToWrite: Settings | null;
  contactsToWrite: readonly Contact[];
  /** new touches: added, never overwriting a stored one */
  touchesToWrite: readonly Touch[];
  touchesToUpdate: readonly Touch[];
  keyDatesToWrite: readonly KeyDate[];
  promisesToWrite: readonly PromiseRecord[];
}

/** Called with 0 before the first chunk, then after each chunk: records written so far and in all. */
export type WriteProgress = (done: number, total: number) => void;

/** How many records `writeImport` writes (the settings record included), the `total` of its progress. */
export function importWriteTotal(w: ImportWrites): number {
  return (
    (w.settingsToWrite ? 1 : 0) +
    w.contactsToWrite.length +
    w.touchesToWrite.length +
    w.touchesToUpdate.length +
    w.keyDatesToWrite.length +
    w.promisesToWrite.length
  );
}

interface Chunk {
  size: number;
  write: () => Promise<unknown>;
}

function chunksOf<T>(records: readonly T[], size: number, put: (chunk: T[]) => Promise<unknown>): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < records.length; i += size) {
    const chunk = records.slice(i, i + size);
    out.push({ size: chunk.length, write: () => put(chunk) });
  }
  return out;
}

/**
 * Writes `w` in chunks of `chunkSize`. Call it inside a read-write transaction over contacts, touches,
 * key dates, promises and settings (see the file comment for why).
 */
export async function writeImport(
  db: KontaktDb,
  w: ImportWrites,
  onProgress?: WriteProgress,
  chunkSize: number = IMPORT_CHUNK,
): Promise<void> {
  const settings = w.settingsToWrite;
  const chunks: Chunk[] = [
    ...(settings ? [{ size: 1, write: () => db.settings.put(settings) }] : []),
    ...chunksOf(w.contactsToWrite, chunkSize, (c) => db.contacts.bulkPut(c)),
    // bulkAdd, not bulkPut: a new touch never overwrites a stored one (an id taken since the plan fails the import).
    ...chunksOf(w.touchesToWrite, chunkSize, (t) => db.touches.bulkAdd(t)),
    ...chunksOf(w.touchesToUpdate, chunkSize, (t) => db.touches.bulkPut(t)),
    ...chunksOf(w.keyDatesToWrite, chunkSize, (k) => db.keyDates.bulkPut(k)),
    ...chunksOf(w.promisesToWrite, chunkSize, (p) => db.promises.bulkPut(p)),
  ];
  const total = chunks.reduce((n, c) => n + c.size, 0);
  let done = 0;
  onProgress?.(0, total);
  let previous: { size: number; written: Promise<unknown> } | null = null;
  for (const chunk of chunks) {
    const written = chunk.write();
    // Handled here only so a rejection that arrives while the previous chunk is awaited is not reported
    // as unhandled; it is still thrown when this chunk's turn comes (awaiting `written` below).
    written.catch(() => undefined);
    if (previous) {
      await previous.written;
      done += previous.size;
      onProgress?.(done, total);
    }
    previous = { size: chunk.size, written };
  }
  if (previous) {
    await previous.written;
    done += previous.size;
    onProgress?.(done, total);
  }
}
