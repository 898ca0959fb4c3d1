/**
 * Badges beside the people in LinkedIn and XING lists (issue 10): the list part of the content script,
 * injected by the site's router on pages whose URL can show person lists (`sites/<site>/lists.ts`).
 *
 * Privacy: the page must not learn whom the user knows. So every recognised entry gets the same host
 * element, of the same fixed size, known or not; what it shows lives in a closed shadow root; and the tier
 * letter is drawn by CSS generated content from an attribute inside that root, so it is no text the page
 * can select, find with `window.find` or read through `innerText`. The people's keys go only to the worker,
 * which answers with tier and due; the hover card's details are asked for only when the user points at it.
 *
 * Dynamic lists: one MutationObserver, throttled to one scan per animation frame; each scan finds the
 * entries anew (a re-rendered entry may now show someone else) and asks the worker once for all keys it
 * has not seen yet. No polling.
 *
 * Speed (issues 10 and 13): the first mutation after a frame is scanned at once, in the page's own task,
 * so the lookup leaves before the page's first layout of the new entries and our hosts are laid out in
 * that same layout (later mutations of the frame wait for one scan in its animation frame callback). The
 * worker words every text (no `i18n.getMessage` in the page: a synchronous IPC on the page's main thread),
 * every root adopts one shared stylesheet, and one answer is painted in one task, inside the closed roots
 * only. On a profile page the side lists wait for the first idle moment after `load`, behind the panel.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ListCard, ListLookupAnswer, WordedBadge } from '../../background/list-lookup';
import type { Request, TabRequest } from '../../messaging/protocol';
import { findListEntries, type ListEntry } from '../../sites/list-entries';
import type { SiteModule } from '../../sites/types';
import { onUrlChange } from './url-change';

/** Keys per lookup message (the worker's limit, `MAX_LOOKUP_KEYS`). */
const BATCH = 200;

/** The host's own box: fixed, and the same for every entry, so its size says nothing. */
const HOST_STYLE = 'all:initial;display:inline-block;width:22px;height:16px;margin-left:4px;vertical-align:middle';

// Written compact: this ships in the profile part too (9 KB gzip budget for profile pages).
const SHADOW_STYLE =
  '[tabindex]{display:inline-block;width:22px;height:16px;border-radius:8px;vertical-align:top}' +
  '.b{text-align:center;font:700 11px/16px system-ui,sans-serif;color:#fff;background:#5b6b7a;cursor:pointer;' +
  'user-select:none}.b::before{content:attr(data-t)}.b[data-t=A]{background:#1b6e3a}' +
  '.b[data-t=B]{background:#2a5d9f}.b[data-t=C]{background:#7a5a12}.b[data-due]{box-shadow:0 0 0 2px #d93025}' +
  ':focus-visible{outline:2px solid #0a66c2;outline-offset:2px}.card{position:fixed;z-index:2147483646;max-width:280px;' +
  'padding:8px 10px;border-radius:8px;background:#fff;color:#1d2226;box-shadow:0 4px 16px #0004;' +
  'font:13px/1.4 system-ui,sans-serif;cursor:pointer}.card p{margin:0}.card .n{font-weight:700}';

interface Badge {
  key: string;
  /** the list item it belongs to */
  entry: Element;
  host: HTMLElement;
  /** the focusable mark inside the closed root, on every host */
  mark: HTMLElement;
  /** what the mark shows now (null: nothing yet), so a repaint with the same answer touches nothing */
  shown: string | null;
}

function send<T>(request: Request): Promise<T | null> {
  return browser.runtime.sendMessage(request).then(
    (answer) => (answer && typeof answer === 'object' && !('error' in answer) ? (answer as T) : null),
    () => null,
  );
}

/** undefined: not made yet; null: this browser refuses to adopt one from a content script (a `<style>` each then) */
let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * Styles a badge's closed root with the one stylesheet every root shares: parsed once, one rule set,
 * instead of a `<style>` parsed and matched per badge. A closed root's adopted sheets are out of the
 * page's reach like the rest of it, and known and unknown roots adopt the same sheet.
 */
