/**
 * What the popup shows: everyone due or coming up (from the `nextDueAt` index), and the latest touch of
 * the people it renders. The popup renders a few dozen rows of a list that can hold thousands, so it
 * reads a latest touch only for a row it shows (`latestTouches`), never for the whole list; and it paints
 * the first rows (`loadFirstRows`, a few records) before the whole list (`loadChecklist`) has been read.
 */
import Dexie from 'dexie';
import { addDays, dayStartMs } from './dates';
import type { KontaktDb } from './db';
import { FALLBACK_COLLATION_LANG } from './collation';
import { DEFAULT_HORIZON_DAYS, listDue } from './due';
import { urgencyOrder } from './rules';
import type { Contact, IsoDay, Tier, Touch } from './types';
import { NEVER_DUE } from './types';

/** One rendered row: the person and how they were last touched (null: no touch logged). */
export interface ChecklistRow {
  contact: Contact;
  lastTouch: Touch | null;
}

export interface Checklist {
  /** due today or overdue, most urgent first: all of them when `complete` (search and filters apply to everyone) */
  due: Contact[];
  /** due within the horizon, most urgent first */
  upcoming: Contact[];
  /** false: the lists hold only their first rows (`loadFirstRows`), for the first paint; how many there are is not known yet */
  complete: boolean;
  /** first rows only: how many each whole list holds, counted on the `nextDueAt` index (absent: not counted) */
  totals?: { due: number; upcoming: number };
  /** latest touch by contact key, for the contacts read so far (null: none logged); a missing key was not read */
  lastTouches: ReadonlyMap<string, Touch | null>;
  /** whether the notebook holds anyone at all (for the "how to start" empty state) */
  hasContacts: boolean;
  /** the next due date after the lists, for "all caught up until …" */
  nextDueAfter: number | null;
}

export interface ChecklistOptions {
  horizonDays?: number;
  /** how many of each list get their latest touch read with the lists (the rows the popup renders first) */
  firstRows?: { due: number; upcoming: number };
  /** more contacts whose latest touch to read if they are still listed (rows the user revealed) */
  alsoTouchesOf?: Iterable<string>;
  /** only these tiers in `due`/`upcoming` (the popup's tier filter), read from `[tier+nextDueAt]`; none given:
   * everyone. `hasContacts` and `nextDueAfter` still speak of the whole notebook. */
  tiers?: readonly Tier[];
  /** the UI language: its collation orders names within a day and tier */
  lang?: string;
}

/**
 * The latest touch of each key (newest day; same day: last in index order), in one read transaction
 * with one bounded index lookup per key, each reading a single record.
 */
export async function latestTouches(db: KontaktDb, keys: Iterable<string>): Promise<Map<string, Touch | null>> {
  const unique = [...new Set(keys)];
  const found = new Map<string, Touch | null>();
  if (unique.length === 0) return found;
  await db.transaction('r', db.touches, () =>
    Promise.all(
      unique.map(async (key) => {
        const touch = await db.touches
          .where('[contactKey+date]')
          .between([key, Dexie.minKey], [key, Dexie.maxKey])
          .reverse()
          .filter((t) => t.deletedAt === null)
          .first();
        found.set(key, touch ?? null);
      }),
    ),
  );
  return found;
}

function horizonOf(today: IsoDay, horizonDays: number): { todayMs: number; horizonEnd: number } {
  return { todayMs: dayStartMs(today), horizonEnd: dayStartMs(addDays(today, horizonDays)) };
}

/** Whether anyone is stored at all, and the first due date past the horizon. */
async function beyondTheLists(db: KontaktDb, horizonEnd: number): Promise<Pick<Checklist, 'hasContacts' | 'nextDueAfter'>> {
  const [later, someone] = await Promise.all([
    db.contacts.where('nextDueAt').between(horizonEnd, NEVER_DUE, false, false).first(),
    // one live key, not count(): IndexedDB counts by walking every entry (tombstones are rare)
    db.contacts
      .filter((c) => c.deletedAt === null)
      .limit(1)
      .primaryKeys(),
  ]);
  return { hasContacts: someone.length > 0, nextDueAfter: later?.nextDueAt ?? null };
}

