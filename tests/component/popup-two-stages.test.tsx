// @vitest-environment jsdom
/**
 * The popup in two stages (issue 13): the first script paints the worker's summary with no database code,
 * then the app takes over the same DOM. What the summary paints is exactly what the app shows from the
 * database; the app keeps the painted nodes (no flash: hydration, not a new tree); a click and typing on
 * the painted screen before the app arrived are not lost. Real schema on fake-indexeddb, a small fake browser.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import en from '../../public/_locales/en/messages.json';
import { readFirstScreen } from '../../entrypoints/popup/first-screen';
import { addContact, updateContact } from '../../storage/contacts';
import { localToday } from '../../storage/dates';
import { type KontaktDb, openDb } from '../../storage/db';
import { addKeyDate } from '../../storage/key-dates';
import { addPromise } from '../../storage/promises';
import { DEFAULT_SETTINGS } from '../../storage/types';

const fake = vi.hoisted(() => ({ session: new Map<string, unknown>() }));

function message(key: string, subs?: string[]): string {
  const entry = (en as Record<string, { message: string }>)[key];
  return (subs ?? []).reduce((text, sub, i) => text.replace(`$${i + 1}`, sub), entry?.message ?? key);
}

const api = vi.hoisted(() => ({
  i18n: { getUILanguage: () => 'en', getMessage: (key: string, subs?: string[]) => `${key}${subs ?? ''}` },
  runtime: {
    id: 'kp-test',
    sendMessage: async () => undefined,
    getURL: (path: string) => path,
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
    openOptionsPage: async () => undefined,
  },
  tabs: { create: async () => undefined },
  storage: {
    session: {
      get: async (key: string) => (fake.session.has(key) ? { [key]: fake.session.get(key) } : {}),
    },
  },
}));
api.i18n.getMessage = message;
vi.mock('wxt/browser', () => ({ browser: api }));

const NOW = new Date();
const TODAY = localToday(NOW);
let db: KontaktDb;

async function person(name: string, tier: 'A' | 'B'): Promise<string> {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const key = `linkedin:${slug}`;
  await addContact(
    db,
    { key, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, aliases: [], name },
    DEFAULT_SETTINGS,
    NOW.getTime(),
  );
  await updateContact(db, key, { tier, lastContactAt: '2020-01-01' }, NOW.getTime());
  return key;
}

beforeEach(async () => {
  await openDb().delete();
  db = openDb();
  const anna = await person('Anna Adler', 'A');
  await person('Berta Brandt', 'B');
  const inTwoDays = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() + 2);
  await addKeyDate(
    db,
    anna,
    { kind: 'birthday', label: '', month: inTwoDays.getMonth() + 1, day: inTwoDays.getDate(), year: null, recurrence: 'yearly' },
    TODAY,
    NOW.getTime(),
  );
  await addPromise(db, anna, { direction: 'mine', text: 'Send the checklist', dueDate: TODAY }, NOW.getTime());
  // What the worker stores after a write (background/popup-summary.ts).
  fake.session.clear();
  fake.session.set('popup-first-screen', JSON.parse(JSON.stringify(await readFirstScreen(db, TODAY, 'en'))));
  (globalThis as unknown as { chrome: typeof api }).chrome = api;
  document.body.innerHTML = '<div id="app"></div>';
  vi.resetModules();
});
afterEach(() => {
  cleanup();
  db.close();
});

const root = () => document.getElementById('app') as HTMLElement;

/** Imports the popup's first script; `onPaint` runs in the same task as the summary's paint, before the app can load. */
async function openPopup(onPaint: () => void): Promise<void> {
  let painted = false;
  const observer = new MutationObserver(() => {
    if (painted || !root().querySelector('main')) return;
    painted = true;
    observer.disconnect();
    onPaint();
  });
  observer.observe(root(), { childList: true, subtree: true });
  await import('../../entrypoints/popup/main');
  await waitFor(() => expect(painted).toBe(true));
}

/** Text of every list on the screen by its name, row by row. */
function lists(container: HTMLElement): Record<string, string[]> {
  return Object.fromEntries(
    within(container)
      .getAllByRole('list')
      .map((list) => [
        list.getAttribute('aria-labelledby') && document.getElementById(list.getAttribute('aria-labelledby') ?? '')?.textContent,
        within(list)
          .queryAllByRole('listitem')
          .map((li) => li.textContent),
      ]),
  );
}

test('the summary paints exactly what the app shows from the database, and the app keeps the painted nodes', async () => {
  let painted = '';
  let row: Element | null = null;
  await openPopup(() => {
    painted = root().innerHTML;
    row = within(root()).getByText('Anna Adler', { selector: '.due-row *' }).closest('li');
  });
  expect(within(screen.getByRole('list', { name: 'Occasions' })).getByText(/Anna Adler/)).toBeTruthy();
  expect(within(screen.getByRole('list', { name: 'Promises due' })).getByText(/Send the checklist/)).toBeTruthy();
  expect(within(screen.getByRole('list', { name: 'Due for a touch' })).getAllByRole('listitem')).toHaveLength(2);

  // The whole app, from the database alone, in a page of its own.
  const { PopupApp } = await import('../../entrypoints/popup/PopupApp');
  const fresh = document.createElement('div');
  document.body.append(fresh);
  render(<PopupApp db={openDb()} />, { container: fresh });
  await waitFor(() => expect(lists(fresh)).toEqual(lists(root())));
  const stage1 = document.createElement('div');
  stage1.innerHTML = painted;
  expect(lists(stage1)).toEqual(lists(fresh));
  await waitFor(() => expect(fresh.innerHTML).toBe(painted));

  // The app has taken over the painted DOM (it handles clicks) without replacing the rows.
  await waitFor(() => expect(root().innerHTML).toBe(painted));
  expect((row as Element | null)?.isConnected).toBe(true);
});

test('a click on "Done" and typing in the search field before the app arrived are carried out by the app', async () => {
  await openPopup(() => {
    const promises = within(root()).getByRole('list', { name: 'Promises due' });
    within(promises).getByRole('button', { name: 'Done' }).click();
    const search = within(root()).getByRole('searchbox');
    (search as HTMLInputElement).value = 'Berta';
    search.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await waitFor(async () => expect((await db.promises.toArray())[0]?.doneAt).not.toBeNull());
  await waitFor(() => expect(screen.queryByRole('list', { name: 'Promises due' })).toBeNull());
  const due = await screen.findByRole('list', { name: 'Due for a touch' });
  await waitFor(() =>
    expect(
      within(due)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('Berta Brandt')]),
  );
  expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('Berta');
});
