/**
 * Merging two contacts into one (issue 10, "One person, both sites"): typically the LinkedIn and the XING
 * profile of one person. The survivor keeps its key, id, site and profile URL; the other becomes a
 * tombstone whose key (and aliases) the survivor now carries as aliases, so both profiles find it.
 *
 * - notes and "how we met": kept from both, the more recently edited first, with a separator line (the
 *   import's rule, `mergeNotes`);
 * - tier, name and the other fields: from the more recently edited one (`updatedAt`); a field that side
 *   leaves empty (e-mail, phone, "connected since") is taken from the other;
 * - last contact: the later of both (the touches are united, so the later one is true of the merged person);
 * - touches, key dates and promises: re-pointed to the survivor;
 * - "not the same person" lists united, less the two keys themselves.
 */
import Dexie from 'dexie';
import { mergeNotes } from './backup/import';
import { nameWords } from './name-match';
import type { KontaktDb } from './db';
import { capAliases, computeNextDueAt, mergeAliases } from './rules';
import { getSettings } from './settings';
import { type Contact, type IsoDay, NEVER_DUE, type Settings } from './types';

export function mergeSeparator(day: IsoDay): string {
  return `--- merged ${day} ---`;
}

function laterDay(a: IsoDay | null, b: IsoDay | null): IsoDay | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a; // YYYY-MM-DD compares as text
}

export interface MergedPair {
  /** the survivor, to store under its own key */
  survivor: Contact;
  /** the other, as a tombstone that never comes due */
  tombstone: Contact;
}

/**
 * `survivor` and `other` merged by the rules above. Pure: `today` names the separator line, `nowMs` is the
 * time of the merge (an edit of both records).
 */
export function mergeContacts(survivor: Contact, other: Contact, settings: Settings, today: IsoDay, nowMs: number): MergedPair {
  // On a tie the survivor counts as the newer: the user chose to merge into it. A contact never edited
  // since it was added (just added from a page, "Same person as …?") counts as older than any edited one.
  const editedAt = (c: Contact) => (c.updatedAt > c.createdAt ? c.updatedAt : 0);
  const newer = editedAt(other) > editedAt(survivor) ? other : survivor;
  const older = newer === survivor ? other : survivor;
  const separator = mergeSeparator(today);
  const keys = new Set([survivor.key, other.key]);
  const merged: Contact = {
    ...survivor,
    // the other's key first: it must survive the cap, or its profile would no longer find the person
    aliases: capAliases(mergeAliases({ ...survivor, aliases: [] }, [other.key, ...survivor.aliases, ...other.aliases])),
    name: newer.name || older.name,
    headline: newer.headline || older.headline,
    company: newer.company || older.company,
    location: newer.location || older.location,
    photoUrl: newer.photoUrl || older.photoUrl,
    tier: newer.tier,
    notes: mergeNotes(newer.notes, older.notes, today, separator).text,
    howWeMet: mergeNotes(newer.howWeMet, older.howWeMet, today, separator).text,
    preferredChannel: newer.preferredChannel,
    lastContactAt: laterDay(survivor.lastContactAt, other.lastContactAt),
    snoozedUntil: newer.snoozedUntil,
    connectedOn: newer.connectedOn ?? older.connectedOn,
    email: newer.email || older.email,
    phone: newer.phone || older.phone,
    notSameAs: [...new Set([...survivor.notSameAs, ...other.notSameAs])].filter((k) => !keys.has(k)),
    createdAt: Math.min(survivor.createdAt, other.createdAt),
    updatedAt: nowMs,
    deletedAt: null,
  };
  merged.nextDueAt = computeNextDueAt(merged, settings);
  const tombstone: Contact = { ...other, deletedAt: nowMs, updatedAt: nowMs, nextDueAt: NEVER_DUE };
  return { survivor: merged, tombstone };
}

/** What a merge moves to the survivor, for the confirmation in words. */
export interface MergeMoves {
  touches: number;
  keyDates: number;
  promises: number;
  /** the other has notes (or "how we met") of its own, which are kept below a separator line */
  notes: boolean;
}

export class MergeError extends Error {
  constructor(readonly reason: 'notFound' | 'same') {
    super(`cannot merge: ${reason}`);
    this.name = 'MergeError';
  }
}

