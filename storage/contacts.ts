/**
 * Queries and writes. Every write runs in one read-write transaction that reads the current row and
 * applies a rule from `rules.ts` to it: IndexedDB runs read-write transactions on the same table one
 * after another, also across connections, so two tabs editing different fields of one contact never
 * lose a field, and the later edit of the same field wins. Nothing here writes a copy read earlier.
 * Time is always a parameter (`nowMs`).
 */
import { Dexie } from 'dexie';
import type { KontaktDb } from './db';
import { isIsoDay } from './dates';
import { keyProblem, LIMITS } from './limits';
import {
  applyPatch,
  applyTouch,
  capAliases,
  checkProfileIdentity,
  mergeAliases,
  newContact,
  type ProfileInput,
  snoozeUntil,
  StorageValidationError,
} from './rules';
import { getSettings } from './settings';
import {
  CHANNELS,
  type Contact,
  type ContactPatch,
  DIRECTIONS,
  type IsoDay,
  NEVER_DUE,
  type Settings,
  type Touch,
} from './types';

/** A write addressed a contact (or touch) that is not stored. */
export class ContactNotFoundError extends Error {
  override name = 'ContactNotFoundError';
  constructor(readonly key: string) {
    super(`No contact stored under key or alias ${JSON.stringify(key)}`);
  }
}

export class TouchNotFoundError extends Error {
  override name = 'TouchNotFoundError';
  constructor(readonly id: string) {
    super(`No touch stored with id ${JSON.stringify(id)}`);
  }
}

/** What the user enters for a touch (same shape as `TouchInput` in messaging/protocol). */
export interface NewTouch {
  date: IsoDay;
  channel: Touch['channel'];
  direction: Touch['direction'];
  note: string;
}
export type TouchPatch = Partial<NewTouch>;

const live = <T extends { deletedAt: number | null }>(r: T | undefined): T | undefined =>
  r !== undefined && r.deletedAt === null ? r : undefined;

/**
 * The live contact by key, else by alias (the `*aliases` index); tombstones are never found. Call
 * inside a transaction that includes `contacts`, or alone.
 */
async function findContact(db: KontaktDb, key: string): Promise<Contact | undefined> {
  return (
    live(await db.contacts.get(key)) ??
    (await db.contacts
      .where('aliases')
      .equals(key)
      .filter((c) => c.deletedAt === null)
      .first())
  );
}

async function requireContact(db: KontaktDb, key: string): Promise<Contact> {
  const c = await findContact(db, key);
  if (!c) throw new ContactNotFoundError(key);
  return c;
}

/** The contact stored under `key` or carrying `key` as an alias (an old slug, a member id). */
export async function getContact(db: KontaktDb, key: string): Promise<Contact | undefined> {
  return db.transaction('r', db.contacts, () => findContact(db, key));
}

/**
 * The contact for a profile, added when new. Idempotent: when the person is already stored (under the
 * profile's key, or with one of its keys as alias, or under one of its aliases) that contact is
 * returned unchanged except for new aliases merged in; fields the user may have edited (name, …) are
 * never overwritten from the page.
 */
export async function addContact(db: KontaktDb, profile: ProfileInput, settings: Settings, nowMs: number): Promise<Contact> {
  if (typeof profile.key !== 'string' || profile.key === '') throw new StorageValidationError('Profile without key');
  // Checked before anything is looked up: a profile the backup could not restore is never stored.
  checkProfileIdentity(profile);
  // A page names only keys of its own site: a LinkedIn page cannot tie a XING key to its person (only the
  // user's merge does that, storage/merge.ts), though a stored alias may be of either site.
  const ownSite = (profile.aliases ?? []).filter((k) => keyProblem(k, profile.site, LIMITS.alias) === null);
  const keys = [profile.key, ...ownSite].filter((k) => typeof k === 'string' && k !== '');
  return db.transaction('rw', db.contacts, async () => {
    let existing: Contact | undefined;
    for (const k of keys) {
      existing = await findContact(db, k);
      if (existing) break;
    }
    if (!existing) {
      const c = newContact({ ...profile, aliases: ownSite }, settings, nowMs);
      // A tombstone under the same key is revived with fresh data and keeps its id (the same record for sync).
      const tombstone = await db.contacts.get(profile.key);
      if (tombstone) {
        const revived: Contact = { ...c, id: tombstone.id };
        await db.contacts.put(revived);
        return revived;
      }
      await db.contacts.add(c);
      return c;
    }
    const aliases = capAliases(mergeAliases(existing, keys));
    if (aliases.length === existing.aliases.length && aliases.every((a, i) => a === existing.aliases[i])) return existing;
    const merged: Contact = { ...existing, aliases, updatedAt: nowMs };
    await db.contacts.put(merged);
    return merged;
  });
}

