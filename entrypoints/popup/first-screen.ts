/**
 * The popup's first screen as data: the checklist's first rows with the lists' totals, the first rows of
 * "Occasions" and "Promises due" with theirs, and the settings the rows are drawn with. The worker keeps
 * the latest one in `storage.session` after each write and the daily rollover (background/popup-summary.ts),
 * so the popup can paint before its own database reads; the popup reads the same thing itself when there
 * is none for today. Plain JSON, because `storage.session` stores JSON.
 */
import type { OccasionRow } from '../../components/OccasionsSection';
import { CHECKLIST_PAGE, SECTION_PAGE } from '../../components/page-sizes';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import { type Checklist, loadFirstRows } from '../../storage/checklist';
import type { KontaktDb } from '../../storage/db';
import { getSettings } from '../../storage/settings';
import type { IsoDay, Settings, Touch } from '../../storage/types';
import { loadOccasionRows, loadPromiseHead } from './occasion-rows';

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

/** Reads the first screen from the database: index reads and the people of the rows shown. */
export async function readFirstScreen(db: KontaktDb, today: IsoDay, lang: string): Promise<FirstScreen> {
  const [checklist, settings, occasions, promises] = await Promise.all([
    loadFirstRows(db, today, CHECKLIST_PAGE, undefined, lang),
    getSettings(db),
    loadOccasionRows(db, today),
    loadPromiseHead(db, today, SECTION_PAGE),
  ]);
  return {
    today,
    lang,
    checklist: { ...checklist, lastTouches: [...checklist.lastTouches] },
    settings,
    occasions: { total: occasions.length, rows: occasions.slice(0, SECTION_PAGE) },
    promises,
  };
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
