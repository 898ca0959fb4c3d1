/**
 * Reading a whole table without one long task: rows come in primary-key chunks, one transaction each,
 * with a breather between them so the page paints and answers input while 50,000 rows are read.
 */
import type { Table } from 'dexie';

/** Rows read per transaction: one chunk is a few ms of work. */
export const READ_CHUNK = 2_000;

/** Yields to the event loop, so input and painting run between two chunks. */
const breather = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Calls `each` with every chunk of `table`, in primary-key order. Rows written meanwhile may or may not be seen. */
export async function forEachChunk<T, K extends string, I>(
  table: Table<T, K, I>,
  each: (rows: T[]) => void,
  keyOf: (row: T) => K,
  chunk = READ_CHUNK,
): Promise<void> {
  let after: K | null = null;
  for (;;) {
    const from: K | null = after;
    const rows: T[] = await (from === null ? table.orderBy(':id') : table.where(':id').above(from)).limit(chunk).toArray();
    each(rows);
    if (rows.length < chunk) return;
    after = keyOf(rows[rows.length - 1] as T);
    await breather();
  }
}
