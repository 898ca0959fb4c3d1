import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type ExportFileV2, LIMITS, serializeExportFile } from '../../storage/backup/format';
import { applyImport, computeImportPlan, mergeNotes, parseAndPlan, planImport } from '../../storage/backup/import';
import { updateContact } from '../../storage/contacts';
import type { KontaktDb } from '../../storage/db';
import { computeNextDueAt } from '../../storage/rules';
import { saveSettings } from '../../storage/settings';
import { type Contact, DEFAULT_SETTINGS, type Settings } from '../../storage/types';
import {
  DAY,
  dump,
  exportedContact,
  exportFile,
  freshDb,
  storedContact,
  storedTouch,
  T0,
  touch,
} from '../fixtures/backup/helpers';
import { touchToV2 } from '../../storage/upgrade-v2';

// Days derived from instants (the separator's day, a contact's created day) are local days: pin the zone.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

/** 2025-02-01 10:00 in Berlin */
const NOW = Date.UTC(2025, 1, 1, 9, 0);
const NOW_DAY = '2025-02-01';
const OWN_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  id: 'main',
  cadenceDays: { A: 14, B: 45, C: 120 },
  firstFollowUpDays: 7,
  language: 'de',
};

const opened: KontaktDb[] = [];
function db(): KontaktDb {
  const d = freshDb();
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** A database holding `contacts`, `touches` and (unless null) settings. */
async function seeded(contacts: Contact[], touches: ReturnType<typeof touch>[] = [], settings: Settings | null = OWN_SETTINGS) {
  const d = db();
  await d.transaction('rw', d.contacts, d.touches, d.settings, async () => {
    if (settings) await d.settings.put(settings);
    await d.contacts.bulkPut(contacts);
    await d.touches.bulkPut(touches.map(touchToV2));
  });
  return d;
}

async function importFile(d: KontaktDb, file: ExportFileV2, nowMs = NOW) {
  const text = serializeExportFile(file);
  const r = await parseAndPlan(d, text, text.length, nowMs);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return { preview: r.plan, applied: await applyImport(d, r.plan) };
}

describe('a contact on both sides: field by field', () => {
  const older = { updatedAt: T0 };
  const newer = { updatedAt: T0 + DAY };

  it('the file’s values win when the file’s copy is newer', async () => {
    const d = await seeded([
      storedContact(
        'linkedin:anna',
        {
          ...older,
          name: 'Anna alt',
          tier: 'C',
          company: 'Alt GmbH',
          howWeMet: 'Messe',
          preferredChannel: 'email',
          snoozedUntil: '2025-03-01',
        },
        OWN_SETTINGS,
      ),
    ]);
    const f = exportedContact('linkedin:anna', {
      ...newer,
      name: 'Anna Neu',
      tier: 'A',
      company: '',
      howWeMet: 'Konferenz',
      preferredChannel: 'call',
      snoozedUntil: null,
    });
    const { preview, applied } = await importFile(d, exportFile([f]));
    expect(applied.updatedContacts).toBe(1);
    const c = await d.contacts.get('linkedin:anna');
    expect(c).toMatchObject({
      name: 'Anna Neu',
      tier: 'A',
      company: '',
      preferredChannel: 'call',
      snoozedUntil: null,
    });
    // "How we met" is merged like notes: the newer text first, the stored one kept below.
    expect(c?.howWeMet).toBe(`Konferenz\n\n--- imported ${NOW_DAY} ---\n\nMesse`);
    expect(preview.conflicts).toEqual([{ key: 'linkedin:anna', name: 'Anna Neu', fields: ['howWeMet'] }]);
    // The preview names the person and every field that changes.
    expect(preview.changes).toEqual([
      {
        key: 'linkedin:anna',
        name: 'Anna Neu',
        fields: ['name', 'company', 'tier', 'howWeMet', 'preferredChannel', 'snoozedUntil'],
      },
    ]);
    // The later of both instants, never the time of the import (a merge does not depend on its order).
    expect(c?.updatedAt).toBe(T0 + DAY);
  });

  it('the database’s values win when the database’s copy is newer', async () => {
    const d = await seeded([storedContact('linkedin:anna', { updatedAt: T0 + DAY, name: 'Anna DB', tier: 'A' }, OWN_SETTINGS)]);
    const f = exportedContact('linkedin:anna', { updatedAt: T0 - DAY, name: 'Anna Datei', tier: 'C' });
    const { applied } = await importFile(d, exportFile([f]));
    expect(applied).toMatchObject({ updatedContacts: 0, unchangedContacts: 1, newContacts: 0, changes: [] });
    expect(await d.contacts.get('linkedin:anna')).toMatchObject({ name: 'Anna DB', tier: 'A', updatedAt: T0 + DAY });
  });

  it('on a tie the side whose values sort later wins, whichever side is stored', async () => {
    const zed = { updatedAt: T0, name: 'Zoe', tier: 'A' as const };
    const abe = { updatedAt: T0, name: 'Abe', tier: 'C' as const };
    for (const [storedSide, fileSide] of [
      [zed, abe],
      [abe, zed],
    ] as const) {
      const d = await seeded([storedContact('linkedin:anna', storedSide, OWN_SETTINGS)]);
      await importFile(d, exportFile([exportedContact('linkedin:anna', fileSide)]));
      expect(await d.contacts.get('linkedin:anna')).toMatchObject({ name: 'Zoe', tier: 'A', updatedAt: T0 });
    }
  });

  it('lastContactAt is the later day of both, createdAt the earlier instant, aliases the union', async () => {
    const d = await seeded([
      storedContact(
        'linkedin:anna',
        { updatedAt: T0 + DAY, lastContactAt: '2025-01-03', createdAt: T0, aliases: ['linkedin:id:AAA', 'linkedin:old'] },
        OWN_SETTINGS,
      ),
    ]);
    const f = exportedContact('linkedin:anna', {
      updatedAt: T0,
      lastContactAt: '2025-01-20',
      createdAt: T0 - 5 * DAY,
      aliases: ['linkedin:id:BBB', 'linkedin:old'],
    });
    const { applied } = await importFile(d, exportFile([f]));
    const c = await d.contacts.get('linkedin:anna');
    expect(c?.lastContactAt).toBe('2025-01-20');
    expect(c?.createdAt).toBe(T0 - 5 * DAY);
    // The file adds an alias: the union, sorted (so the order of two imports does not matter).
    expect(c?.aliases).toEqual(['linkedin:id:AAA', 'linkedin:id:BBB', 'linkedin:old']);
    expect(c?.updatedAt).toBe(T0 + DAY);
    expect(applied.updatedContacts).toBe(1);
    expect(applied.changes).toEqual([
      { key: 'linkedin:anna', name: 'Name of anna', fields: ['aliases', 'lastContactAt', 'createdAt'] },
    ]);
  });

  it('aliases keep their stored order when the file adds none', async () => {
    const aliases = ['linkedin:old', 'linkedin:id:AAA'];
    const d = await seeded([storedContact('linkedin:anna', { aliases }, OWN_SETTINGS)]);
    const { applied } = await importFile(d, exportFile([exportedContact('linkedin:anna', { aliases: ['linkedin:id:AAA'] })]));
    expect((await d.contacts.get('linkedin:anna'))?.aliases).toEqual(aliases);
    expect(applied).toMatchObject({ updatedContacts: 0, unchangedContacts: 1 });
  });

  it('nextDueAt is recomputed with the database’s settings, not the file’s', async () => {
    const d = await seeded([
      storedContact('linkedin:anna', { updatedAt: T0, tier: 'A', lastContactAt: '2025-01-01' }, OWN_SETTINGS),
    ]);
    const f = exportedContact('linkedin:anna', { updatedAt: T0 + DAY, tier: 'B', lastContactAt: '2025-01-10' });
    const { applied } = await importFile(d, exportFile([f], [], { cadenceDays: { A: 1, B: 1, C: 1 } }));
    expect(applied.applySettings).toBe(false);
    const c = await d.contacts.get('linkedin:anna');
    expect(c?.nextDueAt).toBe(Date.UTC(2025, 0, 10) + 45 * DAY); // B = 45 days in OWN_SETTINGS
    expect(await d.settings.get('main')).toEqual(OWN_SETTINGS);
  });
});

describe('notes', () => {
  it('both different and non-empty: newer first, the separator line, then the other; reported as a conflict', async () => {
    const d = await seeded([storedContact('linkedin:anna', { updatedAt: T0, notes: 'DB: mag Tee.' }, OWN_SETTINGS)]);
    const f = exportedContact('linkedin:anna', { updatedAt: T0 + DAY, notes: 'Datei: mag Kaffee.' });
    const { preview, applied } = await importFile(d, exportFile([f]));
    expect(preview.conflicts).toEqual([{ key: 'linkedin:anna', name: 'Name of anna', fields: ['notes'] }]);
    expect(applied.conflicts).toHaveLength(1);
    const c = await d.contacts.get('linkedin:anna');
    expect(c?.notes).toBe(`Datei: mag Kaffee.\n\n--- imported ${NOW_DAY} ---\n\nDB: mag Tee.`);
    expect(c?.updatedAt).toBe(T0 + DAY);
  });

  it('the database’s newer notes come first', () => {
    expect(mergeNotes('neu', 'alt', '2025-02-01')).toEqual({ text: 'neu\n\n--- imported 2025-02-01 ---\n\nalt', conflict: true });
  });

  it('one side empty: the other side’s text is kept, whichever is newer (no text is lost)', () => {
    expect(mergeNotes('', 'alt', NOW_DAY)).toEqual({ text: 'alt', conflict: false });
    expect(mergeNotes('neu', '', NOW_DAY)).toEqual({ text: 'neu', conflict: false });
  });

  it('one contains the other: the longer is kept, no separator', () => {
    expect(mergeNotes('Anfang', 'Anfang und mehr', NOW_DAY)).toEqual({ text: 'Anfang und mehr', conflict: false });
    expect(mergeNotes('Anfang und mehr', 'und mehr', NOW_DAY)).toEqual({ text: 'Anfang und mehr', conflict: false });
  });

  it('importing the same file twice does not duplicate notes (nor anything else)', async () => {
    const d = await seeded(
      [storedContact('linkedin:anna', { updatedAt: T0, notes: 'DB-Notiz' }, OWN_SETTINGS)],
      [touch('t-db', 'linkedin:anna', { date: '2025-01-02' })],
    );
    const file = exportFile(
      [
        exportedContact('linkedin:anna', { updatedAt: T0 + DAY, notes: 'Datei-Notiz', aliases: ['linkedin:x'] }),
        exportedContact('linkedin:ben'),
      ],
      [touch('t-file', 'linkedin:anna', { date: '2025-01-15' }), touch('t-ben', 'linkedin:ben')],
    );
    await importFile(d, file);
    const afterFirst = await dump(d);
    const second = await importFile(d, file, NOW + 3 * DAY);
    expect(second.preview).toMatchObject({
      newContacts: 0,
      updatedContacts: 0,
      unchangedContacts: 2,
      touchesToAdd: 0,
      duplicateTouches: 2,
      conflicts: [],
    });
    expect(second.applied.contactsToWrite).toEqual([]);
    expect(await dump(d)).toEqual(afterFirst);
    expect(afterFirst.contacts.find((c) => c.key === 'linkedin:anna')?.notes.match(/--- imported/g)).toHaveLength(1);
  });
});

describe('touches', () => {
  it('union without duplicates: same id, or same contact, day, channel, direction and note', async () => {
    const d = await seeded(
      [storedContact('linkedin:anna', {}, OWN_SETTINGS)],
      [
        touch('same-id', 'linkedin:anna', { note: 'stored text' }),
        touch('stored-1', 'linkedin:anna', { date: '2025-01-07', channel: 'email', note: 'Angebot' }),
        touch('stored-only', 'linkedin:anna', { date: '2024-12-24' }),
      ],
    );
    const file = exportFile(
      [exportedContact('linkedin:anna')],
      [
        touch('same-id', 'linkedin:anna', { note: 'file text' }),
        touch('other-id', 'linkedin:anna', { date: '2025-01-07', channel: 'email', note: 'Angebot' }),
        touch('new', 'linkedin:anna', { date: '2025-01-08', channel: 'email', note: 'Angebot' }),
      ],
    );
    const { preview } = await importFile(d, file);
    expect(preview).toMatchObject({ touchesToAdd: 1, duplicateTouches: 1, touchesMerged: 1 });
    const stored = await d.touches.toArray();
    expect(stored.map((t) => t.id).sort()).toEqual(['new', 'same-id', 'stored-1', 'stored-only']);
  });

  it('a stored touch with the file touch’s id but another note keeps both notes, listed as a conflict', async () => {
    const d = await seeded(
      [storedContact('linkedin:anna', { name: 'Anna' }, OWN_SETTINGS)],
      [touch('same-id', 'linkedin:anna', { note: 'stored text', createdAt: T0 })],
    );
    const file = exportFile(
      [exportedContact('linkedin:anna', { name: 'Anna' })],
      [touch('same-id', 'linkedin:anna', { note: 'file text', createdAt: T0 + DAY, channel: 'gift' })],
    );
    const { preview } = await importFile(d, file);
    expect(preview.conflicts).toEqual([{ key: 'linkedin:anna', name: 'Anna', fields: ['touchNote'] }]);
    // The later-created text first; the stored touch's other fields stay.
    expect(await d.touches.get('same-id')).toMatchObject({
      note: `file text\n\n--- imported ${NOW_DAY} ---\n\nstored text`,
      channel: 'call',
      createdAt: T0,
    });
    const again = await importFile(d, file);
    expect(again.preview).toMatchObject({ touchesMerged: 0, duplicateTouches: 1, conflicts: [] });
  });

  it('two identical touches in the file stay two when the database has one of them', async () => {
    const d = await seeded([storedContact('linkedin:anna', {}, OWN_SETTINGS)], [touch('db-1', 'linkedin:anna')]);
    const file = exportFile([exportedContact('linkedin:anna')], [touch('f-1', 'linkedin:anna'), touch('f-2', 'linkedin:anna')]);
    const { preview } = await importFile(d, file);
    expect(preview).toMatchObject({ touchesToAdd: 1, duplicateTouches: 1 });
    expect(await d.touches.count()).toBe(2);
  });

  it('a touch of a contact neither in the file nor in the database is skipped and listed; one of a stored contact is fine', async () => {
    const d = await seeded([storedContact('linkedin:stored', {}, OWN_SETTINGS)]);
    const bad = serializeExportFile(
      exportFile(
        [exportedContact('linkedin:anna')],
        [touch('t1', 'linkedin:anna'), touch('t2', 'linkedin:ghost', { date: '2025-01-03' })],
      ),
    );
    const planned = await parseAndPlan(d, bad, bad.length, NOW);
    expect(planned.ok && planned.plan.skipped).toEqual([
      {
        list: 'touches',
        key: 'linkedin:ghost',
        name: 'linkedin:ghost',
        date: '2025-01-03',
        field: 'contactKey',
        reason: 'contactMissing',
      },
    ]);
    expect(planned.ok && planned.plan.touchesToAdd).toBe(1);
    const ok = serializeExportFile(exportFile([], [touch('t3', 'linkedin:stored')]));
    const r = await parseAndPlan(d, ok, ok.length, NOW);
    expect(r.ok && r.plan.touchesToAdd).toBe(1);
  });
});

describe('identity by alias (a renamed slug keeps its notes)', () => {
  it('a file contact whose key is a stored contact’s alias merges into it; its touches follow', async () => {
    const d = await seeded([
      storedContact('linkedin:new-slug', { aliases: ['linkedin:old-slug'], notes: 'neu', updatedAt: T0 + DAY }, OWN_SETTINGS),
    ]);
    const file = exportFile([exportedContact('linkedin:old-slug', { notes: 'alt' })], [touch('t1', 'linkedin:old-slug')]);
    const { applied } = await importFile(d, file);
    expect(applied).toMatchObject({ newContacts: 0, updatedContacts: 1, touchesToAdd: 1 });
    expect(await d.contacts.count()).toBe(1);
    expect((await d.contacts.get('linkedin:new-slug'))?.notes).toContain('alt');
    expect((await d.touches.get('t1'))?.contactKey).toBe('linkedin:new-slug');
  });

  it('a file contact carrying a stored key as alias merges into the stored contact, which gains the file’s key as alias', async () => {
    const d = await seeded([storedContact('linkedin:old-slug', {}, OWN_SETTINGS)]);
    const file = exportFile([
      exportedContact('linkedin:new-slug', { aliases: ['linkedin:old-slug'], updatedAt: T0 + DAY, name: 'Renamed' }),
    ]);
    await importFile(d, file);
    const all = await d.contacts.toArray();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ key: 'linkedin:old-slug', name: 'Renamed', aliases: ['linkedin:new-slug'] });
  });

  it('an ambiguous alias (two stored owners) does not merge: the contact is added under its own key', async () => {
    const d = await seeded([
      storedContact('linkedin:a', { aliases: ['linkedin:id:X'] }, OWN_SETTINGS),
      storedContact('linkedin:b', { aliases: ['linkedin:id:X'] }, OWN_SETTINGS),
    ]);
    const { applied } = await importFile(d, exportFile([exportedContact('linkedin:c', { aliases: ['linkedin:id:X'] })]));
    expect(applied.newContacts).toBe(1);
    expect(await d.contacts.count()).toBe(3);
  });
});

