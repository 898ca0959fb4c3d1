/**
 * Promises, both ways ("I promised" / "They promised"): writes and the popup's "Promises due". Every
 * write sets `openDueAt` (see `computeOpenDueAt`), so the popup and the badge read only open, live,
 * dated promises from that index. Time is always a parameter.
 */
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { comparePromisesDue, computeOpenDueAt, PROMISE_HORIZON_DAYS, type PromiseInput, promiseProblem } from './occasions';
import { StorageValidationError } from './rules';
import type { Contact, IsoDay, PromiseRecord } from './types';

export class PromiseNotFoundError extends Error {
  override name = 'PromiseNotFoundError';
  constructor(readonly id: string) {
    super(`No promise stored with id ${JSON.stringify(id)}`);
  }
}

/** One row of the popup's "Promises due". */
export interface PromiseRow {
  promise: PromiseRecord;
  contact: Contact;
  /** days past the due day; 0 on the day, negative while still ahead */
  overdueDays: number;
}

function check(input: PromiseInput): PromiseInput {
  const problem = promiseProblem(input);
  if (problem !== null) throw new StorageValidationError(`Promise: ${problem}`);
  return { direction: input.direction, text: input.text.trim(), dueDate: input.dueDate };
}

/** `openDueAt` set or removed to match the record (an absent property keeps the row out of the index). */
function withOpenDueAt(p: PromiseRecord): PromiseRecord {
  const { openDueAt: _old, ...rest } = p;
  const openDueAt = computeOpenDueAt(rest);
  return openDueAt === undefined ? rest : { ...rest, openDueAt };
}

async function liveContactKey(db: KontaktDb, key: string): Promise<string> {
  const byKey = await db.contacts.get(key);
  if (byKey?.deletedAt === null) return byKey.key;
  const byAlias = await db.contacts
    .where('aliases')
    .equals(key)
    .filter((c) => c.deletedAt === null)
    .first();
  if (!byAlias) throw new StorageValidationError(`No contact stored under ${JSON.stringify(key)}`);
  return byAlias.key;
}

async function livePromise(db: KontaktDb, id: string): Promise<PromiseRecord> {
  const p = await db.promises.get(id);
  if (!p || p.deletedAt !== null) throw new PromiseNotFoundError(id);
  return p;
}

export async function addPromise(db: KontaktDb, contactKey: string, input: PromiseInput, nowMs: number): Promise<PromiseRecord> {
  const clean = check(input);
  return db.transaction('rw', db.contacts, db.promises, async () => {
    const key = await liveContactKey(db, contactKey);
    const p = withOpenDueAt({
      id: crypto.randomUUID(),
      contactKey: key,
      ...clean,
      doneAt: null,
      createdAt: nowMs,
      updatedAt: nowMs,
      deletedAt: null,
    });
    await db.promises.add(p);
    return p;
  });
}

/** Replaces text, direction and due day; done or open stays. */
export async function updatePromise(db: KontaktDb, id: string, input: PromiseInput, nowMs: number): Promise<PromiseRecord> {
  const clean = check(input);
  return db.transaction('rw', db.promises, async () => {
    const next = withOpenDueAt({ ...(await livePromise(db, id)), ...clean, updatedAt: nowMs });
    await db.promises.put(next);
    return next;
  });
}

/** What ticking a promise done gives the UI: the record, and whether to offer "log a touch marked gave". */
export interface CompletedPromise {
  promise: PromiseRecord;
  /** an "I promised" just done: the UI may offer one click that logs a touch with direction `gave` */
  offerGaveTouch: boolean;
}

/** Ticks a promise done (`done = false` opens it again, e.g. an undo). */
export async function completePromise(db: KontaktDb, id: string, nowMs: number, done = true): Promise<CompletedPromise> {
  return db.transaction('rw', db.promises, async () => {
    const current = await livePromise(db, id);
    const next = withOpenDueAt({ ...current, doneAt: done ? (current.doneAt ?? nowMs) : null, updatedAt: nowMs });
    await db.promises.put(next);
    return { promise: next, offerGaveTouch: done && current.doneAt === null && next.direction === 'mine' };
  });
}

/** Deletes a promise: a tombstone stays (for sync and restore), out of the `openDueAt` index. */
export async function deletePromise(db: KontaktDb, id: string, nowMs: number): Promise<PromiseRecord | undefined> {
  return db.transaction('rw', db.promises, async () => {
    const p = await db.promises.get(id);
    if (!p || p.deletedAt !== null) return undefined;
    const tombstone = withOpenDueAt({ ...p, deletedAt: nowMs, updatedAt: nowMs });
    await db.promises.put(tombstone);
    return tombstone;
  });
}

