/**
 * Reads a LinkedIn profile page. Selectors are arrays of fallbacks, most stable first, each naming the
 * page variant it serves. Since 2025 LinkedIn hashes its class names, so structure leads: the profile's
 * one `h1` in `main`, `data-*`/`aria-*` attributes, JSON-LD, `og:`/`profile:` meta and `<title>`; the
 * artdeco utility classes (`text-body-medium`, …) that survived the hashing come next, then old vintages.
 *
 * Fixture vintages (tests/fixtures/linkedin): 2026 server-driven UI (synthetic pages built from the
 * documented facts: no `<h1>`, the name an `<h2>` inside the link to the profile itself), 2024 logged-in
 * voyager (full DOM, and body-only captures without `<head>`), 2024 guest view, 2016 public_profile_v3,
 * 2016 classic logged-in view, 2013 hresume.
 */
import type { ProfileUrlInfo, ScrapedFields } from '../types';
import {
  attempt,
  cleanText,
  emptyFields,
  firstElement,
  firstText,
  jsonImageUrl,
  jsonLdPersonFor,
  jsonLocality,
  jsonText,
  metaReader,
  photoFromUrl,
  photoOf,
  textOf,
  textWithout,
  type JsonObject,
} from '../read-page';
import { MEMBER_ID, profileFromLinkedInUrl } from './detect';

// ---------------------------------------------------------------------------------------------------
// Page shape
// ---------------------------------------------------------------------------------------------------

/** "Profile Not Found" (guest view; logged-in visitors are redirected to /404/ instead). */
const NOT_FOUND = [
  // 2024 guest: `/public-profile/in/<slug>/` answers "An exact match for <slug> could not be found."
  'h1.page-not-found__headline',
  '.page-not-found',
];

/**
 * The profile's name heading. A profile page has exactly one visible `h1`, in the top card in `main`
 * (2025 hashed-class redesign, 2024 logged-in voyager, 2024 guest, 2016 public_profile_v3).
 */
const MAIN_H1 = 'main h1';
/** Visually hidden headings label other pages for screen readers (the feed); never a name. */
const NOT_A_NAME_HEADING = /(?:^|\s)(?:page-not-found__headline|visually-hidden|a11y-text|sr-only)(?:\s|$)/;

function topCardHeading(doc: Document): Element | null {
  const headings = doc.querySelectorAll(MAIN_H1);
  for (let i = 0; i < headings.length && i < 5; i++) {
    const h1 = headings[i];
    // 2025–26 guest: a sign-in modal may sit over the top card; its heading is never the person
    if (h1 && !NOT_A_NAME_HEADING.test(h1.getAttribute('class') ?? '') && !h1.closest('[aria-modal="true"]')) return h1;
  }
  return null;
}

export function isNotFoundPage(doc: Document): boolean {
  return firstElement(doc, NOT_FOUND) !== null || /^profile not found\b/i.test(doc.title.trim());
}

/** The top card: the section around the name heading (2024 logged-in `section.artdeco-card`, guest `section.top-card-layout`). */
function findTopCard(heading: Element | null): Element | null {
  return heading ? (heading.closest('section') ?? heading.closest('main')) : null;
}

/** Links in the top card that carry the shown person's slug (both 2024 logged-in; modals of that profile). */
const TOP_CARD_IDENTITY_LINKS = ['a[href*="/overlay/about-this-profile"]', 'a[href*="/overlay/contact-info"]'];

/** The contact key the top card's own links point to, or null when the top card has no such link. */
function topCardKey(topCard: Element | null): string | null {
  const href = firstElement(topCard, TOP_CARD_IDENTITY_LINKS)?.getAttribute('href');
  if (!href) return null;
  try {
    // Relative links resolve against LinkedIn itself: only the path names the person.
    return profileFromLinkedInUrl(new URL(href, 'https://www.linkedin.com/').href)?.key ?? null;
  } catch {
    return null;
  }
}

