/**
 * The profile part of the content script, shared by the per-site parts (`linkedin-profile.ts`,
 * `xing-profile.ts`), each of which passes its one site module, so a page downloads only its own site's
 * readers. The manifest runs it on profile URLs; the worker injects it after a single-page move into a
 * profile; from then on it follows the navigation itself. No Preact, no Dexie. It reads the visible fields,
 * hands them to the background worker and shows the extension's own panel page in an iframe inside a closed
 * shadow root. Notes are never in this page's DOM.
 *
 * Order of work (issue 13: ≤ 8 ms on the page's main thread, panel ready ≤ 100 ms): on a profile loaded
 * as a document the hidden frame is created at `document_start`, so the panel page loads while the site is
 * still parsed (creating it after DOMContentLoaded put its whole load on top of panel-ready: measured); the
 * person is read from the top card once the page is parsed (or, when the site renders them later, right in
 * the mutation observer's callback) and announced at once; the worker looks them up then and answers the
 * panel's request with them (a panel that asked earlier is answered the moment they are announced). After a single-page move into a profile the frame comes
 * at the first idle moment after the read. No extension API at `document_start` beyond the frame's URL and
 * its collapsed state, no i18n in the page (the worker names the frame). The frame is kept across
 * single-page navigations: moving to another person only announces the new profile, and the panel rebinds
 * without a reload.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { COLLAPSED_STORAGE_KEY } from '../../messaging/panel-state';
import type { PageProfile, Request, ResponseMap, TabRequest } from '../../messaging/protocol';
import { type ProfileReading, readSiteProfile } from '../../sites/read-profile';
import type { ProfileUrlInfo, SiteModule } from '../../sites/types';
import { onUrlChange } from './url-change';

/**
 * How long to wait for the page to render the person (LinkedIn renders after the URL changes, and on a
 * first load after the document is parsed). Past it, a page that still shows nobody readable gets the
 * panel on the URL alone, saying what it could not read; a "profile not found" page gets none.
 */
const PERSON_RENDER_TIMEOUT_MS = 2500;

/**
 * While the page renders, it is read again at most this often (ms): one read costs a few hundred µs on a
 * full profile, so a page that never shows the person costs at most PERSON_RENDER_TIMEOUT_MS / this reads.
 */
const RECHECK_INTERVAL_MS = 25;

/** The iframe waits for an idle moment after the person is read, at most this long (ms). */
const FRAME_IDLE_TIMEOUT_MS = 30;

// Written compact: it ships in the profile part, which has a 9 KB gzip budget. `.collapsed` is a narrow tab
// on the right edge at mid height, clear of LinkedIn's top bar, the top card's buttons and the messaging dock.
const FRAME_STYLE =
  ':host{all:initial}iframe{position:fixed;z-index:2147483646;right:12px;top:72px;width:340px;' +
  'height:min(640px,100vh - 96px);border:0;border-radius:12px;background:transparent;color-scheme:light dark;' +
  'box-shadow:0 6px 24px #00000038}iframe.collapsed{top:42vh;right:0;width:34px;height:112px;' +
  'border-radius:10px 0 0 10px}.pending{visibility:hidden}';

interface PanelFrame {
  host: HTMLElement;
  frame: HTMLIFrameElement;
  /** one-time id in the panel's URL: the worker hands the panel only profiles announced under it */
  token: string;
}

/** "Help fix this page" for one site: the page's structure as text, or null off a profile (see sites/page-skeleton.ts). */
export type SkeletonBuilder = (doc: Document, url: string, version: string) => string | null;

/**
 * Shows the panel beside `site`'s profile pages for the life of this content script. `loadSkeleton` brings
 * in "Help fix this page" (a part of its own, as few users ever ask for it).
 */
