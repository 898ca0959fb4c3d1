/**
 * The export format, version 2 (described for people in docs/export-format.md, as JSON Schema in
 * docs/export-format.schema.json; version 1 in docs/export-format-v1.schema.json). Pure: no database, no clock.
 *
 * ```
 * { "format": "kontaktpflege", "version": 2, "exportedAt": "<ISO instant>",
 *   "contacts": [ExportedContact…], "touches": [ExportedTouch…], "keyDates": [ExportedKeyDate…],
 *   "promises": [ExportedPromise…], "settings": { every setting but its id } }
 * ```
 *
 * Every record of schema v2 with every field, tombstones (`deletedAt`) and `local` contacts included,
 * so a restore brings nothing deleted back. Derived values (`nextDueAt`, `nextOccurrenceAt`,
 * `openDueAt`) are not exported: the import recomputes them, so the `NEVER_DUE` sentinel never appears
 * in a file. The text is written for a person to read and for `diff` to compare: keys in a fixed order,
 * contacts sorted by key, the other records grouped by contact in that order, two-space indentation, a
 * final newline.
 */
import {
  type Contact,
  type ContactSite,
  DEFAULT_SETTINGS,
  type KeyDate,
  type PromiseRecord,
  LANGUAGES,
  type LanguageSetting,
  type Settings,
  type SiteId,
  type Touch,
} from '../types';

export const FORMAT_ID = 'kontaktpflege';
export const CURRENT_VERSION = 2;

/** Files above this size are refused before they are parsed: 50 MiB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export { LIMITS, SITE_HOSTS } from '../limits';

export { LANGUAGES };
export const SITES = ['linkedin', 'xing'] as const satisfies readonly SiteId[];
/** The sites a version-2 contact may have: `local` is a person without a profile page. */
export const CONTACT_SITES = ['linkedin', 'xing', 'local'] as const satisfies readonly ContactSite[];
// Compile-time checks that the lists name every member of their type (adding one to types.ts fails here).
type Missing<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never] ? true : never;
const _listsComplete: [
  Missing<LanguageSetting, typeof LANGUAGES>,
  Missing<SiteId, typeof SITES>,
  Missing<ContactSite, typeof CONTACT_SITES>,
] = [true, true, true];
void _listsComplete;

/** A contact as version 1 exported it: the fields 0.1.0 had, except the derived `nextDueAt`. */
export type ExportedContactV1 = Omit<
  Contact,
  'nextDueAt' | 'site' | 'id' | 'connectedOn' | 'email' | 'phone' | 'notSameAs' | 'deletedAt'
> & { site: SiteId };
export type ExportedTouchV1 = Omit<Touch, 'updatedAt' | 'deletedAt'>;
export type ExportedSettingsV1 = Pick<Settings, 'cadenceDays' | 'firstFollowUpDays' | 'language'>;

export interface ExportFileV1 {
  format: typeof FORMAT_ID;
  version: 1;
  /** ISO 8601 instant, e.g. `2025-03-01T09:30:00.000Z` */
  exportedAt: string;
  contacts: ExportedContactV1[];
  touches: ExportedTouchV1[];
  settings: ExportedSettingsV1;
}

/** A contact as version 2 exports it: every stored field except the derived `nextDueAt`. */
export type ExportedContact = Omit<Contact, 'nextDueAt'>;
export type ExportedTouch = Touch;
/** `nextOccurrenceAt` is derived (recomputed on import with the occasion rules), so it is not in the file. */
export type ExportedKeyDate = Omit<KeyDate, 'nextOccurrenceAt'>;
/** `openDueAt` is derived (recomputed on import), so it is not in the file. */
export type ExportedPromise = Omit<PromiseRecord, 'openDueAt'>;
export type ExportedSettings = Omit<Settings, 'id'>;

export interface ExportFileV2 {
  format: typeof FORMAT_ID;
  version: 2;
  /** ISO 8601 instant, e.g. `2025-03-01T09:30:00.000Z` */
  exportedAt: string;
  contacts: ExportedContact[];
  touches: ExportedTouch[];
  keyDates: ExportedKeyDate[];
  promises: ExportedPromise[];
  settings: ExportedSettings;
}

/** The file the current version writes and reads. */
export type ExportFile = ExportFileV2;

