import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { RANGE_ANY, recordReads } from '../support/read-recorder';
import {
  addContact,
  allContacts,
  ContactNotFoundError,
  deleteTouch,
  getContact,
  listTouches,
  logTouch,
  snoozeContact,
  TouchNotFoundError,
  touchCounts,
  updateContact,
  updateTouch,
} from '../../storage/contacts';
import { addDays, dayStartMs } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { countDue, listDue } from '../../storage/due';
import { LIMITS } from '../../storage/limits';
import { type ProfileInput, StorageValidationError } from '../../storage/rules';
import { getSettings, saveSettings, updateSettings } from '../../storage/settings';
import { type Contact, DEFAULT_SETTINGS, NEVER_DUE, type Settings } from '../../storage/types';
import { generateSeed, seedLargeDb } from '../support/seed';

// The day a contact is added is a local day (see rules.createdDayOf): pin the zone so the expected
// first follow-up days hold on any machine.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

/** 14:00 in Berlin. */
const NOW = Date.UTC(2025, 5, 15, 12, 0);
const TODAY = '2025-06-15';
const S: Settings = DEFAULT_SETTINGS;
const day = (iso: string) => dayStartMs(iso);

let counter = 0;
const opened: KontaktDb[] = [];
function freshName(): string {
  counter += 1;
  return `kontaktpflege-test-${counter}-${Math.random().toString(36).slice(2)}`;
}
function open(name: string): KontaktDb {
  const db = openDb(name, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
  }
});

function profile(slug: string, over: Partial<ProfileInput> = {}): ProfileInput {
  return {
    key: `linkedin:${slug}`,
    site: 'linkedin',
    profileUrl: `https://www.linkedin.com/in/${slug}/`,
    aliases: [],
    name: slug,
    headline: null,
    company: null,
    location: null,
    photoUrl: null,
    ...over,
  };
}

