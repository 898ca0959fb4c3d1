import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayStartMs } from '../../storage/dates';
import { computeNextOccurrenceAt } from '../../storage/occasions';
import { MAX_IMPORT_BYTES } from '../../storage/onboarding/decode';
import { parseConnectedOn } from '../../storage/onboarding/linkedin-csv';
import { checkImportSize, parseImportBytes } from '../../storage/onboarding/parse';
import type { ImportedPerson, ParsedImport } from '../../storage/onboarding/types';
import { parseCardDate } from '../../storage/onboarding/vcard';

const dir = join(__dirname, '../fixtures/imports');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

function parsed(name: string): ParsedImport & { encoding: string } {
  const result = parseImportBytes(bytes(name));
  if (!result.ok) throw new Error(`expected ${name} to parse: ${result.error.code}`);
  return { ...result.parsed, encoding: result.encoding };
}

function byName(people: readonly ImportedPerson[], name: string): ImportedPerson {
  const p = people.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} among ${people.map((x) => x.name).join(', ')}`);
  return p;
}

describe("LinkedIn's Connections.csv (2023–2026 shape)", () => {
  const file = parsed('linkedin-Connections.csv');

  test('reads past BOM and Notes preamble: six people, in file order, with their file lines', () => {
    expect(file.source).toBe('linkedin');
    expect(file.encoding).toBe('utf-8');
    expect(file.people.map((p) => [p.at, p.name])).toEqual([
      [5, 'Erika Mustermann'],
      [6, 'Jürgen Müller'],
      [7, 'Anna-Lena Beispiel-Schmidt'],
      [8, 'Otto'],
      [10, 'Lieschen Müller'],
      [11, 'Dr. Paul Musterberg'],
    ]);
  });

  test('Erika: every column in its field', () => {
    const erika = byName(file.people, 'Erika Mustermann');
    expect(erika.profiles.map((p) => p.key)).toEqual(['linkedin:erika-mustermann-4711']);
    expect(erika.profiles[0]?.profileUrl).toBe('https://www.linkedin.com/in/erika-mustermann-4711/');
    expect(erika.company).toBe('Beispiel GmbH');
    expect(erika.headline).toBe('Leitung Office Management');
    expect(erika.email).toBe('');
    expect(erika.connectedOn).toBe('2024-03-12');
    expect(erika.keyDates).toEqual([]);
  });

  test('percent-encoded umlaut slug gives the decoded key; e-mail kept; quoted "&" company', () => {
    const j = byName(file.people, 'Jürgen Müller');
    expect(j.profiles[0]?.key).toBe('linkedin:jürgen-müller-1a2b3c');
    expect(j.email).toBe('juergen.mueller@example.de');
    expect(j.company).toBe('Müller & Söhne KG');
    expect(j.headline).toBe('Assistenz der Geschäftsführung');
    expect(j.connectedOn).toBe('2023-01-03');
  });

  test('quoted comma and doubled quotes stay inside their field', () => {
    const a = byName(file.people, 'Anna-Lena Beispiel-Schmidt');
    expect(a.company).toBe('Nordlicht AG, Hamburg');
    expect(a.headline).toBe('Teamleitung "Einkauf"');
    expect(a.connectedOn).toBe('2020-02-28');
  });

  test('member-id URL keys the person by id; 29 Feb of a leap year is a real day', () => {
    const l = byName(file.people, 'Lieschen Müller');
    expect(l.profiles[0]?.key).toBe('linkedin:id:ACoAAB1x2y3z4w5v6u7t8s9r0q');
    expect(l.connectedOn).toBe('2024-02-29');
  });

  test('de.linkedin.com URL with trailing slash gives the same key as www; title stays in the name', () => {
    const p = byName(file.people, 'Dr. Paul Musterberg');
    expect(p.profiles[0]?.key).toBe('linkedin:paulmusterberg42');
    expect(p.headline).toBe('Rechtsanwalt, Partner');
    expect(p.connectedOn).toBe('2026-11-07');
  });

  test('an empty last name leaves the first name alone', () => {
    const o = byName(file.people, 'Otto');
    expect(o.company).toBe('');
    expect(o.connectedOn).toBe('2019-01-01');
  });

  test('a row with nothing but a date is skipped as empty; the duplicate row is listed once', () => {
    expect(file.skipped).toEqual([{ at: 9, name: '', reason: 'empty' }]);
    expect(file.duplicates).toEqual([{ at: 12, firstAt: 5, name: 'Erika Mustermann' }]);
  });
});

describe('the older Connections.csv without URLs', () => {
  const file = parsed('linkedin-Connections-2018-no-url.csv');

  test('both people with name, company, position and "Sep 14, 2018" dates, but no profile', () => {
    expect(file.people).toEqual([
      expect.objectContaining({
        at: 2,
        name: 'Max Mustermann',
        email: 'max@example.de',
        company: 'Musterfirma GmbH',
        headline: 'Vertrieb',
        connectedOn: '2018-09-14',
        profiles: [],
      }),
      expect.objectContaining({ at: 3, name: 'Jonas Beispiel', company: 'Beispiel AG', connectedOn: '2017-12-01', profiles: [] }),
    ]);
    expect(file.skipped).toEqual([]);
  });
});

describe('"Connected On" dates', () => {
  test.each([
    ['12 Mar 2024', '2024-03-12'],
    ['Sep 14, 2018', '2018-09-14'],
    ['1 Dec 2017', '2017-12-01'],
    ['29 Feb 2023', null],
    ['12 Mär 2024', null],
    ['', null],
  ])('%j → %j', (text, iso) => {
    expect(parseConnectedOn(text)).toBe(iso);
  });
});

describe('vCard fixture (3.0 and 4.0), card by card', () => {
  const file = parsed('contacts.vcf');

  test('four cards, in order', () => {
    expect(file.source).toBe('vcard');
    expect(file.people.map((p) => p.name)).toEqual([
      'Erika Mustermann',
      'Dr. Jürgen Müller',
      'Jonas Beispiel',
      'Lieschen Müller',
    ]);
  });

  test('card 1 (Outlook 3.0): org, title, e-mail, phone, dated birthday, LinkedIn key before XING, unescaped note', () => {
    const erika = file.people[0];
    expect(erika).toMatchObject({
      company: 'Beispiel GmbH',
      headline: 'Leitung Office Management',
      email: 'erika.mustermann@example.de',
      phone: '+49 30 1234567',
      note: 'Kennengelernt beim Office-Management-Forum, Leipzig 2025.\nBevorzugt Telefon.',
      keyDates: [{ kind: 'birthday', month: 5, day: 14, year: 1976 }],
    });
    expect(erika?.profiles.map((p) => p.key)).toEqual(['linkedin:erika-mustermann-4711', 'xing:Erika_Mustermann']);
  });

  test("card 2 (Apple): org with unit, Apple's 1604 birthday has no year, XING URL key", () => {
    const j = file.people[1];
    expect(j?.company).toBe('Müller & Söhne KG, Geschäftsführung');
    expect(j?.keyDates).toEqual([{ kind: 'birthday', month: 3, day: 15, year: null }]);
    expect(j?.profiles.map((p) => p.key)).toEqual(['xing:Juergen_Mueller2']);
    expect(j?.email).toBe('');
    expect(j?.phone).toBe('');
  });

  test('card 3 (4.0): --0229 birthday without year, ANNIVERSARY, X-SOCIALPROFILE XING, folded umlaut note', () => {
    const jonas = file.people[2];
    expect(jonas?.keyDates).toEqual([
      { kind: 'birthday', month: 2, day: 29, year: null },
      { kind: 'anniversary', month: 8, day: 1, year: 2011 },
    ]);
    expect(jonas?.profiles.map((p) => p.key)).toEqual(['xing:Jonas_Beispiel']);
    expect(jonas?.note).toBe(
      'Sehr lange Notiz mit Zeilenumbruch in der Mitte eines Wortes, die nach 75 Oktetten gefaltet wurde: Umlaute äöüß bleiben erhalten.',
    );
  });

  test('card 4: no profile link at all, still a person (a contact without a profile page)', () => {
    expect(file.people[3]).toMatchObject({ name: 'Lieschen Müller', company: 'Stadtwerke Musterstadt', profiles: [] });
  });

  test('a second card for a profile already in the file is a duplicate', () => {
    const text = readFileSync(join(dir, 'contacts.vcf'), 'utf8');
    const twice = parseImportBytes(new TextEncoder().encode(`${text}${text.split('END:VCARD')[0]}END:VCARD\r\n`));
    expect(twice.ok && twice.parsed.duplicates).toEqual([{ at: 5, firstAt: 1, name: 'Erika Mustermann' }]);
  });
});

describe('vCard dates', () => {
  test.each([
    ['1976-05-14', undefined, { month: 5, day: 14, year: 1976 }],
    ['19760514', undefined, { month: 5, day: 14, year: 1976 }],
    ['--0229', undefined, { month: 2, day: 29, year: null }],
    ['--02-29', undefined, { month: 2, day: 29, year: null }],
    ['1604-03-15', undefined, { month: 3, day: 15, year: null }],
    ['1980-03-15', '1980', { month: 3, day: 15, year: null }],
    ['1976-05-14T00:00:00Z', undefined, { month: 5, day: 14, year: 1976 }],
  ])('%s (omit year %s)', (value, omit, expected) => {
    expect(parseCardDate(value, omit, 'birthday')).toEqual({ kind: 'birthday', ...expected });
  });

  test.each(['2023-02-29', '--1301', 'soon'])('%s is no date', (value) => {
    expect(parseCardDate(value, undefined, 'birthday')).toBeNull();
  });
});

describe('bad input: its own message, nothing to import', () => {
  test('an Outlook contacts CSV is not LinkedIn export (its first columns are named)', () => {
    const r = parseImportBytes(bytes('bad/outlook-contacts.csv'));
    expect(r).toEqual({ ok: false, error: { code: 'notConnections', detail: expect.stringContaining('Middle Name') } });
  });

  test('a bank statement is not LinkedIn export', () => {
    const r = parseImportBytes(bytes('bad/bank-statement.csv'));
    expect(r.ok === false && r.error.code).toBe('notConnections');
  });

  test('a Windows-1252 Connections.csv is detected and its umlauts survive', () => {
    const file = parsed('linkedin-Connections-windows-1252.csv');
    expect(file.encoding).toBe('windows-1252');
    expect(byName(file.people, 'Jürgen Müller').company).toBe('Müller & Söhne KG');
    expect(file.people).toHaveLength(6);
  });

  test('an empty file, and one of blank lines only', () => {
    expect(parseImportBytes(bytes('bad/empty.csv'))).toEqual({ ok: false, error: { code: 'empty' } });
    expect(parseImportBytes(new TextEncoder().encode('\uFEFF\r\n \r\n'))).toEqual({ ok: false, error: { code: 'empty' } });
  });

  test('a vCard with broken folding names the line that broke', () => {
    expect(parseImportBytes(bytes('bad/broken-folding.vcf'))).toEqual({
      ok: false,
      error: { code: 'brokenVcard', detail: 'altet wurde: Umlaute äöü bleiben erhalten.' },
    });
  });

  test('a vCard that never ends is broken too', () => {
    const r = parseImportBytes(new TextEncoder().encode('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Jonas\r\n'));
    expect(r.ok === false && r.error.code).toBe('brokenVcard');
  });

  test('a 60 MB file is refused by its size, before reading', () => {
    expect(checkImportSize(60 * 1024 * 1024)).toEqual({ code: 'tooLarge', detail: '60.0' });
    expect(checkImportSize(MAX_IMPORT_BYTES)).toBeNull();
    expect(parseImportBytes(new Uint8Array(60 * 1024 * 1024))).toEqual({
      ok: false,
      error: { code: 'tooLarge', detail: '60.0' },
    });
  });

  test('a JSON backup is not an onboarding file', () => {
    const r = parseImportBytes(new TextEncoder().encode('{"format":"kontaktpflege-backup"}'));
    expect(r).toEqual({ ok: false, error: { code: 'unknownFormat' } });
  });

  test('LinkedIn header but no person: nothing to import', () => {
    const r = parseImportBytes(new TextEncoder().encode('First Name,Last Name,URL,Connected On\r\n,,,12 Mar 2024\r\n'));
    expect(r).toEqual({ ok: false, error: { code: 'noPeople' } });
  });

  test('a row whose URL is not a LinkedIn profile is skipped with its reason', () => {
    const r = parseImportBytes(
      new TextEncoder().encode(
        'First Name,Last Name,URL,Connected On\r\nEva,Evil,https://linkedin.com.evil.io/in/eva,12 Mar 2024\r\nOtto,Normal,https://www.linkedin.com/in/otto,12 Mar 2024\r\n',
      ),
    );
    expect(r.ok && r.parsed.skipped).toEqual([{ at: 2, name: 'Eva Evil', reason: 'badProfileUrl' }]);
  });
});

test('a vCard folded without the leading space and no colon in the lost line is broken as well', () => {
  const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jonas\r\nNOTE:Sehr lange Notiz gef\r\naltet wurde\r\nEND:VCARD\r\n';
  expect(parseImportBytes(new TextEncoder().encode(text))).toEqual({
    ok: false,
    error: { code: 'brokenVcard', detail: 'altet wurde' },
  });
});

// An imported key date is yearly; the import writes its first occurrence with the occasions rule.
describe('first occurrence of an imported key date', () => {
  test.each([
    [5, 14, '2026-11-27', 'mar1', '2027-05-14'],
    [11, 27, '2026-11-27', 'mar1', '2026-11-27'],
    [12, 1, '2026-11-27', 'mar1', '2026-12-01'],
    [2, 29, '2026-11-27', 'mar1', '2027-03-01'],
    [2, 29, '2026-11-27', 'feb28', '2027-02-28'],
    [2, 29, '2027-11-27', 'mar1', '2028-02-29'],
  ] as const)('%i/%i after %s (%s) → %s', (month, day, today, feb29, expected) => {
    expect(computeNextOccurrenceAt({ month, day, year: null, recurrence: 'yearly', deletedAt: null }, today, feb29)).toBe(
      dayStartMs(expected),
    );
  });
});
