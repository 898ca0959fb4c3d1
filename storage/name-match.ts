/**
 * "Who do I know here?": a pasted list of names (an attendee list from an e-mail, a PDF, an event page)
 * checked against the notebook. Pure: the contacts come in, nothing is stored.
 *
 * Names are compared as sets of folded words: case, accents and "Last, First" order do not matter, ü/ue,
 * ö/oe, ä/ae and ß/ss are the same, academic titles and text in parentheses are dropped, and hyphens count
 * as spaces (Anna-Lena = Anna Lena). Middle names may be missing on one side. Close but not equal (a typo,
 * an initial, one half of a double surname) is a possible match, never a known one.
 */

/** What the matcher needs of a contact. */
export interface NamedContact {
  key: string;
  name: string;
}

export interface KnownMatch<C> {
  /** the name as pasted, without titles, roles and parentheses */
  input: string;
  contact: C;
}

export interface PossibleMatch<C> {
  input: string;
  /** one or more notebook people it may be: close names, or two people with exactly this name */
  contacts: C[];
}

export interface NameCheck<C> {
  known: KnownMatch<C>[];
  possible: PossibleMatch<C>[];
  /** names as pasted that match no one in the notebook */
  unknown: string[];
}

/** Academic titles, degrees and forms of address: dropped wherever they stand ("Dr.-Ing.", "MBA", "Frau"). */
const TITLES = new Set([
  'dr',
  'prof',
  'professor',
  'dipl',
  'ing',
  'kfm',
  'kffr',
  'kauffr',
  'oec',
  'inf',
  'phys',
  'chem',
  'psych',
  'päd',
  'rer',
  'nat',
  'pol',
  'soc',
  'med',
  'dent',
  'vet',
  'jur',
  'phil',
  'habil',
  'h',
  'c',
  'hc',
  'mult',
  'des',
  'arch',
  'mag',
  'mba',
  'emba',
  'phd',
  'msc',
  'bsc',
  'ma',
  'ba',
  'llm',
  'llb',
  'meng',
  'beng',
  'mres',
  'cpa',
  'cfa',
  'herr',
  'frau',
  'hr',
  'fr',
  'mr',
  'mrs',
  'ms',
  'sir',
  'univ',
  'ra',
  'stb',
  'wp',
  'fh',
  'mdb',
  'mdl',
]);

/** Words that make a comma-separated part a role or an organisation, not a person ("Kanzlei Arendt"). */
const NOT_A_PERSON = new Set([
  'gmbh',
  'ag',
  'kg',
  'ohg',
  'ug',
  'ev',
  'se',
  'inc',
  'ltd',
  'llc',
  'llp',
  'plc',
  'co',
  'corp',
  'kgaa',
  'mbh',
  'kanzlei',
  'bank',
  'sparkasse',
  'versicherung',
  'universitaet',
  'university',
  'hochschule',
  'institut',
  'institute',
  'stiftung',
  'verband',
  'verein',
  'gruppe',
  'group',
  'holding',
  'consulting',
  'partner',
  'partners',
  'rechtsanwaelte',
  'rechtsanwalt',
  'rechtsanwaeltin',
  'steuerberater',
  'steuerberaterin',
  'notar',
  'notarin',
  'geschaeftsfuehrer',
  'geschaeftsfuehrerin',
  'gf',
  'ceo',
  'cto',
  'cfo',
  'coo',
  'cmo',
  'cio',
  'vp',
  'head',
  'manager',
  'managerin',
  'director',
  'direktor',
  'direktorin',
  'leiter',
  'leiterin',
  'inhaber',
  'inhaberin',
  'founder',
  'cofounder',
  'gruender',
  'gruenderin',
  'vorstand',
  'vorsitzender',
  'vorsitzende',
  'team',
  'abteilung',
  'sales',
  'marketing',
  'hr',
  'it',
  'of',
  'and',
  'und',
  'der',
  'die',
  'das',
  'fuer',
  'for',
  'at',
  'bei',
  'the',
  'stadt',
  'amt',
  'ministerium',
  'agentur',
  'agency',
  'studio',
  'labs',
  'lab',
  'media',
  'digital',
  'services',
]);

/** German spellings without umlauts: one form for both ways of writing a name. */
const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

const NON_ASCII = /[^ -~\s]/;
const PARENTHESES = /\([^)]*\)?|\[[^\]]*\]?/g;
/** A plain folded word: the common case, which skips the slower Unicode clean-up below. */
const PLAIN_WORD = /^[a-z]+$/;

