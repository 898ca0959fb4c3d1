/**
 * Issue 9: the import preview names a record's fields in words ("Connected since", not `connectedOn`).
 * Every field a v2 record can have, as docs/export-format.schema.json lists them, needs its
 * `importField_*` label in both catalogs; a field added to the format without one fails here.
 */
import { readFileSync } from 'node:fs';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { fieldWord } from '../../components/skipped-record-words';
import { catalogTranslator } from '../../i18n/translate';

type Catalog = Record<string, { message: string }>;
const schema = JSON.parse(readFileSync(new URL('../../docs/export-format.schema.json', import.meta.url), 'utf8')) as {
  $defs: Record<string, { properties?: Record<string, unknown> }>;
};
const RECORDS = ['contact', 'touch', 'keyDate', 'promise'] as const;

test('every field of every v2 record has a label in English and German', () => {
  const fields = new Set(RECORDS.flatMap((r) => Object.keys(schema.$defs[r]?.properties ?? {})));
  // the schema really lists the v2 fields (not an empty or renamed $defs)
  for (const f of ['connectedOn', 'email', 'phone', 'notSameAs', 'kind', 'month', 'day', 'year', 'text', 'dueDate'])
    expect(fields, f).toContain(f);
  for (const [lang, catalog] of Object.entries({ en, de } as Record<string, Catalog>)) {
    const t = catalogTranslator(catalog);
    const unlabelled = [...fields].filter((f) => !catalog[`importField_${f}`] || fieldWord(t, f) === f);
    expect(unlabelled, lang).toEqual([]);
  }
});

test('a list field keeps its label with an index; an unknown field shows as it is', () => {
  const t = catalogTranslator(en);
  expect(fieldWord(t, 'notSameAs[1]')).toBe('Not the same person as');
  expect(fieldWord(catalogTranslator(de), 'connectedOn')).toBe('Vernetzt seit');
  expect(fieldWord(t, 'noSuchField')).toBe('noSuchField');
});