function styleRoot(root: ShadowRoot): void {
  if (sharedSheet !== null) {
    try {
      if (!sharedSheet) {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(SHADOW_STYLE);
      }
      // Firefox ESR 153 takes it from a content script too (tests/e2e-firefox/list-badges.test.ts).
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = document.createElement('style');
  style.textContent = SHADOW_STYLE;
  root.append(style);
}

function hasLink(element: Element): boolean {
  return element.localName === 'a' || element.querySelector('a[href]') !== null;
}

/** Remembers the site's URL rule per link: a list page links the same people again and again. */
function memoPerson(profileFromUrl: ListSite['profileFromUrl']): ListSite['profileFromUrl'] {
  const seen = new Map<string, ReturnType<ListSite['profileFromUrl']>>();
  return (url) => {
    let person = seen.get(url);
    if (person === undefined) {
      if (seen.size > 5000) seen.clear();
      person = profileFromUrl(url);
      seen.set(url, person);
    }
    return person;
  };
}

/** The two URL rules a list page needs: not the site's page readers, which only the profile part carries. */
export type ListSite = Pick<SiteModule, 'profileFromUrl' | 'hasPersonLists'>;

/** Runs the list badges for `site` for the life of this content script. */
export function runListBadges(ctx: ContentScriptContext, site: ListSite): void {
  const personFromUrl = memoPerson(site.profileFromUrl);
  /** entry element → its badge; a WeakMap, so entries the page throws away take their badge with them */
  const badges = new WeakMap<Element, Badge>();
  const hosts = new WeakSet<Node>();
  /** what the worker said per key (null: not in the notebook), for the life of the page */
  const known = new Map<string, WordedBadge | null>();
  const asking = new Set<string>();
  /** badges to paint when the answer for their key comes */
  const waiting = new Map<string, Badge[]>();
  /** the worker's words for a blank mark, from its first answer */
  const words = { unknown: '', cardUnknown: '' };
  /** a scan is booked for the next animation frame: mutations until then wait for it */
  let frameBooked = false;
  /** mutations came after this frame's first scan */
  let pending = false;
  /** the notebook changed since the badges were asked for */
  let stale = false;

  /**
   * Every host is built alike and can take focus alike (Tab stops at each entry's mark, known or not), so
   * focus and blur events and `document.activeElement` tell the page nothing. Only inside the closed root
   * does a known person's mark get its tier; an unknown one stays blank and its card says so.
   */
  function createBadge(entry: ListEntry): Badge {
    const host = document.createElement('span');
    host.setAttribute('style', HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    styleRoot(root);
    const mark = document.createElement('span');
    mark.setAttribute('role', 'img');
    // Named once the worker has answered (it words every text); until then the mark shows nothing.
    if (words.unknown) mark.setAttribute('aria-label', words.unknown);
    mark.tabIndex = 0;
    root.append(mark);
    const badge: Badge = { key: entry.key, entry: entry.element, host, mark, shown: null };
    let card: HTMLElement | null = null;
    const hide = () => {
      card?.remove();
      card = null;
    };
    const show = async (focused: boolean) => {
      const info = known.get(badge.key);
      if (card || (!info && !focused)) return;
      const answer = info ? await send<{ card: ListCard | null }>({ type: 'content/list-card', key: badge.key }) : null;
      if (card || !mark.isConnected || (info && !answer?.card)) return;
      card = renderCard(answer?.card ?? null, mark.getBoundingClientRect());
      root.append(card);
    };
    const open = () => {
      if (known.get(badge.key)) void send({ type: 'content/open-contact', key: badge.key });
    };
    mark.addEventListener('mouseenter', () => void show(false));
    mark.addEventListener('focus', () => void show(true));
    mark.addEventListener('mouseleave', hide);
    mark.addEventListener('blur', hide);
    mark.addEventListener('click', open);
    mark.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
      if (event.key === 'Escape') hide();
    });
    hosts.add(host);
    entry.link.after(host);
    return badge;
  }

  /**
   * Shows what the worker said: known people get the visible mark, others stay (or become again, once
   * deleted) blank. Everything changed is inside the closed root; the host stays as it is.
   */
  function paint(badge: Badge): void {
    const info = known.get(badge.key) ?? null;
    const shown = info ? `${info.tier}${info.due ? '!' : ''}${info.label}` : words.unknown;
    if (badge.shown === shown) return;
    badge.shown = shown;
    const mark = badge.mark;
    mark.className = info ? 'b' : '';
    mark.setAttribute('aria-label', info ? info.label : words.unknown);
    mark.setAttribute('data-t', info ? (info.tier === 'none' ? '•' : info.tier) : '');
    mark.toggleAttribute('data-due', info?.due === true);
  }

  function renderCard(info: ListCard | null, at: DOMRect): HTMLElement {
    const card = document.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'tooltip');
    card.style.left = `${Math.max(4, Math.round(at.left))}px`;
    card.style.top = `${Math.round(at.bottom + 6)}px`;
    const line = (text: string, className?: string) => {
      const p = document.createElement('p');
      if (className) p.className = className;
      p.textContent = text; // page text and notes are text, never HTML
      card.append(p);
    };
    // The worker words the card in the extension's language (the user's setting, not the page's).
    for (const [i, text] of (info?.lines ?? [words.cardUnknown]).entries()) line(text, i === 0 && info ? 'n' : undefined);
    return card;
  }

  /**
   * Asks the worker about `keys` and paints the badges waiting for them as soon as the answer is in, all
   * in the task that receives it (so in one frame; no second scan: the answer is the last step).
   */
  async function ask(keys: string[]): Promise<void> {
    let lost = false;
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += BATCH) batches.push(keys.slice(i, i + BATCH));
    for (const key of keys) asking.add(key);
    // Every batch at once: a page of 300 costs two messages in flight, not two round trips in a row.
    const answers = batches.map((batch) =>
      send<ListLookupAnswer>({ type: 'content/list-lookup', keys: batch }).then((answer) => {
        if (answer) {
          words.unknown = answer.unknown;
          words.cardUnknown = answer.cardUnknown;
        }
        batch.forEach((key, j) => {
          asking.delete(key);
          // No answer (worker restarting): leave the key unknown, so the next scan asks again.
          if (!answer) {
            lost = true;
            return;
          }
          known.set(key, answer.badges[j] ?? null);
          for (const badge of waiting.get(key) ?? [])
            if (badge.host.isConnected && badges.get(badge.entry) === badge) paint(badge);
          waiting.delete(key);
        });
      }),
    );
    await Promise.all(answers);
    if (lost) schedule();
  }

  function scan(): void {
    if (ctx.isInvalid || !site.hasPersonLists(location.href)) return;
    const entries = findListEntries(document, personFromUrl, location.href);
    // After an edit elsewhere (`bg/lists-stale`) every person on the page is asked again.
    const refresh = stale;
    stale = false;
    const toAsk = new Set<string>();
    for (const entry of entries) {
      let badge = badges.get(entry.element);
      // The site re-rendered the entry for another person, or dropped our host: start afresh.
      if (badge && (badge.key !== entry.key || !badge.host.isConnected)) {
        badge.host.remove();
        badge = undefined;
      }
      if (!badge) {
        badge = createBadge(entry);
        badges.set(entry.element, badge);
      }
      if (known.has(entry.key)) paint(badge);
      if (refresh || !known.has(entry.key)) {
        // Painted by the answer to this scan's question, or to one already on its way.
        const list = waiting.get(entry.key);
        if (!list) waiting.set(entry.key, [badge]);
        else if (!list.includes(badge)) list.push(badge);
        if (refresh || !asking.has(entry.key)) toAsk.add(entry.key);
      }
    }
    if (toAsk.size > 0) void ask([...toAsk]);
  }

  /**
   * At most one scan right away and one in the next animation frame: the first change after a frame is
   * scanned in the task that made it (before the page lays it out); later changes wait for the frame.
   */
  function schedule(): void {
    if (ctx.isInvalid) return;
    if (frameBooked) {
      pending = true;
      return;
    }
    frameBooked = true;
    ctx.requestAnimationFrame(() => {
      frameBooked = false;
      if (!pending) return;
      pending = false;
      scan();
    });
    scan();
  }

  /**
   * Whether a change can have brought an entry or taken one of our hosts: an element with a link came
   * (a new or re-rendered entry; entries are found by their links), or the page dropped a host of ours.
   * Everything else a live page does all the time (text, spinners, our own hosts going in) costs no scan.
   */
  const mayChangeEntries = (records: MutationRecord[]) =>
    records.some(
      (r) =>
        [...r.addedNodes].some((node) => !hosts.has(node) && node.nodeType === 1 && hasLink(node as Element)) ||
        [...r.removedNodes].some((node) => hosts.has(node)),
    );

  const observer = new MutationObserver((records) => {
    if (mayChangeEntries(records)) schedule();
  });
  const start = () => {
    if (ctx.isInvalid) return;
    observer.observe(document.documentElement, { childList: true, subtree: true });
    schedule();
  };
  if (site.profileFromUrl(location.href)) {
    // A profile page: its side lists ("People also viewed") come after the panel, at the first idle
    // moment after load. Until then the part costs the page nothing but its own evaluation.
    const idle = () => ctx.requestIdleCallback(start, { timeout: 2000 });
    if (document.readyState === 'complete') idle();
    else ctx.addEventListener(window, 'load', idle, { once: true });
  } else if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  onUrlChange(ctx, () => schedule());
  // The worker's nudge after any change to the notebook (a tier set in the panel, "Contacted today" in the
  // popup, a merge or a deletion in the dashboard): it names nobody; the badges ask again for whom they show.
  const onWorkerMessage = (message: unknown) => {
    if ((message as TabRequest | null)?.type !== 'bg/lists-stale') return;
    stale = true;
    schedule();
  };
  browser.runtime.onMessage.addListener(onWorkerMessage);
  ctx.onInvalidated(() => {
    observer.disconnect();
    browser.runtime.onMessage.removeListener(onWorkerMessage);
  });
}