async function livePair(db: KontaktDb, survivorKey: string, otherKey: string): Promise<[Contact, Contact]> {
  const [survivor, other] = await Promise.all([db.contacts.get(survivorKey), db.contacts.get(otherKey)]);
  if (!survivor || !other || survivor.deletedAt !== null || other.deletedAt !== null) throw new MergeError('notFound');
  if (survivor.key === other.key) throw new MergeError('same');
  return [survivor, other];
}

function touchesOf(db: KontaktDb, key: string) {
  return db.touches.where('[contactKey+date]').between([key, Dexie.minKey], [key, Dexie.maxKey], true, true);
}

/** What merging `otherKey` into `survivorKey` would move (live records only). */
export async function mergeMoves(db: KontaktDb, survivorKey: string, otherKey: string): Promise<MergeMoves> {
  return db.transaction('r', [db.contacts, db.touches, db.keyDates, db.promises], async () => {
    const [, other] = await livePair(db, survivorKey, otherKey);
    const [touches, keyDates, promises] = await Promise.all([
      touchesOf(db, other.key)
        .filter((t) => t.deletedAt === null)
        .count(),
      db.keyDates
        .where('contactKey')
        .equals(other.key)
        .filter((d) => d.deletedAt === null)
        .count(),
      db.promises
        .where('contactKey')
        .equals(other.key)
        .filter((p) => p.deletedAt === null)
        .count(),
    ]);
    return { touches, keyDates, promises, notes: other.notes.trim() !== '' || other.howWeMet.trim() !== '' };
  });
}

/**
 * Merges the contact stored under `otherKey` into the one under `survivorKey` (both by their own key), in
 * one transaction: the survivor rewritten, the other left as a tombstone, every touch, key date and promise
 * of the other re-pointed to the survivor (tombstoned ones too, so sync sees one owner). Returns the survivor.
 */
export async function mergeContactsInDb(
  db: KontaktDb,
  survivorKey: string,
  otherKey: string,
  today: IsoDay,
  nowMs: number,
): Promise<Contact> {
  return db.transaction('rw', [db.contacts, db.touches, db.keyDates, db.promises, db.settings], async () => {
    const [survivor, other] = await livePair(db, survivorKey, otherKey);
    const pair = mergeContacts(survivor, other, await getSettings(db), today, nowMs);
    await db.contacts.bulkPut([pair.survivor, pair.tombstone]);
    const repoint = { contactKey: survivor.key, updatedAt: nowMs };
    await touchesOf(db, other.key).modify(repoint);
    await db.keyDates.where('contactKey').equals(other.key).modify(repoint);
    await db.promises.where('contactKey').equals(other.key).modify(repoint);
    return pair.survivor;
  });
}

/** The name as the name matcher compares it: folded words, titles and parentheses gone, in any order. */
function nameSignature(name: string): string {
  return nameWords(name).sort().join(' ');
}

/**
 * "Same person as …?" (issue 10): the live contact of the other site whose name equals `contact`'s by the
 * name matcher's rules, unless either said "not the same person" of the other. Only one clear candidate is
 * offered: two of the same name are no one-click question. Pure.
 */
export function samePersonCandidate(contact: Contact, contacts: readonly Contact[]): Contact | null {
  const signature = nameSignature(contact.name);
  if (signature === '' || contact.site === 'local') return null;
  const matches = contacts.filter(
    (c) =>
      c.deletedAt === null &&
      c.site !== contact.site &&
      c.site !== 'local' &&
      !contact.notSameAs.includes(c.key) &&
      !c.notSameAs.includes(contact.key) &&
      nameSignature(c.name) === signature,
  );
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** "Not the same person", for good: each key goes into the other's `notSameAs`. */
export async function markNotSameAs(db: KontaktDb, key: string, otherKey: string, nowMs: number): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const [a, b] = await livePair(db, key, otherKey);
    await db.contacts.bulkPut([
      { ...a, notSameAs: [...new Set([...a.notSameAs, b.key])], updatedAt: nowMs },
      { ...b, notSameAs: [...new Set([...b.notSameAs, a.key])], updatedAt: nowMs },
    ]);
  });
}
