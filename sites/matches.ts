/** Whole origins of each site: where the panel page may be framed and the worker may inject parts. */
export const LINKEDIN_MATCHES = ['*://*.linkedin.com/*'];
export const XING_MATCHES = ['*://*.xing.com/*'];
export const SITE_MATCHES = [...LINKEDIN_MATCHES, ...XING_MATCHES];

/**
 * Where the browser itself runs each site's profile part at `document_start` (a profile opened directly).
 * A superset of neither rule set is needed: the URL rules (`profileFromLinkedInUrl`, …) decide in the
 * part, and the worker injects the part for profile URLs these patterns miss and after single-page
 * navigation (`background/content-routes.ts`).
 */
export const LINKEDIN_PROFILE_MATCHES = [
  '*://*.linkedin.com/in/*',
  '*://*.linkedin.com/mwlite/in/*',
  '*://*.linkedin.com/m/in/*',
  '*://*.linkedin.com/pub/*',
  '*://*.linkedin.com/profile/view*',
];
export const XING_PROFILE_MATCHES = ['*://*.xing.com/profile/*'];

/**
 * The parts of the content script (issue 13; see entrypoints/content/parts.ts): `entrypoints/<part>.ts`,
 * built to `/<part>.js`. Each names the one site it may run on: the worker injects it only into a frame
 * of that site. The profile parts define their site's list part as well (side lists on profiles).
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
