import { browser } from 'wxt/browser';
import type { PageProfile } from '../messaging/protocol';

/**
 * The profile each tab's content script announced, with the one-time token it put in the panel's URL so
 * a panel only ever binds to the person it was mounted for. Kept in `storage.session` (one entry per tab,
 * replaced on navigation) because the worker may stop between the announcement and the panel's request.
 */
interface Announced {
  token: string;
  profile: PageProfile;
}
const waiting = new Map<string, Array<(profile: PageProfile) => void>>();
const WAIT_MS = 3000;
const sessionKey = (tabId: number) => `tab:${tabId}`;

export async function rememberProfile(tabId: number, token: string, profile: PageProfile): Promise<void> {
  for (const resolve of waiting.get(token) ?? []) resolve(profile);
  waiting.delete(token);
  const entry: Announced = { token, profile };
  await browser.storage.session.set({ [sessionKey(tabId)]: entry });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(sessionKey(tabId));
}

export async function profileForToken(tabId: number, token: string): Promise<PageProfile | null> {
  const stored = (await browser.storage.session.get(sessionKey(tabId)))[sessionKey(tabId)] as Announced | undefined;
  if (stored?.token === token) return stored.profile;
  // The panel can ask before the content script's message arrived: wait for it briefly.
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), WAIT_MS);
    const list = waiting.get(token) ?? [];
    list.push((profile) => {
      clearTimeout(timer);
      resolve(profile);
    });
    waiting.set(token, list);
  });
}
