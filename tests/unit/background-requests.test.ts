/**
 * The worker's trust boundary: who may read and write notes (`background/requests.ts`), which panel gets
 * which person (`background/profiles.ts`), and what a write tells the rest of the extension.
 * The browser is a small fake; the database is the real schema on fake-indexeddb.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactView, PageProfile, PanelBoot, Request } from '../../messaging/protocol';
import type { ContactPatch } from '../../storage/types';
import { openDb } from '../../storage/db';
import { EXTENSION_PAGES, LINKEDIN_TAB, NOT_EXTENSION_PAGES, SENDERS, type Sender, tab } from '../support/senders';

const fake = vi.hoisted(() => {
  const session = new Map<string, unknown>();
  return {
    session,
    sendMessage: vi.fn(async (_message: unknown) => undefined),
    setBadgeText: vi.fn(async (_details: { text: string }) => undefined),
    /** what a tab's content script answers to the worker's `bg/page-skeleton` */
    tabsSendMessage: vi.fn(async (_tabId: number, _message: unknown, _options?: unknown): Promise<unknown> => undefined),
    db: { current: null as unknown },
  };
});

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'kontaktpflege-ext-id',
      getURL: (path: string) => `chrome-extension://kontaktpflege-ext-id${path}`,
      sendMessage: fake.sendMessage,
    },
    storage: {
      session: {
        get: async (key: string) => (fake.session.has(key) ? { [key]: fake.session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) fake.session.set(k, v);
        },
        remove: async (key: string) => {
          fake.session.delete(key);
        },
      },
    },
    tabs: { sendMessage: fake.tabsSendMessage },
    i18n: { getMessage: (key: string) => (key === 'extName' ? 'Kontaktpflege' : '') },
    action: { setBadgeBackgroundColor: async () => undefined, setBadgeText: fake.setBadgeText },
  },
}));

vi.mock('../../background/database', () => ({ workerDb: () => fake.db.current }));

const { handleMessage } = await import('../../background/requests');
const { forgetTab, profileForToken, rememberProfile } = await import('../../background/profiles');

const OTHER_TAB = 6;

const ANNA: PageProfile = {
  site: 'linkedin',
  key: 'linkedin:anna-arendt',
  profileUrl: 'https://www.linkedin.com/in/anna-arendt/',
  isMainPage: true,
  name: 'Anna Arendt',
  headline: null,
  company: null,
  location: null,
  photoUrl: null,
  aliases: [],
  missing: ['headline', 'company', 'location', 'photoUrl'],
};
const SECRET = 'Anna: talks about moving to Lisbon';
const BEN: PageProfile = {
  ...ANNA,
  key: 'linkedin:ben-brandt',
  profileUrl: 'https://www.linkedin.com/in/ben-brandt/',
  name: 'Ben Brandt',
};

async function ask(request: Request, sender: Sender): Promise<unknown> {
  return handleMessage(request, sender);
}

let dbCount = 0;
beforeEach(async () => {
  fake.session.clear();
  fake.sendMessage.mockClear();
  fake.setBadgeText.mockClear();
  fake.tabsSendMessage.mockReset();
  fake.db.current = openDb(`kp-bg-test-${++dbCount}`, { indexedDB, IDBKeyRange });
  await ask({ type: 'panel/add-contact', profile: ANNA }, SENDERS.popup);
  await ask({ type: 'panel/update-contact', key: ANNA.key, patch: { notes: SECRET } }, SENDERS.popup);
  fake.sendMessage.mockClear();
  fake.setBadgeText.mockClear();
});

async function storedNotes(): Promise<string | undefined> {
  const view = (await ask({ type: 'panel/get-contact', key: ANNA.key }, SENDERS.popup)) as ContactView;
  return view.contact?.notes;
}