export function runProfilePanel(ctx: ContentScriptContext, site: SiteModule, loadSkeleton: () => Promise<SkeletonBuilder>): void {
  const profileFromUrl = (url: string) => site.profileFromUrl(url);
  const readProfile = (doc: Document, url: string) => readSiteProfile(site, doc, url);
  let panel: PanelFrame | null = null;
  /**
   * One-time id of the panel being shown (in its URL): the worker hands the panel only profiles announced
   * under it. Chosen at the first announcement, before the frame exists; a new one for every new frame.
   */
  let token: string | null = null;
  /** the person the panel shows, once announced */
  let shown: { key: string; name: string | null } | null = null;
  /** name of the person shown before the current navigation, to spot a page that still shows them */
  let previousName: string | null = null;
  let cancelWait: (() => void) | null = null;
  let collapsed: Promise<boolean> | null = null;
  /** the frame's accessible name, from the worker (see ResponseMap['content/profile-shown']) */
  let frameTitle = '';

  /** The stored collapsed state, read once and followed from then on (the panel toggles it). */
  const collapsedState = (): Promise<boolean> => {
    collapsed ??= browser.storage.local.get(COLLAPSED_STORAGE_KEY).then(
      (stored) => stored[COLLAPSED_STORAGE_KEY] === true,
      () => false,
    );
    return collapsed;
  };
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[COLLAPSED_STORAGE_KEY];
    if (area !== 'local' || !change) return;
    collapsed = Promise.resolve(change.newValue === true);
    panel?.frame.classList.toggle('collapsed', change.newValue === true);
  };

  // "Help fix this page", relayed by the worker: built only when asked, and only for our own panel.
  const onTabRequest = (message: unknown, _sender: unknown, sendResponse: (text: string | null) => void) => {
    const request = message as TabRequest;
    if (request?.type !== 'bg/page-skeleton' || !panel || request.token !== panel.token) return;
    loadSkeleton().then(
      (build) => sendResponse(build(document, location.href, browser.runtime.getManifest().version)),
      () => sendResponse(null),
    );
    return true; // answers once the part is loaded
  };
  let listening = false;

  /** whether the stored collapsed state has been read: the frame stays hidden until then, so it never jumps */
  let collapsedKnown = false;

  /** Shows the frame once the person is announced and the collapsed state is known. */
  const reveal = () => {
    if (shown && collapsedKnown) panel?.frame.classList.remove('pending');
  };

  /** Builds the (hidden) frame for the panel under `forToken`, unless the page moved on meanwhile. */
  function createPanel(forToken: string): void {
    if (panel || token !== forToken || ctx.isInvalid) return;
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = FRAME_STYLE;
    const frame = document.createElement('iframe');
    // src before the frame is in the document: it then starts no about:blank document first (measured: 3–4 ms against 12–19)
    frame.src = `${browser.runtime.getURL('/panel.html')}?t=${forToken}`;
    frame.title = frameTitle;
    frame.className = 'pending';
    root.append(style, frame);
    // On <html>, not <body>: single-page apps replace the body's content wholesale.
    document.documentElement.append(host);
    panel = { host, frame, token: forToken };
    void collapsedState().then((isCollapsed) => {
      collapsedKnown = true;
      frame.classList.toggle('collapsed', isCollapsed);
      reveal();
    });
    if (!listening) {
      listening = true;
      browser.storage.onChanged.addListener(onStorage);
      browser.runtime.onMessage.addListener(onTabRequest);
    }
  }

  function removePanel(): void {
    cancelWait?.();
    if (shown) previousName = shown.name;
    panel?.host.remove();
    panel = null;
    shown = null;
    token = null;
  }

  /** Tells the worker whom the page shows (it looks them up at once), then shows the panel if there is none yet. */
  function announce(read: ProfileReading): void {
    const profile: PageProfile = { ...read.info, ...read.fields, missing: read.missing };
    token ??= crypto.randomUUID();
    const request: Request = { type: 'content/profile-shown', token, profile };
    // The panel asks the worker for its profile itself, and is told when it changes: only the title is awaited.
    browser.runtime.sendMessage(request).then(
      (answer: ResponseMap['content/profile-shown'] | undefined) => {
        frameTitle = answer?.frameTitle ?? frameTitle;
        if (panel) panel.frame.title = frameTitle;
      },
      () => undefined,
    );
    shown = { key: read.info.key, name: read.fields.name };
    // After a single-page move into a profile the frame comes at the first idle moment after the read.
    if (!panel) {
      const forToken = token;
      ctx.requestIdleCallback(() => createPanel(forToken), { timeout: FRAME_IDLE_TIMEOUT_MS });
    }
    reveal();
  }

  /** Announces the person once the page shows them; gives the panel up if the page never does. */
  function whenPersonShown(url: string, info: ProfileUrlInfo): void {
    cancelWait?.();
    const check = (): ProfileReading | null => {
      const read = readProfile(document, url);
      // No name yet: the page has not rendered the person (or never will; see the timeout).
      if (!read?.showsPerson || read.fields.name === null) return null;
      // After a single-page navigation the old person's name can linger for a moment.
      return read.fields.name === previousName && read.info.key !== info.key ? null : read;
    };
    const now = check();
    if (now) {
      announce(now);
      return;
    }
    // The page is read in the observer's own callback, right after the mutation, not at the next animation
    // frame: the frame came only after the page's (and the list part's) rendering work and put 15–90 ms on
    // panel-ready (issue 13, measured). Reads stay bounded while the site renders: after one, the next
    // waits until RECHECK_INTERVAL_MS have passed, however many mutations come meanwhile.
    let lastRead = Number.NEGATIVE_INFINITY;
    let recheck: number | undefined;
    const readNow = () => {
      recheck = undefined;
      lastRead = performance.now();
      const read = check();
      if (read) finish(read);
    };
    const observer = new MutationObserver(() => {
      if (recheck !== undefined) return;
      const wait = lastRead + RECHECK_INTERVAL_MS - performance.now();
      if (wait <= 0) readNow();
      else recheck = ctx.setTimeout(readNow, wait);
    });
    const timer = ctx.setTimeout(() => {
      // Same name after the wait: a namesake, not a stale page. No name at all: an unreadable page.
      const read = readProfile(document, url);
      if (read?.showsPerson) finish(read);
      else removePanel();
    }, PERSON_RENDER_TIMEOUT_MS);
    const finish = (read: ProfileReading | null) => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(recheck);
      cancelWait = null;
      if (read) announce(read);
    };
    cancelWait = () => finish(null);
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  function sync(url: string): void {
    const info = profileFromUrl(url);
    if (!info) {
      removePanel();
      return;
    }
    if (shown?.key === info.key) {
      cancelWait?.(); // a sub-page of the same person keeps its panel
      return;
    }
    if (shown) previousName = shown.name;
    whenPersonShown(url, info);
  }

  const start = () => {
    sync(location.href);
    onUrlChange(ctx, sync);
  };
  // A profile loaded as a document: the (hidden) frame starts loading now, while the site is still parsed
  // (measured: created after DOMContentLoaded, its load came on top of panel-ready). No wake-up message:
  // the tab's load (`tabs.onUpdated`) has woken the worker already.
  if (profileFromUrl(location.href) && document.documentElement) {
    token = crypto.randomUUID();
    createPanel(token);
  }
  // Read the page once it is parsed: a half-parsed top card would miss fields further down.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();

  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onTabRequest);
    browser.storage.onChanged.removeListener(onStorage);
    removePanel();
  });
}
