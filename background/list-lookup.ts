/**
 * The worker's side of list badges (issue 10). A content script on a list page sends the keys of the people
 * it sees, in one message per batch; the answer is the least the badge needs (tier, due), read through the
 * `key` and `aliases` indexes. The hover card's name, next touch and first line of the notes are sent only
 * when the user points at one badge. Nothing here is ever answered to the page itself: only to our content
 * script, whose isolated world the page cannot read.
 */
import { loadLocale } from '../i18n/load';
import { formatDue } from '../i18n/relative';
import type { Locale, Translate } from '../i18n/translate';
import { getContact } from '../storage/contacts';
import type { KontaktDb } from '../storage/db';
import { getSettings } from '../storage/settings';
import type { LanguageSetting } from '../storage/types';
import { dueState } from '../storage/rules';
import type { Contact, IsoDay, Tier } from '../storage/types';

export interface ListBadge {
  tier: Tier;
  /** due today or overdue */
  due: boolean;
}

/** A badge as the list part shows it: `label` is its accessible name, worded by the worker (see `wordBadges`). */
export interface WordedBadge extends ListBadge {
  label: string;
}

/**
 * The answer to one lookup: one badge per key asked (null: not in the notebook), and the two texts an
 * unknown entry's blank mark needs. All worded here, in the extension's language: `i18n.getMessage` in the
 * page is a synchronous IPC on the page's main thread (issue 13), and the page's frame would follow the
 * browser's language rather than the user's setting.
 */
export interface ListLookupAnswer {
  badges: Array<WordedBadge | null>;
  /** accessible name of the blank mark beside someone not in the notebook */
  unknown: string;
  /** what that mark's card says on keyboard focus */
  cardUnknown: string;
}

export interface ListCard {
  /** the contact's own key (the page may have linked an alias), for opening its detail */
  key: string;
  name: string;
  tier: Tier;
  /** "3 weeks overdue", "in 12 days" */
  nextTouch: string;
  /** the first non-empty line of the notes, '' when none */
  note: string;
  /** the card as shown, worded in the extension's language: name, tier, next touch, and the note if any */
  lines: string[];
}

/** One message's worth: a 100-person page costs one round trip; a bigger batch is split by the sender. */
export const MAX_LOOKUP_KEYS = 200;
const MAX_KEY_LENGTH = 300;

function isDue(contact: Contact, today: IsoDay): boolean {
  const state = dueState(contact.nextDueAt, today);
  return state.kind === 'overdue' || state.kind === 'today';
}

/** Tier and due for each key, in the order asked; null for people not in the notebook (and for nonsense). */
export async function lookupBadges(db: KontaktDb, keys: unknown, today: IsoDay): Promise<Array<ListBadge | null>> {
  if (!Array.isArray(keys)) return [];
  const asked = keys.slice(0, MAX_LOOKUP_KEYS).map((k) => (typeof k === 'string' && k.length <= MAX_KEY_LENGTH ? k : ''));
  return db.transaction('r', db.contacts, async () => {
    // Tombstones (schema v2: deleted or merged away) are nobody: never a badge.
    const direct = (await db.contacts.bulkGet(asked.map((k) => k || '\u0000'))).map((c) =>
      c?.deletedAt === null ? c : undefined,
    );
    const missing = asked.filter((k, i) => k !== '' && !direct[i]);
    const byAlias = new Map<string, Contact>();
    if (missing.length > 0) {
      for (const contact of await db.contacts.where('aliases').anyOf(missing).toArray()) {
        if (contact.deletedAt !== null) continue;
        for (const alias of contact.aliases) if (missing.includes(alias)) byAlias.set(alias, contact);
      }
    }
    return asked.map((key, i) => {
      const contact = direct[i] ?? byAlias.get(key);
      return contact ? { tier: contact.tier, due: isDue(contact, today) } : null;
    });
  });
}

const locales = new Map<LanguageSetting, Promise<Locale>>();

/**
 * The extension's language (the dashboard setting; `auto` is the browser's), as the panel uses. A catalog
 * is read once per worker life: a list page asks on every scroll, and the setting's own read is enough.
 */
export async function listLocale(db: KontaktDb): Promise<Locale> {
  const setting = (await getSettings(db)).language;
  let locale = locales.get(setting);
  if (!locale) {
    locale = loadLocale(setting);
    locales.set(setting, locale);
    locale.catch(() => locales.delete(setting));
  }
  return locale;
}

/** `Kontaktpflege: A, due` and friends (UI-CONTRACT "Badges on lists"). */
export function badgeLabel(badge: ListBadge, t: Translate): string {
  const tier = badge.tier === 'none' ? t('badgeNoTier') : badge.tier;
  return t(badge.due ? 'badgeLabelDue' : 'badgeLabel', [tier]);
}

/** The lookup's answer as the list part shows it, worded with `t`. */
export function wordBadges(badges: ReadonlyArray<ListBadge | null>, t: Translate): ListLookupAnswer {
  return {
    badges: badges.map((badge) => (badge ? { ...badge, label: badgeLabel(badge, t) } : null)),
    unknown: t('badgeUnknown'),
    cardUnknown: t('badgeCardUnknown'),
  };
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim() !== '') ?? '').trim().slice(0, 200);
}

/** The hover card of one person, or null when the key is not in the notebook. */
export async function listCard(db: KontaktDb, key: unknown, today: IsoDay, t: Translate, lang: string): Promise<ListCard | null> {
  if (typeof key !== 'string' || key === '' || key.length > MAX_KEY_LENGTH) return null;
  const contact = await getContact(db, key);
  if (!contact) return null;
  const nextTouch = formatDue(dueState(contact.nextDueAt, today), t, lang);
  const note = firstLine(contact.notes);
  const lines = [
    contact.name,
    contact.tier === 'none' ? t('badgeNoTier') : t('badgeCardTier', [contact.tier]),
    t('badgeCardNextTouch', [nextTouch]),
  ];
  if (note) lines.push(note);
  return { key: contact.key, name: contact.name, tier: contact.tier, nextTouch, note, lines };
}
