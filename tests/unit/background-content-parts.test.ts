/**
 * The worker injects a content-script part (issue 13) only where it belongs: into the asking router's own
 * tab and frame, only a part of that frame's site, only for our own content scripts. The browser is a
 * small fake that records what `scripting.executeScript` was asked to run.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { Request } from '../../messaging/protocol';

const EXT_ID = 'kontaktpflege-ext-id';

const fake = vi.hoisted(() => ({
  executeScript: vi.fn(async (_injection: unknown): Promise<unknown[]> => []),
}));

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'kontaktpflege-ext-id',
      getURL: (path: string) => `chrome-extension://kontaktpflege-ext-id${path}`,
      sendMessage: async () => undefined,
    },
    scripting: { executeScript: fake.executeScript },
  },
}));
vi.mock('../../background/database', () => ({ workerDb: () => null }));

const { handleMessage } = await import('../../background/requests');

type Sender = Browser.runtime.MessageSender;
const tab = (id: number) => ({ id }) as Browser.tabs.Tab;
const contentScript = (url: string, tabId = 5, frameId = 0): Sender => ({ id: EXT_ID, url, tab: tab(tabId), frameId });
const load = (part: string, sender: Sender) =>
  handleMessage({ type: 'content/load-part', part } as unknown as Request, sender) as Promise<unknown>;
const injected = () => fake.executeScript.mock.calls.map(([injection]) => injection);

beforeEach(() => {
  fake.executeScript.mockReset();
  fake.executeScript.mockImplementation(async () => []);
});

describe('content/load-part', () => {
  it("injects the site's profile part into the asking tab and frame", async () => {
    expect(await load('linkedin-profile', contentScript('https://de.linkedin.com/in/anna-arendt/', 7, 0))).toEqual({ ok: true });
    expect(await load('xing-profile', contentScript('https://www.xing.com/profile/Anna_Arendt', 8, 3))).toEqual({ ok: true });
    expect(injected()).toEqual([
      { target: { tabId: 7, frameIds: [0] }, files: ['/linkedin-profile.js'] },
      { target: { tabId: 8, frameIds: [3] }, files: ['/xing-profile.js'] },
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
