/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/rules.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/**
 * The domain rules: when someone comes due, what a touch or a snooze changes, how urgent a contact is.
 * Pure functions: every "now" or "today" is a parameter, nothing here reads the clock or the database.
 * Rules return new objects and never mutate their inputs.
 */
import { isSafePhotoUrl, isSiteProfileUrl, keyProblem, LIMITS } from './limits';
import { addDays, dayNumber, dayStartMs, isIsoDay, localToday, MS_PER_DAY } from './dates';
import { compareNames } from './collation';
import {
  CHANNELS,
  type Channel,
  type Contact,
  type ContactPatch,
  type IsoDay,
  NEVER_DUE,
  type Settings,
  type SiteId,
  TIERS,
  type Tier,
  type Touch,
} from './types';

/** A value that breaks a rule (a bad day, an unknown tier, a cadence of 0 days). */
export class StorageValidationError extends RangeError {
  override name = 'StorageValidationError';
}

/**
 * The person a profile page shows. The page fields may be null (the page did not show them), so a
 * `PageProfile` from the content script can be passed as is.
 */
export interface ProfileInput {
  key: string;
  site: SiteId;
  profileUrl: string;
  aliases?: readonly string[];
  name?: string | null;
  headline?: string | null;
  company?: string | null;
  location?: string | null;
  photoUrl?: string | null;
}

/**
 * Tier of a contact added from a profile page. 'C', not 'none': a tier-none contact never comes due,
 * so a person just met would never get the early first follow-up the product promises.
 */
export const DEFAULT_NEW_TIER: Tier = 'C';

/**
 * The calendar day a contact was added, derived from `createdAt` in the local time zone. A pure
 * function of `createdAt` and the zone; `Contact` stores only the instant, so this is the one place
 * the day is derived, and it gives the same day the user saw when they added the person.
 */
export function createdDayOf(c: Pick<Contact, 'createdAt'>): IsoDay {
  return localToday(new Date(c.createdAt));
}

/** The day someone comes due, or null when they never do (tier none). */
export function nextDueDay(
  c: Pick<Contact, 'tier' | 'lastContactAt' | 'snoozedUntil' | 'createdAt'>,
  settings: Settings,
  createdDay?: IsoDay,
): IsoDay | null {
  if (c.tier === 'none') return null;
  const base =
    c.lastContactAt !== null
      ? addDays(c.lastContactAt, settings.cadenceDays[c.tier])
      : addDays(createdDay ?? createdDayOf(c), settings.firstFollowUpDays);
  // A snooze only ever postpones: a snooze day before the computed due day changes nothing.
  if (c.snoozedUntil !== null && dayNumber(c.snoozedUntil) > dayNumber(base)) return c.snoozedUntil;
  return base;
}

/**
 * `Contact.nextDueAt`: UTC midnight of the due day, `NEVER_DUE` for tier none.
 * Base is last contact + the tier's cadence; without any last contact it is the day the contact was
 * added (`createdDay`, else derived from `createdAt`, see `createdDayOf`) + `firstFollowUpDays`.
 * A later snooze day replaces the base.
 */
export function computeNextDueAt(
  c: Pick<Contact, 'tier' | 'lastContactAt' | 'snoozedUntil' | 'createdAt'>,
  settings: Settings,
  createdDay?: IsoDay,
): number {
  const due = nextDueDay(c, settings, createdDay);
  return due === null ? NEVER_DUE : dayStartMs(due);
}

/**
 * The aliases worth keeping, in first-seen order: keys of the contact's own site within the cap (see
 * `limits.keyProblem`), deduplicated, never the contact's own key. An alias the app could not restore
 * from its backup is dropped here, on the way in: aliases only help find a person, the key is who they are.
 */
function normaliseAliases(key: string, site: SiteId, aliases: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of aliases) {
    if (keyProblem(a, site, LIMITS.alias) === null && a !== key && !out.includes(a)) out.push(a);
  }
  return out;
}

/** Aliases of `c` plus `extra` (see `normaliseAliases`), in first-seen order, without a cap on their number. */
export function mergeAliases(c: Pick<Contact, 'key' | 'site' | 'aliases'>, extra: readonly string[]): string[] {
  return normaliseAliases(c.key, c.site, [...c.aliases, ...extra]);
}

