/**
 * What an onboarding import would change, computed from the parsed file and the notebook as it is,
 * writing nothing (the preview), and the records to write once the user confirms (`apply.ts`).
 *
 * Rules (the import never takes away what the user wrote):
 * - A person with a profile is the stored contact whose key or alias is one of the person's profile
 *   keys (LinkedIn first). A person without one (the 2018 CSV, a vCard without links) is the one live
 *   contact with the same name and company (case and spacing ignored); with none or several, a new
 *   contact without a profile page (`local:<uuid>`).
 * - New contacts get every field from the file, the tier the user chose, and due days by the rules.
 * - Stored contacts keep every field that holds something: name, headline, company, e-mail, phone and
 *   "connected since" are filled only where empty; the file's other profile keys of the same site
 *   become aliases; a vCard NOTE is appended to the notes (not again when they already contain it);
 *   a profile link of the other site (a vCard with LinkedIn and XING) is kept as a line in the notes.
 *   Tier, last contact, snooze and how-we-met never change.
 * - Key dates: a birthday only when the person has none; an anniversary unless one with the same day exists.
 * - "Connected" touches (only if the user asks): one on the "Connected On" day, unless the person has
 *   a `connected` touch already; last contact moves to that day when it is later (rules.applyTouch).
 * - A tombstoned contact under the same key is revived with the file's data, as adding a profile does.
 */
import type { ProfileUrlInfo } from '../../sites/types';
import { localToday } from '../dates';
import { LIMITS } from '../limits';
import { computeNextOccurrenceAt } from '../occasions';
import { applyTouch, computeNextDueAt, mergeAliases, newContact } from '../rules';
import type { Contact, KeyDate, Settings, Tier, Touch } from '../types';
import type { ImportDuplicate, ImportedKeyDate, ImportedPerson, ImportSkip, ImportSource, ParsedImport } from './types';

export interface OnboardingOptions {
  /** tier of the people the file adds ('none': in the notebook, never due) */
  tier: Tier;
  /** log a touch of channel `connected` on the "Connected On" day */
  logConnected: boolean;
}

/** The fields of a stored contact an import may fill, for the preview. */
export type FilledField = 'name' | 'headline' | 'company' | 'email' | 'phone' | 'connectedOn' | 'aliases' | 'notes';

export interface OnboardingChange {
  key: string;
  name: string;
  fields: FilledField[];
}

export interface OnboardingSnapshot {
  /** every stored contact, tombstones included */
  contacts: readonly Contact[];
  /** live key dates */
  keyDates: readonly KeyDate[];
  /** keys of contacts that have a live `connected` touch */
  connectedKeys: ReadonlySet<string>;
  settings: Settings;
}

export interface OnboardingPlan {
  source: ImportSource;
  newContacts: number;
  updatedContacts: number;
  unchangedContacts: number;
  touchesToAdd: number;
  keyDatesToAdd: number;
  /** stored contacts the file changes, and which fields */
  changes: OnboardingChange[];
  skipped: readonly ImportSkip[];
  /** rows or cards imported once: the parser's, plus rows that lead to a person this file adds */
  duplicates: ImportDuplicate[];
  contactsToWrite: Contact[];
  touchesToWrite: Touch[];
  keyDatesToWrite: KeyDate[];
}

