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
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ListBadge, ListCard } from '../../background/list-lookup';
import type { Request, TabRequest } from '../../messaging/protocol';
import { findListEntries, type ListEntry } from '../../sites/list-entries';
import type { SiteModule } from '../../sites/types';

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
  /** what the mark shows now ('' blank), so a repaint with the same answer touches nothing */
  shown: string;
}

function send<T>(request: Request): Promise<T | null> {
  return browser.runtime.sendMessage(request).then(
    (answer) => (answer && typeof answer === 'object' && !('error' in answer) ? (answer as T) : null),
    () => null,
  );
}

function t(key: string, substitutions?: string[]): string {
  return browser.i18n.getMessage(key as never, substitutions);
}

/** `Kontaktpflege: A, due` and friends (UI-CONTRACT "Badges on lists"). */
function badgeLabel(info: ListBadge): string {
  const tier = info.tier === 'none' ? t('badgeNoTier') : info.tier;
  return t(info.due ? 'badgeLabelDue' : 'badgeLabel', [tier]);
}

/** The two URL rules a list page needs: not the site's page readers, which only the profile part carries. */
export type ListSite = Pick<SiteModule, 'profileFromUrl' | 'hasPersonLists'>;

/** Runs the list badges for `site` for the life of this content script. */
export function runListBadges(ctx: ContentScriptContext, site: ListSite): void {
  /** entry element → its badge; a WeakMap, so entries the page throws away take their badge with them */
  const badges = new WeakMap<Element, Badge>();
  const hosts = new WeakSet<Node>();
  /** what the worker said per key (null: not in the notebook), for the life of the page */
  const known = new Map<string, ListBadge | null>();
  const asking = new Set<string>();
  let scheduled = false;
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
    const style = document.createElement('style');
    style.textContent = SHADOW_STYLE;
    const mark = document.createElement('span');
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', t('badgeUnknown'));
    mark.tabIndex = 0;
    root.append(style, mark);
    const badge: Badge = { key: entry.key, entry: entry.element, host, mark, shown: '' };
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
    const shown = info ? `${info.tier}${info.due ? '!' : ''}` : '';
    if (badge.shown === shown) return;
    badge.shown = shown;
    const mark = badge.mark;
    mark.className = info ? 'b' : '';
    mark.setAttribute('aria-label', info ? badgeLabel(info) : t('badgeUnknown'));
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
    for (const [i, text] of (info?.lines ?? [t('badgeCardUnknown')]).entries()) line(text, i === 0 && info ? 'n' : undefined);
    return card;
  }

  /**
   * Asks the worker about `keys` and paints their badges as soon as the answer is in (no second frame
   * and scan: the answer is the last step before the badges show).
   */
  async function ask(keys: string[], waiting: Map<string, Badge[]>): Promise<void> {
    let lost = false;
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      for (const key of batch) asking.add(key);
      const answer = await send<{ badges: Array<ListBadge | null> }>({ type: 'content/list-lookup', keys: batch });
      batch.forEach((key, j) => {
        asking.delete(key);
        // No answer (worker restarting): leave the key unknown, so the next scan asks again.
        if (!answer) {
          lost = true;
          return;
        }
        known.set(key, answer.badges[j] ?? null);
        for (const badge of waiting.get(key) ?? []) if (badge.host.isConnected && badges.get(badge.entry) === badge) paint(badge);
      });
    }
    if (lost) schedule();
  }

  function scan(): void {
    scheduled = false;
    if (ctx.isInvalid || !site.hasPersonLists(location.href)) return;
    const entries = findListEntries(document, (url) => site.profileFromUrl(url), location.href);
    // After an edit elsewhere (`bg/lists-stale`) every person on the page is asked again.
    const refresh = stale;
    stale = false;
    const waiting = new Map<string, Badge[]>();
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
      if (refresh || (!known.has(entry.key) && !asking.has(entry.key))) {
        const list = waiting.get(entry.key);
        if (list) list.push(badge);
        else waiting.set(entry.key, [badge]);
      }
    }
    if (waiting.size > 0) void ask([...waiting.keys()], waiting);
  }

  function schedule(): void {
    if (scheduled || ctx.isInvalid) return;
    scheduled = true;
    ctx.requestAnimationFrame(scan);
  }

  /** Our own hosts going in are no reason to scan again. */
  const onlyOurs = (records: MutationRecord[]) =>
    records.every((r) => r.removedNodes.length === 0 && [...r.addedNodes].every((node) => hosts.has(node)));

  const observer = new MutationObserver((records) => {
    if (!onlyOurs(records)) schedule();
  });
  const start = () => {
    observer.observe(document.documentElement, { childList: true, subtree: true });
    schedule();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  ctx.addEventListener(window, 'wxt:locationchange', () => schedule());
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
