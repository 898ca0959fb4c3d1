import { describe, expect, it } from 'vitest';
import {
  type BackupErrorCode,
  CURRENT_VERSION,
  type ExportFileV1,
  type ExportFileV2,
  LIMITS,
  MAX_FILE_BYTES,
  serializeExportFile,
} from '../../storage/backup/format';
import {
  MIGRATION_STEPS,
  type MigrationStep,
  migrateToCurrent,
  migrateV1toV2,
  type VersionedDocument,
} from '../../storage/backup/migrate';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { type ContactV1, contactToV2, touchToV2 } from '../../storage/upgrade-v2';
import { isTruncatedJson, parseJsonSafely, validateExportText, validateExportValue } from '../../storage/backup/validate';
import futureText from '../fixtures/backup/future-version-3.json?raw';
import { exportedContact, exportFile, touch } from '../fixtures/backup/helpers';
import packageText from '../fixtures/backup/other-program-package.json?raw';
import takeoutText from '../fixtures/backup/takeout-contacts.json?raw';
import v1Text from '../fixtures/backup/valid-v1.json?raw';
import validText from '../fixtures/backup/valid-v2.json?raw';

function check(text: string, byteLength = new TextEncoder().encode(text).length) {
  return validateExportText(text, byteLength);
}

function expectError(text: string, code: BackupErrorCode, detail?: string) {
  const r = check(text);
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  if (detail !== undefined) expect(r.error.detail).toBe(detail);
}

const REMOVE = Symbol('remove');
type Path = readonly (string | number)[];

/** The valid fixture with the value at `path` replaced (or removed), as text. */
function edited(...edits: Array<[Path, unknown]>): string {
  const doc: unknown = JSON.parse(validText);
  for (const [path, value] of edits) {
    let holder = doc as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === REMOVE) delete holder[last];
    else holder[last] = value;
  }
  return JSON.stringify(doc);
}

/** The valid fixture with one more copy of `contacts[0]` or `touches[0]` at the end. */
function withDuplicate(list: 'contacts' | 'touches'): string {
  const doc = JSON.parse(validText) as Record<string, unknown[]>;
  const items = doc[list] ?? [];
  items.push({ ...(items[0] as object) });
  return JSON.stringify(doc);
}

describe('a valid file', () => {
  it('validates, and the fixture is in the canonical written form', () => {
    const r = check(validText);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.contacts).toHaveLength(2);
    expect(r.file.touches).toHaveLength(3);
    expect(r.file.keyDates).toHaveLength(3);
    expect(r.file.promises).toHaveLength(2);
    // Same key order, indentation and sorting as the exporter writes.
    expect(serializeExportFile(r.file)).toBe(validText);
  });

  it('keeps markup in a name as literal text (the UI renders text)', () => {
    const name = '<img src=x onerror=alert(1)>';
    const text = edited([['contacts', 1, 'name'], name], [['contacts', 1, 'notes'], '<script>alert("x")</script> & &amp;']);
    const r = check(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.contacts[1]?.name).toBe(name);
    expect(r.file.contacts[1]?.notes).toBe('<script>alert("x")</script> & &amp;');
  });

  it('accepts a byte-order mark an editor may have added', () => {
    expect(check(`\uFEFF${validText}`).ok).toBe(true);
  });

  it('accepts a file of exactly the size limit (the limit is on more than 50 MiB)', () => {
    expect(validateExportText(validText, MAX_FILE_BYTES).ok).toBe(true);
  });

  it('drops nothing and adds nothing: the output equals the input', () => {
    const r = check(validText);
    expect(r.ok && r.file).toEqual(JSON.parse(validText));
  });
});

describe('not JSON', () => {
  it.each([
    ['plain text', 'hello world'],
    ['CSV', 'name;site\r\nAnna;linkedin\r\n'],
    ['JavaScript object literal', '{format: "kontaktpflege"}'],
    ['trailing comma', '{"format":"kontaktpflege",}'],
    ['single quotes', "{'format':'kontaktpflege'}"],
    ['garbage after a complete value', `${validText}x`],
    ['two documents', '{}{}'],
    ['binary', '\u0000\u0001PK\u0003\u0004'],
    ['bad escape', '{"a":"\\x41"}'],
    ['raw newline in a string', '{"a":"line\nbreak"}'],
    ['a number with a leading zero', '[01]'],
    ['misspelt literal', '[tru]'],
  ])('%s → notJson', (_label, text) => {
    expectError(text, 'notJson');
  });
});

