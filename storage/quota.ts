/**
 * A full disk: the browser's `QuotaExceededError`, which Dexie may wrap (then it is the `inner` error).
 * The panel (through the worker) and the dashboard both say "the disk is full" for it.
 */
export function isQuotaExceeded(error: unknown): boolean {
  return [error, (error as { inner?: unknown } | null)?.inner].some(
    (e) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError',
  );
}
