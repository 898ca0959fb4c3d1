/**
 * Reads the popup's first screen (`FirstScreen`, see summary.ts) from the database: the worker for its
 * summary, the popup itself when there is no summary of today.
 */
import { CHECKLIST_PAGE, SECTION_PAGE } from '../../components/page-sizes';
import { loadFirstRows } from '../../storage/checklist';
import type { KontaktDb } from '../../storage/db';
import { getSettings } from '../../storage/settings';
import type { IsoDay } from '../../storage/types';
import { loadOccasionRows, loadPromiseHead } from './occasion-rows';
import type { FirstScreen } from './summary';

export { checklistOf, type FirstScreen, SUMMARY_KEY, usableSummary } from './summary';

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