describe('nothing in the database is deleted', () => {
  it('contacts and touches missing from the file stay as they are', async () => {
    const keep = storedContact('linkedin:keep', { notes: 'bleibt' }, OWN_SETTINGS);
    const d = await seeded([keep], [touch('keep-t', 'linkedin:keep')]);
    await importFile(d, exportFile([exportedContact('linkedin:other')], [touch('other-t', 'linkedin:other')]));
    expect(await d.contacts.get('linkedin:keep')).toEqual(keep);
    expect(await d.touches.get('keep-t')).toEqual(storedTouch('keep-t', 'linkedin:keep'));
    expect(await d.contacts.count()).toBe(2);
  });

  it('an empty file changes nothing', async () => {
    const d = await seeded([storedContact('linkedin:keep', {}, OWN_SETTINGS)], [touch('t', 'linkedin:keep')]);
    const before = await dump(d);
    const { applied } = await importFile(d, exportFile([]));
    expect(applied).toMatchObject({
      newContacts: 0,
      updatedContacts: 0,
      unchangedContacts: 0,
      touchesToAdd: 0,
      applySettings: false,
    });
    expect(await dump(d)).toEqual(before);
  });
});

describe('settings', () => {
  const fileSettings = { cadenceDays: { A: 10, B: 20, C: 30 }, firstFollowUpDays: 2, language: 'en' as const };

  it('a fresh database takes the file’s settings, and due days are computed with them', async () => {
    const d = db();
    const f = exportedContact('linkedin:anna', { tier: 'A', lastContactAt: '2025-01-01' });
    const { preview } = await importFile(d, exportFile([f], [], fileSettings));
    expect(preview.applySettings).toBe(true);
    // settings a version-1 file does not carry keep their defaults
    expect(preview.settingsToWrite).toEqual({ ...DEFAULT_SETTINGS, id: 'main', ...fileSettings });
    expect(await d.settings.get('main')).toEqual({ ...DEFAULT_SETTINGS, id: 'main', ...fileSettings });
    expect((await d.contacts.get('linkedin:anna'))?.nextDueAt).toBe(Date.UTC(2025, 0, 11));
  });

  it('a database with its own settings keeps them', async () => {
    const d = await seeded([]);
    const { preview } = await importFile(d, exportFile([], [], fileSettings));
    expect(preview.applySettings).toBe(false);
    expect(preview.settingsToWrite).toBeNull();
    expect(await d.settings.get('main')).toEqual(OWN_SETTINGS);
  });

  it('contacts stored without a settings record are rescheduled with the applied settings', async () => {
    const stored = storedContact('linkedin:stored', { tier: 'A', lastContactAt: '2025-01-01' }, DEFAULT_SETTINGS);
    const d = await seeded([stored], [], null);
    const { preview } = await importFile(d, exportFile([exportedContact('linkedin:new')], [], fileSettings));
    expect(preview).toMatchObject({ applySettings: true, newContacts: 1, rescheduledContacts: 1 });
    const c = await d.contacts.get('linkedin:stored');
    expect(c).toEqual({ ...stored, nextDueAt: Date.UTC(2025, 0, 11) }); // updatedAt untouched
  });

  it('settings saved by the app count as the database’s own', async () => {
    const d = db();
    await saveSettings(d, OWN_SETTINGS, NOW);
    const { preview } = await importFile(d, exportFile([], [], fileSettings));
    expect(preview.applySettings).toBe(false);
  });
});

