/**
 * Checks an import file before anything is written. Every refusal has its own code (the UI translates
 * it) and, where it helps, a detail: the path of the bad value (`contacts[3].lastContactAt`) or the
 * offending key name.
 *
 * Schema library: valibot, not zod. valibot is modular and tree-shakeable, so the dashboard bundle
 * carries only the validators used here: 2.3 KB min+gzip (esbuild, valibot 1.5), where zod's
 * method-chaining API brings its whole core along (~15 KB+ min+gzip).
 *
 * Order of the checks, each a distinct code:
 *   1. size on the byte count, before parsing            → tooLarge
 *   2. JSON.parse; a syntax error at the end of the input → truncated, any other → notJson
 *   3. a `__proto__`/`constructor`/`prototype` key at any depth (a scan after the parse) → unsafeKey
 *      (containers nested deeper than any export → invalid, detail `nesting`)
 *   4. `format: "kontaktpflege"` on a top-level object    → notOurFormat
 *   5. `version`: newer than this build                   → futureVersion; not a known version → invalid
 *   6. migration to the current version, then the schema  → invalid (types, missing or extra keys,
 *      dates that are not dates, enums, lengths, duplicate contact keys or touch ids)
 * Markup in text fields is not an error: it is text, and the UI renders text.
 */
import * as v from 'valibot';
import { isIsoDay } from '../dates';
import { MAX_DAYS, MIN_DAYS } from '../settings';
import { aliasProblem, isSafePhotoUrl, isSiteProfileUrl, keyProblem } from '../limits';
import { keyDateProblem, promiseProblem } from '../occasions';
import { MAX_LEAD_DAYS, MAX_REVIEW_DAYS } from '../settings';
import {
  CHANNELS,
  DIRECTIONS,
  FEB29_RULES,
  type IsoDay,
  KEY_DATE_KINDS,
  PICKABLE_CHANNELS,
  PROMISE_DIRECTIONS,
  RECURRENCES,
  REMINDER_DAYS,
  TIERS,
} from '../types';
import {
  type BackupError,
  type BackupFailure,
  CONTACT_SITES,
  CURRENT_VERSION,
  type ExportedContact,
  type ExportedKeyDate,
  type ExportedPromise,
  type ExportedSettings,
  type ExportedTouch,
  type ExportFileV2,
  FORMAT_ID,
  LANGUAGES,
  LIMITS,
  MAX_FILE_BYTES,
  type SkippedRecord,
} from './format';
import { migrateToCurrent } from './migrate';
import { runInSlices, runToEnd, type SliceOptions, type SliceProgress, type Steps } from './slices';

/** Keys that could reach an object's prototype when a parsed object is spread or merged. */
export const UNSAFE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The largest instant a `Date` can hold (also `NEVER_DUE`). */
export const MAX_INSTANT = 8_640_000_000_000_000;

// ---------------------------------------------------------------------------------------------
// Schemas (exported so tests can compare them with docs/export-format.schema.json)

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmptyText = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const instant = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_INSTANT));
const isoDay = v.pipe(
  v.string(),
  v.check((s: string) => isIsoDay(s), 'not a calendar day YYYY-MM-DD'),
);
const days = v.pipe(v.number(), v.integer(), v.minValue(MIN_DAYS), v.maxValue(MAX_DAYS));

/** Re-exported: the same rules decide what the app may write (`storage/limits.ts`). */
export { isSafePhotoUrl, isSiteProfileUrl };

const nullableInstant = v.nullable(instant);

export const CONTACT_ENTRIES = {
  key: nonEmptyText(LIMITS.key),
  id: nonEmptyText(LIMITS.key),
  site: v.picklist(CONTACT_SITES),
  profileUrl: text(LIMITS.profileUrl),
  aliases: v.pipe(v.array(nonEmptyText(LIMITS.alias)), v.maxLength(LIMITS.aliasesPerContact)),
  name: text(LIMITS.name),
  headline: text(LIMITS.shortText),
  company: text(LIMITS.shortText),
  location: text(LIMITS.shortText),
  photoUrl: v.pipe(text(LIMITS.photoUrl), v.check(isSafePhotoUrl, 'not an http(s) or data:image URL')),
  tier: v.picklist(TIERS),
  notes: text(LIMITS.notes),
  howWeMet: text(LIMITS.howWeMet),
  preferredChannel: v.picklist(['', ...PICKABLE_CHANNELS] as const),
  lastContactAt: v.nullable(isoDay),
  snoozedUntil: v.nullable(isoDay),
  connectedOn: v.nullable(isoDay),
  email: text(LIMITS.email),
  phone: text(LIMITS.phone),
  notSameAs: v.pipe(v.array(nonEmptyText(LIMITS.key)), v.maxLength(LIMITS.notSameAs)),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
};