/** Lowercase, ü → ue (and the other umlauts), other accents dropped: "Jürgen" = "Juergen", "José" = "jose". */
export function foldName(text: string): string {
  // Names are mostly ASCII: the Unicode normalisations run only when there is something to normalise.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** A word that is a title or a chain of them ("dr.-ing.", "dipl.-kfm.", "prof."). */
function isTitle(word: string): boolean {
  const parts = word.split(/[.-]/).filter(Boolean);
  return parts.length > 0 && parts.every((p) => TITLES.has(p));
}

/** The folded words of a name: titles, parentheses and punctuation gone; hyphenated names split. */
export function nameWords(text: string): string[] {
  const bare = text.includes('(') || text.includes('[') ? text.replace(PARENTHESES, ' ') : text;
  const words: string[] = [];
  for (const raw of foldName(bare).split(/\s+/)) {
    if (PLAIN_WORD.test(raw)) {
      if (!TITLES.has(raw)) words.push(raw);
      continue;
    }
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.-]+$/gu, '');
    if (!word || isTitle(word)) continue;
    for (const part of word.split(/[-.]/)) if (part) words.push(part);
  }
  return words;
}

/** The visible name without titles and parentheses, for showing back what was matched. */
function cleanDisplay(text: string): string {
  return text
    .replace(PARENTHESES, ' ')
    .split(/\s+/)
    .filter((w) => w && !isTitle(foldName(w).replace(/^[^\p{L}]+|[^\p{L}.-]+$/gu, '')))
    .join(' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');
}

function looksLikePerson(words: string[]): boolean {
  return words.length >= 2 && words.length <= 5 && words.every((w) => !NOT_A_PERSON.has(w) && !/\d/.test(w));
}

/**
 * The names in a pasted text. One per line or separated by semicolons; within a part, commas separate
 * either "Last, First", or a name and its roles ("Dr. Anna Arendt, Kanzlei Arendt"), or several names.
 * A role after a dash or a bar ("Anna Arendt – Kanzlei Arendt") is dropped too.
 */
export function splitNames(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split(/[\r\n;\t]+/)) {
    const main = line.split(/\s[–—|-]\s|\s\|\s|•|·/)[0] ?? '';
    const parts = main
      .split(',')
      .map((p) => p.trim())
      .filter((p) => nameWords(p).length > 0);
    const first = parts[0];
    if (first === undefined) continue;
    const second = parts[1];
    // One written word before the comma (a hyphenated double surname is one): "Last, First".
    const lastNameFirst = cleanDisplay(first).split(/\s+/).length === 1;
    if (
      second !== undefined &&
      lastNameFirst &&
      nameWords(second).length <= 3 &&
      looksLikePerson([...nameWords(second), ...nameWords(first)])
    ) {
      // "Müller, Jürgen (Geschäftsführer)": last name first. What follows is a role.
      names.push(`${cleanDisplay(second)} ${cleanDisplay(first)}`);
      continue;
    }
    names.push(cleanDisplay(first));
    // Further parts are more people only when they look like one ("Anna Arendt, Bernd Bauer").
    for (const part of parts.slice(1)) if (looksLikePerson(nameWords(part))) names.push(cleanDisplay(part));
  }
  return names.filter((n) => n !== '');
}

/** No name has a longer word; a longer one (pasted garbage) is compared for equality only. */
const MAX_WORD = 64;
/** Two rows of the edit-distance table, reused: a check of 500 names compares some 20,000 word pairs. */
const rowA = new Uint8Array(MAX_WORD + 1);
const rowB = new Uint8Array(MAX_WORD + 1);

/** Edit distance, stopping early once it exceeds `max` (names are short; only small distances matter). */
function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max || a.length > MAX_WORD || b.length > MAX_WORD) return false;
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = current[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    const done = previous;
    previous = current;
    current = done;
  }
  return (previous[b.length] as number) <= max;
}

/** Same word, or close: one typo in a long word, an initial ("J." for Jürgen), a short form ("Hans" of "Hans-Peter"). */
function closeWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return withinDistance(a, b, Math.min(a.length, b.length) >= 5 ? 2 : 1);
}

/** A name's words, folded once: in the index for each contact, and once per pasted name. */
interface Words {
  /** in written order (first and last name matter) */
  words: string[];
  /** each word once, sorted (the same array when the name repeats no word) */
  unique: string[];
}

interface Indexed<C> extends Words {
  contact: C;
}

function wordsOf(text: string): Words {
  const words = nameWords(text);
  const unique = [...new Set(words)].sort();
  return { words, unique };
}

type Strength = 'exact' | 'close' | null;

