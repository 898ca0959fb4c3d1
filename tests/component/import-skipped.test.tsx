// @vitest-environment jsdom
/**
 * Issue 9: the import preview names skipped key dates and promises as what they are (never "Touch of …"),
 * with the field in words, in English and German. The skipped records come from the real validator
 * reading a backup file with a 31 April birthday and an empty promise.
 */
import { cleanup, screen, within } from '@testing-library/preact';
import { BackupSection } from '../../components/BackupSection';
import { validateExportText } from '../../storage/backup/validate';
import type { SkippedRecord } from '../../storage/backup/format';
import VALID_V2 from '../fixtures/backup/valid-v2.json';
import { renderWithLocale } from './render';

afterEach(cleanup);

const BASE: { keyDates: Record<string, unknown>[]; promises: Record<string, unknown>[] } = VALID_V2;
const JONAS = 'linkedin:jonas-beispiel-mustermann';

/** valid-v2.json plus a birthday on 31 April (no year), one on 31 April 1980, an empty promise and a dated one with only spaces. */
function fileWithBadRecords(): string {
  const kd = BASE.keyDates[0] ?? {};
  const pr = BASE.promises[0] ?? {};
  return JSON.stringify({
    ...BASE,
    keyDates: [
      ...BASE.keyDates,
      { ...kd, id: 'aaaaaaaa-0000-4000-8000-000000000001', contactKey: JONAS, month: 4, day: 31, year: null },
      { ...kd, id: 'aaaaaaaa-0000-4000-8000-000000000002', contactKey: JONAS, month: 4, day: 31, year: 1980 },
    ],
    promises: [
      ...BASE.promises,
      { ...pr, id: 'bbbbbbbb-0000-4000-8000-000000000001', contactKey: JONAS, text: '', dueDate: null },
      { ...pr, id: 'bbbbbbbb-0000-4000-8000-000000000002', contactKey: JONAS, text: '   ', dueDate: '2025-03-14' },
    ],
  });
}

function skippedFromFile(): readonly SkippedRecord[] {
  const text = fileWithBadRecords();
  const result = validateExportText(text, text.length, '2025-03-01');
  if (!result.ok) throw new Error(`the file was refused: ${result.error}`);
  return result.skipped;
}

function renderPreview(skipped: readonly SkippedRecord[], lang: 'en' | 'de') {
  renderWithLocale(
    <BackupSection
      preview={{ key: 'importPreview', substitutions: [0, 0, 2, 0] }}
      result={null}
      error={null}
      busy={false}
      details={{ changes: [], conflicts: [], clamped: [], skipped }}
      onExportJson={vi.fn()}
      onExportCsv={vi.fn()}
      onChooseFile={vi.fn()}
      onConfirmImport={vi.fn()}
      onCancelImport={vi.fn()}
    />,
    lang,
  );
}

const skippedItems = (name: string) =>
  within(screen.getByRole('list', { name }))
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');

test('a 31 April key date and an empty promise are listed as a key date and a promise, with the field in words', () => {
  const skipped = skippedFromFile();
  expect(skipped.map((r) => r.list)).toEqual(['keyDates', 'keyDates', 'promises', 'promises']);
  renderPreview(skipped, 'en');
  expect(skippedItems('Not imported (everything else is)')).toEqual([
    'Key date – Jonas Beispiel Mustermann, April 31 (Day of the month): not a valid value',
    'Key date – Jonas Beispiel Mustermann, April 31, 1980 (Day of the month): not a valid value',
    'Promise – Jonas Beispiel Mustermann (What was promised): not a valid value',
    'Promise – Jonas Beispiel Mustermann, due Mar 14, 2025 (What was promised): not a valid value',
  ]);
});

test('the same in German: Anlass and Zusage, the day as Germans write it', () => {
  renderPreview(skippedFromFile(), 'de');
  const items = skippedItems('Nicht importiert (alles andere schon)');
  expect(items).toEqual([
    'Anlass – Jonas Beispiel Mustermann, 31. April (Tag im Monat): kein gültiger Wert',
    'Anlass – Jonas Beispiel Mustermann, 31. April 1980 (Tag im Monat): kein gültiger Wert',
    'Zusage – Jonas Beispiel Mustermann (Was zugesagt wurde): kein gültiger Wert',
    'Zusage – Jonas Beispiel Mustermann, fällig am 14.03.2025 (Was zugesagt wurde): kein gültiger Wert',
  ]);
  expect(items.join(' ')).not.toContain('Kontaktmoment');
});
