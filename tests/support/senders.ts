/**
 * Who can send the worker a message, as Chromium describes them in `MessageSender`: shared by the worker
 * request tests, which all check that only the extension's own pages get answers.
 */
import type { Browser } from 'wxt/browser';

export type Sender = Browser.runtime.MessageSender;

/** The id the tests' `wxt/browser` fakes report as `runtime.id`. */
export const EXT_ID = 'kontaktpflege-ext-id';
export const LINKEDIN_TAB = 5;

/** The worker reads only a tab's id. */
export const tab = (id: number) => ({ id }) as Browser.tabs.Tab;

export const SENDERS = {
  contentScript: {
    id: EXT_ID,
    url: 'https://www.linkedin.com/in/anna-arendt/',
    origin: 'https://www.linkedin.com',
    tab: tab(LINKEDIN_TAB),
    frameId: 0,
  },
  // with `use_dynamic_url` the panel's host is not the extension id, only the scheme says "extension page"
  panel: { id: EXT_ID, url: 'chrome-extension://3f1e0c9a-dyn/panel.html?t=tok-1', tab: tab(LINKEDIN_TAB), frameId: 7 },
  popup: { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html`, origin: `chrome-extension://${EXT_ID}` },
  dashboard: { id: EXT_ID, url: `chrome-extension://${EXT_ID}/options.html`, tab: tab(9), frameId: 0 },
  otherExtension: { id: 'some-other-extension', url: 'chrome-extension://some-other-extension/page.html' },
  otherExtensionContentScript: {
    id: 'some-other-extension',
    url: 'https://www.linkedin.com/in/anna-arendt/',
    tab: tab(LINKEDIN_TAB),
    frameId: 0,
  },
  // what `externally_connectable` would deliver (not in the manifest today): no extension id, a web URL
  webPage: { url: 'https://evil.example/probe.html', origin: 'https://evil.example', tab: tab(11), frameId: 0 },
} satisfies Record<string, Sender>;

export const EXTENSION_PAGES = ['panel', 'popup', 'dashboard'] as const;
export const NOT_EXTENSION_PAGES = ['contentScript', 'otherExtension', 'otherExtensionContentScript', 'webPage'] as const;
