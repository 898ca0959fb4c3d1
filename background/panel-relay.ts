import { browser } from 'wxt/browser';
import type { Broadcast } from '../messaging/protocol';

/**
 * Firefox does not deliver the worker's `runtime.sendMessage` broadcasts (nor `storage.onChanged`) to an
 * extension page framed inside a web page: measured on Firefox ESR 153, the panel iframe on a LinkedIn tab
 * heard nothing while the popup and dashboard heard every broadcast, so a single-page navigation left the
 * panel on the previous person and a change made in the popup never reached an open panel. `tabs.sendMessage`
 * does reach such a frame, so in Firefox the worker also sends each broadcast to the panel's own frame in
 * every tab that has a panel. The frame is the one that booted with the tab's token (recorded below), so the
 * content script, which shares the tab, is not told whom the user knows.
 */
const panelKey = (tabId: number) => `panel:${tabId}`;

/** Remembers which frame of the tab holds the panel (the sender of `panel/boot`). */
export async function rememberPanelFrame(tabId: number, frameId: number): Promise<void> {
  await browser.storage.session.set({ [panelKey(tabId)]: frameId });
}

export async function forgetPanelFrame(tabId: number): Promise<void> {
  await browser.storage.session.remove(panelKey(tabId));
}

/** Sends `message` to the panel frame of `tabIds` (all tabs with a panel when omitted). */
export async function relayToPanels(message: Broadcast, tabIds?: number[]): Promise<void> {
  const stored = await browser.storage.session.get(null);
  const targets = Object.entries(stored).flatMap(([key, frameId]) => {
    const tabId = Number(key.startsWith('panel:') ? key.slice('panel:'.length) : Number.NaN);
    if (!Number.isInteger(tabId) || typeof frameId !== 'number') return [];
    return tabIds && !tabIds.includes(tabId) ? [] : [{ tabId, frameId }];
  });
  await Promise.all(
    targets.map(({ tabId, frameId }) => browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined)),
  );
}