/** Aliases a write from a page may leave on a contact: the first `LIMITS.aliasesPerContact`. */
export function capAliases(aliases: readonly string[]): string[] {
  return aliases.slice(0, LIMITS.aliasesPerContact);
}

/**
 * Refuses a profile whose key or URL the notebook could not restore from its own backup (the same
 * rules as import, `storage/limits.ts`): a key that is not `<site>:…` or is longer than
 * `LIMITS.key` (a 1,200-character slug), a URL off the site or longer than `LIMITS.profileUrl`.
 * Refusing is better than cutting: a cut key would be another person. Throws StorageValidationError.
 */
export function checkProfileIdentity(profile: Pick<ProfileInput, 'key' | 'site' | 'profileUrl'>): void {
  const problem = keyProblem(profile.key, profile.site);
  if (problem === 'shape') {
    throw new StorageValidationError(`Profile key must be "${String(profile.site)}:…": ${String(profile.key).slice(0, 80)}`);
  }
  if (problem === 'tooLong') {
    throw new StorageValidationError(
      `This profile's address is too long to keep (${profile.key.length} characters, at most ${LIMITS.key})`,
    );
  }
  if (typeof profile.profileUrl !== 'string' || !isSiteProfileUrl(profile.profileUrl, profile.site)) {
    throw new StorageValidationError(`Profile URL must be an http(s) URL of ${profile.site}`);
  }
  if (profile.profileUrl.length > LIMITS.profileUrl) {
    throw new StorageValidationError(
      `This profile's address is too long to keep (${profile.profileUrl.length} characters, at most ${LIMITS.profileUrl})`,
    );
  }
}

/** A photo URL the notebook may keep, else '' (the photo is optional; the contact is not refused for it). */
function safePhoto(url: string): string {
  return url.length <= LIMITS.photoUrl && isSafePhotoUrl(url) ? url : '';
}

/**
 * A contact for a profile seen for the first time: tier `DEFAULT_NEW_TIER`, no last contact, due after
 * `firstFollowUpDays`. Key and URL are taken as given: `addContact` checks them (`checkProfileIdentity`)
 * before anything is stored.
 */
export function newContact(profile: ProfileInput, settings: Settings, nowMs: number): Contact {
  const base = {
    tier: DEFAULT_NEW_TIER,
    lastContactAt: null,
    snoozedUntil: null,
    createdAt: nowMs,
  } satisfies Pick<Contact, 'tier' | 'lastContactAt' | 'snoozedUntil' | 'createdAt'>;
  return {
    key: profile.key,
    site: profile.site,
    profileUrl: profile.profileUrl,
    aliases: capAliases(normaliseAliases(profile.key, profile.site, profile.aliases ?? [])),
    // Page text is cut to the import caps so an odd page cannot make a notebook that will not restore.
    name: (profile.name ?? '').slice(0, LIMITS.name),
    headline: (profile.headline ?? '').slice(0, LIMITS.shortText),
    company: (profile.company ?? '').slice(0, LIMITS.shortText),
    location: (profile.location ?? '').slice(0, LIMITS.shortText),
    photoUrl: safePhoto(profile.photoUrl ?? ''),
    notes: '',
    howWeMet: '',
    preferredChannel: '',
    ...base,
    nextDueAt: computeNextDueAt(base, settings, localToday(new Date(nowMs))),
    updatedAt: nowMs,
  };
}

const TEXT_FIELDS = ['name', 'headline', 'company', 'location', 'photoUrl', 'notes', 'howWeMet'] as const;
/** the same caps as import (`storage/limits.ts`), so every notebook the app writes can be restored */
const TEXT_LIMITS: Record<(typeof TEXT_FIELDS)[number], number> = {
  name: LIMITS.name,
  headline: LIMITS.shortText,
  company: LIMITS.shortText,
  location: LIMITS.shortText,
  photoUrl: LIMITS.photoUrl,
  notes: LIMITS.notes,
  howWeMet: LIMITS.howWeMet,
};

