// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { BackupSection, DETAILS_SHOWN, type ImportDetails } from '../../components/BackupSection';
import { type ContactRow, ContactsTable, filterRows, TABLE_PAGE } from '../../components/ContactsTable';
import { applyPatch, newContact } from '../../storage/rules';
import { DEFAULT_SETTINGS, type SiteId, type Tier } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);

function row(
  name: string,
  site: SiteId,
  tier: Tier,
  lastContactAt: string | null,
  touchCount: number,
  howWeMet = '',
): ContactRow {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const key = site === 'linkedin' ? `linkedin:${slug}` : `xing:${name.replace(/ /g, '_')}`;
  const base = newContact({ key, site, profileUrl: `https://example.invalid/${slug}`, aliases: [], name }, DEFAULT_SETTINGS, NOW);
  return { contact: applyPatch(base, { tier, lastContactAt, howWeMet }, DEFAULT_SETTINGS, NOW), touchCount };
}

const rows = [
  row('Zoë Zander', 'xing', 'C', '2026-11-01', 1, 'Barcamp Köln'),
  row('Anna Adler', 'linkedin', 'A', '2026-09-12', 4),
  row('Max Moser', 'linkedin', 'none', null, 0),
];

afterEach(cleanup);

test('the table lists every contact and sorts by any column', () => {
  renderWithLocale(<ContactsTable rows={rows} today="2026-11-21" onOpen={vi.fn()} />);
  const table = screen.getByRole('table', { name: 'Contacts' });
  const names = () =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((tr) => within(tr).getAllByRole('cell')[0]?.textContent);
  expect(names()).toEqual(['Anna Adler', 'Zoë Zander', 'Max Moser']); // by next due: overdue first, never last
  fireEvent.click(within(table).getByRole('button', { name: 'Name' }));
  expect(names()).toEqual(['Anna Adler', 'Max Moser', 'Zoë Zander']);
  fireEvent.click(within(table).getByRole('button', { name: 'Name' }));
  expect(names()).toEqual(['Zoë Zander', 'Max Moser', 'Anna Adler']);
  expect(within(table).getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('descending');
  fireEvent.click(within(table).getByRole('button', { name: 'Touches' }));
  expect(names()).toEqual(['Max Moser', 'Zoë Zander', 'Anna Adler']);
});

test('filters by tier, site and a search across name, company, notes and how we met', () => {
  expect(filterRows(rows, { tier: 'A', site: 'all', query: '' }).map((r) => r.contact.name)).toEqual(['Anna Adler']);
  expect(filterRows(rows, { tier: 'all', site: 'xing', query: '' }).map((r) => r.contact.name)).toEqual(['Zoë Zander']);
  expect(filterRows(rows, { tier: 'all', site: 'all', query: 'koln' }).map((r) => r.contact.name)).toEqual(['Zoë Zander']);
  expect(filterRows(rows, { tier: 'all', site: 'all', query: 'zoe' }).map((r) => r.contact.name)).toEqual(['Zoë Zander']);
});

test('clicking a name opens that contact', () => {
  const onOpen = vi.fn();
  renderWithLocale(<ContactsTable rows={rows} today="2026-11-21" onOpen={onOpen} />);
  fireEvent.click(screen.getByRole('button', { name: 'Anna Adler' }));
  expect(onOpen).toHaveBeenCalledWith('linkedin:anna-adler');
});

test('a long table renders a page at a time; sorting covers every row', () => {
  expect(TABLE_PAGE).toBe(100);
  const many = Array.from({ length: 250 }, (_, i) =>
    row(`Person ${String(i).padStart(3, '0')}`, 'linkedin', 'B', '2026-10-01', i % 5),
  );
  renderWithLocale(<ContactsTable rows={many} today="2026-11-21" onOpen={vi.fn()} />);
  const table = screen.getByRole('table', { name: 'Contacts' });
  const bodyRows = () => within(table).getAllByRole('row').slice(1);
  expect(bodyRows()).toHaveLength(100);
  expect(screen.getByText('Showing the first 100 of 250')).toBeTruthy();

  // Sorting reorders all 250, not the rendered 100.
  fireEvent.click(within(table).getByRole('button', { name: 'Name' }));
  fireEvent.click(within(table).getByRole('button', { name: 'Name' }));
  expect(within(bodyRows()[0] as HTMLElement).getAllByRole('cell')[0]?.textContent).toBe('Person 249');

  fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
  expect(bodyRows()).toHaveLength(200);
  fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }));
  expect(bodyRows()).toHaveLength(250);
  expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull();
  cleanup();

  renderWithLocale(<ContactsTable rows={many} today="2026-11-21" onOpen={vi.fn()} />, 'de');
  expect(screen.getByText('Die ersten 100 von 250')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Alle 250 anzeigen' }));
  expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(251);
});

function renderBackup(props: Partial<Parameters<typeof BackupSection>[0]> = {}, lang: 'en' | 'de' = 'en') {
  const handlers = {
    onExportJson: vi.fn(),
    onExportCsv: vi.fn(),
    onChooseFile: vi.fn(),
    onConfirmImport: vi.fn(),
    onCancelImport: vi.fn(),
  };
  renderWithLocale(<BackupSection preview={null} result={null} error={null} busy={false} {...handlers} {...props} />, lang);
  return handlers;
}