describe('contacts', () => {
  it('adds a contact with defaults and reads it back', async () => {
    const db = open(freshName());
    const c = await addContact(db, profile('erika', { name: 'Erika Müller' }), S, NOW);
    expect(c.tier).toBe('C');
    expect(c.nextDueAt).toBe(day(addDays(TODAY, S.firstFollowUpDays)));
    expect(await getContact(db, 'linkedin:erika')).toEqual(c);
    expect(await getContact(db, 'linkedin:nobody')).toBeUndefined();
  });

  it('adding again is idempotent, merges new aliases and never overwrites edits', async () => {
    const db = open(freshName());
    const first = await addContact(db, profile('erika', { aliases: ['linkedin:id:ACoAA1'] }), S, NOW);
    await updateContact(db, 'linkedin:erika', { name: 'Erika (Messe)' }, NOW + 1);
    const again = await addContact(db, profile('erika', { name: 'Page Name', aliases: ['linkedin:id:ACoAA1'] }), S, NOW + 2);
    expect(again.name).toBe('Erika (Messe)');
    expect(again.updatedAt).toBe(NOW + 1);
    expect(again.createdAt).toBe(first.createdAt);

    const merged = await addContact(db, profile('erika', { aliases: ['linkedin:id:ACoAA2', 'linkedin:id:ACoAA1'] }), S, NOW + 3);
    expect(merged.aliases).toEqual(['linkedin:id:ACoAA1', 'linkedin:id:ACoAA2']);
    expect(merged.updatedAt).toBe(NOW + 3);
    expect(await db.contacts.count()).toBe(1);
  });

  it('finds a person by an alias (old slug, member id), also when adding', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika-neu', { aliases: ['linkedin:erika-alt'] }), S, NOW);
    expect((await getContact(db, 'linkedin:erika-alt'))?.key).toBe('linkedin:erika-neu');
    // The member-id page of the same person: its alias list names the stored slug.
    const viaMemberId = await addContact(
      db,
      profile('id:ACoAA9', { key: 'linkedin:id:ACoAA9', aliases: ['linkedin:erika-neu'] }),
      S,
      NOW + 1,
    );
    expect(viaMemberId.key).toBe('linkedin:erika-neu');
    expect(viaMemberId.aliases).toEqual(['linkedin:erika-alt', 'linkedin:id:ACoAA9']);
    expect((await getContact(db, 'linkedin:id:ACoAA9'))?.key).toBe('linkedin:erika-neu');
    expect(await db.contacts.count()).toBe(1);
  });

  it('updates through a patch and recomputes due; rejects bad input without writing', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const c = await updateContact(db, 'linkedin:erika', { tier: 'A', lastContactAt: '2025-06-01', notes: 'Grüße 👋' }, NOW + 1);
    expect(c.nextDueAt).toBe(day('2025-07-01'));
    expect(await getContact(db, 'linkedin:erika')).toEqual(c);
    await expect(updateContact(db, 'linkedin:erika', { lastContactAt: '2025-02-30' }, NOW + 2)).rejects.toBeInstanceOf(
      StorageValidationError,
    );
    await expect(updateContact(db, 'linkedin:nobody', { notes: 'x' }, NOW + 2)).rejects.toBeInstanceOf(ContactNotFoundError);
    expect(await getContact(db, 'linkedin:erika')).toEqual(c);
  });

  it('logs touches: last contact moves only forward, touch dates are kept, listed newest first', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika', { aliases: ['linkedin:old'] }), S, NOW);
    await updateContact(db, 'linkedin:erika', { tier: 'A' }, NOW);
    const r1 = await logTouch(
      db,
      'linkedin:old',
      { date: '2025-06-10', channel: 'call', direction: 'gave', note: 'Anruf' },
      NOW + 1,
    );
    expect(r1.touch.contactKey).toBe('linkedin:erika');
    expect(r1.touch.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r1.contact.lastContactAt).toBe('2025-06-10');
    expect(r1.contact.nextDueAt).toBe(day('2025-07-10'));

    const r2 = await logTouch(
      db,
      'linkedin:erika',
      { date: '2025-03-01', channel: 'event', direction: 'mutual', note: '' },
      NOW + 2,
    );
    expect(r2.touch.date).toBe('2025-03-01');
    expect(r2.contact.lastContactAt).toBe('2025-06-10');
    expect(r2.contact.updatedAt).toBe(NOW + 1);

    await logTouch(db, 'linkedin:erika', { date: '2025-05-01', channel: 'email', direction: 'received', note: '' }, NOW + 3);
    const listed = await listTouches(db, 'linkedin:old');
    expect(listed.map((t) => t.date)).toEqual(['2025-06-10', '2025-05-01', '2025-03-01']);
    expect((await listTouches(db, 'linkedin:erika', 2)).map((t) => t.date)).toEqual(['2025-06-10', '2025-05-01']);
    expect(await listTouches(db, 'linkedin:nobody')).toEqual([]);

    await addContact(db, profile('otto'), S, NOW);
    await logTouch(db, 'linkedin:otto', { date: '2025-06-01', channel: 'gift', direction: 'gave', note: '' }, NOW + 4);
    expect(await touchCounts(db)).toEqual(
      new Map([
        ['linkedin:erika', 3],
        ['linkedin:otto', 1],
      ]),
    );

    await expect(
      logTouch(db, 'linkedin:erika', { date: '2025-6-1', channel: 'call', direction: 'gave', note: '' }, NOW),
    ).rejects.toBeInstanceOf(StorageValidationError);
    await expect(
      logTouch(db, 'linkedin:nobody', { date: '2025-06-01', channel: 'call', direction: 'gave', note: '' }, NOW),
    ).rejects.toBeInstanceOf(ContactNotFoundError);
    expect(await db.touches.count()).toBe(4);
  });

  it('editing a touch to a later day moves last contact; deleting a touch leaves last contact alone', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const { touch } = await logTouch(
      db,
      'linkedin:erika',
      { date: '2025-06-01', channel: 'call', direction: 'gave', note: '' },
      NOW,
    );
    const later = await updateTouch(db, touch.id, { date: '2025-06-12', note: 'verschoben' }, NOW + 1);
    expect(later.touch).toEqual({ ...touch, date: '2025-06-12', note: 'verschoben', updatedAt: NOW + 1 });
    expect(later.contact?.lastContactAt).toBe('2025-06-12');
    const back = await updateTouch(db, touch.id, { date: '2025-05-01' }, NOW + 2);
    expect(back.contact?.lastContactAt).toBe('2025-06-12');
    await expect(updateTouch(db, 'no-such-id', { note: 'x' }, NOW)).rejects.toBeInstanceOf(TouchNotFoundError);

    // a tombstone stays, so a restore or a sync does not bring the touch back
    const tombstone = { ...touch, date: '2025-05-01', note: 'verschoben', updatedAt: NOW + 3, deletedAt: NOW + 3 };
    expect(await deleteTouch(db, touch.id, NOW + 3)).toEqual(tombstone);
    expect(await db.touches.get(touch.id)).toEqual(tombstone);
    expect(await deleteTouch(db, touch.id, NOW + 4)).toBeUndefined();
    await expect(updateTouch(db, touch.id, { note: 'x' }, NOW + 5)).rejects.toBeInstanceOf(TouchNotFoundError);
    expect((await getContact(db, 'linkedin:erika'))?.lastContactAt).toBe('2025-06-12');
    expect(await listTouches(db, 'linkedin:erika')).toEqual([]);
  });

  it('refuses a touch with an unknown channel or direction, or a note that is no text, and stores nothing', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const good = { date: '2025-06-01', channel: 'call', direction: 'gave', note: '' } as const;
    const { touch } = await logTouch(db, 'linkedin:erika', good, NOW);
    for (const bad of [{ channel: 'fax' }, { direction: 'sideways' }, { note: 42 }, { date: '2025-6-1' }]) {
      const input = { ...good, ...bad } as unknown as typeof good;
      await expect(logTouch(db, 'linkedin:erika', input, NOW), JSON.stringify(bad)).rejects.toBeInstanceOf(
        StorageValidationError,
      );
      await expect(updateTouch(db, touch.id, bad as never, NOW), JSON.stringify(bad)).rejects.toBeInstanceOf(
        StorageValidationError,
      );
    }
    expect(await listTouches(db, 'linkedin:erika')).toEqual([touch]);
  });

  it('editing one field of a touch keeps the others', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const { touch } = await logTouch(
      db,
      'linkedin:erika',
      { date: '2025-06-01', channel: 'call', direction: 'gave', note: 'Anruf' },
      NOW,
    );
    const noted = await updateTouch(db, touch.id, { note: 'Rückruf' }, NOW + 1);
    expect(noted.touch).toEqual({ ...touch, note: 'Rückruf', updatedAt: NOW + 1 });
    const moved = await updateTouch(db, touch.id, { channel: 'email', direction: 'received' }, NOW + 2);
    expect(moved.touch).toEqual({ ...touch, note: 'Rückruf', channel: 'email', direction: 'received', updatedAt: NOW + 2 });
    expect(await listTouches(db, 'linkedin:erika')).toEqual([moved.touch]);
  });

  it('editing a touch whose person is gone still saves the touch', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const { touch } = await logTouch(
      db,
      'linkedin:erika',
      { date: '2025-06-01', channel: 'call', direction: 'gave', note: '' },
      NOW,
    );
    await db.contacts.delete('linkedin:erika');
    const r = await updateTouch(db, touch.id, { date: '2025-06-05' }, NOW + 1);
    expect(r.contact).toBeUndefined();
    expect((await db.touches.get(touch.id))?.date).toBe('2025-06-05');
  });

  it('a profile without a key is refused; empty or odd aliases from a page do not stop the person being added', async () => {
    const db = open(freshName());
    await expect(addContact(db, profile('x', { key: '' }), S, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    expect(await db.contacts.count()).toBe(0);
    const odd = ['', null, 7, 'linkedin:erika-alt'] as unknown as string[];
    const c = await addContact(db, profile('erika', { aliases: odd }), S, NOW);
    expect(c.aliases).toEqual(['linkedin:erika-alt']);
    expect((await addContact(db, profile('erika', { aliases: odd }), S, NOW + 1)).updatedAt).toBe(NOW);
  });

  it('lists as many touches as asked: none for 0, and refuses a limit that is no count', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    for (const date of ['2025-06-01', '2025-06-02']) {
      await logTouch(db, 'linkedin:erika', { date, channel: 'call', direction: 'gave', note: '' }, NOW);
    }
    expect(await listTouches(db, 'linkedin:erika', 0)).toEqual([]);
    expect((await listTouches(db, 'linkedin:erika', 1)).map((t) => t.date)).toEqual(['2025-06-02']);
    expect(await listTouches(db, 'linkedin:erika', 5)).toHaveLength(2);
    for (const bad of [-1, 1.5, Number.NaN]) {
      await expect(listTouches(db, 'linkedin:erika', bad)).rejects.toBeInstanceOf(StorageValidationError);
    }
  });

  it('snoozes: due moves, last contact stays', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    await updateContact(db, 'linkedin:erika', { tier: 'A', lastContactAt: '2025-04-01' }, NOW);
    const s = await snoozeContact(db, 'linkedin:erika', '2025-06-22', NOW + 1);
    expect(s.lastContactAt).toBe('2025-04-01');
    expect(s.nextDueAt).toBe(day('2025-06-22'));
    expect((await snoozeContact(db, 'linkedin:erika', null, NOW + 2)).nextDueAt).toBe(day('2025-05-01'));
  });
});

