/**
 * Import in two steps, so the UI can show a preview before anything is written:
 *   `planImport` (or `parseAndPlan` from the file's text) computes what would change, writing nothing;
 *   `applyImport` writes it, in ONE read-write transaction that plans again from the database as it
 *   is inside the transaction, so a write made between preview and confirm is merged, not clobbered.
 *   The transaction either completes or changes nothing.
 *
 * Merge rules (never destroy: nothing in the database is deleted, no text is lost):
 * - A file contact is the same person as a stored one when the keys are equal; else when exactly one
 *   stored contact shares an identity with it (its key is the other's alias, or they share an alias),
 *   as `addContact` decides for a profile. Otherwise it is added.
 * - Same person: every field comes from the side with the newer `updatedAt` (a tie keeps the
 *   database's), except: `notes` (below); `aliases` = union (plus the file's key if it differed);
 *   `lastContactAt` = the later day of both; `createdAt` = the earlier instant. `key` and `site` stay
 *   the database's.
 * - Notes: equal → kept; one side empty → the other side's text; one contains the other → the longer
 *   (so importing the same file twice does not duplicate anything); otherwise both are kept, newer
 *   first, then a line `--- imported YYYY-MM-DD ---` (the day of the import), then the other. Such
 *   contacts are reported as `conflicts`.
 * - `updatedAt`: when the merged contact equals the newer side, that side's `updatedAt`; when it is a
 *   new combination of both, the time of the import (it is a new edit). When nothing but `updatedAt`
 *   or `nextDueAt` would change, the stored contact counts as unchanged.
 * - Touches: union. A file touch is a duplicate when a stored touch has its id, or when an unmatched
 *   stored touch of the same person has the same day, channel, direction and note (each stored touch
 *   absorbs at most one file touch, so two identical touches in the file stay two). A touch whose
 *   contact is neither in the file nor in the database makes the file `invalid`.
 * - `nextDueAt` is recomputed (rules.computeNextDueAt) for every contact written, with the
 *   database's settings (the file's, when they are applied: next rule).
 * - Settings: the file's settings are applied only when the database has no settings record yet (a
 *   fresh install, or settings never changed from the defaults); a notebook with its own settings
 *   keeps them. When they are applied, every stored contact's `nextDueAt` is recomputed with them
 *   (`rescheduledContacts`), as saving settings does.
 */
import { localToday } from '../dates';
import type { KontaktDb } from '../db';
import { computeNextDueAt, mergeAliases, recomputeAll } from '../rules';
import { getSettings, validateSettings } from '../settings';
import type { Contact, IsoDay, Settings, Touch } from '../types';
import { type BackupFailure, BackupFileError, type ExportedContact, type ExportFileV1, LIMITS, settingsFromFile } from './format';
import { validateExportText } from './validate';

export interface ImportConflict {
  key: string;
  name: string;
}

export interface ImportPlan {
  /** The validated file the plan was computed from; `applyImport` plans again from it. */
  readonly file: ExportFileV1;
  readonly nowMs: number;
  /** file contacts not in the database */
  newContacts: number;
  /** stored contacts the file changes */
  updatedContacts: number;
  /** file contacts that change nothing */
  unchangedContacts: number;
  /**
   * stored contacts rewritten only for a recomputed due day (the file's settings are applied); the
   * file's copies among them are also counted in `unchangedContacts`
   */
  rescheduledContacts: number;
  touchesToAdd: number;
  /** file touches already stored (same id or same content) */
  duplicateTouches: number;
  /** contacts whose notes differ on both sides and are both kept (see the merge rules) */
  conflicts: ImportConflict[];
  /** true: the database has no settings yet, the file's are written */
  applySettings: boolean;
  /** the settings due days are computed with: the file's when `applySettings`, else the database's */
  settings: Settings;
  /** records to write */
  contactsToWrite: Contact[];
  touchesToWrite: Touch[];
  settingsToWrite: Settings | null;
}

export type PlanResult = { ok: true; plan: ImportPlan } | BackupFailure;

/** What planning needs from the database. */
export interface DbSnapshot {
  contacts: readonly Contact[];
  touches: readonly Touch[];
  /** the stored settings record; undefined when none is stored */
  storedSettings: Settings | undefined;
  /** the effective settings (`getSettings`) */
  settings: Settings;
}

