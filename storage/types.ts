/** The records Kontaktpflege keeps. Dates the user picks are calendar days (`YYYY-MM-DD`), never instants. */

export type SiteId = 'linkedin' | 'xing';
/** Where a contact lives: a site, or `local` for a person without a profile page (a vCard without a link). */
export type ContactSite = SiteId | 'local';
export const CONTACT_SITES: readonly ContactSite[] = ['linkedin', 'xing', 'local'];
export type Tier = 'A' | 'B' | 'C' | 'none';
export const TIERS: readonly Tier[] = ['A', 'B', 'C', 'none'];

/** `connected`: the first touch an import of LinkedIn's "Connected On" writes; the user never picks it. */
export type Channel = 'meeting' | 'call' | 'message' | 'email' | 'event' | 'gift' | 'other' | 'connected';
export const CHANNELS: readonly Channel[] = ['meeting', 'call', 'message', 'email', 'event', 'gift', 'other', 'connected'];
/** The channels a picker offers (touch form, preferred channel): all but `connected`. */
export type PickableChannel = Exclude<Channel, 'connected'>;
export const PICKABLE_CHANNELS: readonly PickableChannel[] = ['meeting', 'call', 'message', 'email', 'event', 'gift', 'other'];

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
  /**
   * `linkedin:<slug>` or `xing:<Name>`: derived from the profile URL, never from page text;
   * `local:<uuid>` for a contact without a profile page.
   */
  key: string;
  /** random UUID, stable for the record's lifetime (sync uses it; the primary key stays `key`) */
  id: string;
  site: ContactSite;
  /** '' for a `local` contact */
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
  preferredChannel: PickableChannel | '';
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
  /** "Connected On" from LinkedIn's export; null when unknown */
  connectedOn: IsoDay | null;
  /** from a vCard; '' when unknown */
  email: string;
  /** from a vCard; '' when unknown */
  phone: string;
  /** keys the user said are not this person: "Same person as …?" is not offered again for them */
  notSameAs: string[];
  /** tombstone: ms of the deletion, null while the contact lives. A tombstone has `nextDueAt = NEVER_DUE`. */
  deletedAt: number | null;
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
  /** ms of the last edit; a v1 touch gets its `createdAt` */
  updatedAt: number;
  /** tombstone: ms of the deletion, null while the touch lives; no query shows a tombstone */
  deletedAt: number | null;
}

export type KeyDateKind = 'birthday' | 'anniversary' | 'other';
export const KEY_DATE_KINDS: readonly KeyDateKind[] = ['birthday', 'anniversary', 'other'];
export type Recurrence = 'yearly' | 'once';
export const RECURRENCES: readonly Recurrence[] = ['yearly', 'once'];

/** A birthday, a work anniversary (Jubiläum) or an occasion of the user's own, as a calendar day without a time. */
export interface KeyDate {
  /** random UUID */
  id: string;
  contactKey: string;
  kind: KeyDateKind;
  /** 'other': the user's label ("Einschulung Lena"); 'anniversary': the company ("Nordlicht AG") or ''; birthday: '' */
  label: string;
  /** 1–12 */
  month: number;
  /** 1–31, valid for the month (29 February allowed) */
  day: number;
  /** null: unknown, so no age or number of years is ever shown or guessed */
  year: number | null;
  recurrence: Recurrence;
  /**
   * UTC-midnight ms of the next occurrence on or after the day it was last computed for; `NEVER_DUE`
   * when a one-off date has passed or the record is a tombstone. Derived by `storage/occasions.ts`.
   */
  nextOccurrenceAt: number;
  /** UTC-midnight ms of the occurrence the user acknowledged ("Congratulated"); null when none */
  acknowledgedAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** `mine`: "I promised"; `theirs`: "They promised". */
export type PromiseDirection = 'mine' | 'theirs';
export const PROMISE_DIRECTIONS: readonly PromiseDirection[] = ['mine', 'theirs'];

export interface PromiseRecord {
  /** random UUID */
  id: string;
  contactKey: string;
  direction: PromiseDirection;
  /** required, trimmed, non-empty */
  text: string;
  dueDate: IsoDay | null;
  /** ms; the promise is open while null */
  doneAt: number | null;
  /**
   * UTC-midnight ms of `dueDate` while the promise is open, live and dated; absent otherwise, so the
   * `openDueAt` index holds only what the popup and the badge can show.
   */
  openDueAt?: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** The UI languages the user can pick (`auto`: the browser's), in the order the settings list them. */
export const LANGUAGES = ['auto', 'en', 'de'] as const;
export type LanguageSetting = (typeof LANGUAGES)[number];

/** Where a 29 February occasion falls in other years: 1 March (§ 188 BGB) or 28 February. */
export type Feb29Rule = 'mar1' | 'feb28';
export const FEB29_RULES: readonly Feb29Rule[] = ['mar1', 'feb28'];
/** ISO weekday of the weekly review reminder (1: Monday … 7: Sunday), or `off`. */
export type ReminderDay = 'off' | 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const REMINDER_DAYS: readonly ReminderDay[] = ['off', 1, 2, 3, 4, 5, 6, 7];

export interface Settings {
  id: 'main';
  cadenceDays: { A: number; B: number; C: number };
  firstFollowUpDays: number;
  language: LanguageSetting;
  /** days ahead an occasion shows, per tier; tier none never shows one. Round work anniversaries use `A`. */
  leadDays: { A: number; B: number; C: number };
  feb29: Feb29Rule;
  /** whether the calendar export includes the A contacts' next follow-ups */
  icsFollowUps: boolean;
  reminderDay: ReminderDay;
  /** `HH:MM`, 24-hour, local time */
  reminderTime: string;
  /** the days a weekly review was finished, for the streak */
  reviewDoneDays: IsoDay[];
  /** ms of the last change; 0 for settings never saved since schema v2 */
  updatedAt: number;
}

export const DEFAULT_SETTINGS: Settings = {
  id: 'main',
  cadenceDays: { A: 30, B: 90, C: 180 },
  firstFollowUpDays: 3,
  language: 'auto',
  leadDays: { A: 7, B: 3, C: 0 },
  feb29: 'mar1',
  icsFollowUps: false,
  reminderDay: 1,
  reminderTime: '09:00',
  reviewDoneDays: [],
  updatedAt: 0,
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
  | 'connectedOn'
  | 'email'
  | 'phone'
  | 'notSameAs'
>;
export type ContactPatch = Partial<EditableContactFields>;
