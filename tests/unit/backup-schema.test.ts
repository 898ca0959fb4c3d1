/**
 * docs/export-format.schema.json must say what the valibot schema (storage/backup/validate.ts) checks:
 * the same keys, required keys, enums, limits and constants. A small validator for the subset of JSON
 * Schema the file uses then checks that both accept the valid fixture and refuse the same bad files.
 */
import { describe, expect, it } from 'vitest';
import schemaText from '../../docs/export-format.schema.json?raw';
import { CONTACT_SITES, CURRENT_VERSION, FORMAT_ID, LANGUAGES, LIMITS } from '../../storage/backup/format';
import {
  CADENCE_ENTRIES,
  CONTACT_ENTRIES,
  FILE_ENTRIES,
  KEY_DATE_ENTRIES,
  PROMISE_ENTRIES,
  MAX_INSTANT,
  SETTINGS_ENTRIES,
  TOUCH_ENTRIES,
  validateExportValue,
} from '../../storage/backup/validate';
import { isIsoDay } from '../../storage/dates';
import { MAX_DAYS, MIN_DAYS } from '../../storage/settings';
import { CHANNELS, DIRECTIONS, PICKABLE_CHANNELS, TIERS } from '../../storage/types';
import validText from '../fixtures/backup/valid-v2.json?raw';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const schema = JSON.parse(schemaText) as Schema;
const defs = schema.$defs as Record<string, Schema>;

function def(name: string): Schema {
  const d = defs[name];
  if (!d) throw new Error(`no $defs/${name}`);
  return d;
}
function props(s: Schema): Record<string, Schema> {
  return s.properties as Record<string, Schema>;
}
function prop(s: Schema, name: string): Schema {
  const p = props(s)[name];
  if (!p) throw new Error(`no property ${name}`);
  return p;
}

describe('the JSON Schema file', () => {
  it('is JSON, draft 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
  });

  it.each([
    ['the file', schema, FILE_ENTRIES],
    ['a contact', def('contact'), CONTACT_ENTRIES],
    ['a touch', def('touch'), TOUCH_ENTRIES],
    ['settings', def('settings'), SETTINGS_ENTRIES],
    ['cadenceDays', def('cadenceDays'), CADENCE_ENTRIES],
    ['a key date', def('keyDate'), KEY_DATE_ENTRIES],
    ['a promise', def('promise'), PROMISE_ENTRIES],
  ] as const)('%s: the same keys, all required, no others', (_label, s, entries) => {
    const keys = Object.keys(entries);
    expect(s.required).toEqual(keys);
    expect(Object.keys(props(s))).toEqual(keys);
    expect(s.additionalProperties).toBe(false);
  });

  it('the same enums', () => {
    const contact = def('contact');
    const touch = def('touch');
    expect(prop(contact, 'tier').enum).toEqual([...TIERS]);
    expect(prop(contact, 'tier').enum).toEqual([...CONTACT_ENTRIES.tier.options]);
    expect(prop(contact, 'site').enum).toEqual([...CONTACT_SITES]);
    expect(prop(def('keyDate'), 'kind').enum).toEqual([...KEY_DATE_ENTRIES.kind.options]);
    expect(prop(def('keyDate'), 'recurrence').enum).toEqual([...KEY_DATE_ENTRIES.recurrence.options]);
    expect(prop(def('promise'), 'direction').enum).toEqual([...PROMISE_ENTRIES.direction.options]);
    expect(prop(contact, 'site').enum).toEqual([...CONTACT_ENTRIES.site.options]);
    expect(prop(contact, 'preferredChannel').enum).toEqual(['', ...PICKABLE_CHANNELS]);
    expect(prop(touch, 'channel').enum).toEqual([...CHANNELS]);
    expect(prop(contact, 'preferredChannel').enum).toEqual([...CONTACT_ENTRIES.preferredChannel.options]);
    expect(prop(touch, 'channel').enum).toEqual([...TOUCH_ENTRIES.channel.options]);
    expect(prop(touch, 'direction').enum).toEqual([...DIRECTIONS]);
    expect(prop(touch, 'direction').enum).toEqual([...TOUCH_ENTRIES.direction.options]);
    expect(prop(def('settings'), 'language').enum).toEqual([...LANGUAGES]);
    expect(prop(def('settings'), 'language').enum).toEqual([...SETTINGS_ENTRIES.language.options]);
  });

  it('the same constants and limits', () => {
    expect(prop(schema, 'format').const).toBe(FORMAT_ID);
    expect(prop(schema, 'version').const).toBe(CURRENT_VERSION);
    expect(def('instant')).toMatchObject({ type: 'number', minimum: 0, maximum: MAX_INSTANT });
    expect(def('days')).toMatchObject({ type: 'integer', minimum: MIN_DAYS, maximum: MAX_DAYS });
    const contact = def('contact');
    expect(prop(contact, 'key').maxLength).toBe(LIMITS.key);
    expect(prop(contact, 'name').maxLength).toBe(LIMITS.name);
    for (const f of ['headline', 'company', 'location']) expect(prop(contact, f).maxLength).toBe(LIMITS.shortText);
    expect(prop(contact, 'profileUrl').maxLength).toBe(LIMITS.profileUrl);
    expect(prop(contact, 'photoUrl').maxLength).toBe(LIMITS.photoUrl);
    expect(prop(contact, 'notes').maxLength).toBe(LIMITS.notes);
    expect(prop(contact, 'howWeMet').maxLength).toBe(LIMITS.howWeMet);
    expect(prop(contact, 'aliases')).toMatchObject({ maxItems: LIMITS.aliasesPerContact, items: { maxLength: LIMITS.alias } });
    expect(prop(def('touch'), 'note').maxLength).toBe(LIMITS.touchNote);
    expect(prop(def('touch'), 'id').maxLength).toBe(LIMITS.key);
    expect(prop(def('touch'), 'contactKey').maxLength).toBe(LIMITS.key);
  });
});

