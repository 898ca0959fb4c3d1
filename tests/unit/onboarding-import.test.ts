import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { addContact, getContact, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { applyOnboarding, ImportCancelledError, previewOnboarding } from '../../storage/onboarding/apply';
import { parseImportBytes } from '../../storage/onboarding/parse';
import type { OnboardingOptions } from '../../storage/onboarding/plan';
import type { ParsedImport } from '../../storage/onboarding/types';
import { getSettings } from '../../storage/settings';
import { type Contact, NEVER_DUE } from '../../storage/types';

const NOW = Date.UTC(2026, 10, 27, 12);
const dir = join(__dirname, '../fixtures/imports');
const DEFAULTS: OnboardingOptions = { tier: 'none', logConnected: false };

function fixture(name: string): ParsedImport {
  const r = parseImportBytes(new Uint8Array(readFileSync(join(dir, name))));
  if (!r.ok) throw new Error(r.error.code);
  return r.parsed;
}

let db: KontaktDb;
let n = 0;
beforeEach(() => {
  db = openDb(`onboarding-${n++}`, { indexedDB, IDBKeyRange });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function live(): Promise<Contact[]> {
  return (await db.contacts.toArray()).filter((c) => c.deletedAt === null);
}

async function everything() {
  return {
    contacts: await db.contacts.toArray(),
    touches: await db.touches.toArray(),
    keyDates: await db.keyDates.toArray(),
  };
}

describe('LinkedIn Connections.csv into an empty notebook', () => {
  test('the preview counts six new people, one skipped, one duplicate, and writes nothing', async () => {
    const plan = await previewOnboarding(db, fixture('linkedin-Connections.csv'), DEFAULTS, NOW);
    expect(plan).toMatchObject({ newContacts: 6, updatedContacts: 0, unchangedContacts: 0, touchesToAdd: 0 });
    expect(plan.skipped).toHaveLength(1);
    expect(plan.duplicates).toHaveLength(1);
    expect(await db.contacts.count()).toBe(0);
  });

  test('confirming stores each person under their profile key with company, headline, connected since, the chosen tier', async () => {
    await applyOnboarding(db, fixture('linkedin-Connections.csv'), { tier: 'B', logConnected: false }, NOW);
    const erika = await getContact(db, 'linkedin:erika-mustermann-4711');
    expect(erika).toMatchObject({
      site: 'linkedin',
      profileUrl: 'https://www.linkedin.com/in/erika-mustermann-4711/',
      name: 'Erika Mustermann',
      company: 'Beispiel GmbH',
      headline: 'Leitung Office Management',
      connectedOn: '2024-03-12',
      tier: 'B',
      lastContactAt: null,
    });
    expect(erika?.nextDueAt).not.toBe(NEVER_DUE);
    expect((await getContact(db, 'linkedin:jürgen-müller-1a2b3c'))?.email).toBe('juergen.mueller@example.de');
    expect((await getContact(db, 'linkedin:id:ACoAAB1x2y3z4w5v6u7t8s9r0q'))?.name).toBe('Lieschen Müller');
    expect((await live()).map((c) => c.key).sort()).toHaveLength(6);
    expect(await db.touches.count()).toBe(0);
  });

  test('default tier "none": in the notebook, never due', async () => {
    await applyOnboarding(db, fixture('linkedin-Connections.csv'), DEFAULTS, NOW);
    const all = await live();
    expect(all.every((c) => c.tier === 'none' && c.nextDueAt === NEVER_DUE)).toBe(true);
  });

  test('ticking "connected" logs one first touch per person on the Connected On day and moves last contact', async () => {
    const plan = await applyOnboarding(db, fixture('linkedin-Connections.csv'), { tier: 'A', logConnected: true }, NOW);
    expect(plan.touchesToAdd).toBe(6);
    const touches = (await db.touches.toArray()).filter((t) => t.contactKey === 'linkedin:paulmusterberg42');
    expect(touches.map((t) => [t.date, t.channel])).toEqual([['2026-11-07', 'connected']]);
    const paul = await getContact(db, 'linkedin:paulmusterberg42');
    expect(paul?.lastContactAt).toBe('2026-11-07');
    // Importing the same file again adds no second "connected" touch.
    const again = await applyOnboarding(db, fixture('linkedin-Connections.csv'), { tier: 'A', logConnected: true }, NOW + 1000);
    expect(again).toMatchObject({ newContacts: 0, updatedContacts: 0, unchangedContacts: 6, touchesToAdd: 0 });
    expect(await db.touches.count()).toBe(6);
  });
});

describe('existing contacts keep what the user wrote', () => {
  test('only gaps are filled; tier, notes, last contact and edited name stay', async () => {
    const settings = await getSettings(db);
    await addContact(
      db,
      {
        key: 'linkedin:erika-mustermann-4711',
        site: 'linkedin',
        profileUrl: 'https://www.linkedin.com/in/erika-mustermann-4711/',
        name: 'Erika',
      },
      settings,
      NOW - 1000,
    );
    await updateContact(
      db,
      'linkedin:erika-mustermann-4711',
      { name: 'Erika M. (Office)', tier: 'A', notes: 'Mine', lastContactAt: '2026-10-01' },
      NOW - 500,
    );
    const plan = await previewOnboarding(db, fixture('linkedin-Connections.csv'), { tier: 'C', logConnected: false }, NOW);
    expect(plan.changes).toEqual([
      { key: 'linkedin:erika-mustermann-4711', name: 'Erika M. (Office)', fields: ['headline', 'company', 'connectedOn'] },
    ]);
    await applyOnboarding(db, fixture('linkedin-Connections.csv'), { tier: 'C', logConnected: false }, NOW);
    expect(await getContact(db, 'linkedin:erika-mustermann-4711')).toMatchObject({
      name: 'Erika M. (Office)',
      tier: 'A',
      notes: 'Mine',
      lastContactAt: '2026-10-01',
      company: 'Beispiel GmbH',
      headline: 'Leitung Office Management',
      connectedOn: '2024-03-12',
    });
  });

  test('a person stored under their member id is found through the alias, not added twice', async () => {
    const settings = await getSettings(db);
    await addContact(
      db,
      {
        key: 'linkedin:paulmusterberg42',
        site: 'linkedin',
        profileUrl: 'https://www.linkedin.com/in/paulmusterberg42/',
        aliases: ['linkedin:id:ACoAAB1x2y3z4w5v6u7t8s9r0q'],
        name: 'Paul',
        company: 'Kanzlei',
      },
      settings,
      NOW - 1000,
    );
    const plan = await previewOnboarding(db, fixture('linkedin-Connections.csv'), DEFAULTS, NOW);
    // Paul's row and Lieschen's member-id row both land on the stored Paul: one contact updated.
    expect(plan.newContacts).toBe(4);
    expect(plan.updatedContacts).toBe(1);
  });
});

describe('the older CSV without URLs', () => {
  test('people match a stored contact by name and company, else become contacts without a profile', async () => {
    const settings = await getSettings(db);
    await addContact(
      db,
      {
        key: 'linkedin:max-m',
        site: 'linkedin',
        profileUrl: 'https://www.linkedin.com/in/max-m/',
        name: 'Max Mustermann',
        company: 'Musterfirma GmbH',
      },
      settings,
      NOW - 1000,
    );
    const plan = await applyOnboarding(db, fixture('linkedin-Connections-2018-no-url.csv'), DEFAULTS, NOW);
    expect(plan).toMatchObject({ newContacts: 1, updatedContacts: 1 });
    expect(await getContact(db, 'linkedin:max-m')).toMatchObject({
      email: 'max@example.de',
      headline: 'Vertrieb',
      connectedOn: '2018-09-14',
    });
    const jonas = (await live()).find((c) => c.name === 'Jonas Beispiel');
    expect(jonas).toMatchObject({ site: 'local', profileUrl: '', company: 'Beispiel AG', connectedOn: '2017-12-01' });
    expect(jonas?.key).toMatch(/^local:[0-9a-f-]{36}$/);
  });
});

describe('vCards', () => {
  test('fields, key dates, notes, the other site kept in the notes, and a card without link as a local contact', async () => {
    const plan = await applyOnboarding(db, fixture('contacts.vcf'), DEFAULTS, NOW);
    expect(plan).toMatchObject({ newContacts: 4, keyDatesToAdd: 4 });
    const erika = await getContact(db, 'linkedin:erika-mustermann-4711');
    expect(erika).toMatchObject({
      email: 'erika.mustermann@example.de',
      phone: '+49 30 1234567',
      company: 'Beispiel GmbH',
      headline: 'Leitung Office Management',
      notes:
        'Kennengelernt beim Office-Management-Forum, Leipzig 2025.\nBevorzugt Telefon.\nXING: https://www.xing.com/profile/Erika_Mustermann',
    });
    const dates = await db.keyDates.toArray();
    // Stored in id order (random UUIDs): compare by kind.
    const of = (key: string) =>
      dates
        .filter((d) => d.contactKey === key)
        .map((d) => [d.kind, d.month, d.day, d.year])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(of('linkedin:erika-mustermann-4711')).toEqual([['birthday', 5, 14, 1976]]);
    expect(dates.find((d) => d.contactKey === 'linkedin:erika-mustermann-4711')?.nextOccurrenceAt).toBe(dayStartMs('2027-05-14'));
    expect(of('xing:Juergen_Mueller2')).toEqual([['birthday', 3, 15, null]]);
    expect(of('xing:Jonas_Beispiel')).toEqual([
      ['anniversary', 8, 1, 2011],
      ['birthday', 2, 29, null],
    ]);
    const lieschen = (await live()).find((c) => c.name === 'Lieschen Müller');
    expect(lieschen).toMatchObject({ site: 'local', profileUrl: '', company: 'Stadtwerke Musterstadt' });
  });

  test('the same vCard twice adds nothing: notes and key dates are not doubled', async () => {
    await applyOnboarding(db, fixture('contacts.vcf'), DEFAULTS, NOW);
    const before = await everything();
    const again = await applyOnboarding(db, fixture('contacts.vcf'), DEFAULTS, NOW + 1000);
    expect(again).toMatchObject({ newContacts: 0, updatedContacts: 0, unchangedContacts: 4, keyDatesToAdd: 0 });
    expect(await everything()).toEqual(before);
  });

  test('a stored birthday is kept, the card’s is not added', async () => {
    await applyOnboarding(db, fixture('contacts.vcf'), DEFAULTS, NOW);
    await db.keyDates.where('contactKey').equals('xing:Juergen_Mueller2').modify({ day: 16 });
    await applyOnboarding(db, fixture('contacts.vcf'), DEFAULTS, NOW + 1000);
    const birthdays = await db.keyDates.where('contactKey').equals('xing:Juergen_Mueller2').toArray();
    expect(birthdays.map((d) => d.day)).toEqual([16]);
  });
});

describe('all or nothing', () => {
  test('cancel during the write leaves the notebook exactly as it was', async () => {
    const settings = await getSettings(db);
    await addContact(
      db,
      { key: 'linkedin:otto-normal', site: 'linkedin', profileUrl: 'https://www.linkedin.com/in/otto-normal/' },
      settings,
      NOW - 1000,
    );
    await logTouch(db, 'linkedin:otto-normal', { date: '2026-11-01', channel: 'call', direction: 'mutual', note: '' }, NOW - 900);
    const before = await everything();
    const parsed = bigConnections(1_200);
    const progress: number[] = [];
    await expect(
      applyOnboarding(db, parsed, { tier: 'B', logConnected: true }, NOW, {
        onProgress: (done) => progress.push(done),
        cancelled: () => progress.length >= 2,
      }),
    ).rejects.toBeInstanceOf(ImportCancelledError);
    expect(progress.at(-1)).toBeGreaterThan(0); // something had been written inside the transaction
    expect(await everything()).toEqual(before);
  });

  test('progress reports every chunk up to the total', async () => {
    const progress: [number, number][] = [];
    const plan = await applyOnboarding(db, bigConnections(1_200), DEFAULTS, NOW, { onProgress: (d, t) => progress.push([d, t]) });
    expect(plan.newContacts).toBe(1_200);
    expect(progress.map(([d]) => d)).toEqual([0, 500, 1_000, 1_200]);
    expect(progress.every(([, t]) => t === 1_200)).toBe(true);
    expect(await db.contacts.count()).toBe(1_200);
  });

  test('an edit made between preview and confirm is kept', async () => {
    const parsed = fixture('linkedin-Connections.csv');
    await previewOnboarding(db, parsed, DEFAULTS, NOW);
    const settings = await getSettings(db);
    await addContact(
      db,
      { key: 'linkedin:otto-normal', site: 'linkedin', profileUrl: 'https://www.linkedin.com/in/otto-normal/', name: 'Otto N.' },
      settings,
      NOW,
    );
    const done = await applyOnboarding(db, parsed, DEFAULTS, NOW);
    expect(done.newContacts).toBe(5);
    expect((await getContact(db, 'linkedin:otto-normal'))?.name).toBe('Otto N.');
  });
});

/** A Connections.csv of `count` people, parsed. */
function bigConnections(count: number): ParsedImport {
  const rows = Array.from(
    { length: count },
    (_, i) => `Person,Nr ${i},https://www.linkedin.com/in/person-${i},,Firma ${i % 50},Rolle,12 Mar 2024`,
  );
  const text = `First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n${rows.join('\r\n')}\r\n`;
  const r = parseImportBytes(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(r.error.code);
  return r.parsed;
}
