/**
 * Small DOM readers shared by the site extractors. They only query (`querySelector` with specific
 * selectors) and read `textContent`/attributes: no tree walks, no innerHTML, no element creation.
 */
import type { ScrapedFields } from './types';

/** Longer than any name, headline, company or place: such a text came from the wrong element. */
const MAX_FIELD_CHARS = 500;
/** JSON-LD blocks larger than this are not a profile's Person block; parsing them would cost time. */
const MAX_JSON_LD_CHARS = 100_000;
/** Profile pages carry one or two JSON-LD blocks; do not look further. */
const MAX_JSON_LD_BLOCKS = 8;

/** Reads a field without letting one broken reader take the others down. */
export function attempt<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export function emptyFields(): ScrapedFields {
  return { name: null, headline: null, company: null, location: null, photoUrl: null, aliases: [] };
}

/** Collapses whitespace, drops zero-width characters, trims; null for empty or implausibly long text. */
export function cleanText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const clean = text
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return clean && clean.length <= MAX_FIELD_CHARS ? clean : null;
}

export function textOf(element: Element | null | undefined): string | null {
  return element ? cleanText(element.textContent) : null;
}

/** The element's own text nodes only, without the badges some sites nest inside the name heading. */
export function ownTextOf(element: Element | null | undefined): string | null {
  if (!element) return null;
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType === 3 /* TEXT_NODE */) text += node.nodeValue ?? '';
  }
  return cleanText(text);
}

/**
 * The element's text without the subtrees matching `skip` (badges and flags that sites nest inside a name
 * heading: an `<svg><title>Verified</title></svg>`, a membership button). A name heading is a handful of
 * nodes, so the walk stays small.
 */
export function textWithout(element: Element | null | undefined, skip: string): string | null {
  if (!element) return null;
  const collect = (node: Node, depth: number): string => {
    if (node.nodeType === 3 /* TEXT_NODE */) return node.nodeValue ?? '';
    if (node.nodeType !== 1 /* ELEMENT_NODE */ || depth > 8 || (node as Element).matches(skip)) return '';
    let text = '';
    for (let child = node.firstChild; child; child = child.nextSibling) text += collect(child, depth + 1);
    return text;
  };
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) text += collect(child, 0);
  return cleanText(text);
}

/** Text of the first selector that matches an element with text; selectors are tried in order. */
export function firstText(root: ParentNode | null, selectors: readonly string[]): string | null {
  if (!root) return null;
  for (const selector of selectors) {
    const text = textOf(root.querySelector(selector));
    if (text) return text;
  }
  return null;
}

/** First element matched by the selectors, in the order of the selectors (not of the document). */
export function firstElement(root: ParentNode | null, selectors: readonly string[]): Element | null {
  if (!root) return null;
  for (const selector of selectors) {
    const element = root.querySelector(selector);
    if (element) return element;
  }
  return null;
}

/**
 * Reads `<meta property=…>` (or, as 2016 LinkedIn wrote it, `<meta name=…>`) content. One pass over the
 * page's meta elements on first use, instead of one selector scan per key.
 */
export function metaReader(doc: Document): (key: string) => string | null {
  let contents: Map<string, string> | null = null;
  return (key) => {
    if (!contents) {
      contents = new Map();
      const metas = doc.getElementsByTagName('meta');
      for (let i = 0; i < metas.length; i++) {
        const meta = metas[i];
        const name = meta?.getAttribute('property') ?? meta?.getAttribute('name');
        const content = meta?.getAttribute('content');
        if (name && content != null && !contents.has(name)) contents.set(name, content);
      }
    }
    return cleanText(contents.get(key));
  };
}