/**
 * The patch reduced to the editable fields it really sets (undefined = not set; unknown keys such as
 * `key` or `nextDueAt` from a message are dropped), each checked. Throws StorageValidationError.
 */
export function validatePatch(patch: ContactPatch): ContactPatch {
  const out: ContactPatch = {};
  for (const f of TEXT_FIELDS) {
    const v = patch[f];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw new StorageValidationError(`${f} must be a string`);
    if (v.length > TEXT_LIMITS[f]) throw new StorageValidationError(`${f} is longer than ${TEXT_LIMITS[f]} characters`);
    if (f === 'photoUrl' && !isSafePhotoUrl(v)) throw new StorageValidationError('photoUrl must be an http(s) or data:image URL');
    out[f] = v;
  }
  if (patch.tier !== undefined) {
    if (!TIERS.includes(patch.tier)) throw new StorageValidationError(`Unknown tier: ${String(patch.tier)}`);
    out.tier = patch.tier;
  }
  if (patch.preferredChannel !== undefined) {
    if (patch.preferredChannel !== '' && !CHANNELS.includes(patch.preferredChannel)) {
      throw new StorageValidationError(`Unknown channel: ${String(patch.preferredChannel)}`);
    }
    out.preferredChannel = patch.preferredChannel;
  }
  for (const f of ['lastContactAt', 'snoozedUntil'] as const) {
    const v = patch[f];
    if (v === undefined) continue;
    if (v !== null && !isIsoDay(v)) throw new StorageValidationError(`${f} must be YYYY-MM-DD or null: ${String(v)}`);
    out[f] = v;
  }
  return out;
}

function isLater(a: IsoDay, b: IsoDay): boolean {
  return dayNumber(a) > dayNumber(b);
}

/**
 * The user edits fields. A last-contact day they set is taken as given, also backwards (a correction).
 * Setting last contact to a day after the snooze ends the snooze, unless the same patch sets the
 * snooze too (then the user said both). Due is recomputed; `updatedAt` = `nowMs`.
 */
export function applyPatch(c: Contact, patch: ContactPatch, settings: Settings, nowMs: number): Contact {
  const p = validatePatch(patch);
  const next: Contact = { ...c, ...p, updatedAt: nowMs };
  if (
    p.lastContactAt != null &&
    p.snoozedUntil === undefined &&
    next.snoozedUntil !== null &&
    isLater(p.lastContactAt, next.snoozedUntil)
  ) {
    next.snoozedUntil = null;
  }
  next.nextDueAt = computeNextDueAt(next, settings);
  return next;
}

/**
 * A logged touch. It moves last contact only when it is newer; a backdated touch keeps its own date
 * (on the touch) and leaves last contact alone. A touch that moves last contact past the snooze day
 * ends the snooze. `updatedAt` moves only when a field of the contact changed, so merging two copies
 * by `updatedAt` is not fooled by a backdated touch that changed nothing.
 */
export function applyTouch(c: Contact, touch: Pick<Touch, 'date'>, settings: Settings, nowMs: number): Contact {
  if (!isIsoDay(touch.date)) throw new StorageValidationError(`Touch date must be YYYY-MM-DD: ${String(touch.date)}`);
  if (c.lastContactAt !== null && !isLater(touch.date, c.lastContactAt)) {
    const nextDueAt = computeNextDueAt(c, settings);
    return nextDueAt === c.nextDueAt ? c : { ...c, nextDueAt };
  }
  const snoozedUntil = c.snoozedUntil !== null && isLater(touch.date, c.snoozedUntil) ? null : c.snoozedUntil;
  const next: Contact = { ...c, lastContactAt: touch.date, snoozedUntil, updatedAt: nowMs };
  next.nextDueAt = computeNextDueAt(next, settings);
  return next;
}

/**
 * Snooze until a day (null: end the snooze). Moves due, never last contact. A snooze day before the
 * due day computed from the cadence is kept but has no effect (see `nextDueDay`).
 */