export const ContactSchema = v.pipe(
  v.strictObject(CONTACT_ENTRIES),
  v.forward(
    v.check((c) => keyProblem(c.key, c.site) === null, 'key must start with "<site>:"'),
    ['key'],
  ),
  v.forward(
    v.check(
      (c) => c.aliases.every((a) => aliasProblem(a) === null),
      'every alias must be a key of a site, "linkedin:…" or "xing:…"',
    ),
    ['aliases'],
  ),
  v.forward(
    v.check((c) => isSiteProfileUrl(c.profileUrl, c.site), 'profileUrl must be an http(s) URL of the site'),
    ['profileUrl'],
  ),
);

export const TOUCH_ENTRIES = {
  id: nonEmptyText(LIMITS.key),
  contactKey: nonEmptyText(LIMITS.key),
  date: isoDay,
  channel: v.picklist(CHANNELS),
  direction: v.picklist(DIRECTIONS),
  note: text(LIMITS.touchNote),
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
};
export const TouchSchema = v.strictObject(TOUCH_ENTRIES);

/**
 * Key dates and promises: the types here, the rules on values (an impossible day, a birthday in the
 * future, a promise without text) from the same functions the forms and storage use (`occasions.ts`),
 * checked in `validateExportValue`, which knows today's date.
 */
export const KEY_DATE_ENTRIES = {
  id: nonEmptyText(LIMITS.key),
  contactKey: nonEmptyText(LIMITS.key),
  kind: v.picklist(KEY_DATE_KINDS),
  label: v.string(),
  month: v.pipe(v.number(), v.integer()),
  day: v.pipe(v.number(), v.integer()),
  year: v.nullable(v.pipe(v.number(), v.integer())),
  recurrence: v.picklist(RECURRENCES),
  acknowledgedAt: nullableInstant,
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
};
export const KeyDateSchema = v.strictObject(KEY_DATE_ENTRIES);

export const PROMISE_ENTRIES = {
  id: nonEmptyText(LIMITS.key),
  contactKey: nonEmptyText(LIMITS.key),
  direction: v.picklist(PROMISE_DIRECTIONS),
  text: v.string(),
  dueDate: v.nullable(isoDay),
  doneAt: nullableInstant,
  createdAt: instant,
  updatedAt: instant,
  deletedAt: nullableInstant,
};
export const PromiseSchema = v.strictObject(PROMISE_ENTRIES);

export const CADENCE_ENTRIES = { A: days, B: days, C: days };
const leadDay = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_LEAD_DAYS));
export const SETTINGS_ENTRIES = {
  cadenceDays: v.strictObject(CADENCE_ENTRIES),
  firstFollowUpDays: days,
  language: v.picklist(LANGUAGES),
  leadDays: v.strictObject({ A: leadDay, B: leadDay, C: leadDay }),
  feb29: v.picklist(FEB29_RULES),
  icsFollowUps: v.boolean(),
  reminderDay: v.picklist(REMINDER_DAYS),
  reminderTime: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/)),
  reviewDoneDays: v.pipe(v.array(isoDay), v.maxLength(MAX_REVIEW_DAYS)),
  updatedAt: instant,
};
export const SettingsSchema = v.strictObject(SETTINGS_ENTRIES);

export const FILE_ENTRIES = {
  format: v.literal(FORMAT_ID),
  version: v.literal(CURRENT_VERSION),
  exportedAt: v.pipe(
    v.string(),
    v.isoTimestamp(),
    v.check((s) => Number.isFinite(Date.parse(s)), 'not an instant'),
  ),
  contacts: v.array(ContactSchema),
  touches: v.array(TouchSchema),
  keyDates: v.array(KeyDateSchema),
  promises: v.array(PromiseSchema),
  settings: SettingsSchema,
};
export const ExportFileV2Schema = v.strictObject(FILE_ENTRIES);

