/**
 * Merging two contacts (issue 10, "One person, both sites"): the LinkedIn and the XING profile of one
 * person become one contact that both profiles find; nothing of either is lost.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { exportJson } from '../../storage/backup/export';
import { validateExportValue } from '../../storage/backup/validate';
import { addContact, getContact, listTouches, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { aliasProblem, keyProblem } from '../../storage/limits';
import {
  MergeError,
  markNotSameAs,
  mergeContacts,
  mergeContactsInDb,
  mergeMoves,
  samePersonCandidate,
} from '../../storage/merge';
import { newContact, type ProfileInput } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS, NEVER_DUE } from '../../storage/types';

const NOW = Date.UTC(2026, 10, 27, 12, 0);
const TODAY = '2026-11-27';
const S = DEFAULT_SETTINGS;
const HOUR = 3_600_000;

const opened: KontaktDb[] = [];
function open(): KontaktDb {
  const db = openDb(`kontaktpflege-merge-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const linkedin = (slug: string, name: string): ProfileInput => ({
  key: `linkedin:${slug}`,
  site: 'linkedin',
  profileUrl: `https://www.linkedin.com/in/${slug}/`,
  aliases: [],
  name,
  headline: null,
  company: null,
  location: null,
  photoUrl: null,
});
const xing = (slug: string, name: string): ProfileInput => ({
  key: `xing:${slug}`,
  site: 'xing',
  profileUrl: `https://www.xing.com/profile/${slug}`,
  aliases: [],
  name,
  headline: null,
  company: null,
  location: null,
  photoUrl: null,
});

function contact(p: ProfileInput, over: Partial<Contact>): Contact {
  return { ...newContact(p, S, NOW - 100 * 24 * HOUR), ...over };
}

describe('mergeContacts (pure)', () => {
  const li = contact(linkedin('anna-arendt', 'Anna Arendt'), {
    tier: 'A',
    notes: 'Met at the Legal Tech Summit.',
    lastContactAt: '2026-10-01',
    updatedAt: NOW - 5 * HOUR,
    aliases: ['linkedin:id:ACoAAAnna12345678901234567'],
    email: '',
  });
  const xi = contact(xing('Anna_Arendt', 'Dr. Anna Arendt'), {
    tier: 'B',
    notes: 'Daughter starts school in August.',
    lastContactAt: '2026-11-02',
    updatedAt: NOW - 1 * HOUR,
    email: 'anna@example.org',
    notSameAs: ['linkedin:anna-arendt', 'linkedin:someone-else'],
  });

  it('keeps both notes, the more recently edited first, below a separator line', () => {
    const { survivor } = mergeContacts(li, xi, S, TODAY, NOW);
    expect(survivor.notes).toBe(
      'Daughter starts school in August.\n\n--- merged 2026-11-27 ---\n\nMet at the Legal Tech Summit.',
    );
  });

  it('takes tier and fields from the more recently edited one, fills its gaps from the other', () => {
    const { survivor } = mergeContacts(li, xi, S, TODAY, NOW);
    expect(survivor.tier).toBe('B');
    expect(survivor.name).toBe('Dr. Anna Arendt');
    expect(survivor.email).toBe('anna@example.org');
    // the other way round: the LinkedIn side is newer now
    const flipped = mergeContacts(li, { ...xi, updatedAt: NOW - 9 * HOUR }, S, TODAY, NOW).survivor;
    expect(flipped.tier).toBe('A');
    expect(flipped.name).toBe('Anna Arendt');
    expect(flipped.email).toBe('anna@example.org');
  });

  it('keeps the survivor its own key, site and URL and adds the other key and aliases as aliases', () => {
    const { survivor } = mergeContacts(li, { ...xi, aliases: ['xing:old_name'] }, S, TODAY, NOW);
    expect([survivor.key, survivor.site, survivor.profileUrl, survivor.id]).toEqual([li.key, 'linkedin', li.profileUrl, li.id]);
    expect(survivor.aliases).toEqual(['xing:Anna_Arendt', 'linkedin:id:ACoAAAnna12345678901234567', 'xing:old_name']);
    expect(survivor.notSameAs).toEqual(['linkedin:someone-else']);
  });

  it('recomputes the due day from the later last contact and the merged tier', () => {
    const { survivor } = mergeContacts(li, xi, S, TODAY, NOW);
    expect(survivor.lastContactAt).toBe('2026-11-02');
    // tier B's cadence counted from the later contact
    expect(survivor.nextDueAt).toBe(dayStartMs('2026-11-02') + S.cadenceDays.B * 24 * HOUR);
    expect(survivor.updatedAt).toBe(NOW);
  });

  it('a contact never edited since it was added (just added from a page) gives way to an edited one', () => {
    const fresh = contact(xing('Anna_Arendt', 'Anna Arendt'), { createdAt: NOW - HOUR, updatedAt: NOW - HOUR });
    const { survivor } = mergeContacts(li, fresh, S, TODAY, NOW);
    expect(survivor.tier).toBe('A');
    expect(survivor.name).toBe('Anna Arendt');
  });

  it('leaves the other as a tombstone that never comes due', () => {
    const { tombstone } = mergeContacts(li, xi, S, TODAY, NOW);
    expect(tombstone).toEqual({ ...xi, deletedAt: NOW, updatedAt: NOW, nextDueAt: NEVER_DUE });
  });
});

describe('aliases of either site (lead decision for merged contacts)', () => {
  it('a page still names only keys of its own site: a LinkedIn profile cannot tie a XING key to its person', async () => {
    const db = open();
    const c = await addContact(db, { ...linkedin('erika', 'Erika'), aliases: ['xing:Erika', 'linkedin:id:ACoAA1'] }, S, NOW);
    expect(c.aliases).toEqual(['linkedin:id:ACoAA1']);
  });

  it('accepts a key of either site as alias, shape- and length-checked; the key stays on its own site', () => {
    expect(aliasProblem('xing:Anna_Arendt')).toBeNull();
    expect(aliasProblem('linkedin:anna')).toBeNull();
    expect(aliasProblem('local:123')).toBe('shape');
    expect(aliasProblem('xing:')).toBe('shape');
    expect(aliasProblem(`xing:${'a'.repeat(3000)}`)).toBe('tooLong');
    expect(keyProblem('xing:Anna_Arendt', 'linkedin')).toBe('shape');
  });
});

describe('mergeContactsInDb', () => {
  async function seedPair(db: KontaktDb) {
    await addContact(db, linkedin('anna-arendt', 'Anna Arendt'), S, NOW - 10 * HOUR);
    await addContact(db, xing('Anna_Arendt', 'Anna Arendt'), S, NOW - 10 * HOUR);
    await updateContact(db, 'linkedin:anna-arendt', { notes: 'LinkedIn notes', tier: 'A' }, NOW - 8 * HOUR);
    await updateContact(db, 'xing:Anna_Arendt', { notes: 'XING notes', tier: 'B' }, NOW - 6 * HOUR);
    await logTouch(
      db,
      'linkedin:anna-arendt',
      { date: '2026-11-01', channel: 'email', direction: 'gave', note: 'li' },
      NOW - 5 * HOUR,
    );
    await logTouch(
      db,
      'xing:Anna_Arendt',
      { date: '2026-11-10', channel: 'call', direction: 'received', note: 'xi' },
      NOW - 4 * HOUR,
    );
    await db.keyDates.add({
      id: 'kd-1',
      contactKey: 'xing:Anna_Arendt',
      kind: 'birthday',
      label: '',
      month: 3,
      day: 14,
      year: null,
      recurrence: 'yearly',
      nextOccurrenceAt: dayStartMs('2027-03-14'),
      acknowledgedAt: null,
      createdAt: NOW - 4 * HOUR,
      updatedAt: NOW - 4 * HOUR,
      deletedAt: null,
    });
    await db.promises.add({
      id: 'pr-1',
      contactKey: 'xing:Anna_Arendt',
      direction: 'mine',
      text: 'Send the article',
      dueDate: '2026-12-01',
      doneAt: null,
      openDueAt: dayStartMs('2026-12-01'),
      createdAt: NOW - 4 * HOUR,
      updatedAt: NOW - 4 * HOUR,
      deletedAt: null,
    });
  }

  it('says beforehand what moves: touches, key dates, promises and notes of the other', async () => {
    const db = open();
    await seedPair(db);
    expect(await mergeMoves(db, 'linkedin:anna-arendt', 'xing:Anna_Arendt')).toEqual({
      touches: 1,
      keyDates: 1,
      promises: 1,
      notes: true,
    });
  });

  it('unites touches, carries key dates and promises over, and both profile keys find the merged contact', async () => {
    const db = open();
    await seedPair(db);
    const merged = await mergeContactsInDb(db, 'linkedin:anna-arendt', 'xing:Anna_Arendt', TODAY, NOW);
    expect(merged.tier).toBe('B');
    expect(merged.notes).toBe('XING notes\n\n--- merged 2026-11-27 ---\n\nLinkedIn notes');
    expect((await listTouches(db, 'linkedin:anna-arendt')).map((t) => t.note)).toEqual(['xi', 'li']);
    expect((await db.keyDates.get('kd-1'))?.contactKey).toBe('linkedin:anna-arendt');
    expect((await db.promises.get('pr-1'))?.contactKey).toBe('linkedin:anna-arendt');
    expect((await getContact(db, 'xing:Anna_Arendt'))?.key).toBe('linkedin:anna-arendt');
    expect((await getContact(db, 'linkedin:anna-arendt'))?.key).toBe('linkedin:anna-arendt');
    const tombstone = await db.contacts.get('xing:Anna_Arendt');
    expect([tombstone?.deletedAt, tombstone?.nextDueAt]).toEqual([NOW, NEVER_DUE]);
    // the XING profile, visited again, adds nobody new: it is the merged contact
    const again = await addContact(db, xing('Anna_Arendt', 'Anna Arendt'), S, NOW + HOUR);
    expect(again.key).toBe('linkedin:anna-arendt');
    expect(await db.contacts.filter((c) => c.deletedAt === null).count()).toBe(1);
  });

  it('a backup of the merged notebook (the other site’s key as alias) validates, so it can be restored', async () => {
    const db = open();
    await seedPair(db);
    await mergeContactsInDb(db, 'linkedin:anna-arendt', 'xing:Anna_Arendt', TODAY, NOW);
    const exported = await exportJson(db, new Date(NOW));
    const result = validateExportValue(JSON.parse(exported.text));
    // every contact kept, none skipped as unrestorable: the merged one with its XING alias among them
    expect(result.ok && result.skipped).toEqual([]);
    expect(result.ok && result.file.contacts.find((c) => c.key === 'linkedin:anna-arendt')?.aliases).toEqual([
      'xing:Anna_Arendt',
    ]);
  });

  it('refuses to merge a contact with itself or with one that is gone, and changes nothing', async () => {
    const db = open();
    await seedPair(db);
    await expect(mergeContactsInDb(db, 'linkedin:anna-arendt', 'linkedin:anna-arendt', TODAY, NOW)).rejects.toThrow(MergeError);
    await expect(mergeContactsInDb(db, 'linkedin:anna-arendt', 'xing:nobody', TODAY, NOW)).rejects.toThrow(MergeError);
    expect((await getContact(db, 'xing:Anna_Arendt'))?.key).toBe('xing:Anna_Arendt');
  });
});

describe('"Same person as …?"', () => {
  const li = contact(linkedin('anna-arendt', 'Dr. Anna Arendt'), {});
  const xi = contact(xing('Anna_Arendt', 'Arendt, Anna'), {});
  const other = contact(xing('Klaus_Maier', 'Klaus Maier'), {});

  it('offers the contact of the other site whose name is equal by the matcher’s rules (title, order)', () => {
    expect(samePersonCandidate(li, [li, xi, other])?.key).toBe('xing:Anna_Arendt');
    expect(samePersonCandidate(xi, [li, xi, other])?.key).toBe('linkedin:anna-arendt');
  });

  it('offers nobody of the same site, no tombstone, and nobody when two share the name', () => {
    const sameSite = contact(linkedin('anna-arendt-2', 'Anna Arendt'), {});
    expect(samePersonCandidate(li, [li, sameSite, other])).toBeNull();
    expect(samePersonCandidate(li, [li, { ...xi, deletedAt: NOW }])).toBeNull();
    const twin = contact(xing('Anna_Arendt2', 'Anna Arendt'), {});
    expect(samePersonCandidate(li, [li, xi, twin])).toBeNull();
  });

  it('never offers again after "not the same person", asked from either side', async () => {
    const db = open();
    await addContact(db, linkedin('anna-arendt', 'Dr. Anna Arendt'), S, NOW);
    await addContact(db, xing('Anna_Arendt', 'Arendt, Anna'), S, NOW);
    await markNotSameAs(db, 'linkedin:anna-arendt', 'xing:Anna_Arendt', NOW + 1);
    const all = await db.contacts.toArray();
    for (const c of all) expect(samePersonCandidate(c, all)).toBeNull();
    expect(all.map((c) => c.notSameAs)).toEqual([['xing:Anna_Arendt'], ['linkedin:anna-arendt']]);
  });
});