/**
 * Links of the profile's own sections ("Show all experiences", skill overlays) name the person's member URN:
 * `/in/<slug>/details/experience?profileUrn=urn%3Ali%3Afsd_profile%3AACoAA…` (2024 logged-in, full DOM).
 * The slug in the same link ties the URN to the person; sidebars link other people with `fs_miniProfile`.
 */
const PROFILE_URN_LINKS = [
  // 2024 logged-in (percent-encoded query value, as LinkedIn writes it)
  'a[href*="profileUrn=urn%3Ali%3Afsd_profile%3A"]',
  'a[href*="profileUrn=urn:li:fsd_profile:"]',
];
/** More than enough: one is sufficient, a page has about twenty. */
const MAX_URN_LINKS = 40;

interface UrnLink {
  /** contact key of the link's path (`linkedin:<slug>`) */
  pathKey: string;
  /** `linkedin:id:ACoAA…` from its `profileUrn` parameter */
  idKey: string;
}

/** `enough`: stop at the first link it accepts (all links of one person name the same two keys). */
function profileUrnLinks(scope: ParentNode, enough?: (link: UrnLink) => boolean): UrnLink[] {
  const links: UrnLink[] = [];
  let anchors = scope.querySelectorAll(PROFILE_URN_LINKS[0] ?? '');
  if (anchors.length === 0) anchors = scope.querySelectorAll(PROFILE_URN_LINKS[1] ?? '');
  for (let i = 0; i < anchors.length && i < MAX_URN_LINKS; i++) {
    const href = anchors[i]?.getAttribute('href');
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href, 'https://www.linkedin.com/');
    } catch {
      continue;
    }
    const urn = /^urn:li:fsd_profile:(.+)$/.exec(url.searchParams.get('profileUrn') ?? '');
    const pathKey = profileFromLinkedInUrl(url.href)?.key;
    if (!urn?.[1] || !MEMBER_ID.test(urn[1]) || !pathKey) continue;
    const link = { pathKey, idKey: `linkedin:id:${urn[1]}` };
    links.push(link);
    if (enough?.(link)) break;
  }
  return links;
}

interface TopCardCheck {
  /** the top card shows another person than the URL (LinkedIn swaps the URL before the DOM) */
  stale: boolean;
  /** the top card's own links name the URL's person */
  confirmed: boolean;
  aliases: string[];
}

const isIdKey = (key: string) => key.startsWith('linkedin:id:');
/** `/pub/…` and `/profile/view?id=` keys cannot be compared with what the top card links to. */
const isLegacyKey = (key: string) => key.startsWith('linkedin:pub:') || key.startsWith('linkedin:member:');
const STALE: TopCardCheck = { stale: true, confirmed: false, aliases: [] };

/**
 * Compares the person the top card links to with the URL's person, and collects the person's other keys.
 * Only the DOM counts: JSON blocks of earlier SPA pages linger in the document (the anna-lena fixture
 * holds another person's profile JSON). A vanity slug and a member id are compared through the profile's
 * URN links, each of which names both.
 */
