import type { ContactView, PageProfile } from '../messaging/protocol';

/**
 * The person a content script just announced, with their contact view looked up at once (issue 13): when
 * the panel asks (`panel/boot`) after the announcement, the answer is ready or on its way; when it asked
 * before (a page that renders the person after the panel loaded), its request waits here and is answered
 * with the announcement itself (`waitForAnnouncement`). Kept in the worker's memory only, briefly: `storage.session` stays the record
 * (a worker that restarted in between finds no entry and reads it from there), and any write in between
 * drops every entry, so a panel never gets a view older than a change it could have heard of.
 */
interface Prefetched {
  tabId: number;
  token: string;
  profile: PageProfile;
  view: Promise<ContactView>;
  at: number;
}

/**
 * How long a panel's first request waits for its page to announce the person: a little longer than the
 * content script waits for the page to render them (PERSON_RENDER_TIMEOUT_MS, 2.5 s) before it announces
 * what it could read or removes the panel.
 */
export const BOOT_WAIT_MS = 3000;

/** A panel asks within a few hundred ms of the announcement; past this the view is read afresh. */
export const PREFETCH_TTL_MS = 2000;

let entries: Prefetched[] = [];

export interface Announced {
  profile: PageProfile;
  view: Promise<ContactView>;
}

/**
 * A panel that asked (`panel/boot`) before its page announced anyone (the page renders the person after the
 * panel has loaded, as live LinkedIn does). Its answer waits here for the announcement under its own tab
 * and token: one message instead of an empty answer, a broadcast and a second request (issue 13).
 */
interface WaitingBoot {
  tabId: number;
  token: string;
  deliver(announced: Announced | null): void;
}

let waiting: WaitingBoot[] = [];

/**
 * Starts `load` for the profile announced in `tabId` under `token`. A panel of that tab and token waiting
 * for it gets it at once (true: no need to tell it); otherwise it is kept for the panel's next request,
 * replacing the tab's earlier entry (false).
 */
export function prefetchView(
  tabId: number,
  token: string,
  profile: PageProfile,
  load: () => Promise<ContactView>,
  now: number,
): boolean {
  const view = load();
  view.catch(() => undefined); // a failure is the panel's to see, when it asks
  entries = entries.filter((entry) => entry.tabId !== tabId && now - entry.at < PREFETCH_TTL_MS);
  const waiter = waiting.find((boot) => boot.tabId === tabId && boot.token === token);
  if (waiter) {
    waiter.deliver({ profile, view });
    return true;
  }
  entries.push({ tabId, token, profile, view, at: now });
  return false;
}

/**
 * Waits (at most `timeoutMs`) for the announcement of the panel's own tab and token; null when none came.
 * Registered at once, so an announcement that lands while the caller still looks elsewhere is not missed;
 * `cancel` answers null now (the caller found the profile another way).
 */
export function waitForAnnouncement(
  tabId: number,
  token: string,
  timeoutMs: number,
): { announced: Promise<Announced | null>; cancel(): void } {
  let deliver: (announced: Announced | null) => void = () => undefined;
  const announced = new Promise<Announced | null>((resolve) => {
    const timer = setTimeout(() => deliver(null), timeoutMs);
    const boot: WaitingBoot = {
      tabId,
      token,
      deliver(value) {
        clearTimeout(timer);
        waiting = waiting.filter((other) => other !== boot);
        resolve(value);
      },
    };
    deliver = boot.deliver;
    waiting.push(boot);
  });
  return { announced, cancel: () => deliver(null) };
}

/** The profile and view announced in `tabId` under `token`, once; null when there is none (or it is too old). */
export function takePrefetched(
  tabId: number,
  token: string,
  now: number,
): { profile: PageProfile; view: Promise<ContactView> } | null {
  const index = entries.findIndex((entry) => entry.tabId === tabId && entry.token === token);
  if (index < 0) return null;
  const [entry] = entries.splice(index, 1);
  return entry && now - entry.at < PREFETCH_TTL_MS ? { profile: entry.profile, view: entry.view } : null;
}

/** After any write: what was looked up before it may be out of date. */
export function dropPrefetched(): void {
  entries = [];
}
