import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { catalogTranslator } from '../../i18n/translate';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalogs: Record<string, Catalog> = { en, de };

test('English and German define exactly the same keys', () => {
  expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
});

test('every message is non-empty and uses the same placeholders in both languages', () => {
  for (const key of Object.keys(en)) {
    for (const catalog of Object.values(catalogs)) {
      expect(catalog[key]?.message.trim(), key).not.toBe('');
    }
    const placeholders = (entry: Catalog[string] | undefined) =>
      Object.entries(entry?.placeholders ?? {})
        .map(([name, { content }]) => `${name}=${content}`)
        .sort();
    expect(placeholders((de as Catalog)[key]), key).toEqual(placeholders((en as Catalog)[key]));
  }
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

test('every key the UI asks for exists', () => {
  const used = new Set<string>();
  for (const file of ['components', 'entrypoints', 'i18n', 'background'].flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(match[1] as string);
  }
  expect(used.size).toBeGreaterThan(50);
  const missing = [...used].filter((key) => !(key in en));
  expect(missing).toEqual([]);
});

test('placeholders are filled in the order the code passes them, in both languages', () => {
  expect(catalogTranslator(en)('importPreview', [1, 2, 3, 4])).toBe(
    'Contacts – new: 1, updated: 2, unchanged: 3. New touches: 4.',
  );
  expect(catalogTranslator(de)('importPreview', [1, 2, 3, 4])).toBe(
    'Kontakte – neu: 1, aktualisiert: 2, unverändert: 3. Neue Kontaktmomente: 4.',
  );
  // „seit 4 Tage überfällig“ was ungrammatical: the duration comes in the nominative.
  expect(catalogTranslator(de)('dueOverdue', '4 Tage')).toBe('4 Tage überfällig');
  expect(catalogTranslator(de)('contactCount', [4, 10])).toBe('4 von 10 Kontakten');
});