describe('the preview', () => {
  it('counts new, updated, unchanged, touches and conflicts, and writes nothing', async () => {
    const d = await seeded(
      [
        storedContact('linkedin:same', { notes: 'x' }, OWN_SETTINGS),
        storedContact('linkedin:upd', { updatedAt: T0, notes: 'db' }, OWN_SETTINGS),
        storedContact('linkedin:older', { updatedAt: T0 + DAY, name: 'DB wins' }, OWN_SETTINGS),
      ],
      [touch('t-known', 'linkedin:same')],
    );
    const file = exportFile(
      [
        exportedContact('linkedin:new1'),
        exportedContact('linkedin:new2', { tier: 'none' }),
        exportedContact('linkedin:older', { updatedAt: T0, name: 'file loses' }),
        exportedContact('linkedin:same', { notes: 'x' }),
        exportedContact('linkedin:upd', { updatedAt: T0 + DAY, notes: 'file' }),
      ],
      [touch('t-known', 'linkedin:same'), touch('t-new', 'linkedin:new1'), touch('t-new2', 'linkedin:upd')],
    );
    const before = await dump(d);
    const text = serializeExportFile(file);
    const r = await parseAndPlan(d, text, text.length, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan).toMatchObject({
      newContacts: 2,
      updatedContacts: 1,
      unchangedContacts: 2,
      rescheduledContacts: 0,
      touchesToAdd: 2,
      duplicateTouches: 1,
      conflicts: [{ key: 'linkedin:upd', name: 'Name of upd', fields: ['notes'] }],
      changes: [{ key: 'linkedin:upd', name: 'Name of upd', fields: ['notes'] }],
      skipped: [],
      clamped: [],
      applySettings: false,
    });
    expect(r.plan.contactsToWrite.map((c) => c.key)).toEqual(['linkedin:new1', 'linkedin:new2', 'linkedin:upd']);
    expect(await dump(d)).toEqual(before);
    const applied = await applyImport(d, r.plan);
    expect(applied.newContacts).toBe(2);
    expect(await d.contacts.count()).toBe(5);
  });

  it('a merge that would exceed a text limit skips that contact (listed), keeps it as stored, and imports the rest', async () => {
    const half = Math.floor(LIMITS.notes / 2) + 10;
    const stored = storedContact('linkedin:anna', { name: 'Anna', notes: 'a'.repeat(half) }, OWN_SETTINGS);
    const d = await seeded([stored]);
    const file = exportFile(
      [exportedContact('linkedin:anna', { name: 'Anna', notes: 'b'.repeat(half) }), exportedContact('linkedin:ben')],
      [touch('t-anna', 'linkedin:anna')],
    );
    const { preview } = await importFile(d, file);
    expect(preview.skipped).toEqual([
      { list: 'contacts', key: 'linkedin:anna', name: 'Anna', date: '', field: 'notes', reason: 'mergeTooLong' },
    ]);
    expect(await d.contacts.get('linkedin:anna')).toEqual(stored);
    expect(await d.contacts.get('linkedin:ben')).toBeDefined();
    // Her touches still reach her.
    expect((await d.touches.get('t-anna'))?.contactKey).toBe('linkedin:anna');
  });

  it('the same for "How we met" and for a touch note', async () => {
    const big = LIMITS.howWeMet - 5;
    const d = await seeded(
      [storedContact('linkedin:anna', { name: 'Anna', howWeMet: 'a'.repeat(big) }, OWN_SETTINGS)],
      [touch('t', 'linkedin:anna', { note: 'x'.repeat(LIMITS.touchNote - 5) })],
    );
    const file = exportFile(
      [exportedContact('linkedin:anna', { name: 'Anna', howWeMet: 'b'.repeat(big) })],
      [touch('t', 'linkedin:anna', { note: 'y'.repeat(LIMITS.touchNote - 5) })],
    );
    const { preview } = await importFile(d, file);
    expect(preview.skipped.map((r) => [r.list, r.name, r.field, r.reason])).toEqual([
      ['contacts', 'Anna', 'howWeMet', 'mergeTooLong'],
      ['touches', 'Anna', 'note', 'mergeTooLong'],
    ]);
  });
});