export function snoozeUntil(c: Contact, untilDay: IsoDay | null, settings: Settings, nowMs: number): Contact {
  if (untilDay !== null && !isIsoDay(untilDay)) {
    throw new StorageValidationError(`Snooze day must be YYYY-MM-DD: ${String(untilDay)}`);
  }
  const next: Contact = { ...c, snoozedUntil: untilDay, updatedAt: nowMs };
  next.nextDueAt = computeNextDueAt(next, settings);
  return next;
}

export type DueState =
  | { kind: 'never' }
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'upcoming'; days: number };

export function dueState(nextDueAt: number, today: IsoDay): DueState {
  if (nextDueAt >= NEVER_DUE) return { kind: 'never' };
  const diff = Math.floor(nextDueAt / MS_PER_DAY) - dayNumber(today);
  if (diff < 0) return { kind: 'overdue', days: -diff };
  if (diff === 0) return { kind: 'today' };
  return { kind: 'upcoming', days: diff };
}

export type OverdueSeverity = 'none' | 'mild' | 'serious' | 'critical';

/** Fractions of the tier's cadence that separate the severities (see `overdueSeverity`). */
export const SEVERITY_THRESHOLDS = { serious: 0.25, critical: 1 } as const;

/**
 * How far past due, measured in the tier's cadence: not yet due (or tier none) → 'none'; due today or
 * overdue by less than 25 % of the cadence → 'mild'; less than 100 % → 'serious'; a whole cadence or
 * more (an A contact 30+ days overdue: two cadences without contact) → 'critical'. The cadence is the
 * measure also before the first touch, so a new C contact is not "critical" a few days after its
 * follow-up date.
 */
export function overdueSeverity(c: Pick<Contact, 'tier' | 'nextDueAt'>, settings: Settings, today: IsoDay): OverdueSeverity {
  if (c.tier === 'none') return 'none';
  const state = dueState(c.nextDueAt, today);
  if (state.kind === 'never' || state.kind === 'upcoming') return 'none';
  const days = state.kind === 'today' ? 0 : state.days;
  const fraction = days / settings.cadenceDays[c.tier];
  if (fraction < SEVERITY_THRESHOLDS.serious) return 'mild';
  if (fraction < SEVERITY_THRESHOLDS.critical) return 'serious';
  return 'critical';
}

const TIER_RANK: Readonly<Record<Tier, number>> = { A: 0, B: 1, C: 2, none: 3 };

/** Tier A before B before C before none (the popup's urgency and the contacts table's tier column). */
export function compareTiers(a: Tier, b: Tier): number {
  return TIER_RANK[a] - TIER_RANK[b];
}

type UrgencyFields = Pick<Contact, 'nextDueAt' | 'tier' | 'name' | 'key'>;

/**
 * Most urgent first: earlier `nextDueAt`, then tier A before B before C, then name in the UI language's
 * collation (`storage/collation.ts`), then key.
 */
export function urgencyOrder(lang: string): (a: UrgencyFields, b: UrgencyFields) => number {
  const names = compareNames(lang);
  return (a, b) =>
    a.nextDueAt - b.nextDueAt ||
    compareTiers(a.tier, b.tier) ||
    names(a.name, b.name) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * After a cadence change: the contacts whose `nextDueAt` changes, with the new value. `updatedAt` is
 * left alone on purpose: `nextDueAt` is derived, and bumping `updatedAt` would let this copy win a
 * merge against a copy with a genuinely newer edit.
 */
export function recomputeAll(contacts: readonly Contact[], settings: Settings): Contact[] {
  const changed: Contact[] = [];
  for (const c of contacts) {
    const nextDueAt = computeNextDueAt(c, settings);
    if (nextDueAt !== c.nextDueAt) changed.push({ ...c, nextDueAt });
  }
  return changed;
}

/**
 * The touch that "Contacted today" logs (panel, popup, dashboard): today, by the channel the user picked,
 * else the person's preferred channel, else "other"; both sides took part.
 */
export function contactedTodayTouch(
  c: Pick<Contact, 'preferredChannel'>,
  today: IsoDay,
  channel?: Channel,
): { date: IsoDay; channel: Channel; direction: 'mutual'; note: '' } {
  return { date: today, channel: channel ?? (c.preferredChannel || 'other'), direction: 'mutual', note: '' };
}
