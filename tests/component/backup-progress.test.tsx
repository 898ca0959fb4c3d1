// @vitest-environment jsdom
/** Issue 13: the JSON import (dashboard backup section) shows the "Import progress" bar while it works. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { BackupSection } from '../../components/BackupSection';
import { BackupWorkflow } from '../../entrypoints/options/BackupWorkflow';
import { serializeExportFile } from '../../storage/backup/format';
import { IMPORT_CHUNK } from '../../storage/backup/write';
import { type KontaktDb, openDb } from '../../storage/db';
import { exportedContact, exportFile, touch } from '../fixtures/backup/helpers';
import { renderWithLocale } from './render';

afterEach(cleanup);

function renderSection(progress: Parameters<typeof BackupSection>[0]['progress'], lang: 'en' | 'de' = 'en') {
  renderWithLocale(
    <BackupSection
      preview={null}
      result={null}
      error={null}
      busy={progress != null}
      progress={progress}
      onExportJson={vi.fn()}
      onExportCsv={vi.fn()}
      onChooseFile={vi.fn()}
      onConfirmImport={vi.fn()}
      onCancelImport={vi.fn()}
    />,
    lang,
  );
}

test('while writing: the bar "Import progress" says how much of the import is written', () => {
  renderSection({ done: 1_000, total: 60_000 });
  const bar = screen.getByRole('progressbar', { name: 'Import progress' }) as HTMLProgressElement;
  expect([bar.value, bar.max]).toEqual([1_000, 60_000]);
  expect((screen.getByLabelText('Import') as HTMLInputElement).disabled).toBe(true);
});

test('while the file is read and checked: the bar without an amount (indeterminate); in German "Importfortschritt"', () => {
  renderSection('unknown', 'de');
  const bar = screen.getByRole('progressbar', { name: 'Importfortschritt' });
  expect(bar.hasAttribute('value')).toBe(false);
});

test('no import running: no bar', () => {
  renderSection(null);
  expect(screen.queryByRole('progressbar')).toBeNull();
});

describe('the workflow against a notebook', () => {
  let db: KontaktDb;
  let n = 0;
  beforeEach(() => {
    db = openDb(`backup-progress-${n++}`, { indexedDB, IDBKeyRange });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  test('Confirm import: the bar moves through the chunks while writing, then gives way to the result', async () => {
    const keys = ['linkedin:anna', 'linkedin:ben'];
    const touches = 3 * IMPORT_CHUNK;
    const text = serializeExportFile(
      exportFile(
        keys.map((k) => exportedContact(k)),
        Array.from({ length: touches }, (_, i) => touch(`t-${i}`, keys[i % 2] ?? 'linkedin:anna')),
      ),
    );
    const onImported = vi.fn(async () => {});
    renderWithLocale(<BackupWorkflow db={db} onImported={onImported} />);
    // Every value the bar shows, recorded as it is rendered (the write is over before a poll would see most of them).
    const shown: Array<[number, number]> = [];
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('progress');
      if (bar?.hasAttribute('value')) shown.push([bar.value, bar.max]);
    });
    fireEvent.change(screen.getByLabelText('Import'), { target: { files: [new File([text], 'kontaktpflege.json')] } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Contacts – new: 2,/), { timeout: 15_000 });
    expect(await db.touches.count()).toBe(0);
    // From here on: the write's values (the file's check before it has its own amounts, tested below).
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Import complete/), { timeout: 30_000 });
    observer.disconnect();
    const total = 1 + keys.length + touches; // settings, contacts, touches
    expect(shown.every(([, max]) => max === total)).toBe(true);
    // Seen between the start and the end, not only at either end: the page painted during the write.
    expect(shown.some(([value]) => value > 0 && value < total)).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(await db.touches.count()).toBe(touches);
    expect(onImported).toHaveBeenCalledOnce();
  });
});
