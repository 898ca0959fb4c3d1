/** Whole origins of each site: LinkedIn is a single-page app, so the content script decides by URL at runtime. */
export const LINKEDIN_MATCHES = ['*://*.linkedin.com/*'];
export const XING_MATCHES = ['*://*.xing.com/*'];
/** Both sites: where the panel page may be framed. Each site has its own content script. */
export const SITE_MATCHES = [...LINKEDIN_MATCHES, ...XING_MATCHES];

/**
 * The parts of the content script that only some pages need (issue 13). Every page loads the site's small
 * router (`entrypoints/<site>.content.ts`); it asks the worker to inject a part (`entrypoints/<part>.ts`,
 * built to `/<part>.js`) when the URL needs it. Each part names the one site it may run on: the worker
 * injects it only into a frame of that site. A list-badge part goes here too (`linkedin-lists`, …).
 */
export const CONTENT_PARTS = {
  'linkedin-profile': { domain: 'linkedin.com' },
  'xing-profile': { domain: 'xing.com' },
  // "Help fix this page", loaded by the profile part when asked
  'linkedin-skeleton': { domain: 'linkedin.com' },
  'xing-skeleton': { domain: 'xing.com' },
  // badges beside the people in lists (issue 10)
  'linkedin-lists': { domain: 'linkedin.com' },
  'xing-lists': { domain: 'xing.com' },
} as const satisfies Record<string, { domain: string }>;

export type ContentPart = keyof typeof CONTENT_PARTS;

export function isContentPart(value: unknown): value is ContentPart {
  return typeof value === 'string' && Object.hasOwn(CONTENT_PARTS, value);
}

/** The built file of a part, as `scripting.executeScript` wants it. */
export function contentPartFile(part: ContentPart): `/${ContentPart}.js` {
  return `/${part}.js`;
}
