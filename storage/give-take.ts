/**
 * Give and take: how the touches of the last 12 months split by direction, per person, and who is
 * one-sided. Directions are the user's: `gave` (I gave), `received` (I received), `mutual`. The pure
 * functions take the touches and `today`; two thin readers feed them from the database.
 */
import { dayNumber, isoFromDayNumber } from './dates';
import type { KontaktDb } from './db';
import type { IsoDay, Touch } from './types';

export interface GiveTake {
  gave: number;
  received: number;
  mutual: number;
}

type CountedTouch = Pick<Touch, 'contactKey' | 'date' | 'direction' | 'deletedAt'>;

/**
 * The first day of the window: the day after the same calendar day a year before `today` (for 29
 * February: 1 March of the year before), so the window is one year of days ending with `today`.
 */
export function windowStart(today: IsoDay): IsoDay {
  const year = String(Number(today.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = today.slice(4);
  if (monthDay === '-02-29') return `${year}-03-01`;
  return isoFromDayNumber(dayNumber(`${year}${monthDay}`) + 1);
}

function inWindow(t: CountedTouch, fromN: number, todayN: number): boolean {
  if (t.deletedAt !== null) return false;
  const n = dayNumber(t.date);
  return n >= fromN && n <= todayN;
}

/** Counts per direction of one person's live touches within the last 12 months. */
export function giveTake(touches: readonly CountedTouch[], today: IsoDay): GiveTake {
  const fromN = dayNumber(windowStart(today));
  const todayN = dayNumber(today);
  const out: GiveTake = { gave: 0, received: 0, mutual: 0 };
  for (const t of touches) if (inWindow(t, fromN, todayN)) out[t.direction]++;
  return out;
}

/** `giveTake` for every contact key that has a touch in the window. */
export function giveTakeByContact(touches: readonly CountedTouch[], today: IsoDay): Map<string, GiveTake> {
  const fromN = dayNumber(windowStart(today));
  const todayN = dayNumber(today);
  const out = new Map<string, GiveTake>();
  for (const t of touches) {
    if (!inWindow(t, fromN, todayN)) continue;
    let counts = out.get(t.contactKey);
    if (!counts) {
      counts = { gave: 0, received: 0, mutual: 0 };
      out.set(t.contactKey, counts);
    }
    counts[t.direction]++;
  }
  return out;
}

/**
 * The one-sided people of the window, keys in code-unit order, named for what the other person did:
 * `takers` only received (every touch was "I gave"), `givers` only gave (every touch was "I
 * received"). A mutual touch makes nobody one-sided.
 */
export function oneSided(counts: ReadonlyMap<string, GiveTake>): OneSided {
  const takers: string[] = [];
  const givers: string[] = [];
  for (const [key, c] of counts) {
    if (c.mutual > 0) continue;
    if (c.gave > 0 && c.received === 0) takers.push(key);
    if (c.received > 0 && c.gave === 0) givers.push(key);
  }
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { takers: takers.sort(byKey), givers: givers.sort(byKey) };
}

export interface OneSided {
  takers: string[];
  givers: string[];
}

/** One person's balance (the panel), read from `[contactKey+date]` within the window only. */
export async function readGiveTake(db: KontaktDb, contactKey: string, today: IsoDay): Promise<GiveTake> {
  const rows = await db.touches
    .where('[contactKey+date]')
    .between([contactKey, windowStart(today)], [contactKey, today], true, true)
    .toArray();
  return giveTake(rows, today);
}

/** Every person's balance and the one-sided lists (the dashboard): reads all touches once, live contacts only. */
export async function readGiveTakeAll(db: KontaktDb, today: IsoDay): Promise<{ counts: Map<string, GiveTake> } & OneSided> {
  return db.transaction('r', db.touches, db.contacts, async () => {
    const [touches, dead] = await Promise.all([
      db.touches.toArray(),
      db.contacts.filter((c) => c.deletedAt !== null).primaryKeys(),
    ]);
    const counts = giveTakeByContact(touches, today);
    for (const key of dead) counts.delete(String(key));
    return { counts, ...oneSided(counts) };
  });
}