/** Applies the user's edit to the stored row (see `applyPatch`), with the stored settings. */
export async function updateContact(db: KontaktDb, key: string, patch: ContactPatch, nowMs: number): Promise<Contact> {
  return db.transaction('rw', db.contacts, db.settings, async () => {
    const current = await requireContact(db, key);
    const settings = await getSettings(db);
    const next = applyPatch(current, patch, settings, nowMs);
    await db.contacts.put(next);
    return next;
  });
}

function validateTouchFields(t: TouchPatch): void {
  if (t.date !== undefined && !isIsoDay(t.date))
    throw new StorageValidationError(`Touch date must be YYYY-MM-DD: ${String(t.date)}`);
  if (t.channel !== undefined && !CHANNELS.includes(t.channel))
    throw new StorageValidationError(`Unknown channel: ${String(t.channel)}`);
  if (t.direction !== undefined && !DIRECTIONS.includes(t.direction)) {
    throw new StorageValidationError(`Unknown direction: ${String(t.direction)}`);
  }
  if (t.note !== undefined && typeof t.note !== 'string') throw new StorageValidationError('Touch note must be a string');
  if (t.note !== undefined && t.note.length > LIMITS.touchNote) {
    throw new StorageValidationError(`Touch note is longer than ${LIMITS.touchNote} characters`);
  }
}

/**
 * Logs a touch (stored under the contact's own key, also when addressed by an alias) and applies it
 * to the contact: last contact moves only when the touch is newer (see `applyTouch`).
 */
export async function logTouch(
  db: KontaktDb,
  key: string,
  input: NewTouch,
  nowMs: number,
): Promise<{ contact: Contact; touch: Touch }> {
  validateTouchFields(input);
  return db.transaction('rw', db.contacts, db.touches, db.settings, async () => {
    const current = await requireContact(db, key);
    const settings = await getSettings(db);
    const touch: Touch = {
      id: crypto.randomUUID(),
      contactKey: current.key,
      date: input.date,
      channel: input.channel,
      direction: input.direction,
      note: input.note,
      createdAt: nowMs,
      updatedAt: nowMs,
      deletedAt: null,
    };
    await db.touches.add(touch);
    const contact = applyTouch(current, touch, settings, nowMs);
    if (contact !== current) await db.contacts.put(contact);
    return { contact, touch };
  });
}

/**
 * Edits a touch. A new date that is later than last contact moves last contact (like a new touch);
 * a date moved back leaves last contact alone, as `deleteTouch` does.
 */
export async function updateTouch(
  db: KontaktDb,
  id: string,
  patch: TouchPatch,
  nowMs: number,
): Promise<{ contact: Contact | undefined; touch: Touch }> {
  validateTouchFields(patch);
  return db.transaction('rw', db.contacts, db.touches, db.settings, async () => {
    const current = live(await db.touches.get(id));
    if (!current) throw new TouchNotFoundError(id);
    const touch: Touch = {
      ...current,
      updatedAt: nowMs,
      ...(patch.date !== undefined && { date: patch.date }),
      ...(patch.channel !== undefined && { channel: patch.channel }),
      ...(patch.direction !== undefined && { direction: patch.direction }),
      ...(patch.note !== undefined && { note: patch.note }),
    };
    await db.touches.put(touch);
    const stored = await db.contacts.get(touch.contactKey);
    if (!stored || touch.date === current.date) return { contact: stored, touch };
    const contact = applyTouch(stored, touch, await getSettings(db), nowMs);
    if (contact !== stored) await db.contacts.put(contact);
    return { contact, touch };
  });
}

/**
 * Deletes a touch: it stays as a tombstone (`deletedAt`), so a sync or a restore does not bring it
 * back, and no query shows it again. The contact's last contact stays as it is: last contact is also a
 * field the user sets by hand (a call not logged as a touch), so it cannot be rebuilt from the
 * remaining touches. Returns the tombstone, undefined when there was no live touch.
 */
