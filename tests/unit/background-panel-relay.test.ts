/**
 * Firefox does not deliver the worker's runtime broadcasts to the panel iframe (docs/firefox.md), so the
 * Firefox build also sends them with `tabs.sendMessage` to the panel's own frame (`background/panel-relay.ts`).
 * These tests pin who is told: the panel frame of each tab, never the tab's content script (frame 0).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { PageProfile, Request } from '../../messaging/protocol';

const fake = vi.hoisted(() => ({
  session: new Map<string, unknown>(),
  tabsSendMessage: vi.fn(
    async (_tabId: number, _message: unknown, _options?: { frameId?: number }): Promise<unknown> => undefined,
  ),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'ext-id',
      getURL: (path: string) => `moz-extension://ext-uuid${path}`,
      sendMessage: async () => undefined,
    },
    storage: {
      session: {
        get: async (key: string | null) =>
          key === null ? Object.fromEntries(fake.session) : fake.session.has(key) ? { [key]: fake.session.get(key) } : {},
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) fake.session.set(k, v);
        },
        remove: async (key: string) => {
          fake.session.delete(key);
        },
      },
    },
    tabs: { sendMessage: fake.tabsSendMessage },
    action: { setBadgeBackgroundColor: async () => undefined, setBadgeText: async () => undefined },
  },
}));
vi.mock('../../background/database', () => ({ workerDb: () => null }));

const { forgetPanelFrame, rememberPanelFrame, relayToPanels } = await import('../../background/panel-relay');
const { handleMessage } = await import('../../background/requests');

const sent = () =>
  fake.tabsSendMessage.mock.calls.map(([tabId, message, options]) => ({ tabId, message, frameId: options?.frameId }));

beforeEach(() => {
  fake.session.clear();
  fake.tabsSendMessage.mockClear();
});

describe('relayToPanels', () => {
  it("sends a broadcast to every tab's panel frame, addressed to that frame only", async () => {
    await rememberPanelFrame(5, 7);
    await rememberPanelFrame(8, 3);
    fake.session.set('tab:5', { token: 't', profile: {} }); // the announced profile: not a panel entry
    await relayToPanels({ type: 'bg/contact-changed', keys: ['linkedin:anna'] });
    expect(sent()).toEqual(
      expect.arrayContaining([
        { tabId: 5, message: { type: 'bg/contact-changed', keys: ['linkedin:anna'] }, frameId: 7 },
        { tabId: 8, message: { type: 'bg/contact-changed', keys: ['linkedin:anna'] }, frameId: 3 },
      ]),
    );
    expect(sent()).toHaveLength(2);
  });

  it('sends only to the tabs named, and to no tab whose panel was forgotten', async () => {
    await rememberPanelFrame(5, 7);
    await rememberPanelFrame(8, 3);
    await relayToPanels({ type: 'bg/profile-changed', token: 'tok' }, [8]);
    expect(sent()).toEqual([{ tabId: 8, message: { type: 'bg/profile-changed', token: 'tok' }, frameId: 3 }]);
    fake.tabsSendMessage.mockClear();
    await forgetPanelFrame(8);
    await relayToPanels({ type: 'bg/contact-changed', keys: null });
    expect(sent().map((s) => s.tabId)).toEqual([5]);
  });

  it('a tab that is gone does not keep the others from hearing', async () => {
    await rememberPanelFrame(5, 7);
    await rememberPanelFrame(8, 3);
    fake.tabsSendMessage.mockImplementationOnce(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await expect(relayToPanels({ type: 'bg/contact-changed', keys: null })).resolves.toBeUndefined();
    expect(sent()).toHaveLength(2);
  });
});

describe('the Firefox worker', () => {
  const tab = (id: number) => ({ id }) as Browser.tabs.Tab;
  const panel = { id: 'ext-id', url: 'moz-extension://ext-uuid/panel.html?t=tok', tab: tab(5), frameId: 11 };
  const contentScript = { id: 'ext-id', url: 'https://www.linkedin.com/in/anna/', tab: tab(5), frameId: 0 };
  const ask = (request: Request, sender: Browser.runtime.MessageSender) => handleMessage(request, sender);

  beforeEach(() => {
    vi.stubEnv('FIREFOX', true as unknown as string);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("tells the booted panel's frame, not the content script, that its page shows another person", async () => {
    await ask({ type: 'panel/boot', token: 'tok' }, panel);
    const profile: PageProfile = {
      site: 'linkedin',
      key: 'linkedin:anna',
      profileUrl: 'https://www.linkedin.com/in/anna/',
      isMainPage: true,
      name: 'Anna',
      headline: null,
      company: null,
      location: null,
      photoUrl: null,
      aliases: [],
      missing: [],
    } as const;
    await ask(
      { type: 'content/profile-shown', token: 'tok', profile: { ...profile, missing: [...profile.missing] } },
      contentScript,
    );
    await vi.waitFor(() =>
      expect(sent()).toEqual([{ tabId: 5, message: { type: 'bg/profile-changed', token: 'tok' }, frameId: 11 }]),
    );
  });
});
