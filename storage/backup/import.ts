/**
 * Import in two steps, so the UI can show a preview before anything is written:
 *   `planImport` (or `parseAndPlan` from the file's text) computes what would change, writing nothing;
 *   `applyImport` writes it, in ONE read-write transaction that plans again from the database as it
 *   is inside the transaction, so a write made between preview and confirm is merged, not clobbered.
 *   The transaction either completes or changes nothing.
 *
 * Merge rules (never destroy: nothing in the database is deleted, no text is lost, nothing is dropped
 * without being listed in the preview):
 * - Times from the file (`createdAt`, `updatedAt` of contacts and touches) later than one day after
 *   the import are set back to that instant (`clamped` in the plan), so a file dated in the far future
 *   cannot win every later merge.
 * - A file contact is the same person as a stored one when the keys are equal; else when exactly one
 *   stored contact shares an identity with it (its key is the other's alias, or they share an alias),
 *   as `addContact` decides for a profile. Otherwise it is added.
 * - Same person: every field comes from the side with the newer `updatedAt` (on a tie, from the side
 *   whose values sort later, so the result does not depend on which copy was stored first), except:
 *   `notes` and `howWeMet` (below); `aliases` = the union (plus the file's key if it differed), in the
 *   stored order when the file adds none, else sorted; `lastContactAt` = the later day of both;
 *   `createdAt` = the earlier instant; `updatedAt` = the later instant. `key` and `site` stay the
 *   database's.
 * - Notes and "How we met": equal → kept; one side empty → the other side's text; one contains the
 *   other → the longer (so importing the same file twice does not duplicate anything); otherwise both
 *   are kept, newer first, then a line `--- imported YYYY-MM-DD ---` (the day of the import), then the
 *   other. Such contacts are reported as `conflicts`.
 * - Touches: union. A file touch is a duplicate when a stored touch has its id, or when an unmatched
 *   stored touch of the same person has the same day, channel, direction and note (each stored touch
 *   absorbs at most one file touch, so two identical touches in the file stay two). A stored touch
 *   with the file touch's id but another note gets both notes, merged like notes (the later
 *   `createdAt` first); its other fields stay.
 * - Records that cannot be imported are skipped and listed (`skipped`), the rest is imported: those
 *   validation refused (see validate.ts), a touch whose person is neither in the file nor in the
 *   database, and a merge whose text would exceed `LIMITS` (the stored record stays as it is).
 * - `nextDueAt` is recomputed (rules.computeNextDueAt) for every contact written, with the
 *   database's settings (the file's, when they are applied: next rule).
 * - Settings: the file's settings are applied only when the database has no settings record yet (a
 *   fresh install, or settings never changed from the defaults); a notebook with its own settings
 *   keeps them. When they are applied, every stored contact's `nextDueAt` is recomputed with them
 *   (`rescheduledContacts`), as saving settings does.
 */
import { localToday, MS_PER_DAY } from '../dates';
import type { KontaktDb } from '../db';
import { computeNextDueAt, mergeAliases, recomputeAll } from '../rules';
import { getSettings, validateSettings } from '../settings';
import { computeNextOccurrenceAt, computeOpenDueAt } from '../occasions';
import { type Contact, type IsoDay, type KeyDate, NEVER_DUE, type PromiseRecord, type Settings, type Touch } from '../types';
import { randomId } from '../upgrade-v2';
import {
  type BackupFailure,
  BackupFileError,
  compareStrings,
  type ExportedContact,
  type ExportedKeyDate,
  type ExportedPromise,
  type ExportedTouch,
  type ExportFileV2,
  LIMITS,
  type SkippedRecord,
  settingsFromFile,
} from './format';
import { type ContactSide, mergeContactFields, mergeTexts, newerCopy } from './record-merge';
import type { SliceOptions } from './slices';
import { recordLabel, validateExportTextInSlices } from './validate';
import { type WriteProgress, writeImport } from './write';

/** Computed here from the other fields, never merged. */
const DERIVED_KEY_DATE = ['nextOccurrenceAt'] as const;
const DERIVED_PROMISE = ['openDueAt'] as const;

