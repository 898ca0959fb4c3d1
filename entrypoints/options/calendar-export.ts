import type { Translate } from '../../i18n/translate';
import { localToday } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import type { IcsLabels } from '../../storage/ics';
import { getSettings } from '../../storage/settings';

export interface CalendarFile {
  fileName: string;
  text: string;
  /** events in the file, for the "exported: n entries" message */
  events: number;
}

export function icsLabels(t: Translate): IcsLabels {
  return {
    calendarName: t('icsCalendarName'),
    birthday: (name) => t('icsBirthday', name),
    anniversary: (name, label) => (label ? t('icsAnniversaryAt', [name, label]) : t('icsAnniversary', name)),
    other: (name, label) => t('icsOther', [name, label]),
    promiseMine: (name, text) => t('icsPromiseMine', [name, text]),
    promiseTheirs: (name, text) => t('icsPromiseTheirs', [name, text]),
    followUp: (name) => t('icsFollowUp', name),
    since: (kind, year) => (kind === 'birthday' ? t('icsBorn', year) : t('icsSince', year)),
  };
}

/**
 * The `.ics` file of every live key date, open dated promise and (setting `icsFollowUps`) A contact's
 * next follow-up. ical-generator is loaded here on demand, so it stays out of the dashboard's first
 * load and out of every other entry point. An export reads whole tables once; `buildIcs` drops tombstones.
 */
export async function exportCalendar(db: KontaktDb, now: Date, labels: IcsLabels): Promise<CalendarFile> {
  const [{ buildIcs }, settings, contacts, keyDates, promises] = await Promise.all([
    import('../../storage/ics'),
    getSettings(db),
    db.contacts.toArray(),
    db.keyDates.toArray(),
    db.promises.toArray(),
  ]);
  const today = localToday(now);
  const text = buildIcs({ contacts, keyDates, promises, settings, today, now, labels });
  return { fileName: `kontaktpflege-${today}.ics`, text, events: text.match(/^BEGIN:VEVENT\r$/gm)?.length ?? 0 };
}
