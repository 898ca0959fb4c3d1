/**
 * The export format, version 1 (described for people in docs/export-format.md, as JSON Schema in
 * docs/export-format.schema.json). Pure: no database, no clock.
 *
 * ```
 * { "format": "kontaktpflege", "version": 1, "exportedAt": "<ISO instant>",
 *   "contacts": [ExportedContact…], "touches": [ExportedTouch…],
 *   "settings": { "cadenceDays": {A,B,C}, "firstFollowUpDays", "language" } }
 * ```
 *
 * The text is written for a person to read and for `diff` to compare: keys in a fixed order, contacts
 * sorted by key, touches by contact key, day and id, two-space indentation, a final newline.
 * `nextDueAt` is not exported: it is derived (tier, last contact, snooze, settings) and recomputed on
 * import, so the `NEVER_DUE` sentinel never appears in a file.
 */
import {
  type Contact,
  DEFAULT_SETTINGS,
  LANGUAGES,
  type LanguageSetting,
  type Settings,
  type SiteId,
  type Touch,
} from '../types';

export const FORMAT_ID = 'kontaktpflege';
export const CURRENT_VERSION = 1;

/** Files above this size are refused before they are parsed: 50 MiB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export { LIMITS, SITE_HOSTS } from '../limits';

export { LANGUAGES };
export const SITES = ['linkedin', 'xing'] as const satisfies readonly SiteId[];
// Compile-time checks that the lists name every member of their type (adding one to types.ts fails here).
type Missing<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never] ? true : never;
const _listsComplete: [Missing<LanguageSetting, typeof LANGUAGES>, Missing<SiteId, typeof SITES>] = [true, true];
void _listsComplete;

/** A contact as version 1 exports it: the fields 0.1.0 had, except the derived `nextDueAt`. */
export type ExportedContact = Omit<
  Contact,
  'nextDueAt' | 'site' | 'id' | 'connectedOn' | 'email' | 'phone' | 'notSameAs' | 'deletedAt'
> & { site: SiteId };
export type ExportedTouch = Omit<Touch, 'updatedAt' | 'deletedAt'>;
export type ExportedSettings = Pick<Settings, 'cadenceDays' | 'firstFollowUpDays' | 'language'>;

export interface ExportFileV1 {
  format: typeof FORMAT_ID;
  version: 1;
  /** ISO 8601 instant, e.g. `2025-03-01T09:30:00.000Z` */
  exportedAt: string;
  contacts: ExportedContact[];
  touches: ExportedTouch[];
  settings: ExportedSettings;
}

/** The file the current version writes and reads. */
export type ExportFile = ExportFileV1;

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
  list: 'contacts' | 'touches';
  /** the contact's key as written in the file; for a touch, its `contactKey` */
  key: string;
  /** whom it is about: the contact's name, else its key; for a touch, its person's */
  name: string;
  /** a touch's day as written in the file; '' for a contact */
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
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
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
  };
}

export function toExportedSettings(s: Pick<Settings, 'cadenceDays' | 'firstFollowUpDays' | 'language'>): ExportedSettings {
  return {
    cadenceDays: { A: s.cadenceDays.A, B: s.cadenceDays.B, C: s.cadenceDays.C },
    firstFollowUpDays: s.firstFollowUpDays,
    language: s.language,
  };
}

/** The settings record an imported file stands for; settings the file does not carry come from `base`. */
export function settingsFromFile(s: ExportedSettings, base: Settings = DEFAULT_SETTINGS): Settings {
  return { ...base, id: 'main', ...toExportedSettings(s) };
}

/** A stored contact the version-1 file can carry: live, and of a site (a `local` contact has no v1 form). */
function exportable(c: Contact): c is Contact & { site: SiteId } {
  return c.deletedAt === null && c.site !== 'local';
}

/**
 * The file for a snapshot of the database: sorted, in key order. Touches whose contact is not among
 * `contacts` are left out (they belong to no one the app can show, and a file must be importable on
 * its own).
 */
export function buildExportFile(
  contacts: readonly Contact[],
  touches: readonly Touch[],
  settings: Pick<Settings, 'cadenceDays' | 'firstFollowUpDays' | 'language'>,
  now: Date,
): ExportFileV1 {
  const sortedContacts = contacts
    .filter(exportable)
    .map(toExportedContact)
    .sort((a, b) => compareStrings(a.key, b.key));
  // Grouped by contact, then sorted within each contact's few touches: the same order as sorting the
  // whole list by compareTouches (contacts are in key order), at a fraction of the comparisons.
  const byContact = new Map<string, Touch[]>();
  for (const t of touches) {
    if (t.deletedAt !== null) continue;
    const list = byContact.get(t.contactKey);
    if (list) list.push(t);
    else byContact.set(t.contactKey, [t]);
  }
  const sortedTouches: ExportedTouch[] = [];
  for (const c of sortedContacts) {
    const list = byContact.get(c.key);
    if (!list) continue;
    list.sort(compareTouches);
    for (const t of list) sortedTouches.push(toExportedTouch(t));
  }
  return {
    format: FORMAT_ID,
    version: CURRENT_VERSION,
    exportedAt: now.toISOString(),
    contacts: sortedContacts,
    touches: sortedTouches,
    settings: toExportedSettings(settings),
  };
}

/** The file as text: two-space indentation, a final newline. Key order is the objects' own. */
export function serializeExportFile(file: ExportFileV1): string {
  const ordered: ExportFileV1 = {
    format: file.format,
    version: file.version,
    exportedAt: file.exportedAt,
    contacts: file.contacts,
    touches: file.touches,
    settings: file.settings,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
