import { browser } from 'wxt/browser';
import type { PageProfile } from '../messaging/protocol';

/**
 * The profile each tab's content script announced, with the one-time token it put in the panel's URL so
 * a panel only ever binds to the person it was mounted for. Kept in `storage.session` (one entry per tab,
 * replaced on navigation) because the worker may stop between the announcement and the panel's request.
 * A panel that asks before the announcement gets null and is told by `bg/profile-changed` when it lands.
 */
interface Announced {
  token: string;
  profile: PageProfile;
}
const sessionKey = (tabId: number) => `tab:${tabId}`;

export async function rememberProfile(tabId: number, token: string, profile: PageProfile): Promise<void> {
  const entry: Announced = { token, profile };
  await browser.storage.session.set({ [sessionKey(tabId)]: entry });
}

/** A closed tab's entry goes, so session storage holds only open tabs. */
export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(sessionKey(tabId));
}

export async function profileForToken(tabId: number, token: string): Promise<PageProfile | null> {
  const stored = (await browser.storage.session.get(sessionKey(tabId)))[sessionKey(tabId)] as Announced | undefined;
  return stored?.token === token ? stored.profile : null;
}