/** The fields of a contact an import can change (not `key`/`site`, which identify it; not `updatedAt`). */
export type ChangedField = Exclude<keyof ExportedContact, 'key' | 'id' | 'site' | 'updatedAt' | 'deletedAt'>;
export const CHANGED_FIELDS: readonly ChangedField[] = [
  'name',
  'headline',
  'company',
  'location',
  'profileUrl',
  'photoUrl',
  'aliases',
  'tier',
  'notes',
  'howWeMet',
  'preferredChannel',
  'lastContactAt',
  'snoozedUntil',
  'connectedOn',
  'email',
  'phone',
  'notSameAs',
  'createdAt',
];

/** A stored contact the import changes, and which of its fields. */
export interface ContactChange {
  key: string;
  name: string;
  fields: ChangedField[];
}

/** Texts that differed on both sides and are now both kept (see the merge rules). */
export type ConflictField = 'notes' | 'howWeMet' | 'touchNote';

export interface ImportConflict {
  key: string;
  name: string;
  fields: ConflictField[];
}

/** A person some of whose times in the file lay more than a day ahead and were set back. */
export interface ClampedContact {
  key: string;
  name: string;
}

export interface ImportPlan {
  /** The validated file the plan was computed from; `applyImport` plans again from it. */
  readonly file: ExportFileV2;
  /** the records validation left out of `file`; part of `skipped` */
  readonly fileSkipped: readonly SkippedRecord[];
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
  /** stored touches whose note gains the file's differing note */
  touchesMerged: number;
  /** file touches already stored (same id or same content) */
  duplicateTouches: number;
  /** which stored contacts change, and how (one entry per contact in `updatedContacts`) */
  changes: ContactChange[];
  /** people whose texts differ on both sides and are both kept */
  conflicts: ImportConflict[];
  /** people with times set back to one day after the import */
  clamped: ClampedContact[];
  /** records left out, each with whom it is about and why; everything else is imported */
  skipped: SkippedRecord[];
  /** true: the database has no settings yet, the file's are written */
  applySettings: boolean;
  /** the settings due days are computed with: the file's when `applySettings`, else the database's */
  settings: Settings;
  /** records to write */
  contactsToWrite: Contact[];
  /** new touches (added, never overwriting) */
  touchesToWrite: Touch[];
  /** stored touches with a merged note */
  touchesToUpdate: Touch[];
  settingsToWrite: Settings | null;
  /** stored contacts a newer tombstone in the file deletes */
  deletedContacts: number;
  /** stored touches a newer tombstone in the file deletes */
  deletedTouches: number;
  /** key dates not stored yet (tombstones in the file not counted) */
  keyDatesAdded: number;
  /** stored key dates the file's newer copy replaces (an edit or a deletion) */
  keyDatesUpdated: number;
  promisesAdded: number;
  promisesUpdated: number;
  /** key dates to write, `nextOccurrenceAt` computed here, never taken from the file */
  keyDatesToWrite: KeyDate[];
  /** promises to write, `openDueAt` computed here */
  promisesToWrite: PromiseRecord[];
}

export type PlanResult = { ok: true; plan: ImportPlan } | BackupFailure;

/** What planning needs from the database. */
export interface DbSnapshot {
  contacts: readonly Contact[];
  touches: readonly Touch[];
  keyDates: readonly KeyDate[];
  promises: readonly PromiseRecord[];
  /** the stored settings record; undefined when none is stored */
  storedSettings: Settings | undefined;
  /** the effective settings (`getSettings`) */
  settings: Settings;
}

async function readSnapshot(db: KontaktDb): Promise<DbSnapshot> {
  const [contacts, touches, keyDates, promises, storedSettings, settings] = await Promise.all([
    db.contacts.toArray(),
    db.touches.toArray(),
    db.keyDates.toArray(),
    db.promises.toArray(),
    db.settings.get('main'),
    getSettings(db),
  ]);
  return { contacts, touches, keyDates, promises, storedSettings, settings };
}

// ---------------------------------------------------------------------------------------------
// Merging one contact