describe('due list', () => {
  /** `count` generated contacts keyed `linkedin:<prefix>-<i>`, with `over` applied. */
  function fillers(count: number, prefix: string, over: Partial<Contact>): Contact[] {
    return Array.from(
      { length: count },
      (_, i): Contact => ({
        ...(generateSeed({ contacts: 1, touchesPerContact: 0, today: TODAY, seed: i + 1 }).contacts[0] as Contact),
        key: `linkedin:${prefix}-${i}`,
        aliases: [],
        ...over,
      }),
    );
  }

  async function fixture(db: KontaktDb): Promise<void> {
    const rows: Array<[string, Contact['tier'], string | null, string]> = [
      // slug, tier, last contact, name
      ['a-overdue', 'A', '2025-04-01', 'Zora'], // due 05-01
      ['b-overdue', 'B', '2025-03-01', 'Anna'], // due 05-30
      ['a-today', 'A', '2025-05-16', 'Xaver'], // due 06-15
      ['c-today', 'C', '2024-12-17', 'Berta'], // due 06-15
      ['a-soon', 'A', '2025-05-20', 'Ulla'], // due 06-19
      ['a-edge', 'A', '2025-05-23', 'Ida'], // due 06-22 = today + 7
      ['a-later', 'A', '2025-05-24', 'Jan'], // due 06-23
      ['none', 'none', '2020-01-01', 'Nie'],
    ];
    for (const [slug, tier, last, name] of rows) {
      await addContact(db, profile(slug, { name }), S, NOW);
      await updateContact(db, `linkedin:${slug}`, { tier, lastContactAt: last }, NOW);
    }
  }

  it('lists due (today and overdue) and upcoming (next 7 days), most urgent first', async () => {
    const db = open(freshName());
    await fixture(db);
    const { due, upcoming } = await listDue(db, TODAY);
    expect(due.map((c) => c.key)).toEqual(['linkedin:a-overdue', 'linkedin:b-overdue', 'linkedin:a-today', 'linkedin:c-today']);
    expect(upcoming.map((c) => c.key)).toEqual(['linkedin:a-soon', 'linkedin:a-edge']);
    expect(await countDue(db, TODAY)).toBe(4);
    expect((await listDue(db, TODAY, 0)).upcoming).toEqual([]);
    expect((await listDue(db, TODAY, 8)).upcoming.map((c) => c.key)).toContain('linkedin:a-later');
    expect(await countDue(db, '2025-04-30')).toBe(0);
    await expect(listDue(db, TODAY, -1)).rejects.toBeInstanceOf(StorageValidationError);
  });

  it('reads only the nextDueAt index, never the whole table', async () => {
    const db = open(freshName());
    // Middlewares are stacked when the database opens, so the recorder goes in first.
    const reads = recordReads(db);
    await fixture(db);
    // 200 more contacts due far in the future: a table scan would read them, the index query must not.
    await db.contacts.bulkPut(fillers(200, 'filler', { nextDueAt: day('2026-01-01') }));
    reads.length = 0;
    const { due, upcoming } = await listDue(db, TODAY);
    const n = await countDue(db, TODAY);
    expect(due.length + upcoming.length).toBe(6);
    expect(n).toBe(4);

    const contactReads = reads.filter((r) => r.table === 'contacts');
    expect(contactReads.map((r) => [r.op, r.index])).toEqual([
      ['query', 'nextDueAt'],
      ['count', 'nextDueAt'],
    ]);
    expect(contactReads.every((r) => r.rangeType !== RANGE_ANY)).toBe(true);
    // Rows handed up by the index query: the six due or upcoming, not the 208 stored.
    expect(contactReads[0]?.rows).toBe(6);

    // Control: the recorder does see a full scan when one happens.
    reads.length = 0;
    await db.contacts.filter((c) => c.nextDueAt <= day(TODAY)).toArray();
    expect(reads.some((r) => r.table === 'contacts' && r.index === null && r.rangeType === RANGE_ANY)).toBe(true);
  });

  it("reads only the chosen tiers' people, from [tier+nextDueAt], when the popup filters by tier", async () => {
    const db = open(freshName());
    const reads = recordReads(db);
    await fixture(db);
    // 200 more tier-B contacts due today: a read of the nextDueAt index would hand all of them up.
    await db.contacts.bulkPut(fillers(200, 'b-filler', { tier: 'B', nextDueAt: day(TODAY) }));
    reads.length = 0;
    const { due, upcoming } = await listDue(db, TODAY, 7, { tiers: ['A', 'C'] });
    expect(due.map((c) => c.key)).toEqual(['linkedin:a-overdue', 'linkedin:a-today', 'linkedin:c-today']);
    expect(upcoming.map((c) => c.key)).toEqual(['linkedin:a-soon', 'linkedin:a-edge']);

    const contactReads = reads.filter((r) => r.table === 'contacts');
    expect(contactReads.map((r) => [r.op, r.index])).toEqual([
      ['query', '[tier+nextDueAt]'],
      ['query', '[tier+nextDueAt]'],
    ]);
    expect(contactReads.every((r) => r.rangeType !== RANGE_ANY)).toBe(true);
    // A: four rows up to the horizon (a-later is past it), C: one; none of the 201 B people.
    expect(contactReads.map((r) => r.rows)).toEqual([4, 1]);

    // No tiers chosen: everyone, from nextDueAt, as before.
    expect((await listDue(db, TODAY, 7, { tiers: [] })).due).toHaveLength(204);
  });

  it('lists the same people for a tier filter as filtering the whole list', async () => {
    const db = open(freshName());
    await fixture(db);
    const whole = await listDue(db, TODAY, 30);
    for (const tiers of [['A'], ['B'], ['C'], ['none'], ['A', 'B'], ['B', 'C', 'A'], ['A', 'A']] as Contact['tier'][][]) {
      const filtered = await listDue(db, TODAY, 30, { tiers });
      const expected = (list: Contact[]) => list.filter((c) => tiers.includes(c.tier)).map((c) => c.key);
      expect(
        filtered.due.map((c) => c.key),
        tiers.join(),
      ).toEqual(expected(whole.due));
      expect(
        filtered.upcoming.map((c) => c.key),
        tiers.join(),
      ).toEqual(expected(whole.upcoming));
    }
  });

  it('tier none never appears, even at the end of time', async () => {
    const db = open(freshName());
    await fixture(db);
    expect((await getContact(db, 'linkedin:none'))?.nextDueAt).toBe(NEVER_DUE);
    const { due, upcoming } = await listDue(db, '9999-12-24', 7);
    expect([...due, ...upcoming].map((c) => c.key)).not.toContain('linkedin:none');
  });
});

