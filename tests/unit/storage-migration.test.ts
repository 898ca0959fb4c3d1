/**
 * Issue 9: upgrading keeps everything. A version-1 database is written by release 0.1.0's own storage
 * code (frozen in tests/support/release-0.1.0), then opened with today's `storage/db.ts`, which runs the
 * v1 → v2 upgrade; every record is compared with what 0.1.0 stored, field by field.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { getContact, listTouches, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { openDb, SCHEMA_V1, SCHEMA_V2 } from '../../storage/db';
import { countDue, listDue } from '../../storage/due';
import { getSettings } from '../../storage/settings';
import {
  addContact as addContactV1,
  logTouch as logTouchV1,
  snoozeContact as snoozeContactV1,
  updateContact as updateContactV1,
} from '../support/release-0.1.0/contacts';
import { openDb as openDbV1, SCHEMA_V1 as SHIPPED_SCHEMA_V1 } from '../support/release-0.1.0/db';
import type { ProfileInput as ProfileInputV1 } from '../support/release-0.1.0/rules';
import { getSettings as getSettingsV1, saveSettings as saveSettingsV1 } from '../support/release-0.1.0/settings';
import {
  CHANNELS as CHANNELS_V1,
  type Contact as ContactV1,
  type ContactPatch as ContactPatchV1,
  DIRECTIONS as DIRECTIONS_V1,
  type Settings as SettingsV1,
  type Touch as TouchV1,
} from '../support/release-0.1.0/types';

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

const NOTES = [
  'Kennengelernt auf der Messe in Köln – Grüße an Frau Weiß! ß ÄÖÜ äöü',
  'Emoji 👩‍👩‍👧 🎂 ✨, flags 🇩🇪🇨🇭, RTL مرحبا, CJK 你好, combining e\u0301 vs é (kept as typed)',
  'Zeilen\nmit\r\nUmbrüchen\tund Tabs, NUL \u0000 und ein einzelnes Surrogat \ud800 und <script>alert(1)</script>',
  'x'.repeat(100_000),
  '',
];

/** People as 0.1.0's panel added them (a page's profile), then edited through 0.1.0's `updateContact`. */
const PEOPLE: { profile: ProfileInputV1; patch: ContactPatchV1; snooze?: string }[] = [
  {
    profile: {
      key: 'linkedin:person-0',
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/person-0/',
      aliases: ['linkedin:id:ACoAAAbc', 'linkedin:erika-alt'],
      name: 'Erika Müller-Lüdenscheidt',
      headline: 'Geschäftsführerin · „Zitat“',
      company: 'Nordlicht AG',
      location: 'Köln',
      photoUrl: 'https://media.licdn.com/dms/image/x.jpg',
    },
    patch: { tier: 'A', notes: NOTES[0], howWeMet: 'Stammtisch 🍺', preferredChannel: 'call', lastContactAt: '2025-04-01' },
  },
  {
    profile: {
      key: 'xing:Jürgen_Groß',
      site: 'xing',
      profileUrl: 'https://www.xing.com/profile/J%C3%BCrgen_Gro%C3%9F',
      name: 'Jürgen Groß',
    },
    patch: { tier: 'B', notes: NOTES[1] },
  },
  {
    profile: {
      key: 'linkedin:person-2',
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/person-2/',
      name: 'Person 2',
    },
    patch: { tier: 'none', notes: NOTES[2] },
    snooze: '2025-12-24',
  },
  {
    profile: {
      key: 'linkedin:person-3',
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/person-3/',
      name: 'Person 3',
    },
    patch: { tier: 'C', notes: NOTES[3], lastContactAt: '2024-02-29' },
  },
  {
    profile: { key: 'linkedin:person-4', site: 'linkedin', profileUrl: 'https://www.linkedin.com/in/person-4/', name: '' },
    patch: { notes: NOTES[4] },
  },
];

/** Settings as 0.1.0's dashboard saved them: own cadences and German. */
const SETTINGS_V1 = { id: 'main', cadenceDays: { A: 21, B: 60, C: 365 }, firstFollowUpDays: 5, language: 'de' } as const;

interface V1Records {
  contacts: ContactV1[];
  touches: TouchV1[];
  settings: SettingsV1[];
}

/**
 * A version-1 database written by release 0.1.0's own storage code (tests/support/release-0.1.0):
 * people added and edited, a touch of every channel in every direction, settings saved. Returns every
 * record as 0.1.0 stored it.
 */