/**
 * The file's structure without the rules on values: every key present, none extra, each value of the
 * right JSON type. A file that fails this is not a Kontaktpflege export as any version wrote it, and is
 * refused as a whole; a record that passes it but breaks a rule (a length, a day, a site) is skipped
 * and listed, and the rest is imported.
 */
const ContactShape = v.strictObject({
  key: v.string(),
  id: v.string(),
  site: v.string(),
  profileUrl: v.string(),
  aliases: v.array(v.string()),
  name: v.string(),
  headline: v.string(),
  company: v.string(),
  location: v.string(),
  photoUrl: v.string(),
  tier: v.string(),
  notes: v.string(),
  howWeMet: v.string(),
  preferredChannel: v.string(),
  lastContactAt: v.nullable(v.string()),
  snoozedUntil: v.nullable(v.string()),
  connectedOn: v.nullable(v.string()),
  email: v.string(),
  phone: v.string(),
  notSameAs: v.array(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
  deletedAt: v.nullable(v.number()),
});
const TouchShape = v.strictObject({
  id: v.string(),
  contactKey: v.string(),
  date: v.string(),
  channel: v.string(),
  direction: v.string(),
  note: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  deletedAt: v.nullable(v.number()),
});
const KeyDateShape = v.strictObject({
  id: v.string(),
  contactKey: v.string(),
  kind: v.string(),
  label: v.string(),
  month: v.number(),
  day: v.number(),
  year: v.nullable(v.number()),
  recurrence: v.string(),
  acknowledgedAt: v.nullable(v.number()),
  createdAt: v.number(),
  updatedAt: v.number(),
  deletedAt: v.nullable(v.number()),
});
const PromiseShape = v.strictObject({
  id: v.string(),
  contactKey: v.string(),
  direction: v.string(),
  text: v.string(),
  dueDate: v.nullable(v.string()),
  doneAt: v.nullable(v.number()),
  createdAt: v.number(),
  updatedAt: v.number(),
  deletedAt: v.nullable(v.number()),
});

// Compile-time proof that the schemas produce exactly the format's types (both directions).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _schemasMatchTypes: [
  Same<v.InferOutput<typeof ContactSchema>, ExportedContact>,
  Same<v.InferOutput<typeof TouchSchema>, ExportedTouch>,
  Same<v.InferOutput<typeof SettingsSchema>, ExportedSettings>,
  Same<v.InferOutput<typeof KeyDateSchema>, ExportedKeyDate>,
  Same<v.InferOutput<typeof PromiseSchema>, ExportedPromise>,
  Same<v.InferOutput<typeof ExportFileV2Schema>, ExportFileV2>,
] = [true, true, true, true, true, true];
void _schemasMatchTypes;

// ---------------------------------------------------------------------------------------------
// Parsing

export type ParseResult = { ok: true; value: unknown } | BackupFailure;
/** `file` holds the records that passed; `skipped` lists the others, in file order (contacts first). */
export type ValidationResult = { ok: true; file: ExportFileV2; skipped: SkippedRecord[] } | BackupFailure;

function fail(code: BackupError['code'], detail?: string): BackupFailure {
  return { ok: false, error: detail === undefined ? { code } : { code, detail } };
}

/** Containers inside containers an export never exceeds (it has four: file, list, record, aliases) with room to spare. */
const MAX_NESTING = 64;

/**
 * The first `__proto__`/`constructor`/`prototype` key in the order a `JSON.parse` reviver would meet it
 * (a property's value before its key), `nesting` for containers nested deeper than `MAX_NESTING`, else null.
 * JSON.parse defines `"__proto__"` as an own property, so `Object.keys` sees it, after unescaping, so
 * `"\u005f_proto__"` is caught too.
 */
function unsafeKeyIn(value: unknown, depth: number): string | { nesting: true } | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > MAX_NESTING) return { nesting: true };
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = unsafeKeyIn(item, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const found = unsafeKeyIn(record[key], depth + 1);
    if (found !== null) return found;
    if (UNSAFE_KEYS.includes(key)) return key;
  }
  return null;
}

/** Records between two progress reports of a check (the slice runner looks at the clock at each). */
const RECORDS_PER_STEP = 50;

/** The record lists of a file, in file order: the long parts of a check. */
const RECORD_LISTS = ['contacts', 'touches', 'keyDates', 'promises'] as const;
type RecordList = (typeof RECORD_LISTS)[number];