/** Why a file was refused. The UI translates `code`; `detail` is a path (`contacts[3].lastContactAt`) or a key name. */
export type BackupErrorCode = 'notJson' | 'truncated' | 'notOurFormat' | 'futureVersion' | 'invalid' | 'tooLarge' | 'unsafeKey';

export const BACKUP_ERROR_CODES: readonly BackupErrorCode[] = [
  'notJson',
  'truncated',
  'notOurFormat',
  'futureVersion',
  'invalid',
  'tooLarge',
  'unsafeKey',
];

export interface BackupError {
  code: BackupErrorCode;
  detail?: string;
}

export interface BackupFailure {
  ok: false;
  error: BackupError;
}

/**
 * Why one record of a file is left out while the rest is imported: a limit or rule broken
 * (`tooLong`, `invalid`), a second record with the same key or id (`duplicate`), a touch whose
 * person is neither in the file nor in the notebook (`contactMissing`), a merge whose text would
 * exceed a limit (`mergeTooLong`: the stored contact stays as it is).
 */
export type SkipReason = 'tooLong' | 'invalid' | 'duplicate' | 'contactMissing' | 'mergeTooLong';
export const SKIP_REASONS: readonly SkipReason[] = ['tooLong', 'invalid', 'duplicate', 'contactMissing', 'mergeTooLong'];

export interface SkippedRecord {
  list: 'contacts' | 'touches' | 'keyDates' | 'promises';
  /** the contact's key as written in the file; for a touch, key date or promise, its `contactKey` */
  key: string;
  /** whom it is about: the contact's name, else its key; for a touch, its person's */
  name: string;
  /** a touch's day, a key date's `YYYY-MM-DD` or `--MM-DD`, a promise's due day, as written in the file; '' for a contact */
  date: string;
  /** the field that broke the rule, inside the record (`key`, `aliases[2]`); '' for the whole record */
  field: string;
  reason: SkipReason;
}

/** Thrown by planning/applying an import when the file contradicts the database (see import.ts). */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
  constructor(
    readonly code: BackupErrorCode,
    readonly detail?: string,
  ) {
    super(detail === undefined ? code : `${code}: ${detail}`);
  }
  toBackupError(): BackupError {
    return this.detail === undefined ? { code: this.code } : { code: this.code, detail: this.detail };
  }
}

/** Plain code-unit order: the same as IndexedDB's key order for strings, independent of locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTouches(
  a: Pick<Touch, 'contactKey' | 'date' | 'id'>,
  b: Pick<Touch, 'contactKey' | 'date' | 'id'>,
): number {
  return compareStrings(a.contactKey, b.contactKey) || compareStrings(a.date, b.date) || compareStrings(a.id, b.id);
}

/** The contact in the file's key order (also drops `nextDueAt` and any extra property). */
export function toExportedContact(c: ExportedContact): ExportedContact {
  return {
    key: c.key,
    id: c.id,
    site: c.site,
    profileUrl: c.profileUrl,
    aliases: [...c.aliases],
    name: c.name,
    headline: c.headline,
    company: c.company,
    location: c.location,
    photoUrl: c.photoUrl,
    tier: c.tier,
    notes: c.notes,
    howWeMet: c.howWeMet,
    preferredChannel: c.preferredChannel,
    lastContactAt: c.lastContactAt,
    snoozedUntil: c.snoozedUntil,
    connectedOn: c.connectedOn,
    email: c.email,
    phone: c.phone,
    notSameAs: [...c.notSameAs],
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deletedAt: c.deletedAt,
  };
}

export function toExportedTouch(t: ExportedTouch): ExportedTouch {
  return {
    id: t.id,
    contactKey: t.contactKey,
    date: t.date,
    channel: t.channel,
    direction: t.direction,
    note: t.note,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    deletedAt: t.deletedAt,
  };
}

export function toExportedKeyDate(k: ExportedKeyDate): ExportedKeyDate {
  return {
    id: k.id,
    contactKey: k.contactKey,
    kind: k.kind,
    label: k.label,
    month: k.month,
    day: k.day,
    year: k.year,
    recurrence: k.recurrence,
    acknowledgedAt: k.acknowledgedAt,
    createdAt: k.createdAt,
    updatedAt: k.updatedAt,
    deletedAt: k.deletedAt,
  };
}

