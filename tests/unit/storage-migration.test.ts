import { Dexie, type Table } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getContact, listTouches, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { openDb, SCHEMA_V1, SCHEMA_V2 } from '../../storage/db';
import { countDue, listDue } from '../../storage/due';
import { computeNextDueAt } from '../../storage/rules';
import { getSettings } from '../../storage/settings';
import { DEFAULT_SETTINGS } from '../../storage/types';
import type { ContactV1, SettingsV1, TouchV1 } from '../../storage/upgrade-v2';

const fake = { indexedDB, IDBKeyRange };
// The day a contact is added is a local day (see rules.createdDayOf): pin the zone so the expected
// first follow-up days hold on any machine.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const NOW = Date.UTC(2025, 5, 15, 12, 0);
const TODAY = '2025-06-15';

let counter = 0;
const freshName = () => `kontaktpflege-migration-${++counter}-${Math.random().toString(36).slice(2)}`;

/** The database exactly as release 0.1.0 declared it: version 1 only. */
class KontaktDbV1 extends Dexie {
  contacts!: Table<ContactV1, string>;
  touches!: Table<TouchV1, string>;
  settings!: Table<SettingsV1, string>;
  constructor(name: string) {
    super(name, fake);
    this.version(1).stores(SCHEMA_V1);
  }
}

const NOTES = [
  'Kennengelernt auf der Messe in Köln – Grüße an Frau Weiß! ß ÄÖÜ äöü',
  'Emoji 👩‍👩‍👧 🎂 ✨, flags 🇩🇪🇨🇭, RTL مرحبا, CJK 你好, combining e\u0301 vs é (kept as typed)',
  'Zeilen\nmit\r\nUmbrüchen\tund Tabs, NUL \u0000 und ein einzelnes Surrogat \ud800 und <script>alert(1)</script>',
  'x'.repeat(100_000),
  '',
];

function contacts(): ContactV1[] {
  const base = (i: number, over: Partial<ContactV1>): ContactV1 => {
    const c: ContactV1 = {
      key: `linkedin:person-${i}`,
      site: 'linkedin',
      profileUrl: `https://www.linkedin.com/in/person-${i}/`,
      aliases: [],
      name: `Person ${i}`,
      headline: '',
      company: '',
      location: '',
      photoUrl: '',
      tier: 'B',
      notes: NOTES[i % NOTES.length] ?? '',
      howWeMet: '',
      preferredChannel: '',
      lastContactAt: null,
      snoozedUntil: null,
      nextDueAt: 0,
      createdAt: NOW - i * 86_400_000,
      updatedAt: NOW - i * 3_600_000,
      ...over,
    };
    return { ...c, nextDueAt: computeNextDueAt(c, { ...DEFAULT_SETTINGS, ...DEFAULT_LIKE }) };
  };
  return [
    base(0, {
      aliases: ['linkedin:id:ACoAAAbc', 'linkedin:erika-alt'],
      name: 'Erika Müller-Lüdenscheidt',
      tier: 'A',
      lastContactAt: '2025-04-01',
    }),
    base(1, {
      site: 'xing',
      key: 'xing:Jürgen_Groß',
      profileUrl: 'https://www.xing.com/profile/J%C3%BCrgen_Gro%C3%9F',
      howWeMet: 'Stammtisch 🍺',
    }),
    base(2, { tier: 'none', preferredChannel: 'call', snoozedUntil: '2025-12-24' }),
    base(3, { tier: 'C', lastContactAt: '2024-02-29', photoUrl: 'https://media.licdn.com/x.jpg?e=1&t=ä' }),
    base(4, { tier: 'A', lastContactAt: '2025-06-10', snoozedUntil: '2025-08-01', headline: 'Geschäftsführerin · „Zitat“' }),
  ];
}
const DEFAULT_LIKE: SettingsV1 = { id: 'main', cadenceDays: { A: 21, B: 60, C: 365 }, firstFollowUpDays: 5, language: 'de' };

function touches(): TouchV1[] {
  return [
    {
      id: 't-1',
      contactKey: 'linkedin:person-0',
      date: '2025-04-01',
      channel: 'meeting',
      direction: 'gave',
      note: NOTES[1] ?? '',
      createdAt: NOW - 1,
    },
    {
      id: 't-2',
      contactKey: 'linkedin:person-0',
      date: '2025-01-15',
      channel: 'gift',
      direction: 'received',
      note: '',
      createdAt: NOW - 2,
    },
    {
      id: 't-3',
      contactKey: 'xing:Jürgen_Groß',
      date: '2025-03-30',
      channel: 'email',
      direction: 'mutual',
      note: NOTES[2] ?? '',
      createdAt: NOW - 3,
    },
    {
      id: 't-4',
      contactKey: 'linkedin:person-3',
      date: '2024-02-29',
      channel: 'other',
      direction: 'gave',
      note: '🎉',
      createdAt: NOW - 4,
    },
  ];
}