// ---------------------------------------------------------------------------------------------
// A validator for the subset of draft 2020-12 the schema file uses (formats asserted, as a strict
// validator would).

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolve(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string') return s;
  const name = ref.replace('#/$defs/', '');
  return resolve(def(name));
}

function valid(value: unknown, raw: Schema): boolean {
  const s = resolve(raw);
  if ('const' in s && value !== s.const) return false;
  if (Array.isArray(s.enum) && !s.enum.includes(value as Json)) return false;
  if (typeof s.type === 'string') {
    const t = typeOf(value);
    if (!(t === s.type || (s.type === 'number' && t === 'integer'))) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length; // JSON Schema counts characters (code points)
    if (typeof s.minLength === 'number' && length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return false;
    if (s.format === 'date' && !isIsoDay(value)) return false;
    if (s.format === 'date-time' && !Number.isFinite(Date.parse(value))) return false;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return false;
    if (typeof s.maximum === 'number' && value > s.maximum) return false;
  }
  if (Array.isArray(value)) {
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
    if (s.items && !value.every((x) => valid(x, s.items as Schema))) return false;
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    if (Array.isArray(s.required) && !s.required.every((k) => typeof k === 'string' && Object.hasOwn(obj, k))) return false;
    for (const [k, v] of Object.entries(obj)) {
      const p = properties[k];
      if (p ? !valid(v, p) : s.additionalProperties === false) return false;
    }
  }
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => valid(value, x as Schema))) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => valid(value, x as Schema))) return false;
  if (s.if && s.then && valid(value, s.if as Schema) && !valid(value, s.then as Schema)) return false;
  return true;
}

