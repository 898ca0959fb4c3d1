/**
 * Runs on every LinkedIn and XING page, so it stays tiny: no Preact, no Dexie. It decides by URL whether
 * the page shows a person, reads the visible fields, hands them to the background worker and mounts the
 * extension's own panel page in an iframe inside a closed shadow root. Notes are never in this page's DOM.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { SITE_MATCHES } from '../sites/matches';
import { type ProfileReading, profileFromUrl, readProfile } from '../sites';
import type { ProfileUrlInfo } from '../sites/types';
import type { PageProfile, Request } from '../messaging/protocol';
import { COLLAPSED_STORAGE_KEY } from '../messaging/panel-state';

/**
 * How long to wait for the page to render the person (LinkedIn renders after the URL changes, and on a
 * first load after document_end). Past it, a page that still shows nobody readable gets the panel on the
 * URL alone, saying what it could not read.
 */
const PERSON_RENDER_TIMEOUT_MS = 2500;

const FRAME_STYLE = `
:host { all: initial; }
iframe {
  position: fixed; z-index: 2147483646; right: 12px; top: 72px;
  width: 340px; height: min(640px, calc(100vh - 96px));
  border: 0; border-radius: 12px; background: transparent; color-scheme: light dark;
  box-shadow: 0 6px 24px rgba(0,0,0,.22);
}
iframe.collapsed {
  /* A narrow tab on the right edge, at mid height: clear of LinkedIn's top bar, the top card's buttons and the messaging dock. */
  top: 42vh; right: 0; width: 34px; height: 112px; border-radius: 10px 0 0 10px;
}`;

interface Mounted {
  key: string;
  name: string | null;
  host: HTMLElement;
  frame: HTMLIFrameElement;
}

function send(request: Request): void {
  // Fire and forget: the panel asks the worker for this profile itself, and the worker waits for it.
  browser.runtime.sendMessage(request).catch(() => undefined);
}

export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_end',
  // WXT would otherwise announce itself to the page with window.postMessage, letting pages probe for us.
  noScriptStartedPostMessage: true,
  main(ctx: ContentScriptContext) {
    let mounted: Mounted | null = null;
    let lastName: string | null = null;
    let pending: (() => void) | null = null;
    let collapsed = false;
    /** bumped on every navigation, so a mount that was waiting for a stale page gives up */
    let generation = 0;

    const collapsedReady = browser.storage.local.get(COLLAPSED_STORAGE_KEY).then((stored) => {
      collapsed = stored[COLLAPSED_STORAGE_KEY] === true;
      if (mounted) mounted.frame.classList.toggle('collapsed', collapsed);
    });
    browser.storage.onChanged.addListener((changes, area) => {
      const change = changes[COLLAPSED_STORAGE_KEY];
      if (area !== 'local' || !change) return;
      collapsed = change.newValue === true;
      if (mounted) mounted.frame.classList.toggle('collapsed', collapsed);
    });

    function unmount(): void {
      if (!mounted) return;
      lastName = mounted.name;
      mounted.host.remove();
      mounted = null;
    }

    async function mount(read: ProfileReading, gen: number): Promise<void> {
      const info = read.info;
      const profile: PageProfile = { ...info, ...read.fields, missing: read.missing };
      const token = crypto.randomUUID();
      send({ type: 'content/profile-shown', token, profile });
      await collapsedReady;
      if (gen !== generation) return;
      const host = document.createElement('div');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = FRAME_STYLE;
      const frame = document.createElement('iframe');
      frame.src = `${browser.runtime.getURL('/panel.html')}?t=${token}`;
      frame.title = browser.i18n.getMessage('extName');
      frame.classList.toggle('collapsed', collapsed);
      root.append(style, frame);
      // On <html>, not <body>: single-page apps replace the body's content wholesale.
      document.documentElement.append(host);
      mounted = { key: info.key, name: profile.name, host, frame };
    }

    /** Calls `ready` with the page's reading once it shows the person of `url`, or never if not in time. */
    function whenPersonShown(url: string, info: ProfileUrlInfo, ready: (read: ProfileReading) => void): void {
      pending?.();
      const check = (): ProfileReading | null => {
        const read = readProfile(document, url);
        // No name yet: the page has not rendered the person (or never will; see the timeout).
        if (!read?.showsPerson || read.fields.name === null) return null;
        // After a single-page navigation the old person's name can linger for a moment.
        return read.fields.name === lastName && read.info.key !== info.key ? null : read;
      };
      const now = check();
      if (now) {
        ready(now);
        return;
      }
      let frameRequested = false;
      const observer = new MutationObserver(() => {
        if (frameRequested) return;
        frameRequested = true;
        ctx.requestAnimationFrame(() => {
          frameRequested = false;
          const read = check();
          if (read) finish(read);
        });
      });
      const timer = ctx.setTimeout(() => {
        // Still the same name after the wait: a namesake, not a stale page; no name: an unreadable page.
        const read = readProfile(document, url);
        finish(read?.showsPerson ? read : null);
      }, PERSON_RENDER_TIMEOUT_MS);
      const finish = (read: ProfileReading | null) => {
        observer.disconnect();
        clearTimeout(timer);
        pending = null;
        if (read) ready(read);
      };
      pending = () => finish(null);
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    }

    function sync(url: string): void {
      const gen = ++generation;
      const info = profileFromUrl(url);
      if (!info) {
        pending?.();
        unmount();
        return;
      }
      if (mounted?.key === info.key) return; // a sub-page of the same person keeps its panel
      unmount();
      whenPersonShown(url, info, (read) => void mount(read, gen));
    }

    if (profileFromUrl(location.href)) send({ type: 'content/wake' });
    sync(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', (event) => sync(event.newUrl.href));
    ctx.onInvalidated(() => {
      pending?.();
      unmount();
    });
  },
});