async function writeV1(name: string): Promise<V1Records> {
  const db = openDbV1(name, fake);
  let t = NOW - 1_000_000;
  /** each write a second after the one before */
  const tick = () => {
    t += 1000;
    return t;
  };
  await saveSettingsV1(db, { ...SETTINGS_V1, cadenceDays: { ...SETTINGS_V1.cadenceDays } }, tick());
  const settings = await getSettingsV1(db);
  for (const person of PEOPLE) {
    await addContactV1(db, person.profile, settings, tick());
    await updateContactV1(db, person.profile.key, person.patch, tick());
    if (person.snooze) await snoozeContactV1(db, person.profile.key, person.snooze, tick());
  }
  let day = 1;
  for (const channel of CHANNELS_V1) {
    for (const direction of DIRECTIONS_V1) {
      const date = `2025-0${1 + (day % 5)}-${String(10 + (day % 18)).padStart(2, '0')}`;
      const key = PEOPLE[day % PEOPLE.length]?.profile.key ?? '';
      await logTouchV1(
        db,
        key,
        { date, channel, direction, note: day % 4 === 0 ? (NOTES[day % 3] ?? '') : `${channel}/${direction} 🎉` },
        tick(),
      );
      day++;
    }
  }
  // Addressed by an alias, as a page with an old slug does.
  await logTouchV1(
    db,
    'linkedin:erika-alt',
    { date: '2025-06-14', channel: 'meeting', direction: 'gave', note: 'über Alias' },
    tick(),
  );
  const records = {
    contacts: await db.contacts.toArray(),
    touches: await db.touches.toArray(),
    settings: await db.settings.toArray(),
  };
  expect(db.verno).toBe(1);
  db.close();
  return records;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('schema migration v1 → v2', () => {
  it('v1 stays as 0.1.0 shipped it; v2 drops the unread updatedAt index and adds ids, key dates and promises', () => {
    expect(SCHEMA_V1).toEqual(SHIPPED_SCHEMA_V1);
    const db = openDb(freshName(), fake);
    expect(db.verno).toBe(2);
    expect(Object.keys(SCHEMA_V2).sort()).toEqual(['contacts', 'keyDates', 'promises', 'settings', 'touches']);
    expect(db.contacts.schema.indexes.map((i) => i.name).sort()).toEqual(['[tier+nextDueAt]', 'aliases', 'id', 'nextDueAt']);
    expect(db.contacts.schema.indexes.find((i) => i.name === 'id')?.unique).toBe(true);
    expect(db.keyDates.schema.indexes.map((i) => i.name).sort()).toEqual(['contactKey', 'nextOccurrenceAt']);
    expect(db.promises.schema.indexes.map((i) => i.name).sort()).toEqual(['contactKey', 'openDueAt']);
  });

  it('0.1.0 wrote what the test means it to: every channel in every direction, emoji, a 100k-character note', async () => {
    const before = await writeV1(freshName());
    expect(before.contacts).toHaveLength(PEOPLE.length);
    const pairs = new Set(before.touches.map((t) => `${t.channel}/${t.direction}`));
    expect(pairs.size).toBe(CHANNELS_V1.length * DIRECTIONS_V1.length);
    expect(before.contacts.map((c) => c.notes).sort()).toEqual([...NOTES].sort());
    expect(before.contacts.find((c) => c.key === 'linkedin:person-3')?.notes.length).toBe(100_000);
    expect(before.settings).toEqual([SETTINGS_V1]);
    expect(before.contacts.find((c) => c.key === 'linkedin:person-2')?.snoozedUntil).toBe('2025-12-24');
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
      expect(after).toEqual({ ...c, id: after?.id, connectedOn: null, email: '', phone: '', notSameAs: [], deletedAt: null });
    }
    expect(ids.size).toBe(before.contacts.length);
    // byte-exact strings, not merely "equal after normalisation"
    expect(afterContacts.find((a) => a.key === 'linkedin:person-0')?.notes).toBe(NOTES[0]);
    expect([...(afterContacts.find((a) => a.key === 'linkedin:person-2')?.notes ?? '')]).toEqual([...(NOTES[2] ?? '')]);
    expect(afterContacts.find((a) => a.key === 'linkedin:person-3')?.notes.length).toBe(100_000);

    const afterTouches = await db.touches.toArray();
    expect(afterTouches).toHaveLength(before.touches.length);
    for (const t of before.touches) {
      expect(afterTouches.find((a) => a.id === t.id)).toEqual({ ...t, updatedAt: t.createdAt, deletedAt: null });
    }
    expect(await db.settings.toArray()).toEqual([
      {
        ...SETTINGS_V1,
        leadDays: { A: 7, B: 3, C: 0 },
        feb29: 'mar1',
        icsFollowUps: false,
        reminderDay: 1,
        reminderTime: '09:00',
        reviewDoneDays: [],
        updatedAt: 0,
      },
    ]);
    expect(await db.keyDates.count()).toBe(0);
    expect(await db.promises.count()).toBe(0);
    db.close();
  });

  it('old indexes still answer, and the storage API runs on the upgraded database', async () => {
    const name = freshName();
    const before = await writeV1(name);
    const db = openDb(name, fake);

    expect((await getContact(db, 'linkedin:erika-alt'))?.key).toBe('linkedin:person-0');
    const erikas = before.touches
      .filter((t) => t.contactKey === 'linkedin:person-0')
      .sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    expect((await listTouches(db, 'linkedin:id:ACoAAAbc')).map((t) => t.id).sort()).toEqual(erikas.map((t) => t.id).sort());
    const { due } = await listDue(db, TODAY);
    expect(due.map((c) => c.key)).toEqual(
      before.contacts
        .filter((c) => c.nextDueAt <= dayStartMs(TODAY))
        .sort((a, b) => a.nextDueAt - b.nextDueAt)
        .map((c) => c.key),
    );
    expect(due.length).toBeGreaterThan(0);
    expect(await countDue(db, TODAY)).toBe(due.length);
    expect(await getSettings(db)).toMatchObject(SETTINGS_V1);

    const edited = await updateContact(db, 'linkedin:person-0', { notes: 'neu' }, NOW + 1);
    expect(edited).toMatchObject({ notes: 'neu', deletedAt: null });
    await logTouch(db, 'xing:Jürgen_Groß', { date: '2025-06-14', channel: 'call', direction: 'gave', note: '' }, NOW + 2);
    db.close();

    // Opening v2 again keeps the edits and the ids.
    const again = openDb(name, fake);
    expect((await getContact(again, 'linkedin:person-0'))?.notes).toBe('neu');
    expect((await getContact(again, 'linkedin:person-0'))?.id).toBe(edited.id);
    expect(await again.touches.count()).toBe(before.touches.length + 1);
    again.close();
  });
});
