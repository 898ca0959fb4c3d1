/**
 * vCard 3.0 and 4.0 (Outlook, Apple Contacts, Android, XING) read with ical.js, which unfolds lines
 * (RFC 6350 §3.2) and unescapes `\,` `\;` `\n` (§3.4); we only pick fields from its jCard (RFC 7095).
 * Pure: a string in, people out.
 */
import ICAL from 'ical.js';
import { profileFromUrl } from '../../sites';
import type { ProfileUrlInfo } from '../../sites/types';
import type { ImportDuplicate, ImportedKeyDate, ImportedPerson, ImportSkip, ParseResult } from './types';

/** True when the text is a vCard file (what its first line says, not the file name). */
export function looksLikeVcard(text: string): boolean {
  return /^\uFEFF?\s*BEGIN:VCARD\b/i.test(text);
}

/** One jCard property: `[name, params, type, ...values]`; a structured value (N, ORG) is a string array. */
type JCardValue = string | string[];
interface JProperty {
  name: string;
  params: Record<string, string | string[]>;
  values: JCardValue[];
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** ical.js returns untyped arrays: keep only what has the jCard shape, so a surprise cannot crash the import. */
function toProperty(raw: unknown): JProperty | null {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'object' || raw[1] === null) return null;
  const values = (raw.slice(3) as unknown[]).filter((v): v is JCardValue => typeof v === 'string' || isStringArray(v));
  return { name: raw[0].toLowerCase(), params: raw[1] as Record<string, string | string[]>, values };
}

function cardsOf(parsed: unknown): JProperty[][] {
  // One card parses to `['vcard', props, subs]`, several to an array of those.
  const list: unknown[] = Array.isArray(parsed) && parsed[0] === 'vcard' ? [parsed] : Array.isArray(parsed) ? parsed : [];
  return list
    .filter((c): c is [string, unknown[]] => Array.isArray(c) && c[0] === 'vcard' && Array.isArray(c[1]))
    .map((c) => c[1].map(toProperty).filter((p): p is JProperty => p !== null));
}

/** The property's text: structured parts joined by `sep`, several values by ',' (ical.js splits an unescaped comma). */
function textOf(p: JProperty | undefined, sep: string): string {
  if (!p) return '';
  return p.values
    .map((v) =>
      Array.isArray(v)
        ? v
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .join(sep)
        : v,
    )
    .join(',')
    .trim();
}

const DATE = /^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T.*)?$/;

/**
 * `1976-05-14`, `19760514`, `--0229`, `--02-29` (no year), with or without a time. Apple writes an
 * unknown year as 1604 (and says so in `X-APPLE-OMIT-YEAR`): the year is then null, never guessed.
 */
