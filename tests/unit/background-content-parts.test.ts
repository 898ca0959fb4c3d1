/**
 * The worker routes LinkedIn and XING tabs by URL (issue 13): a profile reached by single-page navigation
 * gets its site's profile part (a profile loaded as a document gets it from the manifest, and the worker
 * then does nothing there), a page with nothing for us gets nothing. A part asking for another
 * gets it only in its own frame, only of its own site. The browser is a small fake that records what
 * `scripting.executeScript` was asked to run.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { Request } from '../../messaging/protocol';

const EXT_ID = 'kontaktpflege-ext-id';

type TabListener = (tabId: number, changeInfo: { url?: string; status?: string }, tab: { url?: string }) => void;
const fake = vi.hoisted(() => ({
  executeScript: vi.fn(async (_injection: unknown): Promise<unknown[]> => []),
  tabListeners: [] as TabListener[],
  removedListeners: [] as Array<(tabId: number) => void>,
  session: new Map<string, unknown>(),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'kontaktpflege-ext-id',
      getURL: (path: string) => `chrome-extension://kontaktpflege-ext-id${path}`,
      sendMessage: async () => undefined,
    },
    scripting: { executeScript: fake.executeScript },
    tabs: {
      onUpdated: { addListener: (listener: TabListener) => fake.tabListeners.push(listener) },
      onRemoved: { addListener: (listener: (tabId: number) => void) => fake.removedListeners.push(listener) },
    },
    storage: {
      session: {
        get: async (key: string) => (fake.session.has(key) ? { [key]: fake.session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [key, value] of Object.entries(items)) fake.session.set(key, value);
        },
        remove: async (key: string) => void fake.session.delete(key),
      },
    },
  },
}));
vi.mock('../../background/database', () => ({ workerDb: () => null }));

const { handleMessage } = await import('../../background/requests');
const { listenForTabUrls, partsToInject } = await import('../../background/content-routes');
listenForTabUrls();

type Sender = Browser.runtime.MessageSender;
const tab = (id: number) => ({ id }) as Browser.tabs.Tab;
const contentScript = (url: string, tabId = 5, frameId = 0): Sender => ({ id: EXT_ID, url, tab: tab(tabId), frameId });
const load = (part: string, sender: Sender) =>
  handleMessage({ type: 'content/load-part', part } as unknown as Request, sender) as Promise<unknown>;
/** the `executeScript` calls about a profile part (a profile page also gets its side lists' list part) */
const profileCalls = () =>
  fake.executeScript.mock.calls.filter(([injection]) => /-profile/.test(JSON.stringify(injection))).length;
const injected = () =>
  fake.executeScript.mock.calls.map(([injection]) => injection).filter((injection) => 'files' in (injection as object));

beforeEach(() => {
  fake.session.clear();
  fake.executeScript.mockReset();
  fake.executeScript.mockImplementation(async () => []);
});

/**
 * The browser reports a tab's new URL, as after a load or LinkedIn's history.pushState: Chromium reports
 * both as `{ status: 'loading', url }` (measured in Chromium 156).
 */