/** Names compare without case, spacing: "Müller " and "müller" are the same. */
function identityText(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

function nameCompany(c: Pick<Contact, 'name' | 'company'>): string {
  return `${identityText(c.name)}\u0000${identityText(c.company)}`;
}

/** The note line that keeps a profile link of the other site (a contact has one site). */
function otherProfileLine(p: ProfileUrlInfo): string {
  return `${p.site === 'xing' ? 'XING' : 'LinkedIn'}: ${p.profileUrl}`;
}

/** The text a person brings to the notes: the vCard NOTE, then links of the other site. */
function noteOf(person: ImportedPerson, site: Contact['site']): string {
  const lines = person.profiles.filter((p) => p.site !== site).map(otherProfileLine);
  return [person.note, ...lines].filter((s) => s !== '').join('\n');
}

function appendNote(notes: string, addition: string): string {
  if (addition === '' || notes.includes(addition)) return notes;
  const next = notes === '' ? addition : `${notes}\n\n${addition}`;
  return next.length > LIMITS.notes ? notes : next;
}

class Lookup {
  private readonly byKey = new Map<string, Contact>();
  private readonly byAlias = new Map<string, Contact>();
  private readonly byNameCompany = new Map<string, Contact[]>();

  constructor(contacts: readonly Contact[]) {
    for (const c of contacts) this.set(c);
  }

  set(c: Contact): void {
    this.byKey.set(c.key, c);
    if (c.deletedAt !== null) return;
    for (const a of c.aliases) this.byAlias.set(a, c);
    const nc = nameCompany(c);
    const list = this.byNameCompany.get(nc) ?? [];
    const i = list.findIndex((x) => x.key === c.key);
    if (i >= 0) list[i] = c;
    else list.push(c);
    this.byNameCompany.set(nc, list);
  }

  /** the stored record under `key` (live or tombstone) */
  record(key: string): Contact | undefined {
    return this.byKey.get(key);
  }

  live(key: string): Contact | undefined {
    const c = this.byKey.get(key);
    return c && c.deletedAt === null ? c : this.byAlias.get(key);
  }

  byName(person: ImportedPerson): Contact | undefined {
    const list = this.byNameCompany.get(nameCompany(person)) ?? [];
    return list.length === 1 ? list[0] : undefined;
  }
}

function keyDateRecord(key: string, d: ImportedKeyDate, settings: Settings, nowMs: number): KeyDate {
  const base = {
    id: crypto.randomUUID(),
    contactKey: key,
    kind: d.kind,
    label: '',
    month: d.month,
    day: d.day,
    year: d.year,
    recurrence: 'yearly' as const,
    acknowledgedAt: null,
    createdAt: nowMs,
    updatedAt: nowMs,
    deletedAt: null,
  };
  return { ...base, nextOccurrenceAt: computeNextOccurrenceAt(base, localToday(new Date(nowMs)), settings.feb29) };
}

/** The person's key dates the contact does not have yet (see the rules above). */
function newKeyDates(person: ImportedPerson, existing: readonly KeyDate[]): ImportedKeyDate[] {
  const out: ImportedKeyDate[] = [];
  for (const d of person.keyDates) {
    const all = [...existing, ...out];
    if (d.kind === 'birthday' && all.some((k) => k.kind === 'birthday')) continue;
    if (d.kind === 'anniversary' && all.some((k) => k.kind === 'anniversary' && k.month === d.month && k.day === d.day)) continue;
    out.push(d);
  }
  return out;
}

function connectedTouch(key: string, day: string, nowMs: number): Touch {
  return {
    id: crypto.randomUUID(),
    contactKey: key,
    date: day,
    channel: 'connected',
    direction: 'mutual',
    note: '',
    createdAt: nowMs,
    updatedAt: nowMs,
    deletedAt: null,
  };
}

/** A contact for a person the notebook does not know: with their profile, or `local:<uuid>` without one. */
function freshContact(
  person: ImportedPerson,
  options: OnboardingOptions,
  settings: Settings,
  nowMs: number,
  revived?: Contact,
): Contact {
  const [main, ...others] = person.profiles;
  const profile = main ?? { site: 'linkedin' as const, key: 'local:', profileUrl: '' };
  const base = newContact(
    {
      key: profile.key,
      site: profile.site,
      profileUrl: profile.profileUrl,
      aliases: others.filter((o) => o.site === profile.site).map((o) => o.key),
      name: person.name,
      headline: person.headline,
      company: person.company,
    },
    settings,
    nowMs,
  );
  const local = main === undefined;
  const c: Contact = {
    ...base,
    ...(local && { key: `local:${base.id}`, site: 'local' as const, profileUrl: '', aliases: [] }),
    ...(revived && { id: revived.id }),
    tier: options.tier,
    email: person.email.slice(0, LIMITS.email),
    phone: person.phone.slice(0, LIMITS.phone),
    connectedOn: person.connectedOn,
    notes: noteOf(person, local ? 'local' : profile.site).slice(0, LIMITS.notes),
  };
  c.nextDueAt = computeNextDueAt(c, settings, localToday(new Date(nowMs)));
  return c;
}

/** The stored contact with the gaps the person fills (see the rules above) and the fields that changed. */
function fillGaps(stored: Contact, person: ImportedPerson, nowMs: number): { contact: Contact; fields: FilledField[] } {
  const fields: FilledField[] = [];
  const next: Contact = { ...stored };
  const fill = (field: 'name' | 'headline' | 'company' | 'email' | 'phone', value: string, max: number) => {
    if (next[field] === '' && value !== '') {
      next[field] = value.slice(0, max);
      fields.push(field);
    }
  };
  fill('name', person.name, LIMITS.name);
  fill('headline', person.headline, LIMITS.shortText);
  fill('company', person.company, LIMITS.shortText);
  fill('email', person.email, LIMITS.email);
  fill('phone', person.phone, LIMITS.phone);
  if (next.connectedOn === null && person.connectedOn !== null) {
    next.connectedOn = person.connectedOn;
    fields.push('connectedOn');
  }
  if (stored.site !== 'local') {
    const extra = person.profiles.filter((p) => p.site === stored.site).map((p) => p.key);
    const aliases = mergeAliases({ key: stored.key, site: stored.site, aliases: stored.aliases }, extra).slice(
      0,
      LIMITS.aliasesPerContact,
    );
    if (aliases.length !== stored.aliases.length) {
      next.aliases = aliases;
      fields.push('aliases');
    }
  }
  const notes = appendNote(stored.notes, noteOf(person, stored.site));
  if (notes !== stored.notes) {
    next.notes = notes;
    fields.push('notes');
  }
  if (fields.length > 0) next.updatedAt = nowMs;
  return { contact: fields.length > 0 ? next : stored, fields };
}

/** The plan for a parsed file against the notebook. Pure apart from the random ids of new records. */
export function planOnboarding(
  snapshot: OnboardingSnapshot,
  parsed: ParsedImport,
  options: OnboardingOptions,
  nowMs: number,
): OnboardingPlan {
  const { settings } = snapshot;
  const lookup = new Lookup(snapshot.contacts);
  const datesByKey = new Map<string, KeyDate[]>();
  for (const d of snapshot.keyDates) {
    if (d.deletedAt !== null) continue;
    const list = datesByKey.get(d.contactKey) ?? [];
    list.push(d);
    datesByKey.set(d.contactKey, list);
  }
  const connected = new Set(snapshot.connectedKeys);
  const written = new Map<string, Contact>();
  const plan: OnboardingPlan = {
    source: parsed.source,
    newContacts: 0,
    updatedContacts: 0,
    unchangedContacts: 0,
    touchesToAdd: 0,
    keyDatesToAdd: 0,
    changes: [],
    skipped: parsed.skipped,
    duplicates: [...parsed.duplicates],
    contactsToWrite: [],
    touchesToWrite: [],
    keyDatesToWrite: [],
  };
  const changesByKey = new Map<string, OnboardingChange>();
  /** contacts this file adds: key → the row or card that added them */
  const created = new Map<string, number>();
  const storedSeen = new Set<string>();
  const storedChanged = new Set<string>();

  for (const person of parsed.people) {
    const found =
      person.profiles.length > 0
        ? person.profiles.map((p) => lookup.live(p.key)).find((c) => c !== undefined)
        : lookup.byName(person);
    const firstAt = found && created.get(found.key);
    if (firstAt !== undefined) {
      // Another row for a person this file adds (no URL but the same name and company as a row with
      // one, or a vCard whose second link is an alias of an earlier card): imported once.
      plan.duplicates.push({ at: person.at, firstAt, name: person.name });
      continue;
    }
    let contact: Contact;
    if (found === undefined) {
      contact = freshContact(person, options, settings, nowMs, person.profiles[0] && lookup.record(person.profiles[0].key));
      created.set(contact.key, person.at);
      plan.newContacts += 1;
    } else {
      storedSeen.add(found.key);
      const filled = fillGaps(found, person, nowMs);
      contact = filled.contact;
      if (filled.fields.length > 0) {
        const entry = changesByKey.get(contact.key);
        if (entry) entry.fields.push(...filled.fields.filter((f) => !entry.fields.includes(f)));
        else {
          const change = { key: contact.key, name: contact.name, fields: filled.fields };
          changesByKey.set(contact.key, change);
          plan.changes.push(change);
        }
      }
    }
    const dates = newKeyDates(person, datesByKey.get(contact.key) ?? []);
    for (const d of dates) {
      const record = keyDateRecord(contact.key, d, settings, nowMs);
      plan.keyDatesToWrite.push(record);
      datesByKey.set(contact.key, [...(datesByKey.get(contact.key) ?? []), record]);
    }
    if (options.logConnected && person.connectedOn !== null && !connected.has(contact.key)) {
      const touch = connectedTouch(contact.key, person.connectedOn, nowMs);
      plan.touchesToWrite.push(touch);
      connected.add(contact.key);
      contact = applyTouch(contact, touch, settings, nowMs);
    }
    if (found !== undefined && (contact !== found || dates.length > 0)) storedChanged.add(found.key);
    if (found === undefined || contact !== found) {
      written.set(contact.key, contact);
      lookup.set(contact);
    }
  }
  plan.updatedContacts = storedChanged.size;
  plan.unchangedContacts = storedSeen.size - storedChanged.size;
  plan.contactsToWrite = [...written.values()];
  plan.touchesToAdd = plan.touchesToWrite.length;
  plan.keyDatesToAdd = plan.keyDatesToWrite.length;
  return plan;
}