async function readSnapshot(db: KontaktDb): Promise<DbSnapshot> {
  const [contacts, touches, storedSettings, settings] = await Promise.all([
    db.contacts.toArray(),
    db.touches.toArray(),
    db.settings.get('main'),
    getSettings(db),
  ]);
  return { contacts, touches, storedSettings, settings };
}

// ---------------------------------------------------------------------------------------------
// Merging one contact

export function importSeparator(day: IsoDay): string {
  return `--- imported ${day} ---`;
}

/** Notes of both sides; `newer` is the text of the side with the newer `updatedAt`. */
export function mergeNotes(newer: string, older: string, importDay: IsoDay): { text: string; conflict: boolean } {
  if (newer === older || older === '') return { text: newer, conflict: false };
  if (newer === '') return { text: older, conflict: false };
  if (newer.includes(older)) return { text: newer, conflict: false };
  if (older.includes(newer)) return { text: older, conflict: false };
  return { text: `${newer}\n\n${importSeparator(importDay)}\n\n${older}`, conflict: true };
}

function laterDay(a: IsoDay | null, b: IsoDay | null): IsoDay | null {
  if (a === null) return b;
  if (b === null) return a;
  return b > a ? b : a; // YYYY-MM-DD compares as text
}

/** The fields that say what a contact is; not `updatedAt` (bookkeeping) nor `nextDueAt` (derived). */
function sameContent(a: ExportedContact, b: ExportedContact): boolean {
  return (
    a.key === b.key &&
    a.site === b.site &&
    a.profileUrl === b.profileUrl &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((x, i) => x === b.aliases[i]) &&
    a.name === b.name &&
    a.headline === b.headline &&
    a.company === b.company &&
    a.location === b.location &&
    a.photoUrl === b.photoUrl &&
    a.tier === b.tier &&
    a.notes === b.notes &&
    a.howWeMet === b.howWeMet &&
    a.preferredChannel === b.preferredChannel &&
    a.lastContactAt === b.lastContactAt &&
    a.snoozedUntil === b.snoozedUntil &&
    a.createdAt === b.createdAt
  );
}

/**
 * A stored contact and the file's copy of the same person, merged by the rules above. `changed`:
 * the stored record must be rewritten (content, or only `nextDueAt`: then `contentChanged` is false).
 */
export function mergeContact(
  stored: Contact,
  incoming: ExportedContact,
  settings: Settings,
  nowMs: number,
  importDay: IsoDay,
): { contact: Contact; contentChanged: boolean; changed: boolean; conflict: boolean } {
  const fileNewer = incoming.updatedAt > stored.updatedAt;
  const newer: ExportedContact = fileNewer ? incoming : stored;
  const older: ExportedContact = fileNewer ? stored : incoming;
  const notes = mergeNotes(newer.notes, older.notes, importDay);
  const extraAliases = incoming.key === stored.key ? incoming.aliases : [incoming.key, ...incoming.aliases];
  const aliases = mergeAliases(stored, extraAliases);
  const merged: Contact = {
    key: stored.key,
    site: stored.site,
    profileUrl: newer.profileUrl,
    aliases,
    name: newer.name,
    headline: newer.headline,
    company: newer.company,
    location: newer.location,
    photoUrl: newer.photoUrl,
    tier: newer.tier,
    notes: notes.text,
    howWeMet: newer.howWeMet,
    preferredChannel: newer.preferredChannel,
    lastContactAt: laterDay(stored.lastContactAt, incoming.lastContactAt),
    snoozedUntil: newer.snoozedUntil,
    nextDueAt: stored.nextDueAt,
    createdAt: Math.min(stored.createdAt, incoming.createdAt),
    updatedAt: newer.updatedAt,
  };
  if (sameContent(merged, stored)) {
    const nextDueAt = computeNextDueAt(stored, settings);
    const contact = nextDueAt === stored.nextDueAt ? stored : { ...stored, nextDueAt };
    return { contact, contentChanged: false, changed: contact !== stored, conflict: false };
  }
  // A combination of both sides is a new edit, made now (never earlier than either side's).
  if (!sameContent(merged, { ...newer, key: stored.key, site: stored.site })) {
    merged.updatedAt = Math.max(nowMs, stored.updatedAt, incoming.updatedAt);
  }
  merged.nextDueAt = computeNextDueAt(merged, settings);
  return { contact: merged, contentChanged: true, changed: true, conflict: notes.conflict };
}