describe('handleMessage: only extension pages read and write notes', () => {
  it.each(EXTENSION_PAGES)('answers panel/get-contact from the %s', async (who) => {
    const answer = (await ask({ type: 'panel/get-contact', key: ANNA.key }, SENDERS[who])) as ContactView;
    expect(answer.contact?.notes).toBe(SECRET);
  });

  it.each(NOT_EXTENSION_PAGES)('refuses panel/get-contact from a %s', async (who) => {
    const answer = await ask({ type: 'panel/get-contact', key: ANNA.key }, SENDERS[who]);
    expect(answer).toEqual({ error: 'sender not allowed' });
  });

  it.each(NOT_EXTENSION_PAGES)('refuses panel/update-contact from a %s and keeps the note', async (who) => {
    const answer = await ask({ type: 'panel/update-contact', key: ANNA.key, patch: { notes: 'overwritten' } }, SENDERS[who]);
    expect(answer).toEqual({ error: 'sender not allowed' });
    expect(await storedNotes()).toBe(SECRET);
  });

  it('refuses every other panel/ and page/ request from the content script', async () => {
    const requests: Request[] = [
      { type: 'panel/boot', token: 'tok-1' },
      { type: 'panel/add-contact', profile: { ...ANNA, key: 'linkedin:someone-else' } },
      { type: 'panel/log-touch', key: ANNA.key, touch: { date: '2026-01-02', channel: 'call', direction: 'mutual', note: '' } },
      { type: 'page/data-changed' },
    ];
    for (const request of requests) {
      expect(await ask(request, SENDERS.contentScript), request.type).toEqual({ error: 'sender not allowed' });
    }
    const view = (await ask({ type: 'panel/get-contact', key: 'linkedin:someone-else' }, SENDERS.popup)) as ContactView;
    expect(view.contact).toBeNull();
    expect(fake.sendMessage).not.toHaveBeenCalled();
  });

  it('accepts content/ announcements only from its own content script in a tab', async () => {
    const announce: Request = { type: 'content/profile-shown', token: 'tok-1', profile: ANNA };
    // the answer carries the panel iframe's accessible name: the content script asks no i18n of its own
    expect(await ask(announce, SENDERS.contentScript)).toEqual({ ok: true, frameTitle: 'Kontaktpflege' });
    for (const who of ['panel', 'popup', 'dashboard', 'otherExtension', 'otherExtensionContentScript', 'webPage'] as const) {
      expect(await ask({ ...announce, token: `tok-${who}` }, SENDERS[who]), who).toEqual({ error: 'sender not allowed' });
      expect(await profileForToken(LINKEDIN_TAB, `tok-${who}`), who).toBeNull();
    }
    // A web URL without a tab is no content script that could own a panel.
    const { tab: _tab, ...tabless } = SENDERS.contentScript;
    expect(await ask(announce, tabless)).toEqual({ error: 'sender not allowed' });
  });

  it('answers a wake-up from its own content script (a stopped worker starts before the panel asks)', async () => {
    expect(await ask({ type: 'content/wake' }, SENDERS.contentScript)).toEqual({ ok: true });
    expect(await ask({ type: 'content/wake' }, SENDERS.webPage)).toEqual({ error: 'sender not allowed' });
  });

  it('a wake-up after the announcement leaves the panel bound to its person', async () => {
    await ask({ type: 'content/profile-shown', token: 'tok-1', profile: ANNA }, SENDERS.contentScript);
    await ask({ type: 'content/wake' }, SENDERS.contentScript);
    expect(((await ask({ type: 'panel/boot', token: 'tok-1' }, SENDERS.panel)) as PanelBoot).profile?.key).toBe(ANNA.key);
  });

  it('tells a panel that asked too early that its person has been announced', async () => {
    await ask({ type: 'content/profile-shown', token: 'tok-9', profile: ANNA }, SENDERS.contentScript);
    expect(fake.sendMessage.mock.calls.map(([message]) => message)).toEqual([{ type: 'bg/profile-changed', token: 'tok-9' }]);
  });

  // issue 13: a page that renders the person after the panel loaded (live LinkedIn): one answer, no second round trip
  it('a panel that asked before its page announced anyone is answered with the person the moment they are announced', async () => {
    const early = ask({ type: 'panel/boot', token: 'tok-7' }, SENDERS.panel);
    await ask({ type: 'content/profile-shown', token: 'tok-7', profile: ANNA }, SENDERS.contentScript);
    const boot = (await early) as PanelBoot;
    expect(boot.profile?.key).toBe(ANNA.key);
    expect(boot.profile && boot.contact?.notes).toBe(SECRET);
    // answered already: no broadcast to every extension page
    expect(fake.sendMessage).not.toHaveBeenCalled();
  });

  it('a waiting panel of another tab gets nothing when this tab announces its person', async () => {
    const elsewhere = ask({ type: 'panel/boot', token: 'tok-7' }, { ...SENDERS.panel, tab: tab(OTHER_TAB) });
    await ask({ type: 'content/profile-shown', token: 'tok-7', profile: ANNA }, SENDERS.contentScript);
    expect(await elsewhere).toEqual({ profile: null });
  });

  it('a person not in the notebook comes back as no contact and no touches', async () => {
    const view = (await ask({ type: 'panel/get-contact', key: 'linkedin:nobody' }, SENDERS.popup)) as ContactView;
    expect(view.contact).toBeNull();
    expect(view.touches).toEqual([]);
  });

  it('a refused write comes back as an error the panel can show, and changes nothing', async () => {
    const patch = { tier: 'Z' } as unknown as ContactPatch;
    const answer = await ask({ type: 'panel/update-contact', key: ANNA.key, patch }, SENDERS.panel);
    expect(answer).toEqual({ error: 'Unknown tier: Z' });
    const view = (await ask({ type: 'panel/get-contact', key: ANNA.key }, SENDERS.popup)) as ContactView;
    expect(view.contact?.tier).toBe('C');
    expect(fake.sendMessage).not.toHaveBeenCalled();
  });

  it('leaves broadcasts and foreign messages unanswered', () => {
    expect(handleMessage({}, SENDERS.popup)).toBeUndefined();
    expect(handleMessage({ type: 42 }, SENDERS.popup)).toBeUndefined();
    expect(handleMessage({ type: 'bg/contact-changed', keys: [ANNA.key] }, SENDERS.panel)).toBeUndefined();
    expect(handleMessage({ type: 'other/thing' }, SENDERS.popup)).toBeUndefined();
    expect(handleMessage('panel/get-contact', SENDERS.popup)).toBeUndefined();
    expect(handleMessage(null, SENDERS.popup)).toBeUndefined();
  });
});