async function tabShows(tabId: number, changeInfo: { url?: string; status?: string }, tabUrl = changeInfo.url): Promise<void> {
  for (const listener of fake.tabListeners) listener(tabId, changeInfo, { url: tabUrl });
  await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('routing tabs by URL', () => {
  it("a person's URL reached by single-page navigation from a page without the profile part gets its site's profile part", async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/jobs/', status: 'loading' });
    await tabShows(7, { url: 'https://www.linkedin.com/in/anna-arendt/', status: 'loading' });
    await tabShows(8, { url: 'https://www.xing.com/jobs' });
    await tabShows(8, { url: 'https://www.xing.com/profile/Anna_Arendt/cv' });
    expect(injected().filter((i) => !JSON.stringify(i).includes('-lists.js'))).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-profile.js'], injectImmediately: true },
      { target: { tabId: 8, frameIds: [0] }, files: ['/xing-profile.js'], injectImmediately: true },
    ]);
  });

  it('a profile loaded as a new document is left to the manifest: no probe, no injection', async () => {
    // a new tab, a link from another site, and LinkedIn opened from XING: none of these can be single-page moves
    await tabShows(7, { url: 'https://www.linkedin.com/in/anna-arendt/', status: 'loading' });
    await tabShows(8, { url: 'https://www.xing.com/profile/Anna_Arendt' });
    await tabShows(9, { url: 'https://www.xing.com/jobs' });
    await tabShows(9, { url: 'https://de.linkedin.com/in/ACoAACeBtU4ZTIWUqr5WzeGoXCRrkNIK7Mi8p7h/details/experience/' });
    expect(profileCalls()).toBe(0);
  });

  it('moving from one profile to the next asks nothing: the running part follows the navigation itself', async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/in/anna-arendt/', status: 'loading' });
    await tabShows(7, { url: 'https://www.linkedin.com/in/bert-brandt/', status: 'loading' });
    await tabShows(7, { url: 'https://www.linkedin.com/in/bert-brandt/details/experience/', status: 'loading' });
    await tabShows(7, { status: 'loading' }, 'https://www.linkedin.com/in/bert-brandt/details/experience/'); // a reload
    expect(profileCalls()).toBe(0);
  });

  it('a profile URL the manifest patterns miss gets the part from the worker, also in a new tab', async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/comm/in/anna-arendt', status: 'loading' });
    expect(injected()).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-profile.js'], injectImmediately: true },
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-lists.js'], injectImmediately: true },
    ]);
  });

  it('a reloaded list page gets its list part again (the reload reports no URL, the tab has it)', async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/search/results/people/?keywords=anna', status: 'loading' });
    await tabShows(7, { status: 'loading' }, 'https://www.linkedin.com/search/results/people/?keywords=anna');
    expect(injected()).toHaveLength(2);
  });

  it('forgets a closed tab: its next URL counts as a new document', async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/jobs/' });
    for (const listener of fake.removedListeners) listener(7);
    await tabShows(7, { url: 'https://www.linkedin.com/in/anna-arendt/' });
    expect(profileCalls()).toBe(0);
  });

  it('a part already running in the tab (opened directly, or reached earlier) is not injected again', async () => {
    fake.executeScript.mockImplementation(async (injection: unknown) =>
      'func' in (injection as object) ? [{ result: true }] : [],
    );
    await tabShows(7, { url: 'https://www.linkedin.com/feed/' });
    fake.executeScript.mockClear(); // the feed's list part
    await tabShows(7, { url: 'https://www.linkedin.com/in/jonas-probewald/' });
    expect(injected()).toEqual([]);
    expect(fake.executeScript).toHaveBeenCalledWith(
      expect.objectContaining({ target: { tabId: 7, frameIds: [0] }, args: ['__kontaktpflegeParts', 'linkedin-profile'] }),
    );
  });

  // Issue 10: list pages get the list-badge part; a profile gets it beside its profile part (side lists),
  // as its own file: the profile part has no room for the list code in its 9 KB.
  it("a page with person lists gets its site's list part, a profile its profile part and list part", async () => {
    await tabShows(7, { url: 'https://www.linkedin.com/search/results/people/?keywords=anna' });
    await tabShows(7, { url: 'https://www.linkedin.com/feed/' });
    await tabShows(8, { url: 'https://www.xing.com/search/members?keywords=anna' });
    await tabShows(7, { url: 'https://www.linkedin.com/in/anna-arendt/' });
    await tabShows(8, { url: 'https://www.xing.com/profile/Anna_Arendt/contacts' });
    // opened directly: the manifest runs the profile part, the worker adds only the list part
    await tabShows(9, { url: 'https://www.linkedin.com/in/anna-arendt/' });
    await tabShows(10, { url: 'https://www.xing.com/profile/Anna_Arendt/contacts' });
    expect(injected()).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-lists.js'], injectImmediately: true },
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-lists.js'], injectImmediately: true },
      { target: { tabId: 8, frameIds: [0] }, files: ['/xing-lists.js'], injectImmediately: true },
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-profile.js'], injectImmediately: true },
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-lists.js'], injectImmediately: true },
      { target: { tabId: 8, frameIds: [0] }, files: ['/xing-profile.js'], injectImmediately: true },
      { target: { tabId: 8, frameIds: [0] }, files: ['/xing-lists.js'], injectImmediately: true },
      { target: { tabId: 9, frameIds: [0] }, files: ['/linkedin-lists.js'], injectImmediately: true },
      { target: { tabId: 10, frameIds: [0] }, files: ['/xing-lists.js'], injectImmediately: true },
    ]);
  });

  it('pages with nothing for us, other sites and updates without a URL get nothing', async () => {
    for (const url of [
      'https://www.linkedin.com/jobs/view/4100000001/',
      'https://www.linkedin.com/company/beispiel-gmbh/',
      'https://www.linkedin.com/messaging/',
      'https://www.xing.com/jobs',
      'https://linkedin.com.evil.example/in/anna/',
      'https://example.org/in/anna/',
    ])
      await tabShows(7, { url });
    await tabShows(7, { status: 'complete' });
    expect(injected()).toEqual([]);
  });
});