describe('applyImport: one transaction, all or nothing', () => {
  async function setup() {
    const d = await seeded(
      [storedContact('linkedin:anna', { updatedAt: T0, notes: 'db' }, OWN_SETTINGS)],
      [touch('t-db', 'linkedin:anna')],
    );
    const file = exportFile(
      [
        exportedContact('linkedin:anna', { updatedAt: T0 + DAY, notes: 'file', name: 'Anna File' }),
        exportedContact('linkedin:ben'),
        exportedContact('linkedin:cem'),
      ],
      [touch('t1', 'linkedin:ben'), touch('t2', 'linkedin:cem'), touch('t3', 'linkedin:anna', { date: '2025-01-09' })],
    );
    const plan = await planImport(d, file, NOW);
    return { d, plan, before: await dump(d) };
  }

  it('a failure in the middle (a hook throws on the second touch) rolls back every write', async () => {
    const { d, plan, before } = await setup();
    let created = 0;
    d.touches.hook('creating', () => {
      created++;
      if (created === 2) throw new Error('disk full (simulated)');
    });
    await expect(applyImport(d, plan)).rejects.toThrow();
    expect(created).toBeGreaterThanOrEqual(2);
    expect(await dump(d)).toEqual(before);
  });

  it('a record IndexedDB refuses (a touch id that is not a valid key) rolls back the contacts already written', async () => {
    const { d, plan, before } = await setup();
    // Bypasses validation on purpose: a plan whose last write cannot be stored.
    const broken = touch('placeholder', 'linkedin:ben', { date: '2025-01-20' });
    (broken as { id: unknown }).id = { not: 'a key' };
    plan.file.touches.push(broken);
    const written: string[] = [];
    d.contacts.hook('creating', (key) => void written.push(String(key)));
    await expect(applyImport(d, plan)).rejects.toMatchObject({ name: expect.stringMatching(/DataError|BulkError/) });
    expect(written).toEqual(['linkedin:ben', 'linkedin:cem']); // stored inside the transaction before the failure
    expect(await dump(d)).toEqual(before);
  });

  it('a write made between preview and confirm is merged, not overwritten by the preview', async () => {
    const { d, plan } = await setup();
    await updateContact(d, 'linkedin:anna', { notes: 'db, edited after the preview', howWeMet: 'concurrent' }, T0 + 2 * DAY);
    const applied = await applyImport(d, plan);
    const c = await d.contacts.get('linkedin:anna');
    // The concurrent edit is now the newer side: its fields win, the file's notes are kept below.
    expect(c?.howWeMet).toBe('concurrent');
    expect(c?.name).toBe('Name of anna');
    expect(c?.notes).toBe(`db, edited after the preview\n\n--- imported ${NOW_DAY} ---\n\nfile`);
    expect(applied.conflicts).toEqual([{ key: 'linkedin:anna', name: 'Name of anna', fields: ['notes'] }]);
    // The preview had promised the file's name; the applied plan says what really happened.
    expect(plan.contactsToWrite.find((x) => x.key === 'linkedin:anna')?.name).toBe('Anna File');
  });

  it('a contact deleted between preview and confirm: its touches in the file are skipped, and the applied plan says so', async () => {
    const d = await seeded([storedContact('linkedin:anna', {}, OWN_SETTINGS)]);
    const plan = await planImport(d, exportFile([exportedContact('linkedin:ben')], [touch('t', 'linkedin:anna')]), NOW);
    expect(plan).toMatchObject({ touchesToAdd: 1, skipped: [] });
    await d.contacts.delete('linkedin:anna');
    const applied = await applyImport(d, plan);
    expect(applied.skipped).toMatchObject([{ list: 'touches', key: 'linkedin:anna', reason: 'contactMissing' }]);
    expect(await d.touches.count()).toBe(0);
    expect(await d.contacts.get('linkedin:ben')).toBeDefined();
  });
});

