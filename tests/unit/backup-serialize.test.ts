/**
 * Issue 13: the fast export writer (storage/backup/serialize.ts) writes the very bytes of the format's
 * definition, `serializeExportFile(buildExportFile(…))`, for any records, so a backup made by this
 * version diffs clean against one made before it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExportFile, serializeExportFile } from '../../storage/backup/format';
import { serializeExportParts } from '../../storage/backup/serialize';
import {
  CHANNELS,
  type Contact,
  DEFAULT_SETTINGS,
  DIRECTIONS,
  type KeyDate,
  PICKABLE_CHANNELS,
  type PromiseRecord,
  TIERS,
  type Touch,
} from '../../storage/types';
import { keyDate, promise, storedContact, touch } from '../fixtures/backup/helpers';

/** Any text, lone surrogates, quotes, backslashes, control characters and newlines included. */
const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });
const day = fc.constantFrom('2024-02-29', '2025-01-05', '1999-12-31');
const keyOf = fc.constantFrom('linkedin:anna', 'linkedin:ben', 'xing:Cem_Yilmaz', 'local:0e1f', 'linkedin:nobody-in-the-file');

const contact: fc.Arbitrary<Contact> = fc
  .record({
    key: keyOf,
    name: anyText,
    notes: anyText,
    // every field its own value, so a writer that puts one field's value under another's name is caught
    id: anyText,
    profileUrl: anyText,
    headline: anyText,
    company: anyText,
    location: anyText,
    photoUrl: anyText,
    howWeMet: anyText,
    phone: anyText,
    tier: fc.constantFrom(...TIERS),
    preferredChannel: fc.constantFrom('' as const, ...PICKABLE_CHANNELS),
    snoozedUntil: fc.option(day),
    connectedOn: fc.option(day),
    aliases: fc.array(anyText, { maxLength: 3 }),
    notSameAs: fc.array(anyText, { maxLength: 2 }),
    lastContactAt: fc.option(day),
    createdAt: instant,
    updatedAt: instant,
    deletedAt: fc.option(instant),
    // a field an old record may lack: JSON.stringify leaves an undefined value out, so must the writer
    email: fc.option(anyText, { nil: undefined }),
    nextDueAt: fc.double(),
  })
  .map(({ key, ...rest }) => ({ ...storedContact(key), ...rest }) as Contact);

const touchRecord: fc.Arbitrary<Touch> = fc
  .record({
    id: anyText,
    contactKey: keyOf,
    date: day,
    note: anyText,
    channel: fc.constantFrom(...CHANNELS),
    direction: fc.constantFrom(...DIRECTIONS),
    createdAt: instant,
    updatedAt: instant,
    deletedAt: fc.option(instant),
  })
  .map(({ id, contactKey, ...rest }) => ({ ...touch(id, contactKey), ...rest }));

const keyDateRecord: fc.Arbitrary<KeyDate> = fc
  .record({ id: anyText, contactKey: keyOf, label: anyText, year: fc.option(fc.integer({ min: 1900, max: 2030 })) })
  .map(({ id, contactKey, ...rest }) => ({ ...keyDate(id, contactKey), ...rest, nextOccurrenceAt: 0 }));

const promiseRecord: fc.Arbitrary<PromiseRecord> = fc
  .record({ id: anyText, contactKey: keyOf, text: anyText, dueDate: fc.option(day), doneAt: fc.option(instant) })
  .map(({ id, contactKey, ...rest }) => ({ ...promise(id, contactKey), ...rest }));

const settings = fc
  .record({
    reviewDoneDays: fc.array(day, { maxLength: 2 }),
    language: fc.constantFrom('auto', 'en', 'de') as fc.Arbitrary<'auto'>,
  })
  .map((s) => ({ ...DEFAULT_SETTINGS, ...s }));

describe('serializeExportParts', () => {
  it('any notebook: the parts join to exactly the text of serializeExportFile(buildExportFile(…))', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(contact, { selector: (c) => c.key, maxLength: 4 }),
        fc.array(touchRecord, { maxLength: 6 }),
        fc.array(keyDateRecord, { maxLength: 3 }),
        fc.array(promiseRecord, { maxLength: 3 }),
        settings,
        instant,
        (contacts, touches, keyDates, promises, s, nowMs) => {
          const now = new Date(nowMs);
          const expected = serializeExportFile(buildExportFile(contacts, touches, s, now, keyDates, promises));
          expect(serializeExportParts(contacts, touches, s, now, keyDates, promises).join('')).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a 1,200-contact notebook: the same bytes, in several parts (no one string of the whole file)', () => {
    const contacts = Array.from({ length: 1_200 }, (_, i) =>
      storedContact(`linkedin:p-${i}`, { notes: `Zeile 1\nZeile „2“ – ${i}`, aliases: [`linkedin:id:${i}`] }),
    );
    const touches = contacts.map((c, i) => touch(`t-${i}`, c.key, { note: `Café ${i} 🎉` }));
    const now = new Date(Date.UTC(2026, 10, 27, 20, 0));
    const parts = serializeExportParts(contacts, touches, DEFAULT_SETTINGS, now);
    expect(parts.join('')).toBe(serializeExportFile(buildExportFile(contacts, touches, DEFAULT_SETTINGS, now)));
    expect(parts.length).toBeGreaterThan(4);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(parts.join('').length / 2);
  });
});
