/**
 * The JSON backup's text, written record by record: the same bytes as
 * `serializeExportFile(buildExportFile(…))` (format.ts, which stays the definition; a property test
 * holds the two equal), in a fraction of the time, as a list of parts for a `Blob`.
 *
 * Why not `JSON.stringify(file, null, 2)`: with an indent, the engine leaves its fast path (V8 and
 * SpiderMonkey both have one for plain stringify only), and the whole notebook first had to be copied
 * into the file's key order and then joined into one string of 25 MB for 10,000 contacts, twice that
 * in memory once a single character outside Latin-1 makes it two bytes a character. Here each field
 * value is stringified on its own (plain, the fast path), the key order comes from the same `toExported*`
 * functions, and each list is one part of the Blob, so no string of the whole file is ever built.
 */
import type { Contact, KeyDate, PromiseRecord, Touch } from '../types';
import {
  CURRENT_VERSION,
  type ExportedSettings,
  exportOrder,
  FORMAT_ID,
  toExportedContact,
  toExportedKeyDate,
  toExportedPromise,
  toExportedSettings,
  toExportedTouch,
} from './format';

/** Records per part: a few hundred kilobytes of text each. */
const RECORDS_PER_PART = 500;

/**
 * A value as `JSON.stringify(…, null, 2)` writes it at a depth whose indentation is `indent`. Nested
 * arrays and objects (aliases, the settings' day counts) take the engine's pretty path: its newlines
 * are the only ones in its output (a newline inside a string is escaped), so indenting after each of
 * them puts the nested text at the depth it has inside the whole file.
 */
function valueText(value: unknown, indent: string): string | undefined {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
  return JSON.stringify(value);
}

type Writer<T> = (record: T) => string;

/** A value JSON.stringify writes on one line as it is: not `undefined` (left out), not an object (indented). */
function isPlain(value: unknown): boolean {
  return value === null || (value !== undefined && typeof value !== 'object');
}

const S = JSON.stringify;
/** An array field of a record (`aliases`, `notSameAs`) at the depth of a record's members. */
const listText = (value: unknown): string | undefined => valueText(value, '      ');

/*
 * The common record, written by one template per kind: measured 3–4× faster than the key-by-key writer
 * below in Chromium (no generic property look-up, no call per field). The templates' key order is the
 * `toExported*` functions' (format.ts stays the definition; backup-serialize.test.ts holds the bytes
 * equal). A record with a value the template cannot write as is (a missing field, an unexpected object)
 * takes the key-by-key writer, which writes any record the way JSON.stringify does.
 */

function touchTemplate(t: Touch): string | null {
  const { id, contactKey, date, channel, direction, note, createdAt, updatedAt, deletedAt } = t;
  if (
    !isPlain(id) ||
    !isPlain(contactKey) ||
    !isPlain(date) ||
    !isPlain(channel) ||
    !isPlain(direction) ||
    !isPlain(note) ||
    !isPlain(createdAt) ||
    !isPlain(updatedAt) ||
    !isPlain(deletedAt)
  )
    return null;
  return `    {
      "id": ${S(id)},
      "contactKey": ${S(contactKey)},
      "date": ${S(date)},
      "channel": ${S(channel)},
      "direction": ${S(direction)},
      "note": ${S(note)},
      "createdAt": ${S(createdAt)},
      "updatedAt": ${S(updatedAt)},
      "deletedAt": ${S(deletedAt)}
    }`;
}