describe('computeImportPlan is pure', () => {
  it('plans against a snapshot without a database', () => {
    const snapshot = {
      contacts: [],
      touches: [],
      keyDates: [],
      promises: [],
      storedSettings: undefined,
      settings: DEFAULT_SETTINGS,
    };
    const f = exportedContact('linkedin:anna', { tier: 'none' });
    const plan = computeImportPlan(snapshot, exportFile([f]), NOW);
    expect(plan.contactsToWrite).toEqual([
      {
        ...f,
        nextDueAt: computeNextDueAt(f, DEFAULT_SETTINGS),
        id: expect.any(String),
        connectedOn: null,
        email: '',
        phone: '',
        notSameAs: [],
        deletedAt: null,
      },
    ]);
  });
});

describe('times from the file are clamped to one day after the import', () => {
  const FAR = 8.64e15; // year 275760, the largest instant a file may hold

  it('a far-future updatedAt cannot take over a contact for good: it is set back, and the preview says so', async () => {
    const d = await seeded([storedContact('linkedin:anna', { updatedAt: T0, name: 'Anna' }, OWN_SETTINGS)]);
    const hostile = exportedContact('linkedin:anna', { updatedAt: FAR, createdAt: FAR, name: 'Hijacked' });
    const { preview } = await importFile(d, exportFile([hostile]));
    expect(preview.clamped).toEqual([{ key: 'linkedin:anna', name: 'Hijacked' }]);
    const c = await d.contacts.get('linkedin:anna');
    expect(c?.updatedAt).toBe(NOW + DAY);
    // createdAt is the earlier of both: the stored one, not the clamped far future.
    expect(c?.createdAt).toBe(T0);
    // A copy genuinely edited two days later (another device's backup) wins again; unclamped, it never would.
    const later = exportedContact('linkedin:anna', { updatedAt: NOW + 2 * DAY, createdAt: T0, name: 'Anna again' });
    const again = await importFile(d, exportFile([later]), NOW + 2 * DAY);
    expect(again.preview.changes).toEqual([{ key: 'linkedin:anna', name: 'Anna again', fields: ['name'] }]);
    expect((await d.contacts.get('linkedin:anna'))?.name).toBe('Anna again');
  });

  it('a time of exactly one day ahead is kept; touches and new contacts are clamped too', async () => {
    const d = await seeded([], [], OWN_SETTINGS);
    const file = exportFile(
      [
        exportedContact('linkedin:edge', { updatedAt: NOW + DAY, createdAt: NOW + DAY, name: 'Edge' }),
        exportedContact('linkedin:late', { updatedAt: NOW + DAY + 1, createdAt: T0, name: 'Late' }),
        exportedContact('linkedin:touchy', { name: 'Touchy' }),
      ],
      [touch('t', 'linkedin:touchy', { createdAt: FAR })],
    );
    const { preview } = await importFile(d, file);
    expect(preview.clamped).toEqual([
      { key: 'linkedin:late', name: 'Late' },
      { key: 'linkedin:touchy', name: 'Touchy' },
    ]);
    expect(await d.contacts.get('linkedin:edge')).toMatchObject({ updatedAt: NOW + DAY, createdAt: NOW + DAY });
    expect(await d.contacts.get('linkedin:late')).toMatchObject({ updatedAt: NOW + DAY, createdAt: T0 });
    expect((await d.touches.get('t'))?.createdAt).toBe(NOW + DAY);
  });
});