export function toExportedPromise(p: ExportedPromise): ExportedPromise {
  return {
    id: p.id,
    contactKey: p.contactKey,
    direction: p.direction,
    text: p.text,
    dueDate: p.dueDate,
    doneAt: p.doneAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt: p.deletedAt,
  };
}

export function toExportedSettings(s: ExportedSettings): ExportedSettings {
  return {
    cadenceDays: { A: s.cadenceDays.A, B: s.cadenceDays.B, C: s.cadenceDays.C },
    firstFollowUpDays: s.firstFollowUpDays,
    language: s.language,
    leadDays: { A: s.leadDays.A, B: s.leadDays.B, C: s.leadDays.C },
    feb29: s.feb29,
    icsFollowUps: s.icsFollowUps,
    reminderDay: s.reminderDay,
    reminderTime: s.reminderTime,
    reviewDoneDays: [...s.reviewDoneDays],
    updatedAt: s.updatedAt,
  };
}

/** The settings record an imported file stands for. */
export function settingsFromFile(s: ExportedSettings, base: Settings = DEFAULT_SETTINGS): Settings {
  return { ...base, id: 'main', ...toExportedSettings(s) };
}

/** Records of one contact grouped, for a file sorted by contact key without sorting the whole list. */
function groupByContact<T extends { contactKey: string }>(records: readonly T[]): Map<string, T[]> {
  const byContact = new Map<string, T[]>();
  for (const r of records) {
    const list = byContact.get(r.contactKey);
    if (list) list.push(r);
    else byContact.set(r.contactKey, [r]);
  }
  return byContact;
}

const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);

/** A snapshot's records in the file's order, not yet copied into the file's shape (see `buildExportFile`). */
export interface ExportOrder {
  contacts: Contact[];
  touches: Touch[];
  keyDates: KeyDate[];
  promises: PromiseRecord[];
}

/**
 * Contacts in key order; touches, key dates and promises grouped by their contact in that order
 * (touches by day and id within, the others by id). Records whose contact is not among `contacts` are
 * left out (they belong to no one, and a file must be importable on its own).
 */
export function exportOrder(
  contacts: readonly Contact[],
  touches: readonly Touch[],
  keyDates: readonly KeyDate[] = [],
  promises: readonly PromiseRecord[] = [],
): ExportOrder {
  const sortedContacts = [...contacts].sort((a, b) => compareStrings(a.key, b.key));
  const touchesBy = groupByContact(touches);
  const keyDatesBy = groupByContact(keyDates);
  const promisesBy = groupByContact(promises);
  const out: ExportOrder = { contacts: sortedContacts, touches: [], keyDates: [], promises: [] };
  for (const c of sortedContacts) {
    const ts = touchesBy.get(c.key);
    if (ts) for (const t of ts.sort(compareTouches)) out.touches.push(t);
    const ks = keyDatesBy.get(c.key);
    if (ks) for (const k of ks.sort(byId)) out.keyDates.push(k);
    const ps = promisesBy.get(c.key);
    if (ps) for (const p of ps.sort(byId)) out.promises.push(p);
  }
  return out;
}

/**
 * The file for a snapshot of the database, tombstones and `local` contacts included (a restore must not
 * bring a deleted record back), records in `exportOrder`.
 */
export function buildExportFile(
  contacts: readonly Contact[],
  touches: readonly Touch[],
  settings: ExportedSettings,
  now: Date,
  keyDates: readonly KeyDate[] = [],
  promises: readonly PromiseRecord[] = [],
): ExportFileV2 {
  const order = exportOrder(contacts, touches, keyDates, promises);
  return {
    format: FORMAT_ID,
    version: CURRENT_VERSION,
    exportedAt: now.toISOString(),
    contacts: order.contacts.map(toExportedContact),
    touches: order.touches.map(toExportedTouch),
    keyDates: order.keyDates.map(toExportedKeyDate),
    promises: order.promises.map(toExportedPromise),
    settings: toExportedSettings(settings),
  };
}

/** The file as text: two-space indentation, a final newline. Key order is the objects' own. */
export function serializeExportFile(file: ExportFileV2): string {
  const ordered: ExportFileV2 = {
    format: file.format,
    version: file.version,
    exportedAt: file.exportedAt,
    contacts: file.contacts,
    touches: file.touches,
    keyDates: file.keyDates,
    promises: file.promises,
    settings: file.settings,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
