/**
 * The panel's key-date and promise requests (issue 9) in the worker (`background/requests.ts`): only
 * extension pages may send them, bad input is refused with nothing stored, and every write reaches the
 * badge and the other open views. Same fakes as background-requests.test.ts.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactView, PageProfile, Request } from '../../messaging/protocol';
import { openDb } from '../../storage/db';
import { NOT_EXTENSION_PAGES, SENDERS, type Sender } from '../support/senders';

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
    action: { setBadgeBackgroundColor: async () => undefined, setBadgeText: fake.setBadgeText },
  },
}));

vi.mock('../../background/database', () => ({ workerDb: () => fake.db.current }));

const { handleMessage } = await import('../../background/requests');

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

const BIRTHDAY = { kind: 'birthday', label: '', day: 2, month: 12, year: 1976, recurrence: 'yearly' } as const;
const PROMISE = { direction: 'mine', text: 'Send the travel-expense checklist', dueDate: '2026-12-01' } as const;

async function view(): Promise<ContactView> {
  return (await ask({ type: 'panel/get-contact', key: ANNA.key }, SENDERS.popup)) as ContactView;
}

describe('key-date and promise requests', () => {
  it('the panel adds a key date: stored, answered in the view, the badge recounted and the other views told', async () => {
    const answer = (await ask({ type: 'panel/add-key-date', key: ANNA.key, keyDate: BIRTHDAY }, SENDERS.panel)) as ContactView;
    expect(answer.keyDates.map(({ kind, day, month, year }) => ({ kind, day, month, year }))).toEqual([
      { kind: 'birthday', day: 2, month: 12, year: 1976 },
    ]);
    expect((await view()).keyDates).toHaveLength(1);
    expect(fake.setBadgeText).toHaveBeenCalled();
    expect(fake.sendMessage).toHaveBeenCalledWith({ type: 'bg/contact-changed', keys: [ANNA.key] });
  });

  it('31 April and an own occasion without a label are refused, and nothing is stored', async () => {
    for (const keyDate of [
      { ...BIRTHDAY, day: 31, month: 4 },
      { ...BIRTHDAY, month: 13 },
      { ...BIRTHDAY, kind: 'other' as const, label: '  ' },
    ]) {
      const answer = await ask({ type: 'panel/add-key-date', key: ANNA.key, keyDate }, SENDERS.panel);
      expect(answer, JSON.stringify(keyDate)).toHaveProperty('error');
    }
    expect((await view()).keyDates).toEqual([]);
    expect(fake.sendMessage).not.toHaveBeenCalled();
  });

  it('deleting a key date takes it off the view', async () => {
    const added = (await ask({ type: 'panel/add-key-date', key: ANNA.key, keyDate: BIRTHDAY }, SENDERS.panel)) as ContactView;
    const id = added.keyDates[0]?.id ?? '';
    const answer = (await ask({ type: 'panel/delete-key-date', key: ANNA.key, id }, SENDERS.panel)) as ContactView;
    expect(answer.keyDates).toEqual([]);
  });

  it('a promise is added, listed as open, and leaves the list once done', async () => {
    const added = (await ask({ type: 'panel/add-promise', key: ANNA.key, promise: PROMISE }, SENDERS.panel)) as ContactView;
    expect(added.promises.map((p) => [p.direction, p.text, p.dueDate])).toEqual([
      ['mine', 'Send the travel-expense checklist', '2026-12-01'],
    ]);
    const id = added.promises[0]?.id ?? '';
    const done = (await ask({ type: 'panel/complete-promise', key: ANNA.key, id }, SENDERS.panel)) as ContactView;
    expect(done.promises).toEqual([]);
    expect((await view()).promises).toEqual([]);
  });

  it('an empty promise is refused', async () => {
    const answer = await ask({ type: 'panel/add-promise', key: ANNA.key, promise: { ...PROMISE, text: '   ' } }, SENDERS.panel);
    expect(answer).toHaveProperty('error');
    expect((await view()).promises).toEqual([]);
  });

  it('a promise of another person cannot be ticked done through this one', async () => {
    const other = { ...ANNA, key: 'linkedin:bert-other', profileUrl: 'https://www.linkedin.com/in/bert-other/', name: 'Bert' };
    await ask({ type: 'panel/add-contact', profile: other }, SENDERS.popup);
    const added = (await ask({ type: 'panel/add-promise', key: other.key, promise: PROMISE }, SENDERS.panel)) as ContactView;
    const id = added.promises[0]?.id ?? '';
    expect(await ask({ type: 'panel/complete-promise', key: ANNA.key, id }, SENDERS.panel)).toHaveProperty('error');
    const bert = (await ask({ type: 'panel/get-contact', key: other.key }, SENDERS.popup)) as ContactView;
    expect(bert.promises).toHaveLength(1);
  });

  it('a key date of another person cannot be deleted through this one', async () => {
    const other = { ...ANNA, key: 'linkedin:bert-other', profileUrl: 'https://www.linkedin.com/in/bert-other/', name: 'Bert' };
    await ask({ type: 'panel/add-contact', profile: other }, SENDERS.popup);
    const added = (await ask({ type: 'panel/add-key-date', key: other.key, keyDate: BIRTHDAY }, SENDERS.panel)) as ContactView;
    const id = added.keyDates[0]?.id ?? '';
    expect(await ask({ type: 'panel/delete-key-date', key: ANNA.key, id }, SENDERS.panel)).toHaveProperty('error');
    const bert = (await ask({ type: 'panel/get-contact', key: other.key }, SENDERS.popup)) as ContactView;
    expect(bert.keyDates).toHaveLength(1);
  });

  it('ticking a promise done and deleting a key date recount the badge and tell the other views', async () => {
    const withPromise = (await ask({ type: 'panel/add-promise', key: ANNA.key, promise: PROMISE }, SENDERS.panel)) as ContactView;
    const withDate = (await ask({ type: 'panel/add-key-date', key: ANNA.key, keyDate: BIRTHDAY }, SENDERS.panel)) as ContactView;
    for (const request of [
      { type: 'panel/complete-promise', key: ANNA.key, id: withPromise.promises[0]?.id ?? '' },
      { type: 'panel/delete-key-date', key: ANNA.key, id: withDate.keyDates[0]?.id ?? '' },
    ] as const) {
      fake.setBadgeText.mockClear();
      fake.sendMessage.mockClear();
      await ask(request, SENDERS.panel);
      expect(fake.setBadgeText, request.type).toHaveBeenCalled();
      expect(fake.sendMessage, request.type).toHaveBeenCalledWith({ type: 'bg/contact-changed', keys: [ANNA.key] });
    }
  });

  it.each(NOT_EXTENSION_PAGES)('refuses every key-date and promise request from a %s, and stores nothing', async (who) => {
    const requests: Request[] = [
      { type: 'panel/add-key-date', key: ANNA.key, keyDate: BIRTHDAY },
      { type: 'panel/delete-key-date', key: ANNA.key, id: 'x' },
      { type: 'panel/add-promise', key: ANNA.key, promise: PROMISE },
      { type: 'panel/complete-promise', key: ANNA.key, id: 'x' },
    ];
    for (const request of requests) {
      expect(await ask(request, SENDERS[who]), request.type).toEqual({ error: 'sender not allowed' });
    }
    const current = await view();
    expect(current.keyDates).toEqual([]);
    expect(current.promises).toEqual([]);
  });

  it('the view counts touches marked gave and received in the last 12 months', async () => {
    const today = (await view()).today;
    const touch = (date: string, direction: 'gave' | 'received' | 'mutual') =>
      ask({ type: 'panel/log-touch', key: ANNA.key, touch: { date, channel: 'call', direction, note: '' } }, SENDERS.panel);
    await touch(today, 'gave');
    await touch(today, 'gave');
    await touch(today, 'received');
    await touch(today, 'mutual');
    expect((await view()).giveTake).toEqual({ gave: 2, received: 1 });
  });
});
