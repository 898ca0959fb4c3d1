import type { Table } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getContact, listTouches, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { KontaktDb, openDb, SCHEMA_V1 } from '../../storage/db';
import { countDue, listDue } from '../../storage/due';
import { computeNextDueAt } from '../../storage/rules';
import { getSettings } from '../../storage/settings';
import type { Contact, Settings, Touch } from '../../storage/types';

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

/** What a version 2 might add: a key-dates table, an index on `site`, a new field filled in `upgrade()`. */
interface KeyDate {
  id: string;
  contactKey: string;
  /** `MM-DD`, yearly */
  monthDay: string;
  label: string;
}
type ContactV2 = Contact & { keyDateCount: number };
type SettingsV2 = Settings & { keyDateLeadDays: number };

const SCHEMA_V2 = {
  contacts: 'key, nextDueAt, [tier+nextDueAt], updatedAt, *aliases, site',
  keyDates: 'id, contactKey, monthDay',
} as const;

/** Version 2 written the way it would ship: v1 stays declared (by `KontaktDb`), v2 is appended. */
class KontaktDbV2 extends KontaktDb {
  keyDates!: Table<KeyDate, string>;
  upgrades = 0;
  constructor(name: string) {
    super(name, fake);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (tx) => {
        this.upgrades += 1;
        await tx
          .table<ContactV2, string>('contacts')
          .toCollection()
          .modify((c) => {
            c.keyDateCount = 0;
          });
        await tx
          .table<SettingsV2, string>('settings')
          .toCollection()
          .modify((s) => {
            s.keyDateLeadDays = 14;
          });
      });
  }
}

const NOTES = [
  'Kennengelernt auf der Messe in Köln – Grüße an Frau Weiß! ß ÄÖÜ äöü',
  'Emoji 👩‍👩‍👧 🎂 ✨, flags 🇩🇪🇨🇭, RTL مرحبا, CJK 你好, combining e\u0301 vs é (kept as typed)',
  'Zeilen\nmit\r\nUmbrüchen\tund Tabs, NUL \u0000 und ein einzelnes Surrogat \ud800 und <script>alert(1)</script>',
  'x'.repeat(100_000),
  '',
];

function contacts(): Contact[] {
  const base = (i: number, over: Partial<Contact>): Contact => {
    const c: Contact = {
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
    return { ...c, nextDueAt: computeNextDueAt(c, DEFAULT_LIKE) };
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
const DEFAULT_LIKE: Settings = { id: 'main', cadenceDays: { A: 21, B: 60, C: 365 }, firstFollowUpDays: 5, language: 'de' };

function touches(): Touch[] {
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

async function writeV1(name: string): Promise<{ contacts: Contact[]; touches: Touch[]; settings: Settings }> {
  const db = openDb(name, fake);
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

describe('schema migration v1 → v2', () => {
  it('the v1 schema is what storage/db.ts declares', () => {
    const db = openDb(freshName(), fake);
    expect(SCHEMA_V1).toEqual({
      contacts: 'key, nextDueAt, [tier+nextDueAt], updatedAt, *aliases',
      touches: 'id, [contactKey+date]',
      settings: 'id',
    });
    expect(db.contacts.schema.indexes.map((i) => i.name).sort()).toEqual([
      '[tier+nextDueAt]',
      'aliases',
      'nextDueAt',
      'updatedAt',
    ]);
    expect(db.contacts.schema.indexes.find((i) => i.name === 'aliases')?.multi).toBe(true);
  });

  it('keeps every record and every field, and runs upgrade() once', async () => {
    const name = freshName();
    const before = await writeV1(name);

    const db = new KontaktDbV2(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.upgrades).toBe(1);

    const afterContacts = (await db.contacts.toArray()) as ContactV2[];
    expect(afterContacts).toHaveLength(before.contacts.length);
    for (const c of before.contacts) {
      const after = afterContacts.find((a) => a.key === c.key);
      expect(after).toEqual({ ...c, keyDateCount: 0 });
    }
    // byte-exact strings, not merely "equal after normalisation"
    const erika = afterContacts.find((a) => a.key === 'linkedin:person-0');
    expect(erika?.notes).toBe(NOTES[0]);
    expect([...(afterContacts.find((a) => a.key === 'linkedin:person-2')?.notes ?? '')]).toEqual([...(NOTES[2] ?? '')]);
    expect(afterContacts.find((a) => a.key === 'linkedin:person-3')?.notes.length).toBe(100_000);

    const afterTouches = await db.touches.orderBy('id').toArray();
    expect(afterTouches).toEqual([...before.touches].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.settings.get('main')).toEqual({ ...before.settings, keyDateLeadDays: 14 });
    expect(await db.keyDates.count()).toBe(0);
    db.close();
  });

  it('old indexes still answer, the new ones work, and the storage API runs on v2', async () => {
    const name = freshName();
    await writeV1(name);
    const db = new KontaktDbV2(name);

    expect((await getContact(db, 'linkedin:erika-alt'))?.key).toBe('linkedin:person-0');
    expect(await db.contacts.where('site').equals('xing').primaryKeys()).toEqual(['xing:Jürgen_Groß']);
    expect((await listTouches(db, 'linkedin:id:ACoAAAbc')).map((t) => t.id)).toEqual(['t-1', 't-2']);
    const { due } = await listDue(db, TODAY);
    expect(due.map((c) => c.key)).toEqual(
      contacts()
        .filter((c) => c.nextDueAt <= dayStartMs(TODAY))
        .sort((a, b) => a.nextDueAt - b.nextDueAt)
        .map((c) => c.key),
    );
    expect(await countDue(db, TODAY)).toBe(due.length);
    expect(await getSettings(db)).toMatchObject(DEFAULT_LIKE);

    await db.keyDates.add({ id: 'k1', contactKey: 'linkedin:person-0', monthDay: '03-14', label: 'Geburtstag' });
    expect(await db.keyDates.where('monthDay').equals('03-14').count()).toBe(1);
    const edited = await updateContact(db, 'linkedin:person-0', { notes: 'neu' }, NOW + 1);
    expect(edited).toMatchObject({ notes: 'neu', keyDateCount: 0 });
    await logTouch(db, 'xing:Jürgen_Groß', { date: '2025-06-14', channel: 'call', direction: 'gave', note: '' }, NOW + 2);
    db.close();

    // Opening v2 again runs no upgrade and keeps the edits.
    const again = new KontaktDbV2(name);
    await again.open();
    expect(again.upgrades).toBe(0);
    expect((await getContact(again, 'linkedin:person-0'))?.notes).toBe('neu');
    expect(await again.touches.count()).toBe(5);
    again.close();
  });
});
