/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/types.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/** The records Kontaktpflege keeps. Dates the user picks are calendar days (`YYYY-MM-DD`), never instants. */

export type SiteId = 'linkedin' | 'xing';
export type Tier = 'A' | 'B' | 'C' | 'none';
export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'none'];

export type Channel = 'meeting' | 'call' | 'message' | 'email' | 'event' | 'gift' | 'other';
export const CHANNELS: readonly Channel[] = ['meeting', 'call', 'message', 'email', 'event', 'gift', 'other'];

export type Direction = 'gave' | 'received' | 'mutual';
export const DIRECTIONS: readonly Direction[] = ['gave', 'received', 'mutual'];

/** A calendar day as `YYYY-MM-DD` in the user's own time zone. */
export type IsoDay = string;

/**
 * `nextDueAt` for someone who never comes due (tier none). The largest instant a JS Date can hold
 * (8.64e15 ms, year 275760): a finite number, so it survives JSON and sorts last in the index.
 */
export const NEVER_DUE = 8_640_000_000_000_000;

export interface Contact {
  /** `linkedin:<slug>` or `xing:<Name>`: derived from the profile URL, never from page text. */
  key: string;
  site: SiteId;
  profileUrl: string;
  /** Other keys of the same person (member-id URLs, an old vanity slug), so a renamed slug keeps its notes. */
  aliases: string[];
  name: string;
  headline: string;
  company: string;
  location: string;
  photoUrl: string;
  tier: Tier;
  notes: string;
  howWeMet: string;
  /** Empty string: no preference. */
  preferredChannel: Channel | '';
  lastContactAt: IsoDay | null;
  snoozedUntil: IsoDay | null;
  /**
   * Start of the due day in ms (UTC midnight of that calendar day, so no time zone or DST shifts it).
   * Always set; `NEVER_DUE` when the contact never comes due. Derived by `storage/rules.ts`, stored so
   * the popup reads the due list from an index.
   */
  nextDueAt: number;
  /** ms since epoch */
  createdAt: number;
  /** ms since epoch; the later edit wins when merging two copies of a contact */
  updatedAt: number;
}

export interface Touch {
  /** random UUID; also what makes an imported touch a duplicate */
  id: string;
  contactKey: string;
  date: IsoDay;
  channel: Channel;
  direction: Direction;
  note: string;
  createdAt: number;
}

/** The UI languages the user can pick (`auto`: the browser's), in the order the settings list them. */
export const LANGUAGES = ['auto', 'en', 'de'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];

export interface Settings {
  id: 'main';
  cadenceDays: { A: number; B: number; C: number };
  firstFollowUpDays: number;
  language: LanguageSetting;
}

export const DEFAULT_SETTINGS: Settings = {
  id: 'main',
  cadenceDays: { A: 30, B: 90, C: 180 },
  firstFollowUpDays: 3,
  language: 'auto',
};

/** Fields the user edits in the panel or dashboard; everything else is derived or bookkeeping. */
export type EditableContactFields = Pick<
  Contact,
  | 'name'
  | 'headline'
  | 'company'
  | 'location'
  | 'photoUrl'
  | 'tier'
  | 'notes'
  | 'howWeMet'
  | 'preferredChannel'
  | 'lastContactAt'
  | 'snoozedUntil'
>;
export type ContactPatch = Partial<EditableContactFields>;