function checkTopCard(doc: Document, info: ProfileUrlInfo, topCard: Element | null, withAliases: boolean): TopCardCheck {
  if (isLegacyKey(info.key)) return { stale: false, confirmed: false, aliases: [] };
  let links: UrnLink[] | null = null;
  const scope = () => doc.querySelector('main') ?? doc;
  const urnLinks = (): UrnLink[] => (links ??= profileUrnLinks(scope()));

  const shownKey = topCardKey(topCard);
  let confirmed = false;
  if (shownKey && !isLegacyKey(shownKey)) {
    if (shownKey === info.key) confirmed = true;
    else if (isIdKey(shownKey) === isIdKey(info.key)) return STALE;
    else {
      // one is a vanity slug, the other a member id: a section link naming both decides
      const slugKey = isIdKey(info.key) ? shownKey : info.key;
      const idKey = isIdKey(info.key) ? info.key : shownKey;
      const tie = urnLinks().find((link) => link.pathKey === slugKey);
      if (tie && tie.idKey !== idKey) return STALE;
      confirmed = tie !== undefined;
    }
  }
  if (!withAliases) return { stale: false, confirmed, aliases: [] };

  const aliases = new Set<string>();
  // One link names both keys of one person (path slug and profileUrn): reliable even without a top card,
  // since a previous person's leftover links carry that person's slug, not this URL's.
  // issue 13: up to the first link naming this person, not every section of the page
  for (const link of links ?? profileUrnLinks(scope(), (l) => l.pathKey === info.key || l.idKey === info.key)) {
    if (link.pathKey === info.key) aliases.add(link.idKey);
    if (link.idKey === info.key) aliases.add(link.pathKey);
  }
  if (confirmed) {
    if (shownKey) aliases.add(shownKey);
    // 2024 logged-in: the top card section carries the shown member's numeric id (the 2013 `/profile/view?id=` key).
    const memberId = topCard?.closest('[data-member-id]')?.getAttribute('data-member-id');
    if (memberId && /^[1-9]\d*$/.test(memberId)) aliases.add(`linkedin:member:${memberId}`);
  }
  aliases.delete(info.key);
  return { stale: false, confirmed, aliases: [...aliases] };
}

// ---------------------------------------------------------------------------------------------------
// 2026 server-driven top card
// ---------------------------------------------------------------------------------------------------

/**
 * 2026 server-driven UI (SDUI): no `<h1>`; the name is an `<h2>` inside a link to the profile's own URL,
 * followed by paragraphs (degree "· 1.", headline, "Company · School", location + "Contact info").
 * Every class is hashed, so only tags, links and order are used. Other `<h2>`s on the page are section
 * headings or other people's cards: only the link to *this* profile (same contact key) counts.
 */
const SDUI_NAME_HEADINGS = [
  // 2026 SDUI (the documented shape): the link wraps the heading
  'a[href*="/in/"] h2',
  // the link inside the heading instead (older server-rendered cards; not seen on 2026 top cards yet)
  'h2 a[href*="/in/"]',
].join(', ');
/** A profile page has a few dozen linked headings at most (suggestions, activity). */
const MAX_SDUI_HEADINGS = 40;
/** The top card's text block is a few wrappers above the name link. */
const MAX_CARD_LEVELS = 8;
/** Badges nested in the name heading (verified `<svg><title>`), never part of the name. */
const NAME_BADGES = 'svg, img, button, [role="img"]';
/** Cards about other people sit in lists and side rails; never the top card. */
const NOT_TOP_CARD = 'aside, li, [role="list"], [role="listitem"], [role="complementary"]';

/** The connection degree paragraph: "· 1st", "· 2nd", "· 3rd+", German "· 1.", "· 3.+", "1st degree connection". */
function isDegree(text: string): boolean {
  const rest = text.replace(/^[·•]\s*/, '');
  return (
    /^\d(?:st|nd|rd|th|\.)?\+?$/i.test(rest) ||
    (rest !== text && /^\d/.test(rest) && rest.length < 40) ||
    /^\d(?:st|nd|rd|th|\.)\+?\s+(?:degree|Grades)\b/i.test(rest)
  );
}

/** Lines of the top card that are not the person's fields: "500+ connections", "1.234 Follower", mutual contacts. */
const NOT_A_FIELD = /^[\d.,]+\+?\s+(?:connections|followers?|Kontakte|Follower)\b|\bmutual connection|\bgemeinsame Kontakte\b/i;

function keyOfHref(href: string | null): string | null {
  if (!href) return null;
  try {
    // Relative links resolve against LinkedIn itself; raw Unicode and %-encoded slugs give the same key.
    return profileFromLinkedInUrl(new URL(href, 'https://www.linkedin.com/').href)?.key ?? null;
  } catch {
    return null;
  }
}

interface SduiCard {
  heading: Element;
  /** the smallest wrapper around the name link that holds the paragraphs after it */
  text: Element | null;
  /** the section around it (photo, buttons), or the text block when there is none */
  card: Element;
}