export function parseCardDate(
  value: string,
  omitYear: string | undefined,
  kind: ImportedKeyDate['kind'],
): ImportedKeyDate | null {
  const m = DATE.exec(value.trim());
  if (!m) return null;
  const [, y = '--', mm = '', dd = ''] = m;
  const month = Number(mm);
  const day = Number(dd);
  // 2000 is a leap year, so 29 February passes when the year is unknown.
  const probe = new Date(Date.UTC(y === '--' ? 2000 : Number(y), month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const year = y === '--' || y === '1604' || y === omitYear ? null : Number(y);
  return { kind, month, day, year };
}

function param(p: JProperty, name: string): string | undefined {
  const v = p.params[name];
  return typeof v === 'string' ? v : v?.[0];
}

/** Profiles of the card's URL and X-SOCIALPROFILE lines: LinkedIn first, then XING, each in card order, distinct. */
function profilesOf(props: readonly JProperty[]): ProfileUrlInfo[] {
  const found: ProfileUrlInfo[] = [];
  for (const p of props) {
    if (p.name !== 'url' && p.name !== 'x-socialprofile') continue;
    const info = profileFromUrl(textOf(p, ''));
    if (info && !found.some((f) => f.key === info.key)) found.push(info);
  }
  return [...found.filter((f) => f.site === 'linkedin'), ...found.filter((f) => f.site !== 'linkedin')];
}

function nameOf(props: readonly JProperty[]): string {
  const fn = textOf(
    props.find((p) => p.name === 'fn'),
    ' ',
  );
  if (fn) return fn;
  // N is family;given;additional;prefix;suffix
  const n = props.find((p) => p.name === 'n')?.values[0];
  if (isStringArray(n)) {
    const [family = '', given = '', additional = '', prefix = '', suffix = ''] = n;
    return [prefix, given, additional, family, suffix]
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .join(' ');
  }
  return '';
}

function personOf(props: readonly JProperty[], at: number): ImportedPerson | ImportSkip {
  const first = (name: string) => props.find((p) => p.name === name);
  const company = textOf(first('org'), ', ');
  const email = textOf(first('email'), '');
  const name = nameOf(props) || company || email;
  if (name === '') return { at, name: '', reason: 'noName' };
  const keyDates: ImportedKeyDate[] = [];
  for (const p of props) {
    if (p.name !== 'bday' && p.name !== 'anniversary') continue;
    const date = parseCardDate(textOf(p, ''), param(p, 'x-apple-omit-year'), p.name === 'bday' ? 'birthday' : 'anniversary');
    if (date) keyDates.push(date);
  }
  return {
    at,
    profiles: profilesOf(props),
    name,
    headline: textOf(first('title'), ', '),
    company,
    email,
    phone: textOf(first('tel'), '').replace(/^tel:/i, ''),
    note: props
      .filter((p) => p.name === 'note')
      .map((p) => textOf(p, ''))
      .filter((s) => s !== '')
      .join('\n'),
    connectedOn: null,
    keyDates,
  };
}

const PROPERTY_NAME = /^[a-z0-9-]+$/;

/** The line of the file that starts with `name` (ical.js lowercased it), for the message. */
function brokenSource(text: string, name: string): string {
  const line = text.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(name));
  return (line ?? name).slice(0, 120);
}

/** The line ical.js names at the end of its error (`invalid line (no token ";" or ":") "altet wurde"`). */
function brokenLine(message: string): string {
  const quoted = /"([^"]*)"\s*$/.exec(message);
  return (quoted?.[1] ?? message).slice(0, 120);
}

/**
 * The people of a vCard file. Each card with a LinkedIn or XING link is that profile's person (the
 * other links become aliases or a line in the notes, see the planner); a card without one becomes a
 * contact without a profile page. Cards for a profile already met in the file are duplicates.
 */
export function parseVcards(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: { code: 'empty' } };
  let parsed: unknown;
  try {
    parsed = ICAL.parse(body);
  } catch (error) {
    return {
      ok: false,
      error: { code: 'brokenVcard', detail: brokenLine(error instanceof Error ? error.message : String(error)) },
    };
  }
  const cards = cardsOf(parsed);
  // A continuation line that lost its leading space but holds a colon ("gef⏎altet wurde: Umlaute") parses
  // as a property named "altet wurde"; RFC 6350 names are letters, digits and '-', so it is broken folding.
  for (const props of cards) {
    const bad = props.find((p) => !PROPERTY_NAME.test(p.name));
    if (bad) return { ok: false, error: { code: 'brokenVcard', detail: brokenSource(body, bad.name) } };
  }
  const people: ImportedPerson[] = [];
  const skipped: ImportSkip[] = [];
  const duplicates: ImportDuplicate[] = [];
  const firstSeen = new Map<string, number>();
  cards.forEach((props, i) => {
    const person = personOf(props, i + 1);
    if (!('profiles' in person)) {
      skipped.push(person);
      return;
    }
    const seen = person.profiles.map((p) => firstSeen.get(p.key)).find((n) => n !== undefined);
    if (seen !== undefined) {
      duplicates.push({ at: person.at, firstAt: seen, name: person.name });
      return;
    }
    for (const p of person.profiles) firstSeen.set(p.key, person.at);
    people.push(person);
  });
  if (people.length === 0) return { ok: false, error: { code: 'noPeople' } };
  return { ok: true, parsed: { source: 'vcard', people, skipped, duplicates } };
}
