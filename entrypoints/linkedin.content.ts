/** What every LinkedIn page loads: the router, with LinkedIn's URL rules only (see content/router.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { profileFromLinkedInUrl } from '../sites/linkedin/detect';
import { linkedInHasPersonLists } from '../sites/linkedin/lists';
import { LINKEDIN_MATCHES } from '../sites/matches';
import { CONTENT_SCRIPT_OPTIONS, type Route, runRouter } from './content/router';

/** Which part each kind of LinkedIn page needs; the first page of a kind loads its part. */
const ROUTES: readonly Route[] = [
  { part: 'linkedin-profile', matches: (url) => profileFromLinkedInUrl(url) !== null },
  { part: 'linkedin-lists', matches: linkedInHasPersonLists },
];

export default defineContentScript({
  ...CONTENT_SCRIPT_OPTIONS,
  matches: LINKEDIN_MATCHES,
  main: (ctx) => runRouter(ctx, ROUTES),
});
