import type { ContactView, PageProfile } from '../messaging/protocol';

/**
 * The person a content script just announced, with their contact view looked up at once (issue 13): the
 * panel's iframe is created after the announcement, so by the time the panel asks (`panel/boot`) the answer
 * is ready or on its way. Kept in the worker's memory only, briefly: `storage.session` stays the record
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

/** A panel asks within a few hundred ms of the announcement; past this the view is read afresh. */
export const PREFETCH_TTL_MS = 2000;

let entries: Prefetched[] = [];

/** Starts `load` for the profile announced in `tabId` under `token`, replacing the tab's earlier entry. */
export function prefetchView(
  tabId: number,
  token: string,
  profile: PageProfile,
  load: () => Promise<ContactView>,
  now: number,
): void {
  const view = load();
  view.catch(() => undefined); // a failure is the panel's to see, when it asks
  entries = entries.filter((entry) => entry.tabId !== tabId && now - entry.at < PREFETCH_TTL_MS);
  entries.push({ tabId, token, profile, view, at: now });
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