export async function deleteTouch(db: KontaktDb, id: string, nowMs: number = Date.now()): Promise<Touch | undefined> {
  return db.transaction('rw', db.touches, async () => {
    const touch = live(await db.touches.get(id));
    if (!touch) return undefined;
    const tombstone: Touch = { ...touch, deletedAt: nowMs, updatedAt: nowMs };
    await db.touches.put(tombstone);
    return tombstone;
  });
}

/**
 * Deletes a contact: it stays as a tombstone that never comes due (`NEVER_DUE`), and its touches,
 * key dates and promises become tombstones too, so no list shows any of them. Adding the same profile
 * again revives the contact with fresh data (`addContact`). Returns the tombstone, undefined when no
 * live contact has that key.
 */
export async function deleteContact(db: KontaktDb, key: string, nowMs: number): Promise<Contact | undefined> {
  return db.transaction('rw', [db.contacts, db.touches, db.keyDates, db.promises], async () => {
    const current = await findContact(db, key);
    if (!current) return undefined;
    const tombstone: Contact = { ...current, deletedAt: nowMs, updatedAt: nowMs, nextDueAt: NEVER_DUE };
    await db.contacts.put(tombstone);
    const range = [current.key, Dexie.minKey] as const;
    await db.touches
      .where('[contactKey+date]')
      .between(range, [current.key, Dexie.maxKey], true, true)
      .filter((t) => t.deletedAt === null)
      .modify({ deletedAt: nowMs, updatedAt: nowMs });
    await db.keyDates
      .where('contactKey')
      .equals(current.key)
      .filter((d) => d.deletedAt === null)
      .modify({ deletedAt: nowMs, updatedAt: nowMs, nextOccurrenceAt: NEVER_DUE });
    await db.promises
      .where('contactKey')
      .equals(current.key)
      .filter((p) => p.deletedAt === null)
      .modify((p) => {
        p.deletedAt = nowMs;
        p.updatedAt = nowMs;
        delete p.openDueAt;
      });
    return tombstone;
  });
}

/**
 * Touches of a contact (by key or alias), newest day first, read from the `[contactKey+date]` index.
 * Touches of the same day come in index order (by id), not by the time they were logged.
 */
export async function listTouches(db: KontaktDb, key: string, limit?: number): Promise<Touch[]> {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new StorageValidationError(`limit must be a whole number ≥ 0: ${limit}`);
  }
  return db.transaction('r', db.contacts, db.touches, async () => {
    const contactKey = (await findContact(db, key))?.key ?? key;
    let q = db.touches
      .where('[contactKey+date]')
      .between([contactKey, Dexie.minKey], [contactKey, Dexie.maxKey], true, true)
      .reverse()
      .filter((t) => t.deletedAt === null);
    if (limit !== undefined) q = q.limit(limit);
    return q.toArray();
  });
}

/** Snoozes until a day, or ends the snooze with null (see `snoozeUntil`). */
export async function snoozeContact(db: KontaktDb, key: string, untilDay: IsoDay | null, nowMs: number): Promise<Contact> {
  return db.transaction('rw', db.contacts, db.settings, async () => {
    const current = await requireContact(db, key);
    const next = snoozeUntil(current, untilDay, await getSettings(db), nowMs);
    await db.contacts.put(next);
    return next;
  });
}

/** Every live contact, in key order. */
export async function allContacts(db: KontaktDb): Promise<Contact[]> {
  return db.contacts.filter((c) => c.deletedAt === null).toArray();
}

/**
 * Number of live touches per contact key: counted from the `[contactKey+date]` index keys (no records
 * read), minus the tombstones, which only the `deletedAt` index holds (deletions are few).
 */
export async function touchCounts(db: KontaktDb): Promise<Map<string, number>> {
  return db.transaction('r', db.touches, async () => {
    const [keys, tombstones] = await Promise.all([
      db.touches.orderBy('[contactKey+date]').keys(),
      db.touches.where('deletedAt').above(-Infinity).toArray(),
    ]);
    const counts = new Map<string, number>();
    for (const k of keys) {
      if (!Array.isArray(k) || typeof k[0] !== 'string') continue;
      counts.set(k[0], (counts.get(k[0]) ?? 0) + 1);
    }
    for (const t of tombstones) {
      const n = (counts.get(t.contactKey) ?? 0) - 1;
      if (n > 0) counts.set(t.contactKey, n);
      else counts.delete(t.contactKey);
    }
    return counts;
  });
}