function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** Records in a parsed file's lists: each is scanned for unsafe keys once and checked once. */
function recordCount(parsed: unknown): number {
  if (!isRecord(parsed)) return 0;
  return RECORD_LISTS.reduce((n, list) => n + listLength(parsed[list]), 0);
}

/**
 * `unsafeKeyIn(value, 0)` in steps, record by record through the file's lists: the same answer, in the
 * same order (a property's value before its key), with progress in between.
 */
function* unsafeKeySteps(value: unknown, progress: SliceProgress): Steps<string | { nesting: true } | null> {
  if (!isRecord(value)) return unsafeKeyIn(value, 0);
  for (const key of Object.keys(value)) {
    const item = value[key];
    if ((RECORD_LISTS as readonly string[]).includes(key) && Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const found = unsafeKeyIn(item[i], 2);
        if (found !== null) return found;
        progress.done++;
        if (progress.done % RECORDS_PER_STEP === 0) yield progress;
      }
    } else {
      const found = unsafeKeyIn(item, 1);
      if (found !== null) return found;
    }
    if (UNSAFE_KEYS.includes(key)) return key;
  }
  return null;
}

/** JSON.parse alone; a syntax error is told apart as a cut-off file or not JSON at all. */
function parseJson(text: string): ParseResult {
  // An editor may have saved the file with a byte-order mark; JSON.parse does not accept one.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('truncated', 'empty');
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    // An engine whose parser recurses may overflow its stack on a hostile file nested ~10 000 levels deep.
    if (e instanceof RangeError) return fail('invalid', 'nesting');
    if (!(e instanceof SyntaxError)) throw e;
    return isTruncatedJson(body) ? fail('truncated') : fail('notJson');
  }
}

function unsafeFailure(unsafe: string | { nesting: true } | null): BackupFailure | null {
  if (typeof unsafe === 'string') return fail('unsafeKey', unsafe);
  if (unsafe !== null) return fail('invalid', 'nesting');
  return null;
}

/**
 * JSON.parse, then a scan that refuses prototype-polluting keys before the value leaves this function.
 * Not a reviver: a reviver calls back into script for every value and doubled the parse time of a
 * 25 MB backup; the scan after a plain parse reads each object's keys once.
 */
export function parseJsonSafely(text: string): ParseResult {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  return unsafeFailure(unsafeKeyIn(parsed.value, 0)) ?? parsed;
}

/**
 * True when `text` is a proper prefix of some JSON text: every character read is where JSON allows
 * it, and the input ends before the value does (a download cut short, a file cut off when copied).
 * Decided by scanning, not by the engine's error message, which differs between V8 ("Unexpected end
 * of JSON input", "Unterminated string") and Firefox ("unexpected end of data").
 */
