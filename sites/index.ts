/**
 * The sites Kontaktpflege reads, picked by host name. Everything here runs in the content script on
 * every LinkedIn and XING page: no dependencies, only URL parsing and a few `querySelector` calls.
 */
import { hostOf, parseWebUrl } from './parse-url';
import { emptyFields } from './read-page';
import { linkedin } from './linkedin';
import type { ProfileUrlInfo, ScrapedFields, SiteModule } from './types';
import { xing } from './xing';

export type { ProfileUrlInfo, ScrapedFields, SiteModule } from './types';
export { linkedin } from './linkedin';
export { xing } from './xing';

export const SITES: readonly SiteModule[] = [linkedin, xing];

/** The fields the panel shows; `missing` lists those the page did not give. */
export type ProfileField = 'name' | 'headline' | 'company' | 'location' | 'photoUrl';
export const PROFILE_FIELDS: readonly ProfileField[] = ['name', 'headline', 'company', 'location', 'photoUrl'];

export interface ProfileReading {
  info: ProfileUrlInfo;
  /** all null (and no aliases) while `showsPerson` is false: the DOM may still show someone else */
  fields: ScrapedFields;
  missing: ProfileField[];
  /** false on "profile not found" pages and while a single-page navigation still shows the previous person */
  showsPerson: boolean;
}

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
  const info = site?.profileFromUrl(url);
  if (!site || !info) return null;
  const read = site.read(doc, info);
  const fields = read ?? emptyFields();
  const missing = PROFILE_FIELDS.filter((field) => fields[field] === null);
  return { info, fields, missing, showsPerson: read !== null };
}
