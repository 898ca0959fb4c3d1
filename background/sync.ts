/**
 * Sync in the background worker: a round on an alarm every minute, soon after any change, and at
 * start-up. Rounds never overlap (a Web Lock, also across a dashboard that asks for "Sync now"), never
 * hold the notebook's tables while talking to the server (the panel keeps working), and are safe to
 * stop anywhere (sync/engine.ts). What a round brought in reaches open views and the badge.
 */
import { browser } from 'wxt/browser';
import { syncTick, type TickResult } from '../sync/engine';
import { isConnected, markDirty, SyncDb } from '../sync/state';
import { SyncError } from '../sync/webdav';
import { announceChange } from './announce';
import { refreshBadge } from './badge';
import { workerDb } from './database';

export const SYNC_ALARM = 'sync';
/** Chrome's shortest repeating alarm for a packed extension is 30 s; one minute is what the issue asks. */
const SYNC_PERIOD_MINUTES = 1;
/** A burst of edits (typing a note) becomes one upload. */
const CHANGE_DELAY_MS = 3_000;

let syncDb: SyncDb | null = null;
let pending: ReturnType<typeof setTimeout> | null = null;

export function workerSyncDb(): SyncDb {
  syncDb ??= new SyncDb();
  return syncDb;
}

/** Starts the alarm when sync is set up (and stops it when not). */
export async function ensureSyncAlarm(): Promise<void> {
  const connected = await isConnected(workerSyncDb());
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (connected && !existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  if (!connected && existing) await browser.alarms.clear(SYNC_ALARM);
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  // Web Locks: one round at a time in every context of the extension.
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('kontaktpflege-sync', fn) : fn();
}

/** One sync round now; its problem is kept for the dashboard, never thrown at the caller. */
export async function runSync(): Promise<TickResult | null> {
  try {
    const result = await withLock(() => syncTick(workerDb(), workerSyncDb(), Date.now()));
    if (result?.wroteLocal) {
      await refreshBadge();
      announceChange(null);
    }
    return result;
  } catch (e) {
    if (!(e instanceof SyncError)) console.warn('sync round failed', e);
    return null;
  }
}

/**
 * The notebook changed here: note whose records (`contactKeys`; null or absent: anyone's), and sync
 * soon (while the worker is awake anyway).
 */
export async function syncAfterChange(contactKeys: string[] | null = null): Promise<void> {
  try {
    if (!(await isConnected(workerSyncDb()))) return;
    await markDirty(workerSyncDb(), contactKeys);
  } catch (e) {
    // Sync's bookkeeping must never fail the edit that triggered it; the next start-up compares all.
    console.warn('sync: could not note a change', e);
    return;
  }
  if (pending) clearTimeout(pending);
  pending = setTimeout(() => {
    pending = null;
    void runSync();
  }, CHANGE_DELAY_MS);
}