function sduiCardOf(heading: Element, link: Element): SduiCard {
  let text: Element | null = null;
  let el = link.parentElement;
  for (let level = 0; el && level < MAX_CARD_LEVELS && !text; level++, el = el.parentElement) {
    if (el.querySelectorAll('p').length >= 2) text = el;
  }
  return { heading, text, card: link.closest('section') ?? text?.parentElement ?? text ?? link };
}

/** 4 = Node.DOCUMENT_POSITION_FOLLOWING (no `Node` global needed) */
const isAfter = (a: Element, b: Element) => (a.compareDocumentPosition(b) & 4) !== 0;

/** The top card shape: the first paragraph after the name is the degree (suggestion cards have none). */
function hasDegreeAfter(card: SduiCard): boolean {
  const paragraphs = card.text?.querySelectorAll('p') ?? [];
  for (let i = 0; i < paragraphs.length && i < 12; i++) {
    const p = paragraphs[i];
    const text = p && isAfter(card.heading, p) ? textOf(p) : null;
    if (text) return isDegree(text);
  }
  return false;
}

/**
 * The 2026 top card of this profile; 'stale' when the page's first top card shows someone else (after a
 * single-page navigation LinkedIn swaps the URL first and re-renders the top card a moment later).
 */
function sduiTopCard(doc: Document, info: ProfileUrlInfo): SduiCard | 'stale' | null {
  const headings = doc.querySelectorAll(SDUI_NAME_HEADINGS);
  let sawOtherFirst = false;
  /** a heading linked to this profile without the top card's shape (a sticky header; one's own profile) */
  let firstOwn: SduiCard | null = null;
  for (let i = 0; i < headings.length && i < MAX_SDUI_HEADINGS; i++) {
    const match = headings[i];
    const heading = match?.closest('h2');
    const link = match?.closest('a[href]');
    const key = keyOfHref(link?.getAttribute('href') ?? null);
    if (!heading || !link || !key) continue;
    if (key === info.key) {
      const card = sduiCardOf(heading, link);
      if (hasDegreeAfter(card)) return card;
      firstOwn ??= card;
      continue;
    }
    // Only the first linked heading can be a previous person's top card; member-id keys cannot be compared.
    if (i === 0 && !isIdKey(key) && !isLegacyKey(key) && !heading.closest(NOT_TOP_CARD)) {
      sawOtherFirst = hasDegreeAfter(sduiCardOf(heading, link));
    }
  }
  // Sub-pages (`/details/…`) may link section headings back to the profile: only a top card counts there.
  if (firstOwn) return info.isMainPage ? firstOwn : null;
  return sawOtherFirst && !isIdKey(info.key) && !isLegacyKey(info.key) ? 'stale' : null;
}

/** "Hamburg, Germany · Contact info": the paragraph's text without its link and the separator before it. */
function textBeforeLink(p: Element, link: Element): string | null {
  const all = textOf(p) ?? '';
  const linkText = textOf(link) ?? '';
  const rest = linkText && all.endsWith(linkText) ? all.slice(0, -linkText.length) : all.replace(linkText, '');
  return cleanText(rest.replace(/[\s·•|,]+$/, ''));
}

interface SduiFields {
  headline: string | null;
  company: string | null;
  location: string | null;
}

/**
 * Headline, company and location from the paragraphs after the name, in order: the degree is skipped; a
 * paragraph with a link ends the card's text ("Contact info" marks the location; "500+ connections" and
 * "Show details" come after it).
 */
