/**
 * The popup's first screen as data: the checklist's first rows with the lists' totals, the first rows of
 * "Occasions" and "Promises due" with theirs, and the settings the rows are drawn with. The worker keeps
 * the latest one in `storage.session` after each write and the daily rollover (background/popup-summary.ts),
 * so the popup paints it before loading its database code. Plain JSON, because `storage.session` stores
 * JSON. A module of its own with no database code: the popup's first script imports it (issue 13).
 */
import type { OccasionRow } from '../../components/OccasionsSection';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import type { Checklist } from '../../storage/checklist';
import type { IsoDay, Settings, Touch } from '../../storage/types';

export interface FirstScreen {
  /** the day it was read for: a summary of another day is never shown (the rollover moves occasions) */
  today: IsoDay;
  /** the collation language the names were ordered in */
  lang: string;
  checklist: Omit<Checklist, 'lastTouches'> & { lastTouches: [string, Touch | null][] };
  settings: Settings;
  occasions: { total: number; rows: OccasionRow[] };
  promises: { total: number; rows: PromiseDueRow[] };
}

/** The checklist part as the popup's state holds it. */
export function checklistOf(screen: FirstScreen): Checklist {
  return { ...screen.checklist, lastTouches: new Map(screen.checklist.lastTouches) };
}

/** Where the worker keeps the summary in `storage.session` (extension pages only: content scripts cannot read it). */
export const SUMMARY_KEY = 'popup-first-screen';

/** A stored summary fit to paint: of today and in the popup's collation language; otherwise null. */
export function usableSummary(stored: unknown, today: IsoDay, lang: string): FirstScreen | null {
  const s = stored as Partial<FirstScreen> | null | undefined;
  if (!s || typeof s !== 'object' || s.today !== today || s.lang !== lang) return null;
  if (!s.checklist || !s.settings || !s.occasions || !s.promises) return null;
  return s as FirstScreen;
}
