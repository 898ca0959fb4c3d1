/** Whole origins of each site: LinkedIn is a single-page app, so the content script decides by URL at runtime. */
export const LINKEDIN_MATCHES = ['*://*.linkedin.com/*'];
export const XING_MATCHES = ['*://*.xing.com/*'];
/** Both sites: where the panel page may be framed. Each site has its own content script. */
export const SITE_MATCHES = [...LINKEDIN_MATCHES, ...XING_MATCHES];
