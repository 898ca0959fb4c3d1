// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import ICAL from 'ical.js';
import { CalendarExport } from '../../components/CalendarExport';
import { type CalendarFile, exportCalendar, icsLabels } from '../../entrypoints/options/calendar-export';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { catalogTranslator } from '../../i18n/translate';
import { addContact, updateContact } from '../../storage/contacts';
import { openDb } from '../../storage/db';
import { getSettings, saveSettings } from '../../storage/settings';
import { addKeyDate, deleteKeyDate } from '../../storage/key-dates';
import { addPromise, completePromise } from '../../storage/promises';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = new Date(2026, 10, 27, 12); // local noon: the file name is the local day
const TODAY = '2026-11-27';
const MS = NOW.getTime();

afterEach(cleanup);

async function seeded() {
  const db = openDb(`kp-ics-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  const anna = await addContact(
    db,
    {
      key: 'linkedin:anna',
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/anna/',
      aliases: [],
      name: 'Anna Schmidt',
    },
    DEFAULT_SETTINGS,
    MS,
  );
  await updateContact(db, anna.key, { tier: 'A' }, MS);
  const birthday = await addKeyDate(
    db,
    anna.key,
    { kind: 'birthday', label: '', day: 2, month: 12, year: 1976, recurrence: 'yearly' },
    TODAY,
    MS,
  );
  const gone = await addKeyDate(
    db,
    anna.key,
    { kind: 'other', label: 'Einschulung Lena', day: 10, month: 9, year: null, recurrence: 'yearly' },
    TODAY,
    MS,
  );
  await deleteKeyDate(db, gone.id, MS);
  const open = await addPromise(db, anna.key, { direction: 'mine', text: 'Checkliste schicken', dueDate: '2026-12-01' }, MS);
  const done = await addPromise(db, anna.key, { direction: 'theirs', text: 'Intro IHK', dueDate: '2026-12-03' }, MS);
  await completePromise(db, done.id, MS);
  return { db, anna, birthday, open };
}

function events(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

test('"Export calendar (ICS)" writes the live key dates and open promises in the UI language and says how many', async () => {
  const { db, birthday, open } = await seeded();
  const files: CalendarFile[] = [];
  renderWithLocale(
    <CalendarExport
      onExport={async () => {
        const file = await exportCalendar(db, NOW, icsLabels(catalogTranslator(de)));
        files.push(file);
        return file.events;
      }}
    />,
    'de',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Kalender exportieren (ICS)' }));
  expect((await screen.findByRole('status')).textContent).toContain('2');
  const [file] = files;
  expect(file?.fileName).toBe(`kontaktpflege-${TODAY}.ics`);
  const found = events(file?.text ?? '');
  expect(found.map((e) => [e.uid, e.summary]).sort()).toEqual([
    [`keydate-${birthday.id}@kontaktpflege`, 'Geburtstag: Anna Schmidt'],
    [`promise-${open.id}@kontaktpflege`, 'Zusage an Anna Schmidt: Checkliste schicken'],
  ]);
  db.close();
});

test("the A contacts' follow-ups are in the file only with the setting on", async () => {
  const { db, anna } = await seeded();
  const t = catalogTranslator(en);
  const without = await exportCalendar(db, NOW, icsLabels(t));
  expect(events(without.text).some((e) => e.summary.startsWith('Get in touch'))).toBe(false);
  await saveSettings(db, { ...(await getSettings(db)), icsFollowUps: true }, MS);
  const withFollowUps = await exportCalendar(db, NOW, icsLabels(t));
  const followUp = events(withFollowUps.text).find((e) => e.uid === `followup-${anna.id}@kontaktpflege`);
  expect(followUp?.summary).toBe('Get in touch with Anna Schmidt');
  expect(withFollowUps.events).toBe(without.events + 1);
  db.close();
});

test('a failed export says so and the button works again', async () => {
  let fail = true;
  renderWithLocale(
    <CalendarExport
      onExport={async () => {
        if (fail) throw new Error('storage closed');
        return 3;
      }}
    />,
  );
  const button = screen.getByRole('button', { name: 'Export calendar (ICS)' });
  fireEvent.click(button);
  expect((await screen.findByRole('alert')).textContent).toBe('The calendar could not be exported.');
  fail = false;
  fireEvent.click(button);
  expect((await screen.findByRole('status')).textContent).toBe('Calendar exported: 3 entries.');
  expect(screen.queryByRole('alert')).toBeNull();
});