describe('the lists in the preview, edge by edge', () => {
  it('a touch of a contact the file itself had to skip is listed under that person’s name', async () => {
    const d = await seeded([]);
    const text = JSON.stringify(
      exportFile(
        [exportedContact('linkedin:anna', { name: 'Anna Broken', tier: 'D' as never })],
        [touch('t1', 'linkedin:anna', { date: '2025-01-04' })],
      ),
    );
    const r = await parseAndPlan(d, text, text.length, NOW);
    expect(r.ok && r.plan.skipped).toEqual([
      { list: 'contacts', key: 'linkedin:anna', name: 'Anna Broken', date: '', field: 'tier', reason: 'invalid' },
      {
        list: 'touches',
        key: 'linkedin:anna',
        name: 'Anna Broken',
        date: '2025-01-04',
        field: 'contactKey',
        reason: 'contactMissing',
      },
    ]);
  });

  it('a person with several texts kept twice is listed once, each kind of text once', async () => {
    const d = await seeded(
      [storedContact('linkedin:anna', { name: 'Anna', notes: 'db', updatedAt: T0 }, OWN_SETTINGS)],
      [touch('a', 'linkedin:anna', { note: 'db a' }), touch('b', 'linkedin:anna', { note: 'db b', date: '2025-01-06' })],
    );
    const file = exportFile(
      [exportedContact('linkedin:anna', { name: 'Anna', notes: 'file', updatedAt: T0 + DAY })],
      [touch('a', 'linkedin:anna', { note: 'file a' }), touch('b', 'linkedin:anna', { note: 'file b', date: '2025-01-06' })],
    );
    const { preview } = await importFile(d, file);
    expect(preview.conflicts).toEqual([{ key: 'linkedin:anna', name: 'Anna', fields: ['notes', 'touchNote'] }]);
    expect(preview.touchesMerged).toBe(2);
  });

  it('a contact whose file copy changes nothing but whose due day was stale is rewritten and counted as rescheduled', async () => {
    const stale = { ...storedContact('linkedin:anna', { lastContactAt: '2025-01-01', tier: 'A' }, OWN_SETTINGS), nextDueAt: 0 };
    const d = await seeded([stale]);
    const { preview } = await importFile(
      d,
      exportFile([exportedContact('linkedin:anna', { lastContactAt: '2025-01-01', tier: 'A' })]),
    );
    expect(preview).toMatchObject({ unchangedContacts: 1, updatedContacts: 0, rescheduledContacts: 1, changes: [] });
    expect((await d.contacts.get('linkedin:anna'))?.nextDueAt).toBe(Date.UTC(2025, 0, 1) + 14 * DAY);
  });

  it('a merge that reaches a limit exactly is imported; one character more is skipped', async () => {
    const sep = `\n\n--- imported ${NOW_DAY} ---\n\n`;
    const half = (LIMITS.notes - sep.length) / 2;
    for (const [extra, skipped] of [
      [0, 0],
      [1, 1],
    ] as const) {
      const d = await seeded([
        storedContact('linkedin:anna', { notes: 'a'.repeat(Math.ceil(half)), updatedAt: T0 }, OWN_SETTINGS),
      ]);
      const file = exportFile([
        exportedContact('linkedin:anna', { notes: 'b'.repeat(Math.floor(half) + extra), updatedAt: T0 + DAY }),
      ]);
      const { preview } = await importFile(d, file);
      expect(preview.skipped, `+${extra}`).toHaveLength(skipped);
      if (skipped === 0) expect((await d.contacts.get('linkedin:anna'))?.notes).toHaveLength(LIMITS.notes);
    }
  });
});