/** Resolves a URL from the page against the page's address; only http(s) survives (no data:, javascript:). */
export function httpUrl(raw: string | null | undefined, doc: Document): string | null {
  const text = raw?.trim();
  if (!text) return null;
  try {
    const url = new URL(text, doc.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Placeholder pictures of people without a photo (LinkedIn's 1x1 GIF and ghost avatars). */
const GHOST_URL = /ghost|9c8pery4andzj6ohjkjp54ma2/i;

/**
 * The photo an `<img>` shows: null when it is a placeholder (the person has no photo), else the absolute
 * http(s) URL. Lazy-loaded images keep the real address in `data-delayed-url` while `src` is still the ghost.
 */
export function photoOf(img: Element, doc: Document, isPlaceholder: (url: string) => boolean = () => false): string | null {
  if (/ghost/i.test(img.getAttribute('class') ?? '')) return null;
  const raw = img.getAttribute('data-delayed-url') || img.getAttribute('src');
  if (!raw || raw === img.getAttribute('data-ghost-url')) return null;
  const url = httpUrl(raw, doc);
  if (!url || GHOST_URL.test(url) || isPlaceholder(url)) return null;
  return url;
}

/** A photo URL from a meta tag or JSON-LD, with the same placeholder rules. */
export function photoFromUrl(
  raw: string | null | undefined,
  doc: Document,
  isPlaceholder: (url: string) => boolean = () => false,
): string | null {
  const url = httpUrl(raw, doc);
  return url && !GHOST_URL.test(url) && !isPlaceholder(url) ? url : null;
}

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(node: JsonObject, type: string): boolean {
  const value = node['@type'];
  return value === type || (Array.isArray(value) && value.includes(type));
}

function collectPersons(node: unknown, out: JsonObject[], depth: number): void {
  if (depth > 2) return;
  if (Array.isArray(node)) {
    for (const item of node) collectPersons(item, out, depth + 1);
  } else if (isObject(node)) {
    if (hasType(node, 'Person')) out.push(node);
    if (Array.isArray(node['@graph'])) collectPersons(node['@graph'], out, depth + 1);
  }
}

/**
 * Top-level JSON-LD `Person` objects (also inside `@graph`). Only small blocks are parsed: a profile's
 * Person block is a few KB, while SPA data blobs can be megabytes.
 */
export function jsonLdPersons(doc: Document): JsonObject[] {
  const persons: JsonObject[] = [];
  const scripts = doc.getElementsByTagName('script');
  let blocks = 0;
  for (let i = 0; i < scripts.length && blocks < MAX_JSON_LD_BLOCKS; i++) {
    const script = scripts[i];
    if (script?.getAttribute('type') !== 'application/ld+json') continue;
    blocks++;
    const text = script.textContent ?? '';
    if (!text || text.length > MAX_JSON_LD_CHARS) continue;
    try {
      collectPersons(JSON.parse(text), persons, 0);
    } catch {
      // a broken block is someone else's problem; the other sources still count
    }
  }
  return persons;
}

/**
 * The JSON-LD Person of this profile: its `url`/`sameAs` must lead to the same contact key. A Person
 * without any URL is accepted only when it is the page's only Person.
 */
export function jsonLdPersonFor(doc: Document, keyOfUrl: (url: string) => string | null, key: string): JsonObject | null {
  const persons = jsonLdPersons(doc);
  for (const person of persons) {
    const urls = [person.url, person.sameAs].flat().filter((u): u is string => typeof u === 'string');
    if (urls.some((u) => keyOfUrl(u) === key)) return person;
  }
  const only = persons.length === 1 ? persons[0] : undefined;
  return only && only.url === undefined && only.sameAs === undefined ? only : null;
}

/** A JSON-LD value as text: a string, or the `name` of an object, or the first of an array. */
export function jsonText(value: unknown): string | null {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return jsonText(value[0]);
  if (isObject(value)) return jsonText(value.name);
  return null;
}

/** `image` of a JSON-LD Person: a URL string or an ImageObject. */
export function jsonImageUrl(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return jsonImageUrl(value[0]);
  if (isObject(value)) return jsonImageUrl(value.contentUrl ?? value.url);
  return null;
}

/** `address.addressLocality` of a JSON-LD Person. */
export function jsonLocality(person: JsonObject): string | null {
  const address = Array.isArray(person.address) ? person.address[0] : person.address;
  return isObject(address) ? jsonText(address.addressLocality) : null;
}
