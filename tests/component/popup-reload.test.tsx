// @vitest-environment jsdom
/**
 * The popup re-reads its lists when the worker says contacts changed (issue 13: make that cheap). A burst of
 * broadcasts costs at most the read in flight and one after it, and that last read still shows the newest
 * write. The database is the real schema on fake-indexeddb; the browser is a small fake.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import en from '../../public/_locales/en/messages.json';
import { openDb } from '../../storage/db';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';

const fake = vi.hoisted(() => ({ listeners: [] as Array<(message: unknown) => void> }));

vi.mock('wxt/browser', () => ({
  browser: {
    i18n: {
      getUILanguage: () => 'en',
      getMessage: (key: string, subs?: string[]) => {
        const entry = (en as Record<string, { message: string }>)[key];
        return (subs ?? []).reduce((text, sub, i) => text.replace(`$${i + 1}`, sub), entry?.message ?? key);
      },
    },
    runtime: {
      sendMessage: async () => undefined,
      getURL: (path: string) => path,
      onMessage: {
        addListener: (listener: (message: unknown) => void) => fake.listeners.push(listener),
        removeListener: (listener: (message: unknown) => void) => {
          fake.listeners = fake.listeners.filter((l) => l !== listener);
        },
      },
      openOptionsPage: async () => undefined,
    },
    tabs: { create: async () => undefined },
  },
}));

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../storage/checklist', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../storage/checklist')>();
  return {
    ...original,
    loadChecklist: (...args: Parameters<typeof original.loadChecklist>) => {
      reads.count++;
      return original.loadChecklist(...args);
    },
  };
});

const { PopupApp } = await import('../../entrypoints/popup/PopupApp');

const NOW = Date.now();
function dueContact(name: string): Contact {
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const base = newContact(
    { key: `linkedin:${slug}`, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, aliases: [], name },
    DEFAULT_SETTINGS,
    NOW,
  );
  return applyPatch(base, { tier: 'A', lastContactAt: '2020-01-01' }, DEFAULT_SETTINGS, NOW);
}

let dbCount = 0;
afterEach(cleanup);

test('a burst of change broadcasts re-reads the lists at most twice, and shows the newest write', async () => {
  const db = openDb(`popup-reload-${dbCount++}`, { indexedDB, IDBKeyRange });
  await db.contacts.put(dueContact('Anna Adler'));
  render(<PopupApp db={db} />);
  await screen.findByText('Anna Adler');
  await waitFor(() => expect(screen.getByText('1')).toBeTruthy()); // the total beside "Due for a touch"
  const before = reads.count;

  // Another page (an import, say) wrote five people; the worker's five announcements arrive together.
  const names = ['Berta Bauer', 'Carl Conrad', 'Dora Dorn', 'Emil Engel', 'Frida Falk'];
  await db.contacts.bulkPut(names.map(dueContact));
  for (const name of names) {
    for (const listener of fake.listeners) listener({ type: 'bg/contact-changed', keys: [`linkedin:${name}`] });
  }

  await screen.findByText('Frida Falk');
  await waitFor(() => expect(screen.getByText('6')).toBeTruthy());
  await new Promise((resolve) => setTimeout(resolve, 50)); // no read left over
  expect(reads.count - before).toBeLessThanOrEqual(2);
});