function contactTemplate(c: Contact): string | null {
  const plain = [
    c.key,
    c.id,
    c.site,
    c.profileUrl,
    c.name,
    c.headline,
    c.company,
    c.location,
    c.photoUrl,
    c.tier,
    c.notes,
    c.howWeMet,
    c.preferredChannel,
    c.lastContactAt,
    c.snoozedUntil,
    c.connectedOn,
    c.email,
    c.phone,
    c.createdAt,
    c.updatedAt,
    c.deletedAt,
  ];
  if (!plain.every(isPlain) || !Array.isArray(c.aliases) || !Array.isArray(c.notSameAs)) return null;
  return `    {
      "key": ${S(c.key)},
      "id": ${S(c.id)},
      "site": ${S(c.site)},
      "profileUrl": ${S(c.profileUrl)},
      "aliases": ${listText(c.aliases)},
      "name": ${S(c.name)},
      "headline": ${S(c.headline)},
      "company": ${S(c.company)},
      "location": ${S(c.location)},
      "photoUrl": ${S(c.photoUrl)},
      "tier": ${S(c.tier)},
      "notes": ${S(c.notes)},
      "howWeMet": ${S(c.howWeMet)},
      "preferredChannel": ${S(c.preferredChannel)},
      "lastContactAt": ${S(c.lastContactAt)},
      "snoozedUntil": ${S(c.snoozedUntil)},
      "connectedOn": ${S(c.connectedOn)},
      "email": ${S(c.email)},
      "phone": ${S(c.phone)},
      "notSameAs": ${listText(c.notSameAs)},
      "createdAt": ${S(c.createdAt)},
      "updatedAt": ${S(c.updatedAt)},
      "deletedAt": ${S(c.deletedAt)}
    }`;
}

/** The template where it applies, else the key-by-key writer. */
function withTemplate<T extends object>(template: (r: T) => string | null, shape: (r: T) => object): Writer<T> {
  const general = recordWriter(shape);
  return (record) => template(record) ?? general(record);
}

/**
 * Writes records of one kind at the depth of a list's items (`    {` … `    }`), their keys in the order
 * `shape` gives them (the `toExported*` function, applied once to learn it). A key whose value is
 * `undefined` is left out, as JSON.stringify leaves it out.
 */
function recordWriter<T extends object>(shape: (r: T) => object): Writer<T> {
  let keys: { key: string; prefix: string }[] | null = null;
  return (record) => {
    keys ??= Object.keys(shape(record)).map((key) => ({ key, prefix: `      ${JSON.stringify(key)}: ` }));
    let out = '';
    for (const { key, prefix } of keys) {
      const text = valueText((record as Record<string, unknown>)[key], '      ');
      if (text === undefined) continue;
      out += out === '' ? `    {\n${prefix}${text}` : `,\n${prefix}${text}`;
    }
    return out === '' ? '    {}' : `${out}\n    }`;
  };
}

/** `"name": [ … ],` of the top-level object (a list is never its last member), as parts. */
function listParts<T>(name: string, records: readonly T[], write: Writer<T>, out: string[]): void {
  if (records.length === 0) {
    out.push(`  "${name}": [],\n`);
    return;
  }
  out.push(`  "${name}": [\n`);
  for (let i = 0; i < records.length; i += RECORDS_PER_PART) {
    const end = Math.min(i + RECORDS_PER_PART, records.length);
    let part = '';
    for (let j = i; j < end; j++) part += `${write(records[j] as T)}${j === records.length - 1 ? '\n' : ',\n'}`;
    out.push(part);
  }
  out.push('  ],\n');
}

/**
 * The backup file for a snapshot of the database, as parts whose concatenation is exactly
 * `serializeExportFile(buildExportFile(contacts, touches, settings, now, keyDates, promises))`.
 */
export function serializeExportParts(
  contacts: readonly Contact[],
  touches: readonly Touch[],
  settings: ExportedSettings,
  now: Date,
  keyDates: readonly KeyDate[] = [],
  promises: readonly PromiseRecord[] = [],
): string[] {
  const order = exportOrder(contacts, touches, keyDates, promises);
  const out: string[] = [
    `{\n  "format": ${JSON.stringify(FORMAT_ID)},\n  "version": ${CURRENT_VERSION},\n  "exportedAt": ${JSON.stringify(now.toISOString())},\n`,
  ];
  listParts('contacts', order.contacts, withTemplate<Contact>(contactTemplate, toExportedContact), out);
  listParts('touches', order.touches, withTemplate<Touch>(touchTemplate, toExportedTouch), out);
  listParts('keyDates', order.keyDates, recordWriter<KeyDate>(toExportedKeyDate), out);
  listParts('promises', order.promises, recordWriter<PromiseRecord>(toExportedPromise), out);
  out.push(`  "settings": ${valueText(toExportedSettings(settings), '  ')}\n}\n`);
  return out;
}
