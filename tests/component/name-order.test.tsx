// @vitest-environment jsdom
/**
 * One order of names everywhere a person is listed: the popup's checklist (people due the same day and
 * tier), the dashboard's contacts table sorted by name, and the CSV export, all in the UI language's
 * collation. Swedish is here because its order visibly differs (Ä and Ö come after Z).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import en from '../../public/_locales/en/messages.json';
import { ContactsTable } from '../../components/ContactsTable';
import { LocaleContext } from '../../i18n/context';
import { catalogTranslator } from '../../i18n/translate';
import { buildCsv, CSV_COLUMNS, type CsvLabels } from '../../storage/backup/export';
import { loadChecklist, loadFirstRows } from '../../storage/checklist';
import { dayStartMs } from '../../storage/dates';
import { openDb } from '../../storage/db';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';

const NOW = Date.UTC(2026, 10, 21, 10);
const TODAY = '2026-11-21';
const NAMES = ['Zoë', 'Ödön', 'anna 2', 'Ärzte', 'Olaf', 'Anna 10', 'Bert', 'Émile'];
// Case and accents do not count, digits count as numbers; the language decides where Ä and Ö go.
const EXPECTED: Record<string, string[]> = {
  de: ['anna 2', 'Anna 10', 'Ärzte', 'Bert', 'Émile', 'Ödön', 'Olaf', 'Zoë'],
  en: ['anna 2', 'Anna 10', 'Ärzte', 'Bert', 'Émile', 'Ödön', 'Olaf', 'Zoë'],
  sv: ['anna 2', 'Anna 10', 'Bert', 'Émile', 'Olaf', 'Zoë', 'Ärzte', 'Ödön'],
};

/** Everyone tier B and due today: the checklist's order then comes down to the names. */
function contacts(): Contact[] {
  return NAMES.map((name, i) => {
    const base = newContact(
      { key: `linkedin:p${i}`, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/p${i}/`, aliases: [], name },
      DEFAULT_SETTINGS,
      NOW,
    );
    return { ...applyPatch(base, { tier: 'B' }, DEFAULT_SETTINGS, NOW), nextDueAt: dayStartMs(TODAY) };
  });
}

afterEach(cleanup);

describe.each(Object.keys(EXPECTED))('names in the UI language %s', (lang) => {
  const expected = EXPECTED[lang];

  it('the popup lists people due the same day and tier in that order, first rows and whole list', async () => {
    const db = openDb(`kontaktpflege-order-${lang}-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
    await db.contacts.bulkPut(contacts());
    const first = await loadFirstRows(db, TODAY, { due: NAMES.length, upcoming: 0 }, undefined, lang);
    expect(first.due.map((c) => c.name)).toEqual(expected);
    const whole = await loadChecklist(db, TODAY, { lang });
    expect(whole.due.map((c) => c.name)).toEqual(expected);
    db.close();
  });

  it('the contacts table sorted by name shows that order', () => {
    render(
      <LocaleContext.Provider value={{ lang, t: catalogTranslator(en) }}>
        <ContactsTable rows={contacts().map((contact) => ({ contact, touchCount: 0 }))} today={TODAY} onOpen={vi.fn()} />
      </LocaleContext.Provider>,
    );
    const table = screen.getByRole('table', { name: 'Contacts' });
    fireEvent.click(within(table).getByRole('button', { name: 'Name' }));
    const shown = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell')[0]?.textContent);
    expect(shown).toEqual(expected);
  });

  it('the CSV export has its rows in that order', () => {
    const labels = Object.fromEntries(CSV_COLUMNS.map((column) => [column, column])) as Record<keyof CsvLabels, string>;
    const lines = buildCsv(contacts(), new Map(), labels, {}, lang).replace('\uFEFF', '').trim().split('\r\n').slice(1);
    expect(lines.map((line) => line.split(';')[0])).toEqual(expected);
  });
});