describe('truncated', () => {
  it('every cut of a valid file before its last brace is "truncated", not "notJson"', () => {
    const end = validText.lastIndexOf('}');
    const wrong: number[] = [];
    for (let cut = 1; cut <= end; cut++) {
      const r = check(validText.slice(0, cut));
      if (r.ok || r.error.code !== 'truncated') wrong.push(cut);
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['inside a string', '{"format":"kontakt'],
    ['inside an escape', '{"a":"\\u00'],
    ['after a backslash', '{"a":"\\'],
    ['inside a number', '{"createdAt":17184'],
    ['a minus sign', '[-'],
    ['a decimal point', '[1.'],
    ['an exponent', '[1e+'],
    ['inside a literal', '{"snoozedUntil":nu'],
    ['after a colon', '{"a":'],
    ['after a comma', '[1,'],
    ['only whitespace after the opening brace', '{\n  '],
  ])('cut %s → truncated', (_label, text) => {
    expectError(text, 'truncated');
  });

  it('an empty file is truncated (an interrupted download), with detail "empty"', () => {
    expectError('', 'truncated', 'empty');
    expectError('  \n', 'truncated', 'empty');
  });

  it('the scanner agrees with V8 on what "Unexpected end of JSON input" means', () => {
    for (const text of ['{', '[1,2', '{"a":[{"b":', '"abc']) {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(isTruncatedJson(text)).toBe(true);
    }
    for (const text of ['{"a":1}}', '[1 2]', '{"a" 1}', '}']) {
      expect(isTruncatedJson(text)).toBe(false);
    }
  });
});

describe('another program’s JSON', () => {
  it.each([
    ['a package.json', packageText],
    ['a Google Takeout-like array', takeoutText],
    ['an empty object', '{}'],
    ['another format marker', '{"format":"vcard","version":1}'],
    ['the marker in other case', '{"format":"Kontaktpflege","version":1}'],
    ['a number', '42'],
    ['null', 'null'],
    ['a string', '"kontaktpflege"'],
    ['an array holding a valid file', `[${validText}]`],
  ])('%s → notOurFormat', (_label, text) => {
    expectError(text, 'notOurFormat');
  });
});

describe('versions', () => {
  it('a future version is refused with futureVersion and its number', () => {
    expectError(futureText, 'futureVersion', '3');
    expectError(edited([['version'], 99]), 'futureVersion', '99');
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['"1"', '1'],
    ['null', null],
  ])('version %s → invalid (never released)', (_label, version) => {
    expectError(edited([['version'], version]), 'invalid', 'version');
  });

  it('a missing version → invalid', () => {
    expectError(edited([['version'], REMOVE]), 'invalid', 'version');
  });
});

describe('migration', () => {
  it('the chain is a table of per-version steps; version 2 is current and its step the identity', () => {
    expect(CURRENT_VERSION).toBe(2);
    expect(Object.keys(MIGRATION_STEPS)).toEqual(['1', '2']);
    const doc = JSON.parse(validText);
    const r = migrateToCurrent(doc);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toEqual(doc);
  });

  it('a version-1 file migrates: every v1 field as it was, the v2 fields with their defaults, no key dates or promises', () => {
    const v1 = JSON.parse(v1Text) as ExportFileV1;
    const r = validateExportValue(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.skipped).toEqual([]);
    expect(r.file.version).toBe(2);
    expect(r.file.contacts).toEqual(
      v1.contacts.map((c) => ({
        ...c,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        connectedOn: null,
        email: '',
        phone: '',
        notSameAs: [],
        deletedAt: null,
      })),
    );
    expect(new Set(r.file.contacts.map((c) => c.id)).size).toBe(v1.contacts.length);
    expect(r.file.touches).toEqual(v1.touches.map((t) => ({ ...t, updatedAt: t.createdAt, deletedAt: null })));
    const { id: _id, ...defaults } = DEFAULT_SETTINGS;
    expect(r.file.settings).toEqual({ ...defaults, ...v1.settings });
    expect(r.file.keyDates).toEqual([]);
    expect(r.file.promises).toEqual([]);
  });

  it('the v1 step is the database upgrade: a contact migrated in a file equals the same contact upgraded in place', () => {
    const v1 = JSON.parse(v1Text) as ExportFileV1;
    const migrated = migrateV1toV2(v1 as unknown as VersionedDocument, () => 'fixed-id');
    expect(migrated.contacts).toEqual(v1.contacts.map((c) => contactToV2(c as ContactV1, () => 'fixed-id')));
    expect(migrated.touches).toEqual(v1.touches.map((t) => touchToV2(t)));
  });

  it('version 0 (never released, no step) is refused as invalid; a future one as futureVersion', () => {
    const doc = JSON.parse(validText);
    expect(migrateToCurrent({ ...doc, version: 0 })).toEqual({ ok: false, error: { code: 'invalid', detail: 'version' } });
    expect(migrateToCurrent({ ...doc, version: 3 })).toEqual({ ok: false, error: { code: 'futureVersion', detail: '3' } });
    expect(migrateToCurrent({ ...doc, format: 'x' })).toEqual({ ok: false, error: { code: 'notOurFormat' } });
  });

  it('runs a longer chain step by step (hypothetical versions 1 → 2 → 3)', () => {
    const steps: Record<number, MigrationStep> = {
      1: (d) => ({ ...d, version: 2, renamed: d.old }),
      2: (d) => ({ ...d, version: 3, added: 'x' }),
      3: (d) => d,
    };
    const r = migrateToCurrent({ format: 'kontaktpflege', version: 1, old: 'v' }, steps, 3);
    expect(r).toEqual({ ok: true, value: { format: 'kontaktpflege', version: 3, old: 'v', renamed: 'v', added: 'x' } });
    // A gap in the chain refuses the file instead of skipping a step.
    expect(migrateToCurrent({ format: 'kontaktpflege', version: 1 }, { 1: steps[1] as MigrationStep, 3: (d) => d }, 3).ok).toBe(
      false,
    );
    // A step that does not advance the version is a programming error.
    expect(() => migrateToCurrent({ format: 'kontaktpflege', version: 1 }, { 1: (d) => d, 2: (d) => d }, 2)).toThrow(/version/);
  });
});

describe('a file that is not structurally an export → refused as a whole, invalid with the path', () => {
  const cases: Array<[string, Path, unknown, string]> = [
    ['a name that is a number', ['contacts', 0, 'name'], 42, 'contacts[0].name'],
    ['aliases that are not a list', ['contacts', 0, 'aliases'], 'a,b', 'contacts[0].aliases'],
    ['an alias that is not text', ['contacts', 0, 'aliases'], [7], 'contacts[0].aliases[0]'],
    ['createdAt as a string', ['contacts', 0, 'createdAt'], '1718445600000', 'contacts[0].createdAt'],
    ['lastContactAt as a number', ['contacts', 0, 'lastContactAt'], 20250214, 'contacts[0].lastContactAt'],
    ['a touch note that is null', ['touches', 1, 'note'], null, 'touches[1].note'],
    ['exportedAt "yesterday"', ['exportedAt'], 'yesterday', 'exportedAt'],
    ['exportedAt a day only', ['exportedAt'], '2025-03-01', 'exportedAt'],
    ['contacts not a list', ['contacts'], {}, 'contacts'],
    ['a contact that is null', ['contacts', 0], null, 'contacts[0]'],
    ['a touch that is a string', ['touches', 2], 'x', 'touches[2]'],
    ['an unknown language', ['settings', 'language'], 'fr', 'settings.language'],
    ['a cadence of 0 days', ['settings', 'cadenceDays', 'A'], 0, 'settings.cadenceDays.A'],
    ['a cadence of 1.5 days', ['settings', 'cadenceDays', 'B'], 1.5, 'settings.cadenceDays.B'],
    // missing keys
    ['a contact without notes', ['contacts', 0, 'notes'], REMOVE, 'contacts[0].notes'],
    ['a contact without key', ['contacts', 1, 'key'], REMOVE, 'contacts[1].key'],
    ['a touch without date', ['touches', 0, 'date'], REMOVE, 'touches[0].date'],
    ['a file without touches', ['touches'], REMOVE, 'touches'],
    ['a file without settings', ['settings'], REMOVE, 'settings'],
    ['settings without firstFollowUpDays', ['settings', 'firstFollowUpDays'], REMOVE, 'settings.firstFollowUpDays'],
    // keys that are not part of the format (a typo would otherwise lose the value silently)
    ['a contact with nextDueAt', ['contacts', 0, 'nextDueAt'], 0, 'contacts[0].nextDueAt'],
    ['a contact with a misspelt field', ['contacts', 0, 'note'], 'x', 'contacts[0].note'],
    ['an extra top-level key', ['extra'], 1, 'extra'],
  ];
  it.each(cases)('%s', (_label, at, value, path) => {
    expectError(edited([at, value]), 'invalid', path);
  });
});

/** The validation of `text`, which must pass as a whole. */
function accepted(text: string) {
  const r = check(text);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r;
}

const JONAS = 'linkedin:jonas-beispiel-mustermann';
const JOHN = 'xing:John_Doe';
const JOHN_NAME = 'John Doe <img src=x onerror=alert(1)>';

describe('a record that breaks a rule → that record is skipped and listed by name, the rest is kept', () => {
  const contactCases: Array<[string, number, string, unknown, string, 'tooLong' | 'invalid']> = [
    ['an unknown tier', 1, 'tier', 'D', 'tier', 'invalid'],
    ['an unknown site', 0, 'site', 'facebook', 'site', 'invalid'],
    ['an unknown preferred channel', 0, 'preferredChannel', 'fax', 'preferredChannel', 'invalid'],
    ['an empty alias', 0, 'aliases', [''], 'aliases[0]', 'invalid'],
    ['an alias of no site', 0, 'aliases', ['local:Jonas_B'], 'aliases', 'invalid'],
    ['an alias without a site', 0, 'aliases', ['jonas-old'], 'aliases', 'invalid'],
    ['an alias that is only the site', 0, 'aliases', ['linkedin:'], 'aliases', 'invalid'],
    ['a too long alias', 0, 'aliases', [`linkedin:${'a'.repeat(LIMITS.alias)}`], 'aliases[0]', 'tooLong'],
    [
      'too many aliases',
      0,
      'aliases',
      Array.from({ length: LIMITS.aliasesPerContact + 1 }, (_, i) => `linkedin:a${i}`),
      'aliases',
      'tooLong',
    ],
    ['a negative instant', 0, 'updatedAt', -1, 'updatedAt', 'invalid'],
    ['an instant past year 275760', 0, 'updatedAt', 8.64e15 + 1, 'updatedAt', 'invalid'],
    ['lastContactAt 2025-02-30', 0, 'lastContactAt', '2025-02-30', 'lastContactAt', 'invalid'],
    ['lastContactAt "yesterday"', 0, 'lastContactAt', 'yesterday', 'lastContactAt', 'invalid'],
    ['lastContactAt as an instant', 0, 'lastContactAt', '2025-02-14T00:00:00Z', 'lastContactAt', 'invalid'],
    ['snoozedUntil 2025-2-3', 1, 'snoozedUntil', '2025-2-3', 'snoozedUntil', 'invalid'],
    ['a key of the other site', 1, 'key', 'linkedin:john', 'key', 'invalid'],
    ['a key that is only the site', 1, 'key', 'xing:', 'key', 'invalid'],
    ['a key too long', 0, 'key', `linkedin:${'k'.repeat(LIMITS.key)}`, 'key', 'tooLong'],
    ['a javascript: profile URL', 0, 'profileUrl', 'javascript:alert(1)', 'profileUrl', 'invalid'],
    ['a profile URL on another host', 0, 'profileUrl', 'https://linkedin.com.evil.example/in/x', 'profileUrl', 'invalid'],
    [
      'a profile URL too long',
      0,
      'profileUrl',
      `https://www.linkedin.com/in/${'u'.repeat(LIMITS.profileUrl)}`,
      'profileUrl',
      'tooLong',
    ],
    ['a javascript: photo URL', 0, 'photoUrl', 'javascript:alert(1)', 'photoUrl', 'invalid'],
    ['a name too long', 0, 'name', 'x'.repeat(LIMITS.name + 1), 'name', 'tooLong'],
    ['notes too long', 1, 'notes', 'n'.repeat(LIMITS.notes + 1), 'notes', 'tooLong'],
    ['"How we met" too long', 1, 'howWeMet', 'h'.repeat(LIMITS.howWeMet + 1), 'howWeMet', 'tooLong'],
  ];
  it.each(contactCases)('contact: %s', (_label, index, at, value, field, reason) => {
    const r = accepted(edited([['contacts', index, at], value]));
    const other = index === 0 ? JOHN : JONAS;
    expect(r.file.contacts.map((c) => c.key)).toEqual([other]);
    const doc = JSON.parse(validText) as ExportFileV2;
    const original = doc.contacts[index];
    // Named by the person's name (cut to 100 characters when that is what broke), with the field and why.
    const name = at === 'name' ? `${'x'.repeat(100)}…` : original?.name;
    expect(r.skipped).toEqual([{ list: 'contacts', key: at === 'key' ? value : original?.key, name, date: '', field, reason }]);
    // Touches are checked on their own: those of the skipped person stay (planning decides where they go).
    expect(r.file.touches).toHaveLength(3);
  });

  const touchCases: Array<[string, number, string, unknown, string, 'tooLong' | 'invalid']> = [
    ['a touch day in month 13', 2, 'date', '2025-13-01', 'date', 'invalid'],
    ['a touch day 2025-02-29 (not a leap year)', 0, 'date', '2025-02-29', 'date', 'invalid'],
    ['an unknown touch channel', 1, 'channel', 'telegram', 'channel', 'invalid'],
    ['an unknown touch direction', 1, 'direction', 'both', 'direction', 'invalid'],
    ['a touch note too long', 0, 'note', 'n'.repeat(LIMITS.touchNote + 1), 'note', 'tooLong'],
    ['a touch created before 1970', 2, 'createdAt', -5, 'createdAt', 'invalid'],
  ];
  it.each(touchCases)('touch: %s', (_label, index, at, value, field, reason) => {
    const r = accepted(edited([['touches', index, at], value]));
    const doc = JSON.parse(validText) as ExportFileV2;
    const original = doc.touches[index];
    expect(r.file.touches.map((t) => t.id)).toEqual(doc.touches.filter((_, i) => i !== index).map((t) => t.id));
    expect(r.file.contacts).toHaveLength(2);
    const name = original?.contactKey === JOHN ? JOHN_NAME : 'Jonas Beispiel Mustermann';
    expect(r.skipped).toEqual([
      { list: 'touches', key: original?.contactKey, name, date: at === 'date' ? value : original?.date, field, reason },
    ]);
  });

  it('a duplicate contact key, a duplicate touch id: the second copy is skipped', () => {
    const contacts = accepted(withDuplicate('contacts'));
    expect(contacts.file.contacts.map((c) => c.key)).toEqual([JONAS, JOHN]);
    expect(contacts.skipped).toEqual([
      { list: 'contacts', key: JONAS, name: 'Jonas Beispiel Mustermann', date: '', field: 'key', reason: 'duplicate' },
    ]);
    const touches = accepted(withDuplicate('touches'));
    expect(touches.file.touches).toHaveLength(3);
    expect(touches.skipped).toEqual([
      { list: 'touches', key: JONAS, name: 'Jonas Beispiel Mustermann', date: '2025-01-09', field: 'id', reason: 'duplicate' },
    ]);
  });

  it('Infinity (1e400 in JSON) is not an instant', () => {
    const r = accepted(validText.replace('"createdAt": 1718445600000', '"createdAt": 1e400'));
    expect(r.skipped).toMatchObject([{ list: 'contacts', field: 'createdAt', reason: 'invalid' }]);
  });

  it('a name used as the label is cut to one line of 100 characters; an empty name gives the key', () => {
    const long = accepted(edited([['contacts', 0, 'name'], 'N'.repeat(400)], [['contacts', 0, 'tier'], 'D']));
    expect(long.skipped[0]?.name).toBe(`${'N'.repeat(100)}…`);
    const empty = accepted(edited([['contacts', 0, 'name'], '  '], [['contacts', 0, 'tier'], 'D']));
    expect(empty.skipped[0]?.name).toBe(JONAS);
  });

  it('every limit holds at its edge: the longest allowed values pass', () => {
    const text = edited(
      [['contacts', 0, 'name'], 'x'.repeat(LIMITS.name)],
      [['contacts', 0, 'key'], `linkedin:${'k'.repeat(LIMITS.key - 'linkedin:'.length)}`],
      [['contacts', 0, 'aliases'], [`linkedin:${'a'.repeat(LIMITS.alias - 'linkedin:'.length)}`]],
      [['contacts', 0, 'profileUrl'], `https://www.linkedin.com/in/${'u'.repeat(LIMITS.profileUrl - 28)}`],
      [['contacts', 1, 'notes'], 'n'.repeat(LIMITS.notes)],
      [['contacts', 1, 'howWeMet'], 'h'.repeat(LIMITS.howWeMet)],
      [['touches', 2, 'note'], 'n'.repeat(LIMITS.touchNote)],
    );
    const r = accepted(text);
    expect(r.skipped).toEqual([]);
    expect(r.file.contacts).toHaveLength(2);
  });

  it('accepts the values the format allows at its edges', () => {
    const file: ExportFileV2 = exportFile(
      [
        exportedContact('linkedin:a', {
          lastContactAt: '2024-02-29',
          snoozedUntil: '9999-12-31',
          createdAt: 0,
          updatedAt: 8.64e15,
        }),
        exportedContact('linkedin:b', { photoUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', profileUrl: '' }),
        exportedContact('xing:C_D', { profileUrl: 'https://xing.com/profile/C_D', preferredChannel: 'gift', tier: 'none' }),
      ],
      [touch('t1', 'linkedin:a', { direction: 'gave', channel: 'other' })],
      { cadenceDays: { A: 1, B: 3650, C: 180 } },
    );
    const r = accepted(JSON.stringify(file));
    expect(r.skipped).toEqual([]);
    expect(r.file).toEqual(file);
  });
});

describe('too large', () => {
  it('refuses more than 50 MiB on the byte count, before parsing', () => {
    // Not valid JSON at all: if it were parsed, the answer would be notJson. No 50 MB string is
    // allocated: the size is the byte count the caller passes (File.size).
    expect(validateExportText('not parsed', 10).ok).toBe(false);
    expect(validateExportText('not parsed', 10)).toMatchObject({ error: { code: 'notJson' } });
    const r = validateExportText('not parsed', MAX_FILE_BYTES + 1);
    expect(r).toEqual({ ok: false, error: { code: 'tooLarge', detail: String(MAX_FILE_BYTES + 1) } });
  });

  it('a byte length that is not a number is refused too', () => {
    expect(validateExportText(validText, Number.NaN)).toMatchObject({ ok: false, error: { code: 'tooLarge' } });
  });
});

describe('prototype-polluting keys anywhere', () => {
  const cases: Array<[string, string, string]> = [
    ['__proto__ at the top', `{"__proto__":{"polluted":true},${validText.trim().slice(1)}`, '__proto__'],
    [
      '__proto__ deep inside a contact',
      validText.replace(
        '"aliases": [\n        "linkedin',
        '"aliases": [{"x":{"__proto__":{"polluted":true}}},\n        "linkedin',
      ),
      '__proto__',
    ],
    [
      'constructor in settings',
      validText.replace('"language": "de"', '"language": "de", "constructor": {"prototype": {"polluted": true}}'),
      'prototype',
    ],
    ['constructor in a touch', validText.replace('"note": ""', '"note": "", "constructor": 1'), 'constructor'],
    ['prototype nested in cadenceDays', validText.replace('"A": 21', '"A": 21, "x": [[{"prototype": 1}]]'), 'prototype'],
    [
      'an escaped __proto__',
      validText.replace('"snoozedUntil": null,', '"\\u005f_proto__": {"polluted": true}, "snoozedUntil": null,'),
      '__proto__',
    ],
    ['in another program’s file', '{"a":{"b":{"c":{"__proto__":{}}}}}', '__proto__'],
  ];
  /** True when `key` is an own key of some object inside `value` (JSON.parse defines `__proto__` as one). */
  function hasKeyDeep(value: unknown, key: string): boolean {
    if (typeof value !== 'object' || value === null) return false;
    return Object.keys(value).some((k) => k === key || hasKeyDeep((value as Record<string, unknown>)[k], key));
  }

  it.each(cases)('%s → unsafeKey', (_label, text, key) => {
    // The case is real: plain JSON.parse hands out an object carrying the key, ready to pollute a merge.
    expect(hasKeyDeep(JSON.parse(text), key)).toBe(true);
    expectError(text, 'unsafeKey', key);
    // No parsed value leaves the safe parser, so nothing downstream can spread or merge it.
    expect(parseJsonSafely(text)).toEqual({ ok: false, error: { code: 'unsafeKey', detail: key } });
  });

  it('the words are fine as values (a name, a note)', () => {
    const text = edited([['contacts', 0, 'name'], '__proto__'], [['touches', 0, 'note'], 'constructor prototype']);
    expect(check(text).ok).toBe(true);
  });

  it('a file nested too deeply for the key scan is refused as invalid, not thrown', () => {
    expectError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'invalid', 'nesting');
  });

  it('parseJsonSafely returns the value otherwise', () => {
    expect(parseJsonSafely('{"a":[1,{"b":null}]}')).toEqual({ ok: true, value: { a: [1, { b: null }] } });
  });
});