async function writeV1(name: string): Promise<{ contacts: ContactV1[]; touches: TouchV1[]; settings: SettingsV1 }> {
  const db = new KontaktDbV1(name);
  const data = { contacts: contacts(), touches: touches(), settings: DEFAULT_LIKE };
  await db.transaction('rw', db.contacts, db.touches, db.settings, async () => {
    await db.contacts.bulkAdd(data.contacts);
    await db.touches.bulkAdd(data.touches);
    await db.settings.add(data.settings);
  });
  expect(db.verno).toBe(1);
  db.close();
  return data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('schema migration v1 → v2', () => {
  it('v1 stays as shipped; v2 drops the unread updatedAt index and adds ids, key dates and promises', () => {
    expect(SCHEMA_V1).toEqual({
      contacts: 'key, nextDueAt, [tier+nextDueAt], updatedAt, *aliases',
      touches: 'id, [contactKey+date]',
      settings: 'id',
    });
    const db = openDb(freshName(), fake);
    expect(db.verno).toBe(2);
    expect(Object.keys(SCHEMA_V2).sort()).toEqual(['contacts', 'keyDates', 'promises', 'settings', 'touches']);
    expect(db.contacts.schema.indexes.map((i) => i.name).sort()).toEqual(['[tier+nextDueAt]', 'aliases', 'id', 'nextDueAt']);
    expect(db.contacts.schema.indexes.find((i) => i.name === 'id')?.unique).toBe(true);
    expect(db.keyDates.schema.indexes.map((i) => i.name).sort()).toEqual(['contactKey', 'nextOccurrenceAt']);
    expect(db.promises.schema.indexes.map((i) => i.name).sort()).toEqual(['contactKey', 'openDueAt']);
  });

  it('keeps every v1 record and field, and gives each the fields v2 adds', async () => {
    const name = freshName();
    const before = await writeV1(name);

    const db = openDb(name, fake);
    await db.open();
    expect(db.verno).toBe(2);

    const afterContacts = await db.contacts.toArray();
    expect(afterContacts).toHaveLength(before.contacts.length);
    const ids = new Set<string>();
    for (const c of before.contacts) {
      const after = afterContacts.find((a) => a.key === c.key);
      expect(after?.id).toMatch(UUID);
      ids.add(after?.id ?? '');
      expect(after).toEqual({
        ...c,
        id: after?.id,
        connectedOn: null,
        email: '',
        phone: '',
        notSameAs: [],
        deletedAt: null,
      });
    }
    expect(ids.size).toBe(before.contacts.length);
    // byte-exact strings, not merely "equal after normalisation"
    expect(afterContacts.find((a) => a.key === 'linkedin:person-0')?.notes).toBe(NOTES[0]);
    expect([...(afterContacts.find((a) => a.key === 'linkedin:person-2')?.notes ?? '')]).toEqual([...(NOTES[2] ?? '')]);
    expect(afterContacts.find((a) => a.key === 'linkedin:person-3')?.notes.length).toBe(100_000);

    const afterTouches = await db.touches.orderBy('id').toArray();
    expect(afterTouches).toEqual(
      [...before.touches]
        .sort((a, b) => a.id.localeCompare(b.id))
        .map((t) => ({ ...t, updatedAt: t.createdAt, deletedAt: null })),
    );
    expect(await db.settings.get('main')).toEqual({
      ...before.settings,
      leadDays: { A: 7, B: 3, C: 0 },
      feb29: 'mar1',
      icsFollowUps: false,
      reminderDay: 1,
      reminderTime: '09:00',
      reviewDoneDays: [],
      updatedAt: 0,
    });
    expect(await db.keyDates.count()).toBe(0);
    expect(await db.promises.count()).toBe(0);
    db.close();
  });

  it('old indexes still answer, and the storage API runs on the upgraded database', async () => {
    const name = freshName();
    await writeV1(name);
    const db = openDb(name, fake);

    expect((await getContact(db, 'linkedin:erika-alt'))?.key).toBe('linkedin:person-0');
    expect((await listTouches(db, 'linkedin:id:ACoAAAbc')).map((t) => t.id)).toEqual(['t-1', 't-2']);
    const { due } = await listDue(db, TODAY);
    expect(due.map((c) => c.key)).toEqual(
      contacts()
        .filter((c) => c.nextDueAt <= dayStartMs(TODAY))
        .sort((a, b) => a.nextDueAt - b.nextDueAt)
        .map((c) => c.key),
    );
    expect(due.length).toBeGreaterThan(0);
    expect(await countDue(db, TODAY)).toBe(due.length);
    expect(await getSettings(db)).toMatchObject(DEFAULT_LIKE);

    const edited = await updateContact(db, 'linkedin:person-0', { notes: 'neu' }, NOW + 1);
    expect(edited).toMatchObject({ notes: 'neu', deletedAt: null });
    await logTouch(db, 'xing:Jürgen_Groß', { date: '2025-06-14', channel: 'call', direction: 'gave', note: '' }, NOW + 2);
    db.close();

    // Opening v2 again keeps the edits and the ids.
    const again = openDb(name, fake);
    expect((await getContact(again, 'linkedin:person-0'))?.notes).toBe('neu');
    expect((await getContact(again, 'linkedin:person-0'))?.id).toBe(edited.id);
    expect(await again.touches.count()).toBe(5);
    again.close();
  });
});
