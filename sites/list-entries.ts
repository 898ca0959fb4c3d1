/**
 * People lists on a page (search results, My Network, "People also viewed", a company's People tab, event
 * attendees, reactions, the feed's post authors): DOM in, ordered entries out. Pure apart from reading the
 * DOM it is given; the same rules serve both sites through their URL rules.
 *
 * Class names are hashed since 2024, so an entry is recognised by structure and links only:
 * - an entry is a list item (`<li>` or `role="listitem"`) whose first link leads to a person (by the site's
 *   URL rules). A project or publication item starts with its own link, so its co-authors are not entries;
 * - the entry's person is that first link's person; further links to other people inside it (mutual
 *   connections, "liked by …") are not entries, and several links to the same person count once;
 * - the page's own person (the profile being viewed) and links inside the page's navigation or header
 *   ("Me") are never entries; nor are hidden members (`href="#"`: no person by URL).
 * - the feed: every post and every comment is an `article` (LinkedIn marks them `role="article"` or
 *   `<article>`, an accessibility role that outlived the class names). Its entry is its author: the first
 *   link to a person that is not part of running text. A name inside a sentence is someone else: the
 *   header "Anna Arendt likes this" above a post (she is not its author), and a mention inside the post
 *   or comment text. A link with only a photo names nobody by itself (the header has one for the liker).
 *   A reshared post is an article inside the resharer's: both authors are entries, in page order. A
 *   company as author (`/company/…`) is no person: that post has no entry, its comments do.
 */
import type { ProfileUrlInfo } from './types';

export interface ListEntry {
  /** canonical contact key of the person (`linkedin:<slug>`, `linkedin:id:ACoAA…`, `xing:<Name>`) */
  key: string;
  /** the list item: where the badge goes, and what a re-render replaces */
  element: Element;
  /** the first link to the person inside the entry: the badge sits right after it */
  link: HTMLAnchorElement;
}

export interface NamedListEntry extends ListEntry {
  /** the name as the page shows it; '' when the entry shows none */
  name: string;
}

export type PersonFromUrl = (url: string) => ProfileUrlInfo | null;

const ENTRY = 'li, [role="listitem"], article, [role="article"]';
const ARTICLE = 'article, [role="article"]';
/** The page's own chrome: the viewer's "Me" menu, the global navigation. */
const CHROME = 'nav, header, [role="navigation"], [role="banner"]';

function collapse(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Text only screen readers get: "Member's name", "View X's profile", "Status is offline". */
const SCREEN_READER_ONLY = '.visually-hidden, .sr-only, .a11y-text';

/** The first piece of text a sighted user sees in `element`: the name comes before headline and degree. */
function firstVisibleText(element: Element): string {
  const walker = element.ownerDocument.createTreeWalker(element, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = collapse(node.nodeValue);
    if (text && !node.parentElement?.closest(SCREEN_READER_ONLY)) return text;
  }
  return '';
}

/**
 * The name a link shows, and how sure we are. The name comes first in a person's link (before degree and
 * headline; in 2024 an `aria-hidden` copy before a visually hidden "View X's profile"). A photo link's
 * text (a presence dot) is the last choice.
 */
function nameOfLink(link: HTMLAnchorElement): { name: string; weight: number } {
  const text = firstVisibleText(link);
  if (!text) return { name: '', weight: 0 };
  return { name: text, weight: link.querySelector('img, svg') ? 1 : 2 };
}

function entryName(links: HTMLAnchorElement[]): string {
  let best = { name: '', weight: 0 };
  for (const link of links) {
    const candidate = nameOfLink(link);
    if (candidate.weight > best.weight) best = candidate;
  }
  return best.name;
}

/**
 * Longer than any people card (search results with a summary stay under 500 characters): on a profile page
 * such an item is a recommendation or another section, whose author is not a list entry.
 */
const MAX_CARD_TEXT = 600;

/** A link inside a sentence: its parent has text of its own beside it ("<a>Anna</a> likes this", "thanks <a>Tom</a>!"). */
function inRunningText(link: Element): boolean {
  for (const node of link.parentNode?.childNodes ?? []) if (node.nodeType === 3 && node.nodeValue?.trim()) return true;
  return false;
}

/** The author's link of a post or comment: see the rules above. */
function authorLink(article: Element, personFromUrl: PersonFromUrl): HTMLAnchorElement | null {
  for (const link of article.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    // a comment or reshared post inside is an entry of its own; a photo-only link names nobody by itself
    if (link.closest(ENTRY) !== article || !collapse(link.textContent) || inRunningText(link)) continue;
    if (personFromUrl(link.href)) return link;
  }
  return null;
}

/**
 * The people lists of `root`, in document order, one entry per list item. `pageUrl` names the page's own
 * person (on a profile page), who is never an entry; `ownKeys` adds other keys of that person read from the
 * page (member ids, legacy URLs).
 */
export function findListEntries(
  root: ParentNode,
  personFromUrl: PersonFromUrl,
  pageUrl: string,
  ownKeys: readonly string[] = [],
): ListEntry[] {
  const own = new Set(ownKeys);
  const pagePerson = personFromUrl(pageUrl);
  if (pagePerson) own.add(pagePerson.key);
  const entries: ListEntry[] = [];
  const seen = new Set<Element>();
  for (const item of root.querySelectorAll(ENTRY)) {
    if (seen.has(item) || item.closest(CHROME)) continue;
    const first = item.matches(ARTICLE) ? authorLink(item, personFromUrl) : item.querySelector<HTMLAnchorElement>('a[href]');
    if (!first) continue;
    const person = personFromUrl(first.href);
    // A nested list item may be the real entry (a card inside a carousel slot): leave the outer one be.
    if (!person || own.has(person.key) || first.closest(ENTRY) !== item) continue;
    if (pagePerson && collapse(item.textContent).length > MAX_CARD_TEXT) continue;
    seen.add(item);
    entries.push({ key: person.key, element: item, link: first });
  }
  return entries;
}

/**
 * The same entries with the name each shows (from all its links to the person). Separate, so the content
 * script, which needs only keys and places, does not ship the name rules (profile-page size budget).
 */
export function findNamedListEntries(
  root: ParentNode,
  personFromUrl: PersonFromUrl,
  pageUrl: string,
  ownKeys: readonly string[] = [],
): NamedListEntry[] {
  return findListEntries(root, personFromUrl, pageUrl, ownKeys).map((entry) => {
    const links = [...entry.element.querySelectorAll<HTMLAnchorElement>('a[href]')].filter(
      (a) => a.closest(ENTRY) === entry.element && personFromUrl(a.href)?.key === entry.key,
    );
    return { ...entry, name: entryName(links) };
  });
}