function sduiParagraphs(card: SduiCard): SduiFields {
  const texts: string[] = [];
  let location: string | null = null;
  const paragraphs = card.text?.querySelectorAll('p') ?? [];
  for (let i = 0; i < paragraphs.length && i < 12 && texts.length < 3; i++) {
    const p = paragraphs[i];
    if (!p || !isAfter(card.heading, p) || p.closest('button')) continue;
    const link = p.querySelector('a');
    if (link) {
      const before = textBeforeLink(p, link);
      // "Contact info" alone in its paragraph: the location is the paragraph before it.
      location = before ?? (texts.length > 1 ? (texts.pop() ?? null) : null);
      break;
    }
    const text = textOf(p);
    if (text && !isDegree(text) && !NOT_A_FIELD.test(text)) texts.push(text);
  }
  if (location === null && texts.length === 3) location = texts.pop() ?? null;
  const [headline = null, companyLine = null] = texts;
  // "Company · School": the company comes first
  const company = cleanText(companyLine?.split(/\s+[·•]\s+/)[0]);
  return { headline, company, location };
}

// ---------------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------------

/** Name of vintages without `<main>` (the top card's h1 comes first; see `topCardHeading`). */
const NAME_ON_PAGE = [
  // 2013 public hresume and 2016 classic logged-in view: hCard name, no <main>
  '#name .full-name',
  // 2016 public_profile_v3
  'h1#name.fn',
];

/** Headline, inside the top card. */
const HEADLINE_IN_TOP_CARD = [
  // 2024 logged-in voyager: the headline is the anchor of LinkedIn's AI rewrite suggestion
  '[data-generated-suggestion-target]',
  // 2024 logged-in voyager: artdeco utility classes kept next to the hashed ones
  '.text-body-medium.break-words',
  // 2024 guest
  'h2.top-card-layout__headline',
  // 2016 public_profile_v3
  'p.headline.title',
];
/** Headline of vintages without <main> (no top card found). */
const HEADLINE_ON_PAGE = [
  // 2013 public hresume
  'p.headline-title',
  // 2016 classic logged-in view
  '#headline p.title',
];

const LOCATION_IN_TOP_CARD = [
  // 2024 logged-in voyager
  'span.text-body-small.inline.t-black--light.break-words',
  // 2024 guest: first span of the subline; the second one is the "Contact Info" link
  'h3.top-card-layout__first-subline .not-first-middot > span:not(.link)',
  // 2025–26 guest: the first span of the subheader
  'div.profile-info-subheader span',
  // 2016 public_profile_v3
  '#demographics .locality',
];
const LOCATION_ON_PAGE = [
  // 2013 public hresume
  '#headline .locality',
  // 2016 classic logged-in view
  '#location .locality',
];

/** The current-company button names the company in its aria-label, in the UI language. */
const CURRENT_COMPANY_BUTTON = [
  // 2024–2025 logged-in, English UI
  'button[aria-label^="Current company:"]',
  // 2024–2025 logged-in, German UI
  'button[aria-label^="Aktuelles Unternehmen:"]',
];
const COMPANY_LABEL = /^(?:Current company|Aktuelles Unternehmen):\s*(.+?)\.\s+(?:Click|Klicken)\b.*$/s;

const COMPANY_IN_TOP_CARD = [
  // 2024 guest
  '[data-section="currentPositionsDetails"] .top-card-link__description',
  // 2025–26 guest: the current-company link of the top card
  'a[data-tracking-control-name="public_profile_topcard-current-company"]',
  // 2016 public_profile_v3: first organisation of the "Current" row
  'table.extra-info tr:first-child td .org',
];
const COMPANY_ON_PAGE = [
  // 2016 classic logged-in view: the "Current" row of the overview table
  '#overview-summary-current td ol li',
  // 2013 public hresume: the "Current" positions list (`.org.summary` alone also matches schools)
  'ul.current .org',
];

const PHOTO_IN_TOP_CARD = [
  // 2024 logged-in voyager (`ghost-person` class and a 1x1 GIF when there is no photo)
  'img.pv-top-card-profile-picture__image--show',
  'img.pv-top-card-profile-picture__image',
  // 2024 guest (lazy: `data-delayed-url` until loaded)
  'img.top-card-layout__entity-image',
  // 2016 public_profile_v3 (only `data-delayed-url`, no src)
  '.profile-picture img.photo',
  // 2026 SDUI, when the picture's alt is not the bare name (hashed classes; the path names the image kind)
  'img[src*="/profile-displayphoto-"]',
];
const PHOTO_ON_PAGE = [
  // 2013 public hresume
  '#profile-picture img.photo',
  // 2016 classic logged-in view
  '.profile-picture img',
];