describe('settings', () => {
  it('gives the defaults when none are stored, as a copy', async () => {
    const db = open(freshName());
    const s = await getSettings(db);
    expect(s).toEqual(DEFAULT_SETTINGS);
    s.cadenceDays.A = 1;
    expect(DEFAULT_SETTINGS.cadenceDays.A).toBe(30);
  });

  it('validates days 1..3650, whole numbers', async () => {
    const db = open(freshName());
    for (const bad of [0, 3651, 1.5, Number.NaN, -3, Number.POSITIVE_INFINITY]) {
      await expect(saveSettings(db, { ...S, cadenceDays: { ...S.cadenceDays, B: bad } }, NOW)).rejects.toBeInstanceOf(
        StorageValidationError,
      );
      await expect(saveSettings(db, { ...S, firstFollowUpDays: bad }, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    }
    await expect(saveSettings(db, { ...S, language: 'fr' as 'de' }, NOW)).rejects.toBeInstanceOf(StorageValidationError);
    expect(await db.settings.count()).toBe(0);
    await saveSettings(db, { ...S, cadenceDays: { A: 1, B: 3650, C: 180 } }, NOW);
    expect((await getSettings(db)).cadenceDays).toEqual({ A: 1, B: 3650, C: 180 });
  });

  it('a cadence change recomputes due of the affected contacts in the same transaction', async () => {
    const db = open(freshName());
    await addContact(db, profile('a'), S, NOW);
    await updateContact(db, 'linkedin:a', { tier: 'A', lastContactAt: '2025-06-01' }, NOW);
    await addContact(db, profile('b'), S, NOW);
    await updateContact(db, 'linkedin:b', { tier: 'B', lastContactAt: '2025-06-01' }, NOW);
    await addContact(db, profile('new'), S, NOW);
    expect(await countDue(db, TODAY)).toBe(0);

    const r = await saveSettings(db, { ...S, cadenceDays: { A: 7, B: 90, C: 180 } }, NOW + 1);
    expect(r.recomputed).toBe(1);
    expect((await getContact(db, 'linkedin:a'))?.nextDueAt).toBe(day('2025-06-08'));
    expect((await getContact(db, 'linkedin:a'))?.updatedAt).toBe(NOW);
    expect(await countDue(db, TODAY)).toBe(1);

    const f = await saveSettings(db, { ...(await getSettings(db)), firstFollowUpDays: 14 }, NOW + 2);
    expect(f.recomputed).toBe(1);
    expect((await getContact(db, 'linkedin:new'))?.nextDueAt).toBe(day('2025-06-29'));

    const lang = await saveSettings(db, { ...(await getSettings(db)), language: 'de' }, NOW + 3);
    expect(lang.recomputed).toBe(0);
    // later writes use the stored cadence
    expect((await updateContact(db, 'linkedin:b', { tier: 'A' }, NOW + 4)).nextDueAt).toBe(day('2025-06-08'));
  });

  it.each(['B', 'C'] as const)('changing only the %s cadence moves the due day of that tier', async (tier) => {
    const db = open(freshName());
    await addContact(db, profile('p'), S, NOW);
    await updateContact(db, 'linkedin:p', { tier, lastContactAt: '2025-06-01' }, NOW);
    const r = await saveSettings(db, { ...S, cadenceDays: { ...S.cadenceDays, [tier]: 10 } }, NOW + 1);
    expect(r.recomputed).toBe(1);
    expect((await getContact(db, 'linkedin:p'))?.nextDueAt).toBe(day('2025-06-11'));
    expect(await countDue(db, TODAY)).toBe(1);
  });

  it('stores only the settings fields, and fills fields an older record lacks from the defaults', async () => {
    const db = open(freshName());
    const { settings } = await saveSettings(db, { ...S, id: 'other', extra: 'x' } as unknown as Settings, NOW);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, updatedAt: NOW });
    expect(await db.settings.toArray()).toEqual([{ ...DEFAULT_SETTINGS, updatedAt: NOW }]);
    // A record written before `language` existed, with one cadence only.
    await db.settings.clear();
    await db.settings.put({ id: 'main', cadenceDays: { A: 14 } } as unknown as Settings);
    expect(await getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, A: 14 } });
    await expect(saveSettings(db, { ...S, cadenceDays: undefined } as unknown as Settings, NOW)).rejects.toBeInstanceOf(
      StorageValidationError,
    );
  });
  it('keeps both of two setting changes made at once from two views (read and write in one transaction)', async () => {
    const name = freshName();
    const popup = open(name);
    const dashboard = open(name);
    await Promise.all([
      updateSettings(popup, () => ({ reminderDay: 3 }), NOW),
      updateSettings(dashboard, (current) => ({ cadenceDays: { ...current.cadenceDays, A: 14 } }), NOW + 1),
    ]);
    const stored = await getSettings(open(name));
    expect(stored.reminderDay).toBe(3);
    expect(stored.cadenceDays.A).toBe(14);
  });
});