/** A person's live promises (by key or alias): open ones first ("I promised" first, earlier due first), then the done ones, latest done first. */
export async function listPromises(db: KontaktDb, contactKey: string): Promise<PromiseRecord[]> {
  return db.transaction('r', db.contacts, db.promises, async () => {
    const key = (await db.contacts.get(contactKey))?.key ?? (await db.contacts.where('aliases').equals(contactKey).first())?.key;
    const rows = await db.promises
      .where('contactKey')
      .equals(key ?? contactKey)
      .filter((p) => p.deletedAt === null)
      .toArray();
    const open = rows.filter((p) => p.doneAt === null).sort(comparePromisesDue);
    const done = rows.filter((p) => p.doneAt !== null).sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0));
    return [...open, ...done];
  });
}

/**
 * The popup's "Promises due": open promises of live contacts overdue or due within the next 7 days,
 * read from the `openDueAt` index; "I promised" first, then the earlier due day.
 */
export async function listPromisesDue(db: KontaktDb, today: IsoDay): Promise<PromiseRow[]> {
  return db.transaction('r', db.promises, db.contacts, async () => {
    const rows = await db.promises
      .where('openDueAt')
      .belowOrEqual(dayStartMs(addDays(today, PROMISE_HORIZON_DAYS)))
      .toArray();
    return withPeople(db, rows.sort(comparePromisesDue), today);
  });
}

/** Rows for promises in list order: each with its live person (read by key, only these) and how overdue it is. */
async function withPeople(db: KontaktDb, promises: PromiseRecord[], today: IsoDay): Promise<PromiseRow[]> {
  const contacts = await db.contacts.bulkGet([...new Set(promises.map((p) => p.contactKey))]);
  const byKey = new Map<string, Contact>();
  for (const c of contacts) if (c && c.deletedAt === null) byKey.set(c.key, c);
  const todayMs = dayStartMs(today);
  const out: PromiseRow[] = [];
  for (const promise of promises) {
    const contact = byKey.get(promise.contactKey);
    if (contact && promise.openDueAt !== undefined) {
      out.push({ promise, contact, overdueDays: Math.round((todayMs - promise.openDueAt) / 86_400_000) });
    }
  }
  return out;
}

/** The badge's share: open promises due today or overdue, counted on the index. */
export async function countPromisesDue(db: KontaktDb, today: IsoDay): Promise<number> {
  return db.promises.where('openDueAt').belowOrEqual(dayStartMs(today)).count();
}

/** The popup's first screen of "Promises due": how many there are, and the first `n` rows in list order. */
export interface PromisesDueHead {
  total: number;
  rows: PromiseRow[];
}

/** Promises read in one request for the first screen: enough for its rows when most in the window are "I promised". */
const HEAD_BATCH = 60;

/**
 * The first `n` rows of `listPromisesDue` and its length, without reading the whole window: the total is
 * the index's `count()`, the rows come from one bounded read of the earliest due (`HEAD_BATCH`, or the
 * whole window only when that batch holds fewer than `n` "I promised"), and only their people are read.
 * Few requests, not a cursor: each request is a task on a popup's busy main thread.
 */
export async function listPromisesDueHead(db: KontaktDb, today: IsoDay, n: number): Promise<PromisesDueHead> {
  const upTo = dayStartMs(addDays(today, PROMISE_HORIZON_DAYS));
  const inWindow = () => db.promises.where('openDueAt').belowOrEqual(upTo);
  return db.transaction('r', db.promises, db.contacts, async () => {
    const [total, batch] = await Promise.all([inWindow().count(), inWindow().limit(Math.max(HEAD_BATCH, n)).toArray()]);
    let candidates = batch;
    if (batch.length === Math.max(HEAD_BATCH, n)) {
      const mine = batch.filter((p) => p.direction === 'mine').sort(comparePromisesDue);
      const edge = mine[n - 1]?.openDueAt;
      const last = batch.at(-1)?.openDueAt;
      if (n <= 0) candidates = [];
      else if (edge === undefined)
        candidates = await inWindow().toArray(); // "They promised" rows are on screen too
      // The index orders a due day by id, the list by age: a day cut by the batch is read whole.
      else if (last !== undefined && last <= edge)
        candidates = [...batch, ...(await db.promises.where('openDueAt').equals(edge).toArray())];
    }
    const byId = new Map<string, PromiseRecord>();
    for (const p of candidates) byId.set(p.id, p);
    const shown = [...byId.values()].sort(comparePromisesDue).slice(0, Math.max(0, n));
    return { total, rows: await withPeople(db, shown, today) };
  });
}