export async function loadChecklist(db: KontaktDb, today: IsoDay, options: ChecklistOptions = {}): Promise<Checklist> {
  const {
    horizonDays = DEFAULT_HORIZON_DAYS,
    firstRows = { due: 0, upcoming: 0 },
    alsoTouchesOf = [],
    tiers = [],
    lang,
  } = options;
  const { horizonEnd } = horizonOf(today, horizonDays);
  const [{ due, upcoming }, beyond] = await Promise.all([
    listDue(db, today, horizonDays, { tiers, lang }),
    beyondTheLists(db, horizonEnd),
  ]);
  const listed = new Set<string>();
  for (const c of due) listed.add(c.key);
  for (const c of upcoming) listed.add(c.key);
  const wanted = [
    ...due.slice(0, firstRows.due).map((c) => c.key),
    ...upcoming.slice(0, firstRows.upcoming).map((c) => c.key),
    ...[...alsoTouchesOf].filter((key) => listed.has(key)),
  ];
  const lastTouches = await latestTouches(db, wanted);
  return {
    due,
    upcoming,
    complete: true,
    lastTouches,
    ...beyond,
  };
}

/**
 * The `n` most urgent (`urgencyOrder`) with `nextDueAt` in (`above`, `upTo`], without reading the rest:
 * the first `n` in index order plus everyone due the same day as the n-th (the index orders a day's
 * people by key; urgency orders them by tier and name). Not counted: IndexedDB counts by walking every
 * entry, which costs as much as the first paint itself with a thousand people due.
 */
async function mostUrgent(db: KontaktDb, above: number | null, upTo: number, n: number, lang: string): Promise<Contact[]> {
  if (n <= 0) return [];
  const range =
    above === null
      ? db.contacts.where('nextDueAt').belowOrEqual(upTo)
      : db.contacts.where('nextDueAt').between(above, upTo, false, true);
  const head = await range.limit(n).toArray();
  const edge = head.length === n ? head[n - 1]?.nextDueAt : undefined;
  const tied = edge === undefined ? [] : await db.contacts.where('nextDueAt').equals(edge).toArray();
  const byKey = new Map<string, Contact>();
  for (const c of [...head, ...tied]) byKey.set(c.key, c);
  return [...byKey.values()].sort(urgencyOrder(lang)).slice(0, n);
}

/**
 * The first rows of both lists with their latest touches and both lists' totals: a few dozen records and
 * two index counts, so the popup can paint its first screen while `loadChecklist` reads everyone (for
 * search, filters, "Show more").
 */
export async function loadFirstRows(
  db: KontaktDb,
  today: IsoDay,
  firstRows: { due: number; upcoming: number },
  horizonDays: number = DEFAULT_HORIZON_DAYS,
  lang: string = FALLBACK_COLLATION_LANG,
): Promise<Checklist> {
  const { todayMs, horizonEnd } = horizonOf(today, horizonDays);
  const [due, upcoming, beyond, dueTotal, upcomingTotal] = await db.transaction('r', db.contacts, () =>
    Promise.all([
      mostUrgent(db, null, todayMs, firstRows.due, lang),
      mostUrgent(db, todayMs, horizonEnd, firstRows.upcoming, lang),
      beyondTheLists(db, horizonEnd),
      // Index counts: the totals beside the headings without reading the people (same bounds as `listDue`).
      db.contacts.where('nextDueAt').belowOrEqual(todayMs).count(),
      horizonEnd > todayMs ? db.contacts.where('nextDueAt').between(todayMs, horizonEnd, false, true).count() : 0,
    ]),
  );
  const lastTouches = await latestTouches(
    db,
    [...due, ...upcoming].map((c) => c.key),
  );
  return {
    due,
    upcoming,
    complete: false,
    totals: { due: dueTotal, upcoming: upcomingTotal },
    lastTouches,
    ...beyond,
  };
}

/**
 * Undo of a popup action ("contacted today", snooze): restores only the dates that action moved, so an
 * edit made meanwhile elsewhere (notes in a panel) survives, and turns the touch it logged into a
 * tombstone (a sync may already have seen it).
 */
export async function undoAction(
  db: KontaktDb,
  before: Contact,
  loggedTouchId: string | null,
  nowMs: number = Date.now(),
): Promise<void> {
  await db.transaction('rw', db.contacts, db.touches, async () => {
    await db.contacts.update(before.key, {
      lastContactAt: before.lastContactAt,
      snoozedUntil: before.snoozedUntil,
      nextDueAt: before.nextDueAt,
    });
    if (loggedTouchId) await db.touches.update(loggedTouchId, { deletedAt: nowMs, updatedAt: nowMs });
  });
}