describe('two tabs on one database', () => {
  async function twoTabs(): Promise<[KontaktDb, KontaktDb]> {
    const name = freshName();
    const tab1 = open(name);
    const tab2 = open(name);
    await addContact(tab1, profile('erika'), S, NOW);
    await tab2.open();
    return [tab1, tab2];
  }

  it('control: a whole-record put from a stale copy would lose a field', async () => {
    const [tab1, tab2] = await twoTabs();
    const stale1 = await tab1.contacts.get('linkedin:erika');
    const stale2 = await tab2.contacts.get('linkedin:erika');
    if (!stale1 || !stale2) throw new Error('fixture missing');
    await tab1.contacts.put({ ...stale1, notes: 'from tab 1' });
    await tab2.contacts.put({ ...stale2, howWeMet: 'from tab 2' });
    expect((await tab1.contacts.get('linkedin:erika'))?.notes).toBe(''); // lost
  });

  it('concurrent edits of different fields: no field is lost', async () => {
    const [tab1, tab2] = await twoTabs();
    const chain = async (run: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 10; i++) await run(i);
    };
    await Promise.all([
      chain((i) => updateContact(tab1, 'linkedin:erika', { notes: `Notiz ${i} äöü` }, NOW + i)),
      chain((i) => updateContact(tab2, 'linkedin:erika', { howWeMet: `Messe ${i}` }, NOW + i)),
      chain((i) => updateContact(tab2, 'linkedin:erika', { tier: i % 2 === 0 ? 'B' : 'A' }, NOW + i)),
      chain((i) =>
        logTouch(
          tab1,
          'linkedin:erika',
          { date: addDays('2025-06-01', i), channel: 'call', direction: 'mutual', note: '' },
          NOW + i,
        ),
      ),
      chain((i) => snoozeContact(tab2, 'linkedin:erika', addDays('2025-09-01', i), NOW + i)),
    ]);
    for (const tab of [tab1, tab2]) {
      const c = await getContact(tab, 'linkedin:erika');
      expect(c).toMatchObject({
        notes: 'Notiz 9 äöü',
        howWeMet: 'Messe 9',
        tier: 'A',
        lastContactAt: '2025-06-10',
        snoozedUntil: '2025-09-10',
        nextDueAt: day('2025-09-10'),
      });
    }
    expect(await tab2.touches.count()).toBe(10);
  });

  it('the later edit of the same field wins, whichever tab made it', async () => {
    const [tab1, tab2] = await twoTabs();
    await updateContact(tab1, 'linkedin:erika', { notes: 'eins' }, NOW + 1);
    await updateContact(tab2, 'linkedin:erika', { notes: 'zwei' }, NOW + 2);
    expect((await getContact(tab1, 'linkedin:erika'))?.notes).toBe('zwei');
    await updateContact(tab1, 'linkedin:erika', { notes: 'drei' }, NOW + 3);
    const c = await getContact(tab2, 'linkedin:erika');
    expect(c?.notes).toBe('drei');
    expect(c?.updatedAt).toBe(NOW + 3);
  });
});