describe('partsToInject (the decision, pure)', () => {
  const profile = 'https://www.linkedin.com/in/anna-arendt/';
  it('injects the profile part only after a move within the site from a page that did not need it', () => {
    const lists = 'linkedin-lists'; // a profile's side lists: never from the manifest, always asked for
    expect(partsToInject(profile, 'https://www.linkedin.com/feed/')).toEqual(['linkedin-profile', lists]);
    expect(partsToInject(profile, null)).toEqual([lists]);
    expect(partsToInject(profile, 'https://www.google.com/search?q=anna')).toEqual([lists]);
    expect(partsToInject(profile, 'https://de.linkedin.com/feed/')).toEqual([lists]);
    expect(partsToInject(profile, 'https://www.linkedin.com/in/bert-brandt/')).toEqual([lists]);
  });
});

describe('content/load-part', () => {
  it('injects the asked part into the asking tab and frame', async () => {
    expect(await load('linkedin-skeleton', contentScript('https://de.linkedin.com/in/anna-arendt/', 7, 0))).toEqual({ ok: true });
    expect(await load('xing-profile', contentScript('https://www.xing.com/profile/Anna_Arendt', 8, 3))).toEqual({ ok: true });
    expect(injected()).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-skeleton.js'], injectImmediately: true },
      { target: { tabId: 8, frameIds: [3] }, files: ['/xing-profile.js'], injectImmediately: true },
    ]);
  });

  it('refuses a part of the other site, a look-alike host and a name that is not a part', async () => {
    expect(await load('xing-profile', contentScript('https://www.linkedin.com/in/anna-arendt/'))).toEqual({ ok: false });
    expect(await load('linkedin-profile', contentScript('https://linkedin.com.evil.example/in/anna/'))).toEqual({ ok: false });
    expect(await load('../background', contentScript('https://www.linkedin.com/feed/'))).toEqual({ ok: false });
    expect(await load('toString', contentScript('https://www.linkedin.com/feed/'))).toEqual({ ok: false });
    expect(injected()).toEqual([]);
  });

  it('answers nobody but our own content scripts', async () => {
    const otherExtension = { ...contentScript('https://www.linkedin.com/in/anna/'), id: 'other-extension' };
    const panel: Sender = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/panel.html`, tab: tab(5), frameId: 2 };
    expect(await load('linkedin-profile', otherExtension)).toEqual({ error: 'sender not allowed' });
    expect(await load('linkedin-profile', panel)).toEqual({ error: 'sender not allowed' });
    expect(injected()).toEqual([]);
  });

  it('says so when the tab went away before the injection, so the router can ask again', async () => {
    fake.executeScript.mockRejectedValueOnce(new Error('No tab with id: 5'));
    expect(await load('linkedin-profile', contentScript('https://www.linkedin.com/in/anna/'))).toEqual({ ok: false });
  });
});
