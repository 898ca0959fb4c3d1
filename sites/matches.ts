/** Whole origins of both sites: LinkedIn is a single-page app, so the content script decides by URL at runtime. */
export const SITE_MATCHES = ['*://*.linkedin.com/*', '*://*.xing.com/*'];