/** static.licdn.com serves only assets; a "photo" from there is a ghost avatar or a logo placeholder. */
function isLinkedInPlaceholder(url: string): boolean {
  return /^https?:\/\/static\.licdn\.com\//i.test(url);
}

/**
 * 2024 logged-in: the location shares its row with the "Contact info" link (`/overlay/contact-info/`).
 * Structure, not classes: kept for when the utility classes above disappear as well.
 */
function locationBesideContactInfo(card: Element | null): string | null {
  const link = card?.querySelector('a[href*="/overlay/contact-info"]');
  const cell = link?.parentElement?.tagName === 'SPAN' ? link.parentElement : link;
  const row = cell?.parentElement;
  if (!cell || !row) return null;
  for (let child = row.firstElementChild; child && child !== cell; child = child.nextElementSibling) {
    const text = textOf(child);
    if (text) return text;
  }
  return null;
}

function companyFromButton(button: Element | null): string | null {
  if (!button) return null;
  const label = button.getAttribute('aria-label') ?? '';
  const match = COMPANY_LABEL.exec(label);
  // Unknown wording after the name: the button's own text is the company name.
  return cleanText(match?.[1]) ?? textOf(button);
}

/** Titles of LinkedIn's own pages that can linger in `<title>` during single-page navigation. */
const NOT_A_NAME =
  /^(?:linkedin|feed|notifications?|messaging|my network|jobs|search|sign in|sign up|log in|join linkedin|anmelden|registrieren|benachrichtigungen|nachrichten|mein netzwerk|suche|profile not found|page not found)$/i;

/**
 * `<title>`: "(3) Erika Muster | LinkedIn" (logged in, with notification counter), "Name - Job - Company |
 * LinkedIn" (guest), "(3) Activity | Name | LinkedIn" (sub-pages: the name is the last part).
 */
export function nameFromLinkedInTitle(title: string, isMainPage: boolean): string | null {
  const clean = cleanText(title.replace(/^\s*\(\d+\+?\)\s*/, ''));
  if (!clean) return null;
  const parts = clean.split(/\s+\|\s+/);
  if (parts.length > 1 && /^linkedin$/i.test(parts[parts.length - 1] ?? '')) parts.pop();
  const part = (isMainPage ? parts[0] : parts[parts.length - 1]) ?? '';
  const name = cleanText(part.split(/\s+[-–]\s+/)[0]);
  return name && !NOT_A_NAME.test(name) ? name : null;
}

function ogTitleName(meta: (key: string) => string | null): string | null {
  const og = meta('og:title');
  return og ? nameFromLinkedInTitle(og, true) : null;
}

function metaName(meta: (key: string) => string | null): string | null {
  // 2024 guest: `profile:first_name` + `profile:last_name` (Open Graph profile object)
  return cleanText([meta('profile:first_name'), meta('profile:last_name')].filter(Boolean).join(' '));
}