export function isTruncatedJson(text: string): boolean {
  type Expect = 'value' | 'valueOrClose' | 'keyOrClose' | 'key' | 'colon' | 'commaOrClose' | 'done';
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const afterValue = (): Expect => (stack.length === 0 ? 'done' : 'commaOrClose');

  /** Index after the closing quote; -1 when the input ends inside the string; -2 when it is not a string. */
  const scanString = (start: number): number => {
    let j = start + 1;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x22) return j + 1;
      if (c < 0x20) return -2;
      if (c === 0x5c) {
        if (j + 1 >= n) return -1;
        const esc = text[j + 1] ?? '';
        if (esc === 'u') {
          for (let k = 0; k < 4; k++) {
            if (j + 2 + k >= n) return -1;
            if (!/[0-9a-fA-F]/.test(text[j + 2 + k] ?? '')) return -2;
          }
          j += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(esc)) return -2;
        j += 2;
        continue;
      }
      j++;
    }
    return -1;
  };

  /** Scans a number: its end, and whether what was read is a complete number. null: not a number. */
  const numberPrefix = /-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?/y;
  const scanNumber = (start: number): { end: number; complete: boolean } | null => {
    numberPrefix.lastIndex = start;
    const read = numberPrefix.exec(text)?.[0] ?? '';
    if (read === '') return null;
    const complete = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(read);
    const end = start + read.length;
    // A number may only be cut short by the end of the input; anywhere else an incomplete one is an error.
    if (!complete && end < n) return null;
    return { end, complete };
  };

  /** Index after `true`/`false`/`null`; -1 when the input ends inside one; -2 when it is none of them. */
  const scanLiteral = (start: number): number => {
    for (const literal of ['true', 'false', 'null']) {
      const got = text.slice(start, start + literal.length);
      if (got === literal) return start + literal.length;
      if (start + got.length >= n && got !== '' && literal.startsWith(got)) return -1;
    }
    return -2;
  };

  while (i < n) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    switch (expect) {
      case 'done':
        return false;
      case 'colon':
        if (c !== ':') return false;
        expect = 'value';
        i++;
        continue;
      case 'commaOrClose': {
        const top = stack[stack.length - 1];
        if (c === ',') {
          expect = top === '{' ? 'key' : 'value';
          i++;
          continue;
        }
        if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        return false;
      }
      case 'keyOrClose':
      case 'key': {
        if (c === '}' && expect === 'keyOrClose') {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (c !== '"') return false;
        const end = scanString(i);
        if (end === -1) return true;
        if (end === -2) return false;
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'valueOrClose': {
        if (c === ']' && expect === 'valueOrClose') {
          stack.pop();
          expect = afterValue();
          i++;
          continue;
        }
        if (c === '{' || c === '[') {
          stack.push(c);
          expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
          i++;
          continue;
        }
        if (c === '"') {
          const end = scanString(i);
          if (end === -1) return true;
          if (end === -2) return false;
          i = end;
          expect = afterValue();
          continue;
        }
        if (c === '-' || (c >= '0' && c <= '9')) {
          const num = scanNumber(i);
          if (!num) return false;
          if (!num.complete) return true; // cut short at the end of the input
          i = num.end;
          expect = afterValue();
          continue;
        }
        const end = scanLiteral(i);
        if (end === -1) return true;
        if (end === -2) return false;
        i = end;
        expect = afterValue();
        continue;
      }
    }
  }
  return expect !== 'done';
}

// ---------------------------------------------------------------------------------------------
// Validation

