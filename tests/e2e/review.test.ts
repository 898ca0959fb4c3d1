/**
 * Issue 11 end to end in Chromium: the weekly reminder set to the next minute fires after the worker was
 * stopped (its alarm wakes it), seen through the extension's own notification API; then the review
 * opened from the popup is walked on a seeded notebook and finished.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type ExtensionBrowser,
  isoDaysAgo,
  launchExtension,
  openExtensionPage,
  seedContact,
  sendMessage,
  todayIso,
  waitUntil,
  watchServiceWorker,
} from './harness';
import type { ContactView } from '../../messaging/protocol';

let ext: ExtensionBrowser;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.context.close();
});

test('the reminder fires at its time after the worker was stopped', { timeout: 150_000 }, async () => {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await seedContact(page, { slug: 'ada-albers', name: 'Ada Albers', patch: { tier: 'A', lastContactAt: isoDaysAgo(60) } });
  // the next whole minute in the browser's own zone, at least 20 s ahead so saving cannot race it
  const { weekday, time } = await page.evaluate(() => {
    const at = new Date(Date.now() + 20_000);
    at.setSeconds(0, 0);
    at.setMinutes(at.getMinutes() + 1);
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      weekday: at.toLocaleDateString('en-US', { weekday: 'long' }),
      time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
    };
  });
  await page.getByRole('combobox', { name: 'Reminder day' }).selectOption({ label: weekday });
  await page.getByLabel('Reminder time').fill(time);
  await page.getByRole('status').filter({ hasText: 'Reminder saved.' }).waitFor({ timeout: 10_000 });
  const notifications = () =>
    page.evaluate(() =>
      (
        globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }
      ).chrome.notifications.getAll(),
    );
  expect(await notifications()).toEqual({});
  const worker = await watchServiceWorker(ext);
  await worker.stop();
  await waitUntil(notifications, (all) => Object.keys(all).includes('weekly-review'), 110_000, 'the weekly review notification');
  // the alarm woke the worker; it fired once and planned next week
  const alarm = await page.evaluate(() =>
    (
      globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<{ scheduledTime: number } | undefined> } } }
    ).chrome.alarms.get('weekly-review'),
  );
  expect((alarm?.scheduledTime ?? 0) - Date.now()).toBeGreaterThan(6 * 24 * 3_600_000);
  await worker.dispose();
  await page.close();
});

test('the popup opens the review; walking it on a seeded notebook and finishing it', { timeout: 90_000 }, async () => {
  const popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  await seedContact(popup, { slug: 'ben-brandt', name: 'Ben Brandt', patch: { tier: 'C', lastContactAt: isoDaysAgo(800) } });
  const [review] = await Promise.all([
    ext.context.waitForEvent('page'),
    popup.getByRole('button', { name: 'Weekly review' }).click(),
  ]);
  if (!review) throw new Error('no review page');
  await review.waitForURL(/options\.html#review$/);
  const due = review.getByRole('list', { name: 'Due for a touch' });
  await due.waitFor({ timeout: 10_000 });
  const letGo = review.getByRole('list', { name: 'Let go?' });
  await letGo
    .getByRole('listitem')
    .filter({ hasText: 'Ben Brandt' })
    .getByRole('button', { name: 'Let go (no reminders)' })
    .click();
  await letGo.waitFor({ state: 'detached', timeout: 10_000 });
  await due.getByRole('listitem').filter({ hasText: 'Ada Albers' }).getByRole('button', { name: 'Contacted today' }).click();
  await review.getByRole('list', { name: 'Due for a touch' }).waitFor({ state: 'detached', timeout: 10_000 });
  await review.getByRole('button', { name: 'Review done' }).click();
  await review.getByText(/Weeks in a row: 1/).waitFor({ timeout: 10_000 });
  await review.reload();
  await review.getByText(/Last review: .* · Weeks in a row: 1/).waitFor({ timeout: 10_000 });
});

test('the review shows a birthday in the next 14 days and an overdue promise; acting on them works', {
  timeout: 90_000,
}, async () => {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await seedContact(page, { slug: 'cara-clausen', name: 'Cara Clausen', patch: { tier: 'B' } });
  const key = 'linkedin:cara-clausen';
  // a birthday five days from now (in the browser's own calendar), and a promise due three days ago
  const inFive = await page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() + 5);
    return { month: d.getMonth() + 1, day: d.getDate() };
  });
  await sendMessage(page, {
    type: 'panel/add-key-date',
    key,
    keyDate: { kind: 'birthday', label: '', month: inFive.month, day: inFive.day, year: null, recurrence: 'yearly' },
  });
  await sendMessage(page, {
    type: 'panel/add-promise',
    key,
    promise: { direction: 'mine', text: 'Send the conference notes', dueDate: isoDaysAgo(3) },
  });
  await page.goto(ext.extensionUrl('options.html#review'));
  const occasions = page.getByRole('list', { name: 'Occasions' });
  const birthday = occasions.getByRole('listitem').filter({ hasText: 'Cara Clausen' });
  await birthday.getByText('Birthday').waitFor({ timeout: 15_000 });
  const promise = page
    .getByRole('list', { name: 'Promises due' })
    .getByRole('listitem')
    .filter({ hasText: 'Send the conference notes' });
  await promise.getByText('Cara Clausen').waitFor({ timeout: 10_000 });

  await birthday.getByRole('button', { name: 'Congratulated' }).click();
  await occasions.waitFor({ state: 'detached', timeout: 10_000 });
  await promise.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('list', { name: 'Promises due' }).waitFor({ state: 'detached', timeout: 10_000 });
  // both stayed done: the worker's view of Cara has the touch the congratulation logged and no open promise
  const after = await sendMessage<ContactView>(page, { type: 'panel/get-contact', key });
  expect(after.promises).toEqual([]);
  expect(after.touches.map((t) => [t.date, t.direction])).toEqual([[todayIso(), 'gave']]);
  await page.reload();
  await page.getByRole('button', { name: 'Review done' }).waitFor({ timeout: 15_000 });
  expect(await page.getByRole('list', { name: 'Occasions' }).count()).toBe(0);
  expect(await page.getByRole('list', { name: 'Promises due' }).count()).toBe(0);
  await page.close();
});
