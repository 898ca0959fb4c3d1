/**
 * The worker's answers to list badges: tier and due per key (through key and alias), nothing for strangers,
 * and the hover card only on demand with just the first line of the notes.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, expect, it } from 'vitest';
import { listCard, lookupBadges, MAX_LOOKUP_KEYS } from '../../background/list-lookup';
import { catalogTranslator } from '../../i18n/translate';
import en from '../../public/_locales/en/messages.json';
import { addContact, updateContact } from '../../storage/contacts';
import { type KontaktDb, openDb } from '../../storage/db';
import { DEFAULT_SETTINGS } from '../../storage/types';

const NOW = Date.UTC(2026, 10, 21, 10);
const TODAY = '2026-11-21';
let db: KontaktDb;
let n = 0;

async function notebook(): Promise<KontaktDb> {
  db = openDb(`list-lookup-${n++}`, { indexedDB, IDBKeyRange });
  const person = (key: string, name: string, aliases: string[] = []) =>
    addContact(
      db,
      { key, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${key}/`, aliases, name },
      DEFAULT_SETTINGS,
      NOW,
    );
  await person('linkedin:anna', 'Anna Arendt', ['linkedin:id:ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo']);
  await updateContact(
    db,
    'linkedin:anna',
    { tier: 'A', lastContactAt: '2026-09-01', notes: 'Barcamp Köln\nkids: Lena, Tom' },
    NOW,
  );
  await person('linkedin:bernd', 'Bernd Bauer');
  await updateContact(db, 'linkedin:bernd', { tier: 'B', lastContactAt: '2026-11-20' }, NOW);
  await person('linkedin:carla', 'Carla Conrad');
  await updateContact(db, 'linkedin:carla', { tier: 'none' }, NOW);
  return db;
}

afterEach(async () => {
  await db?.delete();
});

it('answers tier and due for each key in the order asked, null for people not in the notebook', async () => {
  await notebook();
  expect(await lookupBadges(db, ['linkedin:bernd', 'linkedin:stranger', 'linkedin:anna', 'linkedin:carla'], TODAY)).toEqual([
    { tier: 'B', due: false },
    null,
    { tier: 'A', due: true },
    { tier: 'none', due: false },
  ]);
});

it('finds a person under an alias (a member-id link in a search result)', async () => {
  await notebook();
  expect(await lookupBadges(db, ['linkedin:id:ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo'], TODAY)).toEqual([
    { tier: 'A', due: true },
  ]);
});

it('answers nothing to what is not a list of keys, and caps a batch', async () => {
  await notebook();
  expect(await lookupBadges(db, 'linkedin:anna', TODAY)).toEqual([]);
  expect(await lookupBadges(db, [42, { key: 'linkedin:anna' }], TODAY)).toEqual([null, null]);
  const many = Array.from({ length: MAX_LOOKUP_KEYS + 50 }, () => 'linkedin:anna');
  expect(await lookupBadges(db, many, TODAY)).toHaveLength(MAX_LOOKUP_KEYS);
});

it('gives the hover card the stored name, tier, next touch in words and only the first line of the notes', async () => {
  await notebook();
  const card = await listCard(db, 'linkedin:id:ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo', TODAY, catalogTranslator(en), 'en');
  expect(card).toEqual({
    key: 'linkedin:anna',
    name: 'Anna Arendt',
    tier: 'A',
    nextTouch: '7 weeks overdue',
    note: 'Barcamp Köln',
  });
  expect(await listCard(db, 'linkedin:stranger', TODAY, catalogTranslator(en), 'en')).toBeNull();
});

it('gives no badge to a tombstone (a deleted or merged-away contact), under its key or an alias', async () => {
  await notebook();
  await db.contacts.update('linkedin:anna', { deletedAt: NOW });
  expect(
    await lookupBadges(db, ['linkedin:anna', 'linkedin:id:ACoAAAB8hTwB_5DDelbchgqS6RfF763W1QJZ5eo', 'linkedin:bernd'], TODAY),
  ).toEqual([null, null, { tier: 'B', due: false }]);
});
