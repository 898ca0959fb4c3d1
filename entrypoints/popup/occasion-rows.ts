/**
 * The popup's occasion and promise rows, from the same queries the badge counts with (storage/key-dates.ts,
 * storage/promises.ts), and their one-click actions.
 */
import { keyDateTitle } from '../../components/occasion-words';
import type { OccasionRow } from '../../components/OccasionsSection';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import type { Translate } from '../../i18n/translate';
import { logTouch } from '../../storage/contacts';
import type { KontaktDb } from '../../storage/db';
import { acknowledgeKeyDate, listOccasions } from '../../storage/key-dates';
import { completePromise, listPromisesDue, listPromisesDueHead, type PromiseRow } from '../../storage/promises';
import type { IsoDay } from '../../storage/types';

export async function loadOccasionRows(db: KontaktDb, today: IsoDay): Promise<OccasionRow[]> {
  // Acknowledged ones ("Congratulated") are done: the badge no longer counts them, so the list drops them too.
  return (await listOccasions(db, today))
    .filter((row) => !row.acknowledged)
    .map(({ keyDate, contact, day, daysUntil, years, round }) => ({
      id: keyDate.id,
      contactKey: contact.key,
      name: contact.name || contact.key,
      kind: keyDate.kind,
      label: keyDate.label,
      date: day,
      daysAway: daysUntil,
      years,
      round,
    }));
}

/** A promise row as the section shows it (a row without a due day is never in the window). */
function promiseDueRows(rows: readonly PromiseRow[]): PromiseDueRow[] {
  return rows.flatMap(({ promise, contact, overdueDays }) =>
    promise.dueDate === null
      ? []
      : [
          {
            id: promise.id,
            contactKey: contact.key,
            name: contact.name || contact.key,
            direction: promise.direction,
            text: promise.text,
            dueDate: promise.dueDate,
            daysAway: -overdueDays,
          },
        ],
  );
}

/** Every row of "Promises due" (after "Show more" past the first screen). */
export async function loadPromiseRows(db: KontaktDb, today: IsoDay): Promise<PromiseDueRow[]> {
  return promiseDueRows(await listPromisesDue(db, today));
}

/** The first screen of "Promises due": the first `n` rows and the index count of all. */
export async function loadPromiseHead(
  db: KontaktDb,
  today: IsoDay,
  n: number,
): Promise<{ total: number; rows: PromiseDueRow[] }> {
  const { total, rows } = await listPromisesDueHead(db, today, n);
  return { total, rows: promiseDueRows(rows) };
}

/** "Congratulated": a touch marked "gave" for today, and this occurrence acknowledged. */
export async function congratulate(db: KontaktDb, row: OccasionRow, today: IsoDay, t: Translate): Promise<void> {
  const now = Date.now();
  const contact = await db.contacts.get(row.contactKey);
  await logTouch(
    db,
    row.contactKey,
    {
      date: today,
      channel: contact?.preferredChannel || 'message',
      direction: 'gave',
      note: t('congratulatedNote', keyDateTitle(row, t)),
    },
    now,
  );
  await acknowledgeKeyDate(db, row.id, today, now);
}

export async function markPromiseDone(db: KontaktDb, row: PromiseDueRow): Promise<void> {
  await completePromise(db, row.id, Date.now());
}