describe('token binding: a panel gets only the person announced for its own token in its own tab', () => {
  beforeEach(async () => {
    await ask({ type: 'content/profile-shown', token: 'tok-1', profile: ANNA }, SENDERS.contentScript);
  });

  it('the panel with the token, in that tab, gets the person and their notes', async () => {
    const boot = (await ask({ type: 'panel/boot', token: 'tok-1' }, SENDERS.panel)) as PanelBoot;
    expect(boot.profile?.key).toBe(ANNA.key);
    expect(boot.profile && boot.contact?.notes).toBe(SECRET);
  });

  // issue 13: the worker looks the person up at the announcement, before the panel's frame exists
  it("a note saved between the announcement and the panel's first request is in what the panel gets", async () => {
    await ask({ type: 'panel/update-contact', key: ANNA.key, patch: { notes: 'Saved in the popup meanwhile' } }, SENDERS.panel);
    const boot = (await ask({ type: 'panel/boot', token: 'tok-1' }, SENDERS.panel)) as PanelBoot;
    expect(boot.profile?.key).toBe(ANNA.key);
    expect(boot.profile && boot.contact?.notes).toBe('Saved in the popup meanwhile');
  });

  it('the person announced last under a token is the one its panel gets (a single-page move before the frame loads)', async () => {
    await ask({ type: 'content/profile-shown', token: 'tok-1', profile: BEN }, SENDERS.contentScript);
    const boot = (await ask({ type: 'panel/boot', token: 'tok-1' }, SENDERS.panel)) as PanelBoot;
    expect(boot.profile?.key).toBe(BEN.key);
  });

  it('a wrong token gets nothing', async () => {
    expect(await ask({ type: 'panel/boot', token: 'tok-2' }, SENDERS.panel)).toEqual({ profile: null });
    expect(await profileForToken(LINKEDIN_TAB, 'tok-2')).toBeNull();
  });

  it('the right token from another tab, or from a page without a tab, gets nothing', async () => {
    const elsewhere = { ...SENDERS.panel, tab: tab(OTHER_TAB) };
    expect(await ask({ type: 'panel/boot', token: 'tok-1' }, elsewhere)).toEqual({ profile: null });
    expect(await ask({ type: 'panel/boot', token: 'tok-1' }, SENDERS.popup)).toEqual({ profile: null });
    expect(await profileForToken(OTHER_TAB, 'tok-1')).toBeNull();
  });

  it('a new announcement in the tab replaces the old one; a closed tab is forgotten', async () => {
    await rememberProfile(LINKEDIN_TAB, 'tok-3', { ...ANNA, key: 'linkedin:bruno' });
    expect(await profileForToken(LINKEDIN_TAB, 'tok-1')).toBeNull();
    expect((await profileForToken(LINKEDIN_TAB, 'tok-3'))?.key).toBe('linkedin:bruno');
    await forgetTab(LINKEDIN_TAB);
    expect(await profileForToken(LINKEDIN_TAB, 'tok-3')).toBeNull();
  });
});

