/** The popup's occasion and promise rows from storage, and their one-click actions. */
import { keyDateTitle } from '../../components/occasion-words';
import type { OccasionRow } from '../../components/OccasionsSection';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import type { Translate } from '../../i18n/translate';
import { logTouch } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { acknowledgeKeyDate, completePromise, occasionsInLeadTime, promisesDue } from '../../storage/occasions-fallback';
import type { IsoDay } from '../../storage/types';

export async function loadOccasionRows(db: KontaktDb, today: IsoDay): Promise<OccasionRow[]> {
  return (await occasionsInLeadTime(db, today)).map(({ keyDate, contact, date, daysAway, years, round }) => ({
    id: keyDate.id,
    contactKey: contact.key,
    name: contact.name || contact.key,
    kind: keyDate.kind,
    label: keyDate.label,
    date,
    daysAway,
    years,
    round,
  }));
}

export async function loadPromiseRows(db: KontaktDb, today: IsoDay): Promise<PromiseDueRow[]> {
  return (await promisesDue(db, today)).map(({ promise, contact, daysAway }) => ({
    id: promise.id,
    contactKey: contact.key,
    name: contact.name || contact.key,
    direction: promise.direction,
    text: promise.text,
    dueDate: promise.dueDate,
    daysAway,
  }));
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
  await acknowledgeKeyDate(db, row.id, dayStartMs(row.date), now);
}

export async function markPromiseDone(db: KontaktDb, row: PromiseDueRow): Promise<void> {
  await completePromise(db, row.id, Date.now(), row.contactKey);
}
