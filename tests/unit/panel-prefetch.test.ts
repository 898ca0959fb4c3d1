/**
 * The worker's early look-up of an announced person (issue 13): the panel's first request may take it
 * once, only for its own tab and token, only while it is fresh, and never after a write.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { ContactView, PageProfile } from '../../messaging/protocol';
import {
  dropPrefetched,
  PREFETCH_TTL_MS,
  prefetchView,
  takePrefetched,
  waitForAnnouncement,
} from '../../background/panel-prefetch';

const T0 = 1_000_000;
const profile = (key: string) => ({ key, name: key }) as unknown as PageProfile;
const view = (note: string) => ({ contact: { notes: note } }) as unknown as ContactView;

beforeEach(() => dropPrefetched());
afterEach(() => vi.useRealTimers());

test('the panel of that tab and token takes the view once', async () => {
  prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0);
  expect(takePrefetched(6, 'tok', T0 + 10)).toBeNull();
  expect(takePrefetched(5, 'other', T0 + 10)).toBeNull();
  const taken = takePrefetched(5, 'tok', T0 + 10);
  expect(taken?.profile.key).toBe('linkedin:anna');
  expect(await taken?.view).toEqual(view('Anna'));
  expect(takePrefetched(5, 'tok', T0 + 20)).toBeNull();
});

test('a view older than the limit is not handed out (the panel then reads afresh)', () => {
  prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0);
  expect(takePrefetched(5, 'tok', T0 + PREFETCH_TTL_MS)).toBeNull();
  prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0);
  expect(takePrefetched(5, 'tok', T0 + PREFETCH_TTL_MS - 1)).not.toBeNull();
});

test('a new announcement in the tab replaces the earlier one; other tabs keep theirs', async () => {
  prefetchView(5, 'tok-1', profile('linkedin:anna'), async () => view('Anna'), T0);
  prefetchView(6, 'tok-6', profile('linkedin:bert'), async () => view('Bert'), T0);
  prefetchView(5, 'tok-2', profile('linkedin:carla'), async () => view('Carla'), T0 + 5);
  expect(takePrefetched(5, 'tok-1', T0 + 10)).toBeNull();
  expect((await takePrefetched(5, 'tok-2', T0 + 10)?.view)?.contact).toEqual({ notes: 'Carla' });
  expect(takePrefetched(6, 'tok-6', T0 + 10)?.profile.key).toBe('linkedin:bert');
});

test('any write drops every early view: none older than a change is handed out', () => {
  prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0);
  dropPrefetched();
  expect(takePrefetched(5, 'tok', T0 + 1)).toBeNull();
});

test('a failed look-up is the panel’s to see when it asks, not an unhandled rejection', async () => {
  prefetchView(5, 'tok', profile('linkedin:anna'), async () => Promise.reject(new Error('disk')), T0);
  await new Promise((resolve) => setTimeout(resolve, 0));
  await expect(takePrefetched(5, 'tok', T0 + 1)?.view).rejects.toThrow('disk');
});

test('a panel that asked before its page announced anyone gets the person the moment they are announced', async () => {
  const wait = waitForAnnouncement(5, 'tok', 3000);
  expect(prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0)).toBe(true);
  const announced = await wait.announced;
  expect(announced?.profile.key).toBe('linkedin:anna');
  expect(await announced?.view).toEqual(view('Anna'));
  // handed over, not kept as well: a later request reads afresh
  expect(takePrefetched(5, 'tok', T0 + 1)).toBeNull();
});

test('a waiting panel never gets the person of another tab or another panel of its tab', async () => {
  vi.useFakeTimers();
  const wait = waitForAnnouncement(5, 'tok', 3000);
  expect(prefetchView(6, 'tok', profile('linkedin:bert'), async () => view('Bert'), T0)).toBe(false);
  expect(prefetchView(5, 'other', profile('linkedin:carla'), async () => view('Carla'), T0)).toBe(false);
  vi.advanceTimersByTime(3000);
  expect(await wait.announced).toBeNull();
  // the announcement for the other panel of tab 5 is kept for that panel
  expect(takePrefetched(5, 'other', T0 + 1)?.profile.key).toBe('linkedin:carla');
});

test('a wait ends empty after its time or when cancelled, and a later announcement is kept for the next request', async () => {
  vi.useFakeTimers();
  const timedOut = waitForAnnouncement(5, 'tok', 3000);
  vi.advanceTimersByTime(2999);
  const cancelled = waitForAnnouncement(7, 'tok-7', 3000);
  cancelled.cancel();
  expect(await cancelled.announced).toBeNull();
  vi.advanceTimersByTime(1);
  expect(await timedOut.announced).toBeNull();
  expect(prefetchView(5, 'tok', profile('linkedin:anna'), async () => view('Anna'), T0)).toBe(false);
  expect(takePrefetched(5, 'tok', T0 + 1)?.profile.key).toBe('linkedin:anna');
});