// ---------------------------------------------------------------------------------------------
// The plan

/** The unique stored contact sharing an identity with `f` (see the merge rules), else undefined. */
function findByIdentity(
  f: ExportedContact,
  byKey: ReadonlyMap<string, Contact>,
  aliasOwners: ReadonlyMap<string, readonly string[]>,
): Contact | undefined {
  const candidates = new Set<string>();
  for (const owner of aliasOwners.get(f.key) ?? []) candidates.add(owner);
  for (const a of f.aliases) {
    if (byKey.has(a)) candidates.add(a);
    for (const owner of aliasOwners.get(a) ?? []) candidates.add(owner);
  }
  if (candidates.size !== 1) return undefined;
  const [only] = candidates;
  return only === undefined ? undefined : byKey.get(only);
}

function touchSignature(t: Pick<Touch, 'contactKey' | 'date' | 'channel' | 'direction' | 'note'>): string {
  return JSON.stringify([t.contactKey, t.date, t.channel, t.direction, t.note]);
}

/**
 * The plan for a validated file against a snapshot of the database. Pure. Throws `BackupFileError`
 * when the file contradicts the database (a touch of an unknown contact) or a merge would exceed the
 * limits a file may hold (the result could not be restored from its own backup).
 */
export function computeImportPlan(snapshot: DbSnapshot, file: ExportFileV1, nowMs: number): ImportPlan {
  const applySettings = snapshot.storedSettings === undefined;
  const settings = applySettings ? validateSettings(settingsFromFile(file.settings)) : snapshot.settings;
  const importDay = localToday(new Date(nowMs));

  const byKey = new Map(snapshot.contacts.map((c) => [c.key, c]));
  const aliasOwners = new Map<string, string[]>();
  for (const c of snapshot.contacts) {
    for (const a of c.aliases) {
      const owners = aliasOwners.get(a);
      if (owners) owners.push(c.key);
      else aliasOwners.set(a, [c.key]);
    }
  }

  // Which stored contact each file contact is: equal keys first, then a unique shared identity for
  // the rest, never two file contacts onto one stored contact.
  const targets = new Map<number, Contact>();
  const taken = new Set<string>();
  file.contacts.forEach((f, i) => {
    const stored = byKey.get(f.key);
    if (stored) {
      targets.set(i, stored);
      taken.add(stored.key);
    }
  });
  file.contacts.forEach((f, i) => {
    if (targets.has(i)) return;
    const stored = findByIdentity(f, byKey, aliasOwners);
    if (stored && !taken.has(stored.key)) {
      targets.set(i, stored);
      taken.add(stored.key);
    }
  });

  const plan: ImportPlan = {
    file,
    nowMs,
    newContacts: 0,
    updatedContacts: 0,
    unchangedContacts: 0,
    rescheduledContacts: 0,
    touchesToAdd: 0,
    duplicateTouches: 0,
    conflicts: [],
    applySettings,
    settings,
    contactsToWrite: [],
    touchesToWrite: [],
    settingsToWrite: applySettings ? settings : null,
  };

  /** file key → the key the person is stored under after the import */
  const keyMap = new Map<string, string>();
  const written = new Set<string>();
  file.contacts.forEach((f, i) => {
    const stored = targets.get(i);
    if (!stored) {
      const contact: Contact = {
        ...f,
        aliases: mergeAliases({ key: f.key, aliases: [] }, f.aliases),
        nextDueAt: computeNextDueAt(f, settings),
      };
      plan.contactsToWrite.push(contact);
      plan.newContacts++;
      keyMap.set(f.key, f.key);
      written.add(f.key);
      return;
    }
    keyMap.set(f.key, stored.key);
    const m = mergeContact(stored, f, settings, nowMs, importDay);
    if (m.contact.notes.length > LIMITS.notes) throw new BackupFileError('tooLarge', `contacts[${i}].notes`);
    if (m.contact.aliases.length > LIMITS.aliasesPerContact) {
      throw new BackupFileError('tooLarge', `contacts[${i}].aliases`);
    }
    if (m.conflict) plan.conflicts.push({ key: m.contact.key, name: m.contact.name });
    if (m.contentChanged) plan.updatedContacts++;
    else plan.unchangedContacts++;
    if (m.changed) {
      if (!m.contentChanged) plan.rescheduledContacts++;
      plan.contactsToWrite.push(m.contact);
      written.add(m.contact.key);
    }
  });

  if (applySettings) {
    const rest = snapshot.contacts.filter((c) => !written.has(c.key));
    const moved = recomputeAll(rest, settings);
    plan.contactsToWrite.push(...moved);
    plan.rescheduledContacts += moved.length;
  }

  // Touches.
  const storedIds = new Set(snapshot.touches.map((t) => t.id));
  const fileIds = new Set(file.touches.map((t) => t.id));
  const unmatched = new Map<string, number>();
  for (const t of snapshot.touches) {
    if (fileIds.has(t.id)) continue; // matched by id; it cannot also absorb another file touch
    const sig = touchSignature(t);
    unmatched.set(sig, (unmatched.get(sig) ?? 0) + 1);
  }
  file.touches.forEach((t, i) => {
    let contactKey = keyMap.get(t.contactKey);
    if (contactKey === undefined && byKey.has(t.contactKey)) contactKey = t.contactKey;
    if (contactKey === undefined) {
      const owners = aliasOwners.get(t.contactKey);
      if (owners?.length === 1) contactKey = owners[0];
    }
    if (contactKey === undefined) throw new BackupFileError('invalid', `touches[${i}].contactKey`);
    if (storedIds.has(t.id)) {
      plan.duplicateTouches++;
      return;
    }
    const touch: Touch = { ...t, contactKey };
    const sig = touchSignature(touch);
    const left = unmatched.get(sig) ?? 0;
    if (left > 0) {
      unmatched.set(sig, left - 1);
      plan.duplicateTouches++;
      return;
    }
    plan.touchesToWrite.push(touch);
    plan.touchesToAdd++;
  });

  return plan;
}

