/**
 * The sites Kontaktpflege reads, picked by host name. Both sites' readers: for the worker, the skeleton
 * report and tests. A content script imports its one site's module instead, so it carries only that site.
 */
import { hostOf, parseWebUrl } from './parse-url';
import { type ProfileReading, readSiteProfile } from './read-profile';
import { linkedin } from './linkedin';
import type { ProfileUrlInfo, SiteModule } from './types';
import { xing } from './xing';

export { PROFILE_FIELDS, type ProfileField, type ProfileReading, readSiteProfile } from './read-profile';
export type { ProfileUrlInfo, ScrapedFields, SiteModule } from './types';
export { linkedin } from './linkedin';
export { xing } from './xing';

export const SITES: readonly SiteModule[] = [linkedin, xing];

/** The site whose host serves this URL, or null (also for lookalikes such as `linkedin.com.evil.io`). */
export function siteForUrl(url: string): SiteModule | null {
  const parsed = parseWebUrl(url);
  if (!parsed) return null;
  const host = hostOf(parsed);
  return SITES.find((site) => site.isSiteHost(host)) ?? null;
}

/** The person this URL shows (main page or sub-page), or null: a pure function of the URL. */
export function profileFromUrl(url: string): ProfileUrlInfo | null {
  return siteForUrl(url)?.profileFromUrl(url) ?? null;
}

/**
 * Reads the person of `url` from `doc`. Null when the URL is not a person's page. Never throws: what the
 * page does not show comes back as null and is listed in `missing`, so the panel can say so.
 */
export function readProfile(doc: Document, url: string): ProfileReading | null {
  const site = siteForUrl(url);
  return site ? readSiteProfile(site, doc, url) : null;
}
