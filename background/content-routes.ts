import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { profileFromLinkedInUrl } from '../sites/linkedin/detect';
import { linkedInHasPersonLists } from '../sites/linkedin/lists';
import { type ContentPart, LINKEDIN_PROFILE_MATCHES, XING_PROFILE_MATCHES } from '../sites/matches';
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

/** The parts the manifest itself runs at `document_start`, by URL pattern (wxt.config.ts, `content_scripts`). */
const MANIFEST_PARTS: ReadonlyArray<{ part: ContentPart; patterns: MatchPattern[] }> = [
  { part: 'linkedin-profile', patterns: LINKEDIN_PROFILE_MATCHES.map((p) => new MatchPattern(p)) },
  { part: 'xing-profile', patterns: XING_PROFILE_MATCHES.map((p) => new MatchPattern(p)) },
];

/** Whether a document loaded at `url` runs `part` from the manifest, without the worker. */
export function manifestRuns(part: ContentPart, url: string): boolean {
  return MANIFEST_PARTS.some((entry) => entry.part === part && entry.patterns.some((pattern) => pattern.includes(url)));
}

function originOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The parts the worker injects when a tab shows `url`, its previous URL on our sites being `previousUrl`
 * (null: none known). One path per page kind, no double check on a page the manifest serves:
 * - the URL needs no part: nothing;
 * - the manifest runs the part for this URL, and the tab either comes from elsewhere (no known previous URL,
 *   or another origin: a single-page navigation never changes the origin, so this is a new document) or
 *   already needed the part at its previous URL (the part is running: it follows single-page navigation
 *   itself, or the new document got it from the manifest): nothing;
 * - otherwise (a single-page move into a profile from a page that needed no profile part, or a URL the
 *   manifest patterns miss): the part, which `injectContentPart` skips if it runs there after all.
 * The browser reports a load and a `history.pushState` alike (`status: 'loading'` with the URL, measured in
 * Chromium 156), so the tab's previous URL is what tells them apart.
 */
export function partsToInject(url: string, previousUrl: string | null): ContentPart[] {
  const fromElsewhere = previousUrl === null || originOf(previousUrl) !== originOf(url);
  const before = fromElsewhere || previousUrl === null ? [] : partsForUrl(previousUrl);
  return partsForUrl(url).filter((part) => !(manifestRuns(part, url) && (fromElsewhere || before.includes(part))));
}

/** The tab's last URL on our sites, kept in `storage.session` (the worker may stop between two changes). */
const urlKey = (tabId: number) => `route:${tabId}`;

/** One change at a time: two quick changes of a tab (pushState, then replaceState) must each see the one before. */
let queue: Promise<unknown> = Promise.resolve();

async function swapLastUrl(tabId: number, url: string): Promise<string | null> {
  const key = urlKey(tabId);
  const previous = (await browser.storage.session.get(key))[key];
  await browser.storage.session.set({ [key]: url });
  return typeof previous === 'string' ? previous : null;
}

/**
 * A tab's URL changed (a load, or a single-page navigation: LinkedIn changes the URL without one), or the
 * tab reloaded: the parts that URL needs and no script runs yet are injected into the tab's top frame.
 */
export function routeTab(tabId: number, url: string): Promise<void> {
  const routed = queue.then(async () => {
    const previous = await swapLastUrl(tabId, url);
    await Promise.all(partsToInject(url, previous).map((part) => injectContentPart(tabId, 0, url, part)));
  });
  queue = routed.catch(() => undefined);
  return routed;
}

/** Registered synchronously in the worker's main (MV3 workers stop when idle). */
export function listenForTabUrls(): void {
  browser.tabs.onUpdated.addListener((tabId, changeInfo, tab) => {
    // `url` is reported only for the hosts we have access to (LinkedIn and XING). A reload reports
    // `loading` without a URL: the new document needs its parts again (the manifest's run by themselves).
    const url = changeInfo.url ?? (changeInfo.status === 'loading' ? tab?.url : undefined);
    if (url) void routeTab(tabId, url);
  });
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(urlKey(tabId)));
}