function readFields(doc: Document, info: ProfileUrlInfo): ScrapedFields | null {
  if (isNotFoundPage(doc)) return null;
  const heading = topCardHeading(doc);
  // 2026: no h1; the top card is found by its link to this profile
  const sdui = heading ? null : sduiTopCard(doc, info);
  if (sdui === 'stale') return null;
  const topCard = sdui ? sdui.card : findTopCard(heading);
  const check = checkTopCard(doc, info, sdui ? null : topCard, true);
  if (check.stale) return null;

  // Sub-pages such as /details/experience/ have no top card: their headings name the section, not the
  // person. Only overlays keep the profile DOM underneath, and their top card links to the person.
  const trustDom = info.isMainPage || check.confirmed || sdui !== null;
  const card = trustDom ? topCard : null;
  const page = trustDom ? doc : null;
  const sduiFields = sdui ? attempt(() => sduiParagraphs(sdui)) : null;
  const onPage = (selectors: readonly string[]) => (card ? null : firstText(page, selectors));

  const meta = metaReader(doc);
  let jsonLdRead = false;
  let jsonLd: JsonObject | null = null;
  const person = (): JsonObject | null => {
    if (!jsonLdRead) {
      jsonLdRead = true;
      jsonLd = jsonLdPersonFor(doc, (url) => profileFromLinkedInUrl(url)?.key ?? null, info.key);
    }
    return jsonLd;
  };

  const name = attempt(
    () =>
      (trustDom ? textOf(heading) : null) ??
      (sdui ? (textWithout(sdui.heading, NAME_BADGES) ?? textOf(sdui.heading)) : null) ??
      firstText(page, NAME_ON_PAGE) ??
      metaName(meta) ??
      jsonText(person()?.name) ??
      ogTitleName(meta) ??
      nameFromLinkedInTitle(doc.title, info.isMainPage),
  );

  const headline = attempt(() => firstText(card, HEADLINE_IN_TOP_CARD) ?? sduiFields?.headline ?? onPage(HEADLINE_ON_PAGE));

  const location = attempt(
    () =>
      firstText(card, LOCATION_IN_TOP_CARD) ??
      locationBesideContactInfo(card) ??
      sduiFields?.location ??
      onPage(LOCATION_ON_PAGE) ??
      jsonLocality(person() ?? {}),
  );

  const company = attempt(
    () =>
      companyFromButton(firstElement(card, CURRENT_COMPANY_BUTTON)) ??
      firstText(card, COMPANY_IN_TOP_CARD) ??
      sduiFields?.company ??
      onPage(COMPANY_ON_PAGE) ??
      jsonText(person()?.worksFor),
  );

  const photoUrl = attempt((): string | null => {
    // The first picture element found decides: a placeholder there means the person has no photo.
    const img =
      // 2025 redesign and 2024 logged-in: the top card's picture carries the person's name as alt/title
      (card && name ? namedImage(card, name) : null) ??
      firstElement(card, PHOTO_IN_TOP_CARD) ??
      (card ? null : firstElement(page, PHOTO_ON_PAGE));
    if (img) return photoOf(img, doc, isLinkedInPlaceholder);
    if (!trustDom) return null;
    // 2024 guest: og:image / JSON-LD image when the top card had no picture element at all
    return (
      photoFromUrl(jsonImageUrl(person()?.image), doc, isLinkedInPlaceholder) ??
      photoFromUrl(meta('og:image'), doc, isLinkedInPlaceholder)
    );
  });

  return { name, headline, company, location, photoUrl, aliases: check.aliases };
}

/** The first `<img>` in the top card whose alt or title is the person's name (the profile picture). */
function namedImage(card: Element, name: string): Element | null {
  const images = card.querySelectorAll('img[alt], img[title]');
  for (let i = 0; i < images.length && i < 20; i++) {
    const img = images[i];
    // a cover picture may carry the name too (2026); it is never the person's photo
    if (!img || /background/i.test(img.getAttribute('src') ?? '')) continue;
    if (cleanText(img.getAttribute('alt')) === name || cleanText(img.getAttribute('title')) === name) return img;
  }
  return null;
}

/** One pass over the page: not-found and stale checks, then the fields (see `SiteModule.read`). */
export function readLinkedInProfile(doc: Document, info: ProfileUrlInfo): ScrapedFields | null {
  try {
    return readFields(doc, info);
  } catch {
    // A broken reader must not hide the panel: the person of the URL, nothing read.
    return emptyFields();
  }
}

/** The top card this reader uses (2026 card by its link to the profile, else the section around the h1). */
export function linkedInTopCard(doc: Document, info: ProfileUrlInfo): Element | null {
  try {
    const heading = topCardHeading(doc);
    const sdui = heading ? null : sduiTopCard(doc, info);
    return sdui && sdui !== 'stale' ? sdui.card : findTopCard(heading);
  } catch {
    return null;
  }
}
