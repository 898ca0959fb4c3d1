/**
 * Backup format 2: key dates and promises in a file are checked record by record (a bad one is skipped
 * and named, nothing else is lost), merged by id (the later `updatedAt` wins, so a deletion wins over
 * older edits and loses to newer ones), and their derived days are recomputed, never read from the file.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serializeExportFile } from '../../storage/backup/format';
import { applyImport, computeImportPlan, type DbSnapshot, parseAndPlan } from '../../storage/backup/import';
import { validateExportValue } from '../../storage/backup/validate';
import { dayStartMs } from '../../storage/dates';
import { DEFAULT_SETTINGS, NEVER_DUE } from '../../storage/types';
import { DAY, exportedContact, exportFile, freshDb, keyDate, promise, storedContact, T0 } from '../fixtures/backup/helpers';

vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const ANNA = 'linkedin:anna';
const NOW = T0 + 10 * DAY; // 2025-01-20
const fileWith = (keyDates = [keyDate('k1', ANNA)], promises = [promise('p1', ANNA)]) =>
  exportFile([exportedContact(ANNA)], [], undefined, keyDates, promises);

function snapshot(over: Partial<DbSnapshot> = {}): DbSnapshot {
  return {
    contacts: [storedContact(ANNA)],
    touches: [],
    keyDates: [],
    promises: [],
    storedSettings: DEFAULT_SETTINGS,
    settings: DEFAULT_SETTINGS,
    ...over,
  };
}

describe('a bad key date or promise is skipped and named; the rest of the file is kept', () => {
  it.each([
    ['31 April', { month: 4, day: 31 }, 'day'],
    ['month 13', { month: 13 }, 'month'],
    ['29 February of a year that is no leap year', { month: 2, day: 29, year: 2023 }, 'day'],
    ['a birthday in a year still to come', { year: 2030 }, 'year'],
    ['a one-off date without a year', { kind: 'other' as const, label: 'Fest', recurrence: 'once' as const }, 'year'],
  ])('key date: %s', (_label, over, field) => {
    const r = validateExportValue(fileWith([keyDate('bad', ANNA, over), keyDate('k1', ANNA)]), '2025-01-20');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.skipped).toEqual([expect.objectContaining({ list: 'keyDates', key: ANNA, field, reason: 'invalid' })]);
    expect(r.file.keyDates.map((k) => k.id)).toEqual(['k1']);
    expect(r.file.contacts).toHaveLength(1);
    expect(r.file.promises).toHaveLength(1);
  });

  it('a promise without text (or only spaces) is skipped; the other promise stays', () => {
    const r = validateExportValue(fileWith([], [promise('bad', ANNA, { text: '   ' }), promise('p1', ANNA)]), '2025-01-20');
    expect(r.ok && r.skipped).toEqual([expect.objectContaining({ list: 'promises', field: 'text', reason: 'invalid' })]);
    expect(r.ok && r.file.promises.map((p) => p.id)).toEqual(['p1']);
  });

  it('a second key date with the same id is a duplicate', () => {
    const r = validateExportValue(fileWith([keyDate('k1', ANNA), keyDate('k1', ANNA, { day: 15 })]), '2025-01-20');
    expect(r.ok && r.skipped).toEqual([expect.objectContaining({ list: 'keyDates', field: 'id', reason: 'duplicate' })]);
  });

  it('a key date whose person is nowhere is skipped as contactMissing', () => {
    const plan = computeImportPlan(snapshot({ contacts: [] }), exportFile([], [], undefined, [keyDate('k1', ANNA)]), NOW);
    expect(plan.skipped).toEqual([expect.objectContaining({ list: 'keyDates', key: ANNA, reason: 'contactMissing' })]);
    expect(plan.keyDatesToWrite).toEqual([]);
  });
});

describe('merging key dates and promises by id', () => {
  const stored = { ...keyDate('k1', ANNA, { day: 10, updatedAt: T0 + 5 * DAY }), nextOccurrenceAt: dayStartMs('2025-03-10') };

  it("the file's newer edit wins, and the next occurrence is computed for it", () => {
    const plan = computeImportPlan(
      snapshot({ keyDates: [stored] }),
      fileWith([keyDate('k1', ANNA, { day: 20, updatedAt: T0 + 6 * DAY })], []),
      NOW,
    );
    expect(plan.keyDatesToWrite).toEqual([
      expect.objectContaining({ id: 'k1', day: 20, nextOccurrenceAt: dayStartMs('2025-03-20') }),
    ]);
    expect(plan.keyDatesUpdated).toBe(1);
  });

  it("the stored newer edit stays (the file's older copy changes nothing)", () => {
    const plan = computeImportPlan(
      snapshot({ keyDates: [stored] }),
      fileWith([keyDate('k1', ANNA, { day: 20, updatedAt: T0 + 4 * DAY })], []),
      NOW,
    );
    expect(plan.keyDatesToWrite).toEqual([]);
  });

  it('a deletion in the file wins over an older edit and loses to a newer one', () => {
    const deleted = keyDate('k1', ANNA, { updatedAt: T0 + 6 * DAY, deletedAt: T0 + 6 * DAY });
    const wins = computeImportPlan(snapshot({ keyDates: [stored] }), fileWith([deleted], []), NOW);
    expect(wins.keyDatesToWrite).toEqual([expect.objectContaining({ deletedAt: T0 + 6 * DAY, nextOccurrenceAt: NEVER_DUE })]);
    const newerEdit = { ...stored, updatedAt: T0 + 7 * DAY };
    const loses = computeImportPlan(snapshot({ keyDates: [newerEdit] }), fileWith([deleted], []), NOW);
    expect(loses.keyDatesToWrite).toEqual([]);
  });

  it('a stored deletion wins over an older promise in the file: a restore does not bring it back', () => {
    const tomb = { ...promise('p1', ANNA, { updatedAt: T0 + 3 * DAY, deletedAt: T0 + 3 * DAY }) };
    const plan = computeImportPlan(snapshot({ promises: [tomb] }), fileWith([], [promise('p1', ANNA)]), NOW);
    expect(plan.promisesToWrite).toEqual([]);
  });

  it('open promises get their due day in openDueAt; done or deleted ones none', () => {
    const plan = computeImportPlan(
      snapshot(),
      fileWith([], [promise('open', ANNA), promise('done', ANNA, { doneAt: T0 }), promise('gone', ANNA, { deletedAt: T0 })]),
      NOW,
    );
    const byId = new Map(plan.promisesToWrite.map((p) => [p.id, p]));
    expect(byId.get('open')?.openDueAt).toBe(dayStartMs('2025-02-01'));
    expect(byId.get('done')).not.toHaveProperty('openDueAt');
    expect(byId.get('gone')).not.toHaveProperty('openDueAt');
    expect(plan.promisesAdded).toBe(2);
  });

  it('a deleted contact in the file deletes the stored one only when the deletion is newer', async () => {
    const db = freshDb();
    try {
      await db.contacts.put(storedContact(ANNA, { updatedAt: T0 + DAY }));
      const file = exportFile([exportedContact(ANNA, { updatedAt: T0 + 2 * DAY, deletedAt: T0 + 2 * DAY })]);
      const text = serializeExportFile(file);
      const r = await parseAndPlan(db, text, text.length, NOW);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.plan.deletedContacts).toBe(1);
      await applyImport(db, r.plan);
      expect(await db.contacts.get(ANNA)).toMatchObject({ deletedAt: T0 + 2 * DAY, nextDueAt: NEVER_DUE });
      // A live copy older than the deletion does not revive the person.
      const old = serializeExportFile(exportFile([exportedContact(ANNA, { updatedAt: T0 + DAY })]));
      const again = await parseAndPlan(db, old, old.length, NOW);
      if (!again.ok) throw new Error(JSON.stringify(again.error));
      await applyImport(db, again.plan);
      expect((await db.contacts.get(ANNA))?.deletedAt).toBe(T0 + 2 * DAY);
    } finally {
      await db.delete();
    }
  });
});
