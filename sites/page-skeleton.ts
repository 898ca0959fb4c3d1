/**
 * "Help fix this page": the structure of the page's top card, for the user to send us when we misread a
 * page. Only what a selector needs survives: tag names, attribute names and class tokens as their length.
 * No text, no attribute values (so no URLs, ids, labels or alt texts), so nothing says who the person is
 * or whom the user knows. Runs in the content script only when the user asks for it. Imports no site
 * module (nor `sites/index.ts`): the content script passes its own, so the other site stays out of its bundle.
 */
import { readSiteProfile } from './read-profile';
import type { SiteModule } from './types';

/** Enough for a top card (about 150 elements on 2026 LinkedIn); a whole `main` is cut off here. */
const MAX_ELEMENTS = 400;
const MAX_DEPTH = 40;
/** Not structure anyone reads from; their children are noise (svg paths) or code. */
const LEAF_TAGS = new Set(['svg', 'math', 'iframe', 'select']);
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'link', 'meta']);

/**
 * An attribute name as a selector would use it. Names are the site's vocabulary, but a long or odd one
 * could still carry an id: digits become `#`, long parts and anything outside [a-z0-9-:_] become `?`.
 */
function safeAttributeName(raw: string): string {
  // SVG keeps camelCase names (`viewBox`)
  const name = raw.toLowerCase();
  if (!/^[a-z][a-z0-9:_-]*$/.test(name) || name.length > 40) return '?';
  return name
    .split('-')
    .map((part) => (part.length > 20 ? '?' : part.replace(/\d+/g, '#')))
    .join('-');
}

function describe(element: Element): string {
  const parts = [element.localName.replace(/[^a-z0-9-]/g, '?')];
  const names: string[] = [];
  for (const attribute of Array.from(element.attributes)) {
    if (attribute.name === 'class') continue;
    names.push(safeAttributeName(attribute.name));
  }
  parts.push(...names.sort());
  const classes = (element.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  if (classes.length > 0) parts.push(`class=${classes.map((c) => c.length).join(',')}`);
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 /* TEXT_NODE */ && node.nodeValue?.trim()) {
      parts.push('+text');
      break;
    }
  }
  return parts.join(' ');
}

/** The element tree as indented lines, depth first, cut at `MAX_ELEMENTS`. */
export function structureOf(root: Element): string[] {
  const lines: string[] = [];
  const visit = (element: Element, depth: number) => {
    if (lines.length >= MAX_ELEMENTS) return;
    const tag = element.localName;
    if (SKIP_TAGS.has(tag)) return;
    lines.push(`${'  '.repeat(depth)}${describe(element)}`);
    if (LEAF_TAGS.has(tag) || depth >= MAX_DEPTH) return;
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) visit(child, depth + 1);
  };
  visit(root, 0);
  if (lines.length >= MAX_ELEMENTS) lines.push(`… cut after ${MAX_ELEMENTS} elements`);
  return lines;
}

/**
 * The report for the page at `url`: extension version, page type, which fields were not read, and the
 * structure of the top card (or of `main`, or `body`, when no top card was found). Null off `site`'s
 * profile pages. Takes the site so a content script built for one site carries only its readers.
 */
export function pageSkeleton(site: SiteModule, doc: Document, url: string, version: string): string | null {
  const info = site.profileFromUrl(url);
  if (!info) return null;
  const reading = readSiteProfile(site, doc, url);
  const card = site.topCard(doc, info);
  const main = doc.querySelector('main, [role="main"]');
  const [rootName, root] = card ? ['top card', card] : main ? ['main', main] : ['body', doc.body];
  const lang = doc.documentElement.getAttribute('lang') ?? '';
  return [
    'Kontaktpflege page report: structure only (no text, links or names)',
    `version: ${version.replace(/[^0-9a-z.+-]/gi, '')}`,
    `page: ${site.site} ${info.isMainPage ? 'profile' : 'profile sub-page'}`,
    `language: ${/^[a-z]{2,3}(?:-[a-z]{2,4})?$/i.test(lang) ? lang : '?'}`,
    `not read: ${reading?.showsPerson === false ? 'page shows another person' : reading?.missing.join(', ') || 'nothing'}`,
    `root: ${rootName}`,
    '',
    ...(root ? structureOf(root) : []),
  ].join('\n');
}