/** The preview: what importing `file` would change. Reads one consistent snapshot, writes nothing. */
export async function planImport(db: KontaktDb, file: ExportFileV1, nowMs: number): Promise<ImportPlan> {
  const snapshot = await db.transaction('r', db.contacts, db.touches, db.settings, () => readSnapshot(db));
  return computeImportPlan(snapshot, file, nowMs);
}

/**
 * Writes the import in one read-write transaction. It plans again from `plan.file` against the
 * database as it is inside the transaction (a contact edited since the preview is merged with its
 * current state, never overwritten by the preview's copy) and returns the plan that was applied,
 * whose counts may differ from the preview's. Any failure rolls back every write.
 */
export async function applyImport(db: KontaktDb, plan: ImportPlan): Promise<ImportPlan> {
  return db.transaction('rw', db.contacts, db.touches, db.settings, async () => {
    const fresh = computeImportPlan(await readSnapshot(db), plan.file, plan.nowMs);
    if (fresh.settingsToWrite) await db.settings.put(fresh.settingsToWrite);
    if (fresh.contactsToWrite.length > 0) await db.contacts.bulkPut(fresh.contactsToWrite);
    // bulkAdd, not bulkPut: an import never overwrites a stored touch.
    if (fresh.touchesToWrite.length > 0) await db.touches.bulkAdd(fresh.touchesToWrite);
    return fresh;
  });
}

/** Validation and preview in one: the refusal (nothing written), or the plan to show and confirm. */
export async function parseAndPlan(db: KontaktDb, text: string, byteLength: number, nowMs: number): Promise<PlanResult> {
  const validated = validateExportText(text, byteLength);
  if (!validated.ok) return validated;
  try {
    return { ok: true, plan: await planImport(db, validated.file, nowMs) };
  } catch (e) {
    if (e instanceof BackupFileError) return { ok: false, error: e.toBackupError() };
    throw e;
  }
}