test('backup: export buttons and the labelled import input', () => {
  const handlers = renderBackup();
  fireEvent.click(screen.getByRole('button', { name: 'Export to JSON' }));
  fireEvent.click(screen.getByRole('button', { name: 'Export to CSV' }));
  expect(handlers.onExportJson).toHaveBeenCalledOnce();
  expect(handlers.onExportCsv).toHaveBeenCalledOnce();
  const input = screen.getByLabelText('Import') as HTMLInputElement;
  expect(input.type).toBe('file');
  const file = new File(['{}'], 'backup.json', { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
  expect(handlers.onChooseFile).toHaveBeenCalledWith(file);
  expect(screen.queryByRole('button', { name: 'Confirm import' })).toBeNull();
});

test('backup: a preview waits for confirmation; an error is an alert', () => {
  const handlers = renderBackup({ preview: { key: 'importPreview', substitutions: [2, 1, 0, 5] } });
  expect(screen.getByRole('status').textContent).toBe('Contacts – new: 2, updated: 1, unchanged: 0. New touches: 5.');
  fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
  expect(handlers.onConfirmImport).toHaveBeenCalledOnce();
  cleanup();
  renderBackup({ error: { key: 'importError_truncated' } });
  expect(screen.getByRole('alert').textContent).toBe(
    'This file is incomplete (it ends too early, perhaps the download was cut off). Nothing was imported.',
  );
  expect(screen.queryByRole('button', { name: 'Confirm import' })).toBeNull();
});

test('backup: a record path stays out of the German sentence, in a technical details element', () => {
  renderBackup({ error: { key: 'importError_invalid', detail: 'contacts[3].lastContactAt' } }, 'de');
  expect(screen.getByRole('alert').textContent).toBe('Dieser Export enthält ungültige Daten. Es wurde nichts importiert.');
  const details = screen.getByText('Technische Details').closest('details');
  expect(details?.textContent).toContain('contacts[3].lastContactAt');
});

const DETAILS: ImportDetails = {
  changes: [
    { key: 'linkedin:anna', name: 'Anna Adler', fields: ['notes', 'howWeMet', 'tier'] },
    { key: 'xing:Zoe', name: 'Zoë Zander', fields: ['aliases'] },
  ],
  conflicts: [{ key: 'linkedin:anna', name: 'Anna Adler', fields: ['notes', 'touchNote'] }],
  clamped: [{ key: 'linkedin:max', name: 'Max Moser' }],
  skipped: [
    { list: 'contacts', key: `linkedin:${'x'.repeat(1200)}`, name: 'Long Slug', date: '', field: 'key', reason: 'tooLong' },
    {
      list: 'touches',
      key: 'linkedin:ghost',
      name: 'linkedin:ghost',
      date: '2026-11-02',
      field: 'contactKey',
      reason: 'contactMissing',
    },
    { list: 'contacts', key: 'linkedin:eve', name: 'Eve', date: '', field: 'aliases[3]', reason: 'invalid' },
  ],
};

function items(name: string): string[] {
  return within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

test('backup: the preview lists by name who changes and how, whose texts are both kept, whose dates were set back, and what is skipped', () => {
  renderBackup({ preview: { key: 'importPreview', substitutions: [0, 2, 0, 0] }, details: DETAILS });
  expect(items('Contacts that change')).toEqual([
    'Anna Adler: Notes, How we met, and Tier',
    'Zoë Zander: Other profile addresses',
  ]);
  expect(items('Both texts kept (they differed on both sides)')).toEqual(['Anna Adler: Notes and Touch notes']);
  expect(items('Dates in the future set back to tomorrow')).toEqual(['Max Moser']);
  expect(items('Not imported (everything else is)')).toEqual([
    'Long Slug (Profile key): too long',
    'Touch of linkedin:ghost on Nov 2, 2026 (Contact): the person is neither in the file nor in your notebook',
    'Eve (Other profile addresses): not a valid value',
  ]);
});

test('backup: the same lists in German', () => {
  renderBackup({ preview: { key: 'importPreview', substitutions: [0, 2, 0, 0] }, details: DETAILS }, 'de');
  expect(screen.getByRole('status').textContent).toBe(
    'Kontakte – neu: 0, aktualisiert: 2, unverändert: 0. Neue Kontaktmomente: 0.',
  );
  expect(items('Kontakte, die sich ändern')[0]).toBe('Anna Adler: Notizen, Woher wir uns kennen und Kategorie');
  expect(items('Nicht importiert (alles andere schon)')[1]).toBe(
    'Kontaktmoment von linkedin:ghost am 02.11.2026 (Kontakt): die Person ist weder in der Datei noch in Ihrem Notizbuch',
  );
});

test('backup: a long list shows the first 50 and says how many more', () => {
  const changes = Array.from({ length: 120 }, (_, i) => ({ key: `linkedin:p${i}`, name: `Person ${i}`, fields: ['name'] }));
  renderBackup({ result: { key: 'importDone', substitutions: [0, 120, 0] }, details: { ...DETAILS, changes } });
  const shown = items('Contacts that change');
  expect(shown).toHaveLength(DETAILS_SHOWN + 1);
  expect(shown[0]).toBe('Person 0: Name');
  expect(shown.at(-1)).toBe(`… and ${120 - DETAILS_SHOWN} more`);
});

test('backup: no lists without details, and none for an empty category', () => {
  renderBackup({
    preview: { key: 'importPreview', substitutions: [1, 0, 0, 0] },
    details: { changes: [], conflicts: [], clamped: [], skipped: [] },
  });
  expect(screen.queryAllByRole('list')).toEqual([]);
});