describe('seed for the popup bench', () => {
  it('is deterministic and matches what the due queries answer', async () => {
    const opts = { contacts: 300, touchesPerContact: 3, today: TODAY, seed: 7 };
    expect(generateSeed(opts)).toEqual(generateSeed(opts));
    expect(generateSeed({ ...opts, seed: 8 }).contacts[0]).not.toEqual(generateSeed(opts).contacts[0]);
    const db = open(freshName());
    const summary = await seedLargeDb(db, opts);
    expect(summary.contacts).toBe(300);
    expect(summary.touches).toBe(900);
    expect(summary.due).toBeGreaterThan(0);
    expect(await countDue(db, TODAY)).toBe(summary.due);
    const { due, upcoming } = await listDue(db, TODAY);
    expect(due.length).toBe(summary.due);
    expect(upcoming.length).toBe(summary.upcoming);
    const all = await allContacts(db);
    expect(new Set(all.map((c) => c.key)).size).toBe(300);
    const counts = await touchCounts(db);
    expect([...counts.values()].every((n) => n === 3)).toBe(true);
  });
});

describe('writes stay within what a backup can restore (storage/limits.ts)', () => {
  const ENCODED_UMLAUT = encodeURIComponent('ü'); // 6 characters per 'ü'

  it('a slug longer than the key cap (1,200 characters) is refused with a clear message, and nothing is stored', async () => {
    const db = open(freshName());
    const slug = 'a'.repeat(1_200);
    await expect(addContact(db, profile(slug), S, NOW)).rejects.toThrow(
      new StorageValidationError("This profile's address is too long to keep (1209 characters, at most 1000)"),
    );
    expect(await db.contacts.count()).toBe(0);
  });

  it('a key exactly at the cap is stored, and so is its URL, however non-ASCII the slug', async () => {
    const db = open(freshName());
    const slug = 'ü'.repeat(LIMITS.key - 'linkedin:'.length);
    const url = `https://www.linkedin.com/in/${ENCODED_UMLAUT.repeat(slug.length)}/`;
    expect(url.length).toBeGreaterThan(4_096); // 0.1.0 refused such a URL on import
    const c = await addContact(db, profile(slug, { profileUrl: url }), S, NOW);
    expect(c.key).toHaveLength(LIMITS.key);
    expect(c.profileUrl).toBe(url);
    await expect(addContact(db, profile(`${slug}ü`), S, NOW)).rejects.toBeInstanceOf(StorageValidationError);
  });

  it('the worst-case URL of a key at the cap fits the URL cap (three-byte characters, both sites)', () => {
    const longest = (prefix: string, site: string) =>
      `${prefix}${encodeURIComponent('€'.repeat(LIMITS.key - site.length - 1))}/`.length;
    expect(longest('https://www.linkedin.com/in/', 'linkedin')).toBeLessThanOrEqual(LIMITS.profileUrl);
    expect(longest('https://www.xing.com/profile/', 'xing')).toBeLessThanOrEqual(LIMITS.profileUrl);
  });

  it.each([
    ['a key of the other site', { key: 'xing:Erika_M' }, 'Profile key must be "linkedin:…": xing:Erika_M'],
    ['a key that is only the site', { key: 'linkedin:' }, 'Profile key must be "linkedin:…": linkedin:'],
    [
      'a URL on another host',
      { profileUrl: 'https://linkedin.com.evil.example/in/x' },
      'Profile URL must be an http(s) URL of linkedin',
    ],
    ['a javascript: URL', { profileUrl: 'javascript:alert(1)' }, 'Profile URL must be an http(s) URL of linkedin'],
    [
      'a URL over the URL cap',
      { profileUrl: `https://www.linkedin.com/in/${'x'.repeat(LIMITS.profileUrl)}` },
      `This profile's address is too long to keep (${LIMITS.profileUrl + 28} characters, at most ${LIMITS.profileUrl})`,
    ],
  ] as const)('refuses %s', async (_label, over, message) => {
    const db = open(freshName());
    await expect(addContact(db, profile('erika', over), S, NOW)).rejects.toThrow(new StorageValidationError(message));
    expect(await db.contacts.count()).toBe(0);
  });

  it('an empty profile URL is allowed (the page did not give one)', async () => {
    const db = open(freshName());
    expect((await addContact(db, profile('erika', { profileUrl: '' }), S, NOW)).profileUrl).toBe('');
  });

  it('aliases a backup could not restore are dropped on the way in: other site, no slug, too long', async () => {
    const db = open(freshName());
    const long = `linkedin:${'a'.repeat(LIMITS.alias)}`;
    const c = await addContact(
      db,
      profile('erika', { aliases: ['xing:Erika', 'linkedin:', 'erika-old', long, 'linkedin:id:ACoAA1'] }),
      S,
      NOW,
    );
    expect(c.aliases).toEqual(['linkedin:id:ACoAA1']);
    const again = await addContact(db, profile('erika', { aliases: ['xing:Other', 'linkedin:id:ACoAA2'] }), S, NOW + 1);
    expect(again.aliases).toEqual(['linkedin:id:ACoAA1', 'linkedin:id:ACoAA2']);
    const unchanged = await addContact(db, profile('erika', { aliases: ['xing:Other'] }), S, NOW + 2);
    expect(unchanged.updatedAt).toBe(NOW + 1);
  });

  it('a contact keeps at most LIMITS.aliasesPerContact aliases (the first ones)', async () => {
    const db = open(freshName());
    const many = Array.from({ length: LIMITS.aliasesPerContact + 5 }, (_, i) => `linkedin:id:A${i}`);
    const c = await addContact(db, profile('erika', { aliases: many }), S, NOW);
    expect(c.aliases).toEqual(many.slice(0, LIMITS.aliasesPerContact));
  });

  it('a photo URL that is neither http(s) nor an inline image is not kept from a page, and refused in an edit', async () => {
    const db = open(freshName());
    const c = await addContact(db, profile('erika', { photoUrl: 'javascript:alert(1)' }), S, NOW);
    expect(c.photoUrl).toBe('');
    const ok = await addContact(db, profile('otto', { photoUrl: 'https://media.licdn.com/o.jpg' }), S, NOW);
    expect(ok.photoUrl).toBe('https://media.licdn.com/o.jpg');
    await expect(updateContact(db, 'linkedin:erika', { photoUrl: 'javascript:alert(1)' }, NOW)).rejects.toThrow(
      new StorageValidationError('photoUrl must be an http(s) or data:image URL'),
    );
    expect((await updateContact(db, 'linkedin:erika', { photoUrl: 'data:image/png;base64,AA' }, NOW)).photoUrl).toBe(
      'data:image/png;base64,AA',
    );
  });

  it('a touch note longer than LIMITS.touchNote is refused, on logging and on editing', async () => {
    const db = open(freshName());
    await addContact(db, profile('erika'), S, NOW);
    const touch = { date: TODAY, channel: 'call', direction: 'mutual', note: 'n'.repeat(LIMITS.touchNote) } as const;
    const { touch: logged } = await logTouch(db, 'linkedin:erika', touch, NOW);
    const tooLong = 'n'.repeat(LIMITS.touchNote + 1);
    const message = new StorageValidationError(`Touch note is longer than ${LIMITS.touchNote} characters`);
    await expect(logTouch(db, 'linkedin:erika', { ...touch, note: tooLong }, NOW)).rejects.toThrow(message);
    await expect(updateTouch(db, logged.id, { note: tooLong }, NOW)).rejects.toThrow(message);
    expect(await db.touches.count()).toBe(1);
  });
});
