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
import type { Request } from '../../messaging/protocol';
import { findListEntries, type ListEntry } from '../../sites/list-entries';
import type { SiteModule } from '../../sites/types';

/** Keys per lookup message (the worker's limit, `MAX_LOOKUP_KEYS`). */
const BATCH = 200;

/** The host's own box: fixed, and the same for every entry, so its size says nothing. */
const HOST_STYLE =
  'all:initial;display:inline-block;box-sizing:border-box;width:22px;height:16px;margin:0 0 0 4px;padding:0;' +
  'border:0;vertical-align:middle;overflow:visible;position:relative;';

const SHADOW_STYLE = `
.b { display:inline-flex; align-items:center; justify-content:center; width:22px; height:16px; box-sizing:border-box;
  border-radius:8px; font:700 11px/1 system-ui, sans-serif; color:#fff; background:#5b6b7a; cursor:pointer;
  user-select:none; -webkit-user-select:none; }
.b::before { content: attr(data-t); }
.b[data-tier="A"] { background:#1b6e3a; } .b[data-tier="B"] { background:#2a5d9f; } .b[data-tier="C"] { background:#7a5a12; }
.b[data-due] { box-shadow: 0 0 0 2px #d93025; }
.b:focus-visible { outline:2px solid #0a66c2; outline-offset:2px; }
.card { position:fixed; z-index:2147483646; max-width:280px; padding:8px 10px; border-radius:8px; background:#fff;
  color:#1d2226; box-shadow:0 4px 16px rgba(0,0,0,.25); font:13px/1.4 system-ui, sans-serif; cursor:pointer; }
.card p { margin:0; } .card .n { font-weight:700; }`;

interface Badge {
  key: string;
  host: HTMLElement;
  root: ShadowRoot;
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

  function createBadge(entry: ListEntry): Badge {
    const host = document.createElement('span');
    host.setAttribute('style', HOST_STYLE);
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = SHADOW_STYLE;
    root.append(style);
    hosts.add(host);
    entry.link.after(host);
    return { key: entry.key, host, root };
  }

  /** Fills a badge once its key is answered; known people get the visible mark, others stay empty. */
  function paint(badge: Badge): void {
    const info = known.get(badge.key);
    if (info === undefined || badge.root.querySelector('.b')) return;
    if (info === null) return;
    const mark = document.createElement('span');
    mark.className = 'b';
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', badgeLabel(info));
    mark.setAttribute('data-t', info.tier === 'none' ? '•' : info.tier);
    mark.setAttribute('data-tier', info.tier);
    if (info.due) mark.setAttribute('data-due', '');
    mark.tabIndex = 0;
    const key = badge.key;
    let card: HTMLElement | null = null;
    const hide = () => {
      card?.remove();
      card = null;
    };
    const show = async () => {
      if (card) return;
      const answer = await send<{ card: ListCard | null }>({ type: 'content/list-card', key });
      if (!answer?.card || !mark.isConnected) return;
      card = renderCard(answer.card, mark.getBoundingClientRect());
      badge.root.append(card);
    };
    const open = () => void send({ type: 'content/open-contact', key });
    mark.addEventListener('mouseenter', () => void show());
    mark.addEventListener('focus', () => void show());
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
    badge.root.append(mark);
  }

  function renderCard(info: ListCard, at: DOMRect): HTMLElement {
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
    line(info.name, 'n');
    line(info.tier === 'none' ? t('badgeNoTier') : t('badgeCardTier', [info.tier]));
    line(t('badgeCardNextTouch', [info.nextTouch]));
    if (info.note) line(info.note);
    return card;
  }

  async function ask(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      for (const key of batch) asking.add(key);
      const answer = await send<{ badges: Array<ListBadge | null> }>({ type: 'content/list-lookup', keys: batch });
      batch.forEach((key, j) => {
        asking.delete(key);
        // No answer (worker restarting): leave the key unknown, so the next scan asks again.
        if (answer) known.set(key, answer.badges[j] ?? null);
      });
    }
    schedule();
  }

  function scan(): void {
    scheduled = false;
    if (ctx.isInvalid || !site.hasPersonLists(location.href)) return;
    const entries = findListEntries(document, (url) => site.profileFromUrl(url), location.href);
    const unknown: string[] = [];
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
      else if (!asking.has(entry.key) && !unknown.includes(entry.key)) unknown.push(entry.key);
    }
    if (unknown.length > 0) void ask(unknown);
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
  ctx.onInvalidated(() => observer.disconnect());
}
