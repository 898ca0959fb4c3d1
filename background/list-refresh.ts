import { browser } from 'wxt/browser';
import type { TabRequest } from '../messaging/protocol';
import { SITE_MATCHES } from '../sites/matches';

/**
 * Content scripts do not hear the worker's `runtime.sendMessage` broadcasts, so list badges would keep
 * showing a tier changed in the panel until a reload (issue 10). After every change the worker nudges the
 * top frame of each LinkedIn and XING tab; the list part there asks again for the people it shows. The
 * nudge names nobody: a content script learns only the answers for keys it asked about itself, as before.
 * A tab without a list part has no listener for it, and the failed send is ignored.
 */
export async function nudgeListPages(): Promise<void> {
  const message: TabRequest = { type: 'bg/lists-stale' };
  try {
    const tabs = await browser.tabs.query({ url: SITE_MATCHES });
    await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, message, { frameId: 0 }).catch(() => undefined),
      ),
    );
  } catch {
    // No tabs to ask (a browser without tab access here): badges then follow on the next load.
  }
}
