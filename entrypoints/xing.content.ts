/** What every XING page loads: the router, with XING's URL rules only (see content/router.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { XING_MATCHES } from '../sites/matches';
import { profileFromXingUrl } from '../sites/xing/detect';
import { xingHasPersonLists } from '../sites/xing/lists';
import { CONTENT_SCRIPT_OPTIONS, type Route, runRouter } from './content/router';

/** Which part each kind of XING page needs; the first page of a kind loads its part. */
const ROUTES: readonly Route[] = [
  { part: 'xing-profile', matches: (url) => profileFromXingUrl(url) !== null },
  { part: 'xing-lists', matches: xingHasPersonLists },
];

export default defineContentScript({
  ...CONTENT_SCRIPT_OPTIONS,
  matches: XING_MATCHES,
  main: (ctx) => runRouter(ctx, ROUTES),
});
