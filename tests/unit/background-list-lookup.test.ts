/**
 * The worker's answers to list badges: tier and due per key (through key and alias), nothing for strangers,
 * and the hover card only on demand with just the first line of the notes.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { listCard, listLocale, lookupBadges, MAX_LOOKUP_KEYS, wordBadges } from '../../background/list-lookup';
import { catalogTranslator } from '../../i18n/translate';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { addContact, updateContact } from '../../storage/contacts';
import { type KontaktDb, openDb } from '../../storage/db';
import { updateSettings } from '../../storage/settings';
import { DEFAULT_SETTINGS } from '../../storage/types';

// The browser's own language is English here; the worker must follow the dashboard setting instead.
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (path: string) => `chrome-extension://kontaktpflege-ext-id${path}` },
    i18n: {
      getUILanguage: () => 'en',
      getMessage: (key: string) => (en as Record<string, { message: string }>)[key]?.message ?? '',
    },
  },
}));

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
    lines: ['Anna Arendt', 'Tier A', 'Next touch: 7 weeks overdue', 'Barcamp Köln'],
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

it('words the badges for the page in the worker: accessible names with tier and due, and the blank mark', async () => {
  await notebook();
  const badges = await lookupBadges(db, ['linkedin:anna', 'linkedin:bernd', 'linkedin:carla', 'linkedin:stranger'], TODAY);
  expect(wordBadges(badges, catalogTranslator(en))).toEqual({
    badges: [
      { tier: 'A', due: true, label: 'Kontaktpflege: A, due' },
      { tier: 'B', due: false, label: 'Kontaktpflege: B' },
      { tier: 'none', due: false, label: 'Kontaktpflege: no tier' },
      null,
    ],
    unknown: 'Kontaktpflege: not in notebook',
    cardUnknown: 'Not in your notebook',
  });
});

it('words the badges in the extension language, not the browser one: German settings give German names', async () => {
  await notebook();
  await updateSettings(db, () => ({ language: 'de' }), NOW);
  const catalogs: Record<string, unknown> = { de, en };
  const realFetch = globalThis.fetch;
  // the worker reads the chosen catalog from the extension's files
  globalThis.fetch = (async (url: string) =>
    new Response(JSON.stringify(catalogs[/_locales\/(\w+)\//.exec(String(url))?.[1] ?? ''] ?? {}))) as typeof fetch;
  try {
    const { t, lang } = await listLocale(db);
    expect(lang).toBe('de');
    const answer = wordBadges(await lookupBadges(db, ['linkedin:anna', 'linkedin:carla'], TODAY), t);
    expect(answer.badges.map((b) => b?.label)).toEqual(['Kontaktpflege: A, fällig', 'Kontaktpflege: ohne Kategorie']);
    expect(answer.unknown).toBe('Kontaktpflege: nicht im Notizbuch');
  } finally {
    globalThis.fetch = realFetch;
  }
});

it('words the hover card in the extension language: German settings give a German card', async () => {
  await notebook();
  const anna = await listCard(db, 'linkedin:anna', TODAY, catalogTranslator(de), 'de');
  expect(anna?.lines).toEqual(['Anna Arendt', 'A-Kontakt', 'Wiedervorlage: 7 Wochen überfällig', 'Barcamp Köln']);
  const carla = await listCard(db, 'linkedin:carla', TODAY, catalogTranslator(de), 'de');
  expect(carla?.lines.slice(1)).toEqual(['ohne Kategorie', expect.stringMatching(/^Wiedervorlage: /)]);
});

describe('malformed lookups from a content script are answered safely', () => {
  it('an empty list gets an empty answer', async () => {
    await notebook();
    expect(await lookupBadges(db, [], TODAY)).toEqual([]);
  });

  it('keys of the wrong type get null in their place, the others their badge', async () => {
    await notebook();
    expect(await lookupBadges(db, [null, 7, 'linkedin:bernd', ['linkedin:anna'], undefined], TODAY)).toEqual([
      null,
      null,
      { tier: 'B', due: false },
      null,
      null,
    ]);
  });

  it('an overlong key is nobody, even when a stored key or alias starts with it', async () => {
    await notebook();
    const long = `linkedin:anna${'a'.repeat(400)}`;
    expect(await lookupBadges(db, [long, 'linkedin:anna'], TODAY)).toEqual([null, { tier: 'A', due: true }]);
    expect(await listCard(db, long, TODAY, catalogTranslator(en), 'en')).toBeNull();
    expect(await listCard(db, 42, TODAY, catalogTranslator(en), 'en')).toBeNull();
  });

  it('10,000 keys are cut to one batch, answered in order, without reading beyond it', async () => {
    await notebook();
    const keys = Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? 'linkedin:bernd' : `linkedin:stranger-${i}`));
    const answer = await lookupBadges(db, keys, TODAY);
    expect(answer).toHaveLength(MAX_LOOKUP_KEYS);
    expect(answer.slice(0, 4)).toEqual([{ tier: 'B', due: false }, null, { tier: 'B', due: false }, null]);
  });
});