/** How a pasted name relates to a notebook name (both as words, in their written order). */
function compare(pasted: Words, stored: Words): Strength {
  // Arrays, not sets: names have two to five words, and 10k sets would cost more to build than to search.
  const [small, large] =
    pasted.unique.length <= stored.unique.length ? [pasted.unique, stored.unique] : [stored.unique, pasted.unique];
  let shared = 0;
  for (const word of small) if (large.includes(word)) shared++;
  if (shared === small.length && small.length === large.length) return 'exact';
  const a = pasted.words;
  const b = stored.words;
  const firstA = a[0] ?? '';
  const lastA = a[a.length - 1] ?? '';
  const firstB = b[0] ?? '';
  const lastB = b[b.length - 1] ?? '';
  // Middle names on one side only: first and last name agree, every word of the shorter name is in the longer.
  if (
    shared === small.length &&
    small.length >= 2 &&
    ((firstA === firstB && lastA === lastB) || (firstA === lastB && lastA === firstB))
  ) {
    return 'exact';
  }
  // Half of a double surname, or a second first name, with at least two words in common.
  if (shared >= 2) return 'close';
  if (a.length < 2 || b.length < 2) return null;
  // A typo, an initial or a short form in one of first and last name, the other equal.
  const sameOrder = (firstA === firstB || lastA === lastB) && closeWord(firstA, firstB) && closeWord(lastA, lastB);
  if (sameOrder) return 'close';
  const swapped = (firstA === lastB || lastA === firstB) && closeWord(firstA, lastB) && closeWord(lastA, firstB);
  return swapped ? 'close' : null;
}

/** Most keys name one person: stored bare, an array only once a second shares it (10k names, some 40k keys). */
type Bucket<T> = T | T[];

function add<T extends object>(map: Map<string, Bucket<T>>, key: string, value: T): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, value);
  else if (Array.isArray(bucket)) bucket.push(value);
  else if (bucket !== value) map.set(key, [bucket, value]);
}

/**
 * Keys under which a name can be found again: every pair of its words (equal names, middle names, half a
 * double surname), its first and last word each with the other's initial (a typo or an initial in one of
 * them), in both orders ("Last First"). A common first name alone is never a key: it would make every
 * "Anna" a candidate for every other.
 */
function lookupKeys({ words, unique }: Words, visit: (key: string) => void): void {
  for (let i = 0; i < unique.length; i++) for (let j = i + 1; j < unique.length; j++) visit(`p:${unique[i]} ${unique[j]}`);
  if (words.length >= 2) {
    const first = words[0] ?? '';
    const last = words[words.length - 1] ?? '';
    visit(`w:${first}|${last[0]}`);
    visit(`w:${last}|${first[0]}`);
  }
}

/** Prepares the notebook once; `check` then costs a few index look-ups per pasted name. */
export function nameMatcher<C extends NamedContact>(contacts: readonly C[]): (text: string) => NameCheck<C> {
  const index = new Map<string, Bucket<Indexed<C>>>();
  for (const contact of contacts) {
    const entry: Indexed<C> = { contact, ...wordsOf(contact.name) };
    if (entry.words.length === 0) continue;
    lookupKeys(entry, (key) => add(index, key, entry));
  }

  return (text) => {
    const result: NameCheck<C> = { known: [], possible: [], unknown: [] };
    const done = new Set<string>();
    for (const input of splitNames(text)) {
      const pasted = wordsOf(input);
      const sorted = pasted.unique.join(' ');
      if (pasted.words.length === 0 || done.has(sorted)) continue; // the same person pasted twice is listed once
      done.add(sorted);
      const candidates = new Set<Indexed<C>>();
      lookupKeys(pasted, (key) => {
        const bucket = index.get(key);
        if (Array.isArray(bucket)) for (const entry of bucket) candidates.add(entry);
        else if (bucket) candidates.add(bucket);
      });
      const exact: C[] = [];
      const close: C[] = [];
      for (const entry of candidates) {
        const strength = compare(pasted, entry);
        if (strength === 'exact') exact.push(entry.contact);
        else if (strength === 'close') close.push(entry.contact);
      }
      const [onlyExact] = exact;
      if (exact.length === 1 && onlyExact) result.known.push({ input, contact: onlyExact });
      else if (exact.length > 1) result.possible.push({ input, contacts: exact });
      else if (close.length > 0) result.possible.push({ input, contacts: close });
      else result.unknown.push(input);
    }
    return result;
  };
}

/** One-off check: `nameMatcher(contacts)(text)`. */
export function checkNames<C extends NamedContact>(text: string, contacts: readonly C[]): NameCheck<C> {
  return nameMatcher(contacts)(text);
}
