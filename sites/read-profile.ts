/**
 * Reading one site's profile page. Takes the site module as an argument, so a content script built for
 * one site bundles that site's readers only (`sites/index.ts` picks the site by host and pulls in both).
 */
import { emptyFields } from './read-page';
import type { ProfileUrlInfo, ScrapedFields, SiteModule } from './types';

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

/**
 * Reads the person of `url` from `doc` with `site`'s readers. Null when the URL is not a person's page on
 * that site. Never throws: what the page does not show comes back as null and is listed in `missing`.
 */
export function readSiteProfile(site: SiteModule, doc: Document, url: string): ProfileReading | null {
  const info = site.profileFromUrl(url);
  if (!info) return null;
  const read = site.read(doc, info);
  const fields = read ?? emptyFields();
  const missing = PROFILE_FIELDS.filter((field) => fields[field] === null);
  return { info, fields, missing, showsPerson: read !== null };
}
