/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/limits.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/**
 * What a contact may hold: the one set of rules for writing (`rules.ts`, `contacts.ts`) and for reading
 * a backup (`backup/validate.ts`). Whatever the app lets a user store passes these, so every notebook
 * can be restored from its own backup; a hand-edited or hostile file cannot put a 40 MB "name" into the
 * panel. Lengths are counted in UTF-16 code units (`string.length`). Writers elsewhere (the URL parser
 * in `sites/`) import these rather than restate them.
 */
import type { SiteId } from './types';

const KEY = 1_000;

export const LIMITS = {
  key: KEY,
  name: 500,
  /** headline, company, location */
  shortText: 1_000,
  /**
   * Derived from the key cap, so any person whose key fits also has a URL that fits: the sites build
   * the URL from the key's slug, percent-encoded (at most 9 characters per UTF-16 unit, `%E2%82%AC`),
   * behind a prefix such as `https://www.linkedin.com/in/`. A 500-character non-ASCII slug gives a
   * 4,529-character URL, which the 0.1.0 cap of 4,096 refused on import.
   */
  profileUrl: KEY * 9 + 100,
  /** generous: LinkedIn may hand out `data:image/…` placeholders */
  photoUrl: 100_000,
  /** one contact's notes; an import merge that would exceed it skips that contact (see import.ts) */
  notes: 1_000_000,
  howWeMet: 100_000,
  touchNote: 100_000,
  aliasesPerContact: 1_000,
  alias: KEY,
} as const;

/** Hosts a contact's `profileUrl` may point to, per site (any subdomain of these). */
export const SITE_HOSTS: Readonly<Record<SiteId, string>> = { linkedin: 'linkedin.com', xing: 'xing.com' };

/** Why a key or alias cannot be stored: not `<site>:<something>` of the contact's site, or too long. */
export type KeyProblem = 'shape' | 'tooLong';

/**
 * A contact key or alias of `site`: `linkedin:<slug>` / `xing:<Name>` with something after the colon,
 * at most `max` units. The URL parsers in `sites/` produce exactly this form; an alias of another site
 * would let one site's page reach the other site's person.
 */
export function keyProblem(key: unknown, site: SiteId, max: number = LIMITS.key): KeyProblem | null {
  if (typeof key !== 'string' || !key.startsWith(`${site}:`) || key.length <= site.length + 1) return 'shape';
  return key.length > max ? 'tooLong' : null;
}

function httpUrl(s: string): URL | null {
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Empty, or an http(s) URL on the contact's own site: the popup renders it as a link. */
export function isSiteProfileUrl(url: string, site: SiteId): boolean {
  if (url === '') return true;
  const parsed = httpUrl(url);
  if (!parsed) return false;
  const host = parsed.hostname.toLowerCase();
  const siteHost = SITE_HOSTS[site];
  return host === siteHost || host.endsWith(`.${siteHost}`);
}

/** Empty, an http(s) URL, or an inline image: it ends up in an `<img src>`, never in a link. */
export function isSafePhotoUrl(url: string): boolean {
  if (url === '') return true;
  if (/^data:image\//i.test(url)) return true;
  return httpUrl(url) !== null;
}
