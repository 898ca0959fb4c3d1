import { browser } from 'wxt/browser';
import { profileFromLinkedInUrl } from '../sites/linkedin/detect';
import { linkedInHasPersonLists } from '../sites/linkedin/lists';
import type { ContentPart } from '../sites/matches';
import { profileFromXingUrl } from '../sites/xing/detect';
import { xingHasPersonLists } from '../sites/xing/lists';
import { injectContentPart } from './content-parts';

/** One row of the route table: the content-script part that pages whose URL matches need. */
export interface Route {
  part: ContentPart;
  /** pure function of the URL (the rules in `sites/`) */
  matches(url: string): boolean;
}

/**
 * Which part each kind of page needs (issue 13). The worker routes by the tab's URL, so LinkedIn and XING
 * pages with nothing for us run no script of ours. Pages with person lists (search results, My Network,
 * the feed, and a profile's side lists) get the list-badge part. On a profile it comes beside the profile
 * part rather than inside it (issue 10): the profile part had no room left in its 9 KB budget.
 */
export const ROUTES: readonly Route[] = [
  { part: 'linkedin-profile', matches: (url) => profileFromLinkedInUrl(url) !== null },
  { part: 'linkedin-lists', matches: linkedInHasPersonLists },
  { part: 'xing-profile', matches: (url) => profileFromXingUrl(url) !== null },
  { part: 'xing-lists', matches: xingHasPersonLists },
];

export function partsForUrl(url: string): ContentPart[] {
  return ROUTES.filter((route) => route.matches(url)).map((route) => route.part);
}

/**
 * A tab's URL changed (a load, or a single-page navigation: LinkedIn changes the URL without one): the
 * parts that URL needs are injected into the tab's top frame. A part already running there ignores a
 * second copy. `changeInfo.url` is reported only for the hosts we have access to (LinkedIn and XING).
 */
export async function routeTab(tabId: number, url: string): Promise<void> {
  await Promise.all(partsForUrl(url).map((part) => injectContentPart(tabId, 0, url, part)));
}

/** Registered synchronously in the worker's main (MV3 workers stop when idle). */
export function listenForTabUrls(): void {
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.url) void routeTab(tabId, changeInfo.url);
  });
}
