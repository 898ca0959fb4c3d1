/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/contacts.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
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
import { LIMITS } from './limits';
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
import { CHANNELS, type Contact, type ContactPatch, DIRECTIONS, type IsoDay, type Settings, type Touch } from './types';

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

/** By key, else by alias (the `*aliases` index). Call inside a transaction that includes `contacts`, or alone. */
async function findContact(db: KontaktDb, key: string): Promise<Contact | undefined> {
  return (await db.contacts.get(key)) ?? (await db.contacts.where('aliases').equals(key).first());
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
  const keys = [profile.key, ...(profile.aliases ?? [])].filter((k) => typeof k === 'string' && k !== '');
  return db.transaction('rw', db.contacts, async () => {
    let existing: Contact | undefined;
    for (const k of keys) {
      existing = await findContact(db, k);
      if (existing) break;
    }
    if (!existing) {
      const c = newContact(profile, settings, nowMs);
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
    const current = await db.touches.get(id);
    if (!current) throw new TouchNotFoundError(id);
    const touch: Touch = {
      ...current,
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
 * Deletes a touch and leaves the contact's last contact as it is: last contact is also a field the
 * user sets by hand (a call not logged as a touch), so it cannot be rebuilt from the remaining
 * touches. Returns the deleted touch, undefined when there was none.
 */
export async function deleteTouch(db: KontaktDb, id: string): Promise<Touch | undefined> {
  return db.transaction('rw', db.touches, async () => {
    const touch = await db.touches.get(id);
    if (touch) await db.touches.delete(id);
    return touch;
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
      .reverse();
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

/** Every contact, in key order. */
export async function allContacts(db: KontaktDb): Promise<Contact[]> {
  return db.contacts.toArray();
}

/** Number of touches per contact key, counted from the `[contactKey+date]` index keys (no records read). */
export async function touchCounts(db: KontaktDb): Promise<Map<string, number>> {
  const keys = await db.touches.orderBy('[contactKey+date]').keys();
  const counts = new Map<string, number>();
  for (const k of keys) {
    if (!Array.isArray(k) || typeof k[0] !== 'string') continue;
    counts.set(k[0], (counts.get(k[0]) ?? 0) + 1);
  }
  return counts;
}