describe('after a write: every open view hears of it; the badge is recounted only when a due date may move', () => {
  const broadcasts = () => fake.sendMessage.mock.calls.map(([message]) => message);

  it('typing a note broadcasts the contact but does not recount the badge', async () => {
    await ask({ type: 'panel/update-contact', key: ANNA.key, patch: { notes: `${SECRET}!` } }, SENDERS.panel);
    expect(broadcasts()).toEqual([{ type: 'bg/contact-changed', keys: [ANNA.key] }]);
    expect(fake.setBadgeText).not.toHaveBeenCalled();
  });

  it.each([
    ['tier', { tier: 'A' }],
    ['last contact', { lastContactAt: '2026-01-02' }],
    ['snooze', { snoozedUntil: '2026-12-24' }],
  ] as const)('a changed %s recounts the badge and broadcasts', async (_what, patch) => {
    await ask({ type: 'panel/update-contact', key: ANNA.key, patch }, SENDERS.panel);
    expect(fake.setBadgeText).toHaveBeenCalledTimes(1);
    expect(broadcasts()).toEqual([{ type: 'bg/contact-changed', keys: [ANNA.key] }]);
  });

  it('a logged touch and a new contact recount the badge', async () => {
    await ask(
      { type: 'panel/log-touch', key: ANNA.key, touch: { date: '2026-01-02', channel: 'call', direction: 'mutual', note: '' } },
      SENDERS.panel,
    );
    await ask({ type: 'panel/add-contact', profile: { ...ANNA, key: 'linkedin:bruno' } }, SENDERS.panel);
    expect(fake.setBadgeText).toHaveBeenCalledTimes(2);
    expect(broadcasts()).toEqual([
      { type: 'bg/contact-changed', keys: [ANNA.key] },
      { type: 'bg/contact-changed', keys: ['linkedin:bruno'] },
    ]);
  });

  it("a page's own write reaches the others through the worker, with the keys it names", async () => {
    await ask({ type: 'page/data-changed', keys: [ANNA.key], dueChanged: false }, SENDERS.dashboard);
    expect(fake.setBadgeText).not.toHaveBeenCalled();
    await ask({ type: 'page/data-changed', keys: [ANNA.key] }, SENDERS.popup);
    expect(fake.setBadgeText).toHaveBeenCalledTimes(1);
    // An import names no keys: any contact may have changed.
    await ask({ type: 'page/data-changed' }, SENDERS.dashboard);
    expect(fake.setBadgeText).toHaveBeenCalledTimes(2);
    expect(broadcasts()).toEqual([
      { type: 'bg/contact-changed', keys: [ANNA.key] },
      { type: 'bg/contact-changed', keys: [ANNA.key] },
      { type: 'bg/contact-changed', keys: null },
    ]);
  });

  it("a page's write is acknowledged, and only the text keys it names are passed on", async () => {
    const request = { type: 'page/data-changed', keys: [ANNA.key, 42, null], dueChanged: false } as unknown as Request;
    expect(await ask(request, SENDERS.dashboard)).toEqual({ ok: true });
    expect(broadcasts()).toEqual([{ type: 'bg/contact-changed', keys: [ANNA.key] }]);
  });
});

describe('"Help fix this page": the skeleton comes only from the panel\'s own tab', () => {
  const SKELETON = 'kontaktpflege page skeleton v1\n<main role>\n  <h2 class=8>';

  it("relays the panel's request to the top frame of the panel's own tab, with its token, and returns the text", async () => {
    fake.tabsSendMessage.mockResolvedValueOnce(SKELETON);
    const answer = await ask({ type: 'panel/page-skeleton', token: 'tok-1' }, SENDERS.panel);
    expect(answer).toEqual({ text: SKELETON });
    expect(fake.tabsSendMessage).toHaveBeenCalledTimes(1);
    expect(fake.tabsSendMessage).toHaveBeenCalledWith(LINKEDIN_TAB, { type: 'bg/page-skeleton', token: 'tok-1' }, { frameId: 0 });
  });

  it.each(NOT_EXTENSION_PAGES)('refuses it from a %s without asking any tab', async (who) => {
    fake.tabsSendMessage.mockResolvedValue(SKELETON);
    const answer = await ask({ type: 'panel/page-skeleton', token: 'tok-1' }, SENDERS[who]);
    expect(answer).toEqual({ error: 'sender not allowed' });
    expect(fake.tabsSendMessage).not.toHaveBeenCalled();
  });

  it('an extension page outside a tab (the popup) gets no text and no tab is asked', async () => {
    const answer = await ask({ type: 'panel/page-skeleton', token: 'tok-1' }, SENDERS.popup);
    expect(answer).toEqual({ text: null });
    expect(fake.tabsSendMessage).not.toHaveBeenCalled();
  });

  it('a tab that answers nothing useful, or no longer answers, gives no text (the panel says so)', async () => {
    fake.tabsSendMessage.mockResolvedValueOnce({ not: 'text' });
    expect(await ask({ type: 'panel/page-skeleton', token: 'tok-1' }, SENDERS.panel)).toEqual({ text: null });
    fake.tabsSendMessage.mockRejectedValueOnce(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await ask({ type: 'panel/page-skeleton', token: 'tok-1' }, SENDERS.panel)).toEqual({ text: null });
  });
});