export function importSeparator(day: IsoDay): string {
  return `--- imported ${day} ---`;
}

/**
 * Notes of both sides; `newer` is the text of the side with the newer `updatedAt`. `separator` is the line
 * between two texts that are both kept (merging two contacts names itself there, `storage/merge.ts`).
 * Merged as a text register of sync's merge (`record-merge.ts`), as every import decision is.
 */
export function mergeNotes(
  newer: string,
  older: string,
  importDay: IsoDay,
  separator: string = importSeparator(importDay),
): { text: string; conflict: boolean } {
  return mergeTexts(newer, older, separator);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What merging reads of either side: the stored contact or the file's. */
type MergeSide = ContactSide;

/** The fields in which `after` differs from `before`, in `CHANGED_FIELDS` order. */
export function changedFields(before: MergeSide, after: MergeSide): ChangedField[] {
  return CHANGED_FIELDS.filter((f) =>
    f === 'aliases' || f === 'notSameAs' ? !sameList(before[f], after[f]) : before[f] !== after[f],
  );
}

/** Aliases after a merge: the stored order when the file adds none (nothing to rewrite), else sorted. */
function mergedAliases(stored: Contact, incoming: ExportedContact): string[] {
  const extra = incoming.key === stored.key ? incoming.aliases : [incoming.key, ...incoming.aliases];
  const union = mergeAliases(stored, extra);
  return union.length === stored.aliases.length ? stored.aliases : union.sort(compareStrings);
}

/** "Not the same person" is never taken back by an import: the union; the stored order when the file adds none, else sorted (as aliases). */
function mergedNotSameAs(stored: readonly string[], union: readonly string[]): string[] {
  return union.length === stored.length ? [...stored] : [...union].sort(compareStrings);
}

export interface MergedContact {
  /** the contact to store: `stored` itself when nothing changes */
  contact: Contact;
  /** the fields whose values change */
  fields: ChangedField[];
  /** the stored record must be rewritten (content, due day or a later `updatedAt`) */
  changed: boolean;
  /** texts that differed on both sides and are both kept */
  conflicts: ConflictField[];
}

/**
 * A stored contact and the file's copy of the same person, merged by sync's merge (`record-merge.ts`):
 * the rules above. Pure.
 */
export function mergeContact(stored: Contact, incoming: ExportedContact, settings: Settings, importDay: IsoDay): MergedContact {
  const m = mergeContactFields(stored, incoming, importSeparator(importDay));
  const merged: Contact = {
    ...stored,
    ...m.lww,
    key: stored.key,
    site: stored.site,
    aliases: mergedAliases(stored, incoming),
    notes: m.notes,
    howWeMet: m.howWeMet,
    lastContactAt: m.lastContactAt,
    connectedOn: m.connectedOn,
    notSameAs: mergedNotSameAs(stored.notSameAs, m.notSameAs),
    nextDueAt: stored.nextDueAt,
    createdAt: m.createdAt,
    // The later of both, never the time of the import: merging is then the same whichever copy came first.
    updatedAt: m.updatedAt,
  };
  merged.nextDueAt = computeNextDueAt(merged, settings);
  const fields = changedFields(stored, merged);
  const changed = fields.length > 0 || merged.nextDueAt !== stored.nextDueAt || merged.updatedAt !== stored.updatedAt;
  return { contact: changed ? merged : stored, fields, changed, conflicts: m.conflicts };
}

/** The field of a merged contact that exceeds what a file may hold (it could not be restored), else null. */
function overLimit(c: Contact): 'notes' | 'howWeMet' | 'aliases' | null {
  if (c.notes.length > LIMITS.notes) return 'notes';
  if (c.howWeMet.length > LIMITS.howWeMet) return 'howWeMet';
  if (c.aliases.length > LIMITS.aliasesPerContact) return 'aliases';
  return null;
}

/** The file's contact with times later than `maxMs` set back to `maxMs`; the same object when none is. */
export function clampContactTimes(c: ExportedContact, maxMs: number): ExportedContact {
  if (c.createdAt <= maxMs && c.updatedAt <= maxMs) return c;
  return { ...c, createdAt: Math.min(c.createdAt, maxMs), updatedAt: Math.min(c.updatedAt, maxMs) };
}

/** Both notes of one touch, merged like contact notes: the later `createdAt` first (a tie: the later text). */
function mergeTouchNote(stored: Touch, incoming: ExportedTouch, importDay: IsoDay): { text: string; conflict: boolean } {
  const incomingFirst =
    incoming.createdAt > stored.createdAt ||
    (incoming.createdAt === stored.createdAt && compareStrings(incoming.note, stored.note) > 0);
  return incomingFirst ? mergeNotes(incoming.note, stored.note, importDay) : mergeNotes(stored.note, incoming.note, importDay);
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

/** Per person, the texts both kept; in the order people were first met. */
class ConflictList {
  private readonly byKey = new Map<string, ImportConflict>();
  add(key: string, name: string, field: ConflictField): void {
    const entry = this.byKey.get(key);
    if (!entry) this.byKey.set(key, { key, name, fields: [field] });
    else if (!entry.fields.includes(field)) entry.fields.push(field);
  }
  list(): ImportConflict[] {
    return [...this.byKey.values()];
  }
}

/**
 * The plan for a validated file against a snapshot of the database. Pure. `fileSkipped` are the
 * records validation left out (they are listed with the plan's own skips). Never throws for a record:
 * one that cannot be imported is skipped and listed.
 */
export function computeImportPlan(
  snapshot: DbSnapshot,
  file: ExportFileV2,
  nowMs: number,
  fileSkipped: readonly SkippedRecord[] = [],
): ImportPlan {
  const applySettings = snapshot.storedSettings === undefined;
  const settings = applySettings ? validateSettings(settingsFromFile(file.settings, snapshot.settings)) : snapshot.settings;
  const importDay = localToday(new Date(nowMs));
  const maxMs = nowMs + MS_PER_DAY;

  // Tombstones take no part in matching; a file contact under a tombstone's key revives it with the
  // tombstone's id (a version-1 file knows no deletions; issue 9's v2 format carries them).
  const liveContacts = snapshot.contacts.filter((c) => c.deletedAt === null);
  const tombstones = new Map(snapshot.contacts.filter((c) => c.deletedAt !== null).map((c) => [c.key, c]));
  const storedIds = new Set(snapshot.contacts.map((c) => c.id));
  const byKey = new Map(liveContacts.map((c) => [c.key, c]));
  const aliasOwners = new Map<string, string[]>();
  for (const c of liveContacts) {
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
    // A deletion in the file applies to the record under its own key only, never to a look-alike.
    if (targets.has(i) || f.deletedAt !== null) return;
    const stored = findByIdentity(f, byKey, aliasOwners);
    if (stored && !taken.has(stored.key)) {
      targets.set(i, stored);
      taken.add(stored.key);
    }
  });

  const plan: ImportPlan = {
    file,
    fileSkipped,
    nowMs,
    newContacts: 0,
    updatedContacts: 0,
    unchangedContacts: 0,
    rescheduledContacts: 0,
    touchesToAdd: 0,
    touchesMerged: 0,
    duplicateTouches: 0,
    changes: [],
    conflicts: [],
    clamped: [],
    skipped: [...fileSkipped],
    applySettings,
    settings,
    contactsToWrite: [],
    touchesToWrite: [],
    touchesToUpdate: [],
    settingsToWrite: applySettings ? settings : null,
    deletedContacts: 0,
    deletedTouches: 0,
    keyDatesAdded: 0,
    keyDatesUpdated: 0,
    promisesAdded: 0,
    promisesUpdated: 0,
    keyDatesToWrite: [],
    promisesToWrite: [],
  };
  const conflicts = new ConflictList();
  const clamped = new Map<string, ClampedContact>();

  /** file key → the key the person is stored under after the import */
  const keyMap = new Map<string, string>();
  /** stored key → the person's name after the import, for the lists in the preview */
  const names = new Map<string, string>(liveContacts.map((c) => [c.key, recordLabel(c.name, c.key)]));
  const written = new Set<string>();
  file.contacts.forEach((original, i) => {
    const f = clampContactTimes(original, maxMs);
    const stored = targets.get(i);
    const storedKey = stored?.key ?? f.key;
    keyMap.set(f.key, storedKey);
    if (f !== original) clamped.set(storedKey, { key: storedKey, name: recordLabel(f.name, f.key) });
    const tombstone = tombstones.get(f.key);
    if (f.deletedAt !== null) {
      // A deletion: it wins over an older edit and loses to a newer one.
      if (stored && f.updatedAt > stored.updatedAt) {
        plan.contactsToWrite.push({ ...stored, deletedAt: f.deletedAt, updatedAt: f.updatedAt, nextDueAt: NEVER_DUE });
        plan.deletedContacts++;
        written.add(stored.key);
      } else if (!stored && !tombstone && !storedIds.has(f.id)) {
        // kept, so a later import of an older copy does not bring the person back
        plan.contactsToWrite.push({ ...f, nextDueAt: NEVER_DUE });
        written.add(f.key);
      }
      return;
    }
    if (!stored && tombstone && tombstone.deletedAt !== null && tombstone.deletedAt >= f.updatedAt) return; // deleted since
    if (!stored) {
      const id = tombstone?.id ?? (storedIds.has(f.id) ? randomId() : f.id);
      const contact: Contact = {
        ...f,
        id,
        aliases: mergeAliases({ key: f.key, site: f.site, aliases: [] }, f.aliases),
        nextDueAt: computeNextDueAt(f, settings),
      };
      storedIds.add(id);
      plan.contactsToWrite.push(contact);
      plan.newContacts++;
      names.set(f.key, recordLabel(f.name, f.key));
      written.add(f.key);
      return;
    }
    const m = mergeContact(stored, f, settings, importDay);
    const over = overLimit(m.contact);
    if (over) {
      // The stored contact stays as it is; its touches in the file still reach it (keyMap).
      plan.skipped.push({
        list: 'contacts',
        key: f.key,
        name: recordLabel(f.name, f.key),
        date: '',
        field: over,
        reason: 'mergeTooLong',
      });
      return;
    }
    const name = recordLabel(m.contact.name, m.contact.key);
    names.set(stored.key, name);
    for (const field of m.conflicts) conflicts.add(stored.key, name, field);
    if (m.fields.length > 0) {
      plan.updatedContacts++;
      plan.changes.push({ key: stored.key, name, fields: m.fields });
    } else plan.unchangedContacts++;
    if (m.changed) {
      if (m.fields.length === 0 && m.contact.nextDueAt !== stored.nextDueAt) plan.rescheduledContacts++;
      plan.contactsToWrite.push(m.contact);
      written.add(m.contact.key);
    }
  });

  if (applySettings) {
    const rest = liveContacts.filter((c) => !written.has(c.key));
    const moved = recomputeAll(rest, settings);
    plan.contactsToWrite.push(...moved);
    plan.rescheduledContacts += moved.length;
  }

  // Touches.
  const storedById = new Map(snapshot.touches.map((t) => [t.id, t]));
  const fileIds = new Set(file.touches.map((t) => t.id));
  const unmatched = new Map<string, number>();
  for (const t of snapshot.touches) {
    if (fileIds.has(t.id) || t.deletedAt !== null) continue; // matched by id; it cannot also absorb another file touch
    const sig = touchSignature(t);
    unmatched.set(sig, (unmatched.get(sig) ?? 0) + 1);
  }
  const skippedNames = new Map<string, string>();
  for (const r of fileSkipped) if (r.list === 'contacts' && !skippedNames.has(r.key)) skippedNames.set(r.key, r.name);
  /** the key a record of the file belongs to after the import, undefined when its person is nowhere */
  const ownerOf = (fileKey: string): string | undefined => {
    const mapped = keyMap.get(fileKey);
    if (mapped !== undefined) return mapped;
    if (byKey.has(fileKey) || tombstones.has(fileKey)) return fileKey;
    const owners = aliasOwners.get(fileKey);
    return owners?.length === 1 ? owners[0] : undefined;
  };
  for (const original of file.touches) {
    const contactKey = ownerOf(original.contactKey);
    if (contactKey === undefined) {
      const name = skippedNames.get(original.contactKey) ?? recordLabel('', original.contactKey);
      const skip: SkippedRecord = {
        list: 'touches',
        key: original.contactKey,
        name,
        date: original.date,
        field: 'contactKey',
        reason: 'contactMissing',
      };
      plan.skipped.push(skip);
      continue;
    }
    const name = names.get(contactKey) ?? recordLabel('', contactKey);
    const t = clampTimes(original, maxMs);
    if (t !== original && !clamped.has(contactKey)) clamped.set(contactKey, { key: contactKey, name });
    const storedTouch = storedById.get(t.id);
    if (t.deletedAt !== null) {
      if (storedTouch && storedTouch.deletedAt === null && t.updatedAt > storedTouch.updatedAt) {
        plan.touchesToUpdate.push({ ...storedTouch, deletedAt: t.deletedAt, updatedAt: t.updatedAt });
        plan.deletedTouches++;
      } else if (!storedTouch) plan.touchesToWrite.push({ ...t, contactKey });
      continue;
    }
    if (storedTouch?.deletedAt != null) {
      // Deleted here: the deletion stands unless the file's copy was edited after it.
      if (t.updatedAt > storedTouch.deletedAt) {
        plan.touchesToUpdate.push({ ...t, contactKey: storedTouch.contactKey });
        plan.touchesToAdd++;
      } else plan.duplicateTouches++;
      continue;
    }
    if (storedTouch) {
      const merged = mergeTouchNote(storedTouch, t, importDay);
      if (merged.text === storedTouch.note) {
        plan.duplicateTouches++;
      } else if (merged.text.length > LIMITS.touchNote) {
        plan.skipped.push({ list: 'touches', key: t.contactKey, name, date: t.date, field: 'note', reason: 'mergeTooLong' });
      } else {
        plan.touchesToUpdate.push({
          ...storedTouch,
          note: merged.text,
          updatedAt: Math.max(storedTouch.updatedAt, t.updatedAt),
        });
        plan.touchesMerged++;
        if (merged.conflict) conflicts.add(storedTouch.contactKey, names.get(storedTouch.contactKey) ?? name, 'touchNote');
      }
      continue;
    }
    const touch: Touch = { ...t, contactKey };
    const sig = touchSignature(touch);
    const left = unmatched.get(sig) ?? 0;
    if (left > 0) {
      unmatched.set(sig, left - 1);
      plan.duplicateTouches++;
      continue;
    }
    plan.touchesToWrite.push(touch);
    plan.touchesToAdd++;
  }

  // Key dates and promises: by id, the later `updatedAt` wins (a deletion sets it, so a tombstone wins
  // over older edits and loses to newer ones); a tie keeps the stored record, so importing twice is a no-op.
  const storedKeyDates = new Map(snapshot.keyDates.map((k) => [k.id, k]));
  for (const original of file.keyDates) {
    const contactKey = ownerOf(original.contactKey);
    const name =
      contactKey === undefined ? recordLabel('', original.contactKey) : (names.get(contactKey) ?? recordLabel('', contactKey));
    if (contactKey === undefined) {
      plan.skipped.push(missingOwner('keyDates', original.contactKey, name, ''));
      continue;
    }
    const k = clampTimes(original, maxMs);
    const stored = storedKeyDates.get(k.id);
    // the stored owner: a file's key the import mapped to another person is no edit
    const asFiled: ExportedKeyDate = stored ? { ...k, contactKey: stored.contactKey } : k;
    if (stored && newerCopy('keyDates', stored, asFiled, DERIVED_KEY_DATE) === 'stored') continue;
    const record: KeyDate = { ...k, contactKey: stored?.contactKey ?? contactKey, nextOccurrenceAt: 0 };
    record.nextOccurrenceAt = computeNextOccurrenceAt(record, importDay, settings.feb29);
    plan.keyDatesToWrite.push(record);
    if (stored) plan.keyDatesUpdated++;
    else if (k.deletedAt === null) plan.keyDatesAdded++;
  }
  const storedPromises = new Map(snapshot.promises.map((p) => [p.id, p]));
  for (const original of file.promises) {
    const contactKey = ownerOf(original.contactKey);
    if (contactKey === undefined) {
      plan.skipped.push(
        missingOwner('promises', original.contactKey, recordLabel('', original.contactKey), original.dueDate ?? ''),
      );
      continue;
    }
    const p = clampTimes(original, maxMs);
    const stored = storedPromises.get(p.id);
    const asFiled: ExportedPromise = stored ? { ...p, contactKey: stored.contactKey } : p;
    if (stored && newerCopy('promises', stored, asFiled, DERIVED_PROMISE) === 'stored') continue;
    const record: PromiseRecord = { ...p, contactKey: stored?.contactKey ?? contactKey };
    const openDueAt = computeOpenDueAt(record);
    if (openDueAt !== undefined) record.openDueAt = openDueAt;
    plan.promisesToWrite.push(record);
    if (stored) plan.promisesUpdated++;
    else if (p.deletedAt === null) plan.promisesAdded++;
  }

  plan.conflicts = conflicts.list();
  plan.clamped = [...clamped.values()];
  return plan;
}

/** A record's times set back to `maxMs` where they lie later (see `clamped`); the same object when none does. */
function clampTimes<T extends { createdAt: number; updatedAt: number; deletedAt: number | null }>(r: T, maxMs: number): T {
  if (r.createdAt <= maxMs && r.updatedAt <= maxMs && (r.deletedAt ?? 0) <= maxMs) return r;
  return {
    ...r,
    createdAt: Math.min(r.createdAt, maxMs),
    updatedAt: Math.min(r.updatedAt, maxMs),
    deletedAt: r.deletedAt === null ? null : Math.min(r.deletedAt, maxMs),
  };
}

function missingOwner(list: 'keyDates' | 'promises', key: string, name: string, date: string): SkippedRecord {
  return { list, key, name, date, field: 'contactKey', reason: 'contactMissing' };
}

/** The preview: what importing `file` would change. Reads one consistent snapshot, writes nothing. */
export async function planImport(
  db: KontaktDb,
  file: ExportFileV2,
  nowMs: number,
  fileSkipped: readonly SkippedRecord[] = [],
): Promise<ImportPlan> {
  const snapshot = await db.transaction('r', [db.contacts, db.touches, db.keyDates, db.promises, db.settings], () =>
    readSnapshot(db),
  );
  return computeImportPlan(snapshot, file, nowMs, fileSkipped);
}

/**
 * Writes the import in one read-write transaction. It plans again from `plan.file` against the
 * database as it is inside the transaction (a contact edited since the preview is merged with its
 * current state, never overwritten by the preview's copy) and returns the plan that was applied,
 * whose counts may differ from the preview's. The records are written in chunks (write.ts), with
 * `onProgress` after each; any failure rolls back every write.
 */
export async function applyImport(db: KontaktDb, plan: ImportPlan, onProgress?: WriteProgress): Promise<ImportPlan> {
  return db.transaction('rw', [db.contacts, db.touches, db.keyDates, db.promises, db.settings], async () => {
    const fresh = computeImportPlan(await readSnapshot(db), plan.file, plan.nowMs, plan.fileSkipped);
    await writeImport(db, fresh, onProgress);
    return fresh;
  });
}

/**
 * Validation and preview in one: the refusal (nothing written), or the plan to show and confirm. The
 * check runs in slices that give the page back between them (`options`: progress, see slices.ts).
 */
export async function parseAndPlan(
  db: KontaktDb,
  text: string,
  byteLength: number,
  nowMs: number,
  options?: SliceOptions,
): Promise<PlanResult> {
  const validated = await validateExportTextInSlices(text, byteLength, localToday(new Date(nowMs)), options);
  if (!validated.ok) return validated;
  try {
    return { ok: true, plan: await planImport(db, validated.file, nowMs, validated.skipped) };
  } catch (e) {
    if (e instanceof BackupFileError) return { ok: false, error: e.toBackupError() };
    throw e;
  }
}
