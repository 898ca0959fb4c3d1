import type { SiteId } from '../storage/types';

/** What a profile URL says about the person, before the page is read. */
export interface ProfileUrlInfo {
  site: SiteId;
  /** canonical contact key, e.g. `linkedin:jonas-beispiel-mustermann`, `xing:John_Doe` */
  key: string;
  /** canonical profile URL for that key (https, main host, no query or sub-page) */
  profileUrl: string;
  /** true on the profile itself, false on its sub-pages (`/details/experience/`, `/recent-activity/`, …) */
  isMainPage: boolean;
}

/** Fields read from the page; null where the page did not show them. */
export interface ScrapedFields {
  name: string | null;
  headline: string | null;
  company: string | null;
  location: string | null;
  photoUrl: string | null;
  /** other keys of this person found on the page (member-id URN `linkedin:id:ACoAA…`, …) */
  aliases: string[];
}

export interface SiteModule {
  site: SiteId;
  /** true for every host of the site (`www.`, country subdomains, `m.`, bare domain) */
  isSiteHost(hostname: string): boolean;
  /** pure function of the URL: the person this URL shows (main page or sub-page), or null */
  profileFromUrl(url: string): ProfileUrlInfo | null;
  /**
   * Reads the person of this URL from the page in one pass; never throws. Null when the DOM does not
   * (yet) show that person: LinkedIn swaps the URL before the page content after SPA navigation, and a
   * "profile not found" page has no person at all. Fields the page does not show are null.
   */
  read(doc: Document, info: ProfileUrlInfo): ScrapedFields | null;
  /** pure function of the URL: the page may show lists of people (search, My Network, a profile's side lists …) */
  hasPersonLists(url: string): boolean;
  /** The element the person's fields are read from (the top card), or null when none is found; never throws. */
  topCard(doc: Document, info: ProfileUrlInfo): Element | null;
}