describe('the schema file and the importer agree', () => {
  const REMOVE = Symbol('remove');
  const doc = (): unknown => JSON.parse(validText);
  /** The valid fixture with the value at `path` replaced (or removed). */
  function edited(path: readonly (string | number)[], value: unknown): unknown {
    const d = doc();
    let holder = d as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    if (value === REMOVE) delete holder[last];
    else holder[last] = value;
    return d;
  }

  it('both accept the valid fixture', () => {
    expect(valid(doc(), schema)).toBe(true);
    expect(validateExportValue(doc()).ok).toBe(true);
  });

  const bad: Array<[string, readonly (string | number)[], unknown]> = [
    ['unknown tier', ['contacts', 0, 'tier'], 'D'],
    ['unknown site', ['contacts', 0, 'site'], 'facebook'],
    ['key of the other site', ['contacts', 1, 'key'], 'linkedin:x'],
    ['profile URL on another host', ['contacts', 0, 'profileUrl'], 'https://linkedin.com@evil.example/in/x'],
    ['javascript: photo URL', ['contacts', 0, 'photoUrl'], 'javascript:alert(1)'],
    ['missing notes', ['contacts', 0, 'notes'], REMOVE],
    ['extra nextDueAt', ['contacts', 0, 'nextDueAt'], 0],
    ['2025-02-30', ['contacts', 0, 'lastContactAt'], '2025-02-30'],
    ['yesterday', ['touches', 0, 'date'], 'yesterday'],
    ['unknown channel', ['touches', 0, 'channel'], 'fax'],
    ['unknown direction', ['touches', 0, 'direction'], 'both'],
    ['negative instant', ['touches', 0, 'createdAt'], -1],
    ['instant as text', ['contacts', 0, 'createdAt'], '1'],
    ['name too long', ['contacts', 0, 'name'], 'x'.repeat(LIMITS.name + 1)],
    ['empty alias', ['contacts', 0, 'aliases'], ['']],
    ['alias of no site', ['contacts', 0, 'aliases'], ['local:Jonas']],
    ['alias without a site', ['contacts', 0, 'aliases'], ['jonas']],
    ['unknown language', ['settings', 'language'], 'fr'],
    ['cadence 0', ['settings', 'cadenceDays'], { A: 0, B: 1, C: 1 }],
    ['cadence 1.5', ['settings', 'cadenceDays'], { A: 1.5, B: 1, C: 1 }],
    ['extra top-level key', ['extra'], true],
    ['version 3', ['version'], 3],
    ['key date in month 13', ['keyDates', 0, 'month'], 13],
    ['key date of an unknown kind', ['keyDates', 0, 'kind'], 'nameday'],
    ['promise without text', ['promises', 0, 'text'], ''],
    ['promise due on a day that does not exist', ['promises', 0, 'dueDate'], '2025-02-30'],
    ['touch tombstone as text', ['touches', 0, 'deletedAt'], 'yesterday'],
    ['exportedAt not an instant', ['exportedAt'], '2025-03-01'],
  ];
  it.each(bad)('both refuse: %s', (_label, path, value) => {
    const d = edited(path, value);
    expect(valid(d, schema)).toBe(false);
    // The importer refuses the file, or (a record that breaks a rule) skips exactly that record.
    const r = validateExportValue(d);
    if (r.ok) {
      expect(path.length).toBeGreaterThanOrEqual(2);
      expect(r.skipped).toHaveLength(1);
      expect(r.skipped[0]?.list).toBe(path[0]);
    }
  });

  it('the importer skips a record exactly when the schema refuses that record alone', () => {
    for (const [, path, value] of bad) {
      const d = edited(path, value);
      const r = validateExportValue(d);
      if (!r.ok) continue;
      const list = path[0] as 'contacts' | 'touches' | 'keyDates' | 'promises';
      const record = (d as Record<string, unknown[]>)[list]?.[path[1] as number];
      const name = { contacts: 'contact', touches: 'touch', keyDates: 'keyDate', promises: 'promise' }[list];
      expect(valid(record, def(name))).toBe(false);
    }
  });
});