function formatPath(path: readonly { key?: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const k = item.key;
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out === '' ? '(file)' : out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a person is named in the preview's list of skipped records: a name the UI can show in one line. */
export function recordLabel(name: unknown, key: unknown): string {
  const text = typeof name === 'string' && name.trim() !== '' ? name.trim() : typeof key === 'string' ? key : '';
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

function skipFor(
  list: SkippedRecord['list'],
  key: string,
  name: string,
  date: string,
  issue: v.BaseIssue<unknown> | undefined,
): SkippedRecord {
  const field = issue?.path ? formatPath(issue.path) : '';
  return { list, key, name, date, field, reason: issue?.type === 'max_length' ? 'tooLong' : 'invalid' };
}

/**
 * The top of the file without its records (checked one by one below), in the order the whole file's
 * shape was once checked in: format, version, exportedAt, the lists (each an array), then settings.
 */
const TopShape = v.object({
  format: FILE_ENTRIES.format,
  version: FILE_ENTRIES.version,
  exportedAt: FILE_ENTRIES.exportedAt,
  contacts: v.array(v.unknown()),
  touches: v.array(v.unknown()),
  keyDates: v.array(v.unknown()),
  promises: v.array(v.unknown()),
});
const TOP_KEYS = new Set(Object.keys(FILE_ENTRIES));

/** The path of an issue inside `list[index]`, as the whole file's check wrote it (`contacts[3].name`). */
function recordPath(list: RecordList, index: number, issue: v.BaseIssue<unknown> | undefined): string {
  return formatPath([{ key: list }, { key: index }, ...(issue?.path ?? [])]);
}

/**
 * One record: the rules first (the common case: it passes, one look at it); only a record that breaks
 * them is checked against the bare shape, which decides between skipping it (`skip`) and refusing the
 * whole file (a string: the path of the bad value).
 */
function checkRecord<T>(
  schema: v.GenericSchema<unknown, T>,
  shape: v.GenericSchema,
  record: unknown,
  list: RecordList,
  index: number,
): { ok: true; value: T } | { ok: false; issue: v.BaseIssue<unknown> | undefined } | string {
  const r = v.safeParse(schema, record, { abortEarly: true });
  if (r.success) return { ok: true, value: r.output };
  const shaped = v.safeParse(shape, record, { abortEarly: true });
  if (!shaped.success) return recordPath(list, index, shaped.issues[0]);
  return { ok: false, issue: r.issues[0] };
}

/**
 * The whole check of a parsed value, in steps (see slices.ts): the unsafe-key scan, format and version,
 * migration, then each record once. Structure first in file order (a record of the wrong JSON shape
 * refuses the whole file), rules per record (a record that breaks one is skipped, the rest kept).
 */
function* validationSteps(parsed: unknown, today: IsoDay | undefined): Steps<ValidationResult> {
  const progress: SliceProgress = { done: 0, total: 2 * recordCount(parsed) };
  const unsafe = unsafeFailure(yield* unsafeKeySteps(parsed, progress));
  if (unsafe) return unsafe;
  if (!isRecord(parsed) || parsed.format !== FORMAT_ID) return fail('notOurFormat');
  const migrated = migrateToCurrent(parsed);
  if (!migrated.ok) return migrated;
  const top = v.safeParse(TopShape, migrated.value, { abortEarly: true });
  if (!top.success) return fail('invalid', formatPath(top.issues[0]?.path));
  const raw = top.output;
  // What the scan counted may differ from the migrated lists (a v1 file gains empty lists): count again.
  progress.total = progress.done + RECORD_LISTS.reduce((n, list) => n + raw[list].length, 0);
  const step = () => {
    progress.done++;
    return progress.done % RECORDS_PER_STEP === 0;
  };

  const skipped: SkippedRecord[] = [];
  const contacts: ExportedContact[] = [];
  const keys = new Set<string>();
  const names = new Map<string, string>();
  for (let i = 0; i < raw.contacts.length; i++) {
    const r = checkRecord(ContactSchema, ContactShape, raw.contacts[i], 'contacts', i);
    if (typeof r === 'string') return fail('invalid', r);
    const c = raw.contacts[i] as v.InferOutput<typeof ContactShape>;
    const name = recordLabel(c.name, c.key);
    if (!names.has(c.key)) names.set(c.key, name);
    if (!r.ok) skipped.push(skipFor('contacts', c.key, name, '', r.issue));
    else if (keys.has(c.key)) skipped.push({ list: 'contacts', key: c.key, name, date: '', field: 'key', reason: 'duplicate' });
    else {
      keys.add(c.key);
      contacts.push(r.value);
    }
    if (step()) yield progress;
  }

  const touches: ExportedTouch[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < raw.touches.length; i++) {
    const r = checkRecord(TouchSchema, TouchShape, raw.touches[i], 'touches', i);
    if (typeof r === 'string') return fail('invalid', r);
    const t = raw.touches[i] as v.InferOutput<typeof TouchShape>;
    const name = names.get(t.contactKey) ?? recordLabel('', t.contactKey);
    if (!r.ok) skipped.push(skipFor('touches', t.contactKey, name, t.date, r.issue));
    else if (ids.has(t.id))
      skipped.push({ list: 'touches', key: t.contactKey, name, date: t.date, field: 'id', reason: 'duplicate' });
    else {
      ids.add(t.id);
      touches.push(r.value);
    }
    if (step()) yield progress;
  }

  // A birthday "in the future" is judged against the day of the import; without one, the file's own day.
  const day = today ?? raw.exportedAt.slice(0, 10);
  const keyDates: ExportedKeyDate[] = [];
  const keyDateIds = new Set<string>();
  for (let i = 0; i < raw.keyDates.length; i++) {
    const r = checkRecord(KeyDateSchema, KeyDateShape, raw.keyDates[i], 'keyDates', i);
    if (typeof r === 'string') return fail('invalid', r);
    const k = raw.keyDates[i] as v.InferOutput<typeof KeyDateShape>;
    const name = names.get(k.contactKey) ?? recordLabel('', k.contactKey);
    const date = `${k.year === null ? '-' : String(k.year).padStart(4, '0')}-${String(k.month).padStart(2, '0')}-${String(k.day).padStart(2, '0')}`;
    const problem = r.ok ? keyDateProblem(r.value, day) : null;
    if (!r.ok) skipped.push(skipFor('keyDates', k.contactKey, name, date, r.issue));
    else if (problem !== null) {
      skipped.push({
        list: 'keyDates',
        key: k.contactKey,
        name,
        date,
        field: problemField(problem),
        reason: problem === 'labelTooLong' ? 'tooLong' : 'invalid',
      });
    } else if (keyDateIds.has(k.id)) {
      skipped.push({ list: 'keyDates', key: k.contactKey, name, date, field: 'id', reason: 'duplicate' });
    } else {
      keyDateIds.add(k.id);
      keyDates.push({ ...r.value, label: r.value.label.trim() });
    }
    if (step()) yield progress;
  }

  const promises: ExportedPromise[] = [];
  const promiseIds = new Set<string>();
  for (let i = 0; i < raw.promises.length; i++) {
    const r = checkRecord(PromiseSchema, PromiseShape, raw.promises[i], 'promises', i);
    if (typeof r === 'string') return fail('invalid', r);
    const p = raw.promises[i] as v.InferOutput<typeof PromiseShape>;
    const name = names.get(p.contactKey) ?? recordLabel('', p.contactKey);
    const date = p.dueDate ?? '';
    const problem = r.ok ? promiseProblem(r.value) : null;
    if (!r.ok) skipped.push(skipFor('promises', p.contactKey, name, date, r.issue));
    else if (problem !== null) {
      const field = problem === 'textMissing' || problem === 'textTooLong' ? 'text' : problem;
      skipped.push({
        list: 'promises',
        key: p.contactKey,
        name,
        date,
        field,
        reason: problem === 'textTooLong' ? 'tooLong' : 'invalid',
      });
    } else if (promiseIds.has(p.id)) {
      skipped.push({ list: 'promises', key: p.contactKey, name, date, field: 'id', reason: 'duplicate' });
    } else {
      promiseIds.add(p.id);
      promises.push({ ...r.value, text: r.value.text.trim() });
    }
    if (step()) yield progress;
  }

  const settings = v.safeParse(FILE_ENTRIES.settings, migrated.value.settings, { abortEarly: true });
  if (!settings.success) return fail('invalid', formatPath([{ key: 'settings' }, ...(settings.issues[0]?.path ?? [])]));
  const extra = Object.keys(migrated.value).find((key) => !TOP_KEYS.has(key));
  if (extra !== undefined) return fail('invalid', extra);

  const file: ExportFileV2 = {
    format: raw.format,
    version: raw.version,
    exportedAt: raw.exportedAt,
    contacts,
    touches,
    keyDates,
    promises,
    settings: settings.output,
  };
  return { ok: true, file, skipped };
}

/**
 * An already parsed value (steps 3–6 above), checked at once. A second record with a key or id already
 * seen is skipped as `duplicate`. Touches whose contact is neither in the file nor in the database are
 * skipped by `planImport`, which knows the database.
 */
export function validateExportValue(parsed: unknown, today?: IsoDay): ValidationResult {
  return runToEnd(validationSteps(parsed, today));
}

/**
 * The whole check, from the file's text. `byteLength` is the file's size in bytes (`File.size`),
 * checked before anything is parsed; the text's own length is checked too, in case a caller passes 0.
 */
export function validateExportText(text: string, byteLength: number, today?: IsoDay): ValidationResult {
  const parsed = parseChecked(text, byteLength);
  return parsed.ok ? validateExportValue(parsed.value, today) : parsed;
}

/**
 * `validateExportText` for the dashboard: the same result, with the page's main thread given back
 * between slices of records (a 10,000-contact file is seconds of checking) and `onProgress` after each.
 * JSON.parse itself is one task (the engine's, not divisible).
 */
export async function validateExportTextInSlices(
  text: string,
  byteLength: number,
  today: IsoDay | undefined,
  options: SliceOptions = {},
): Promise<ValidationResult> {
  const parsed = parseChecked(text, byteLength);
  return parsed.ok ? runInSlices(validationSteps(parsed.value, today), options) : parsed;
}

function parseChecked(text: string, byteLength: number): ParseResult {
  if (!(byteLength <= MAX_FILE_BYTES) || text.length > MAX_FILE_BYTES) {
    return fail('tooLarge', String(Math.max(Number.isFinite(byteLength) ? byteLength : 0, text.length)));
  }
  return parseJson(text);
}

/** The key date's field a problem of `keyDateProblem` points at. */
function problemField(problem: NonNullable<ReturnType<typeof keyDateProblem>>): string {
  switch (problem) {
    case 'yearInFuture':
    case 'onceWithoutYear':
      return 'year';
    case 'labelMissing':
    case 'labelTooLong':
      return 'label';
    default:
      return problem;
  }
}
