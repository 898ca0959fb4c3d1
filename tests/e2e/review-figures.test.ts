/**
 * Issue 11, the touch counts off the page's thread: in the built extension the review's "Give and take"
 * and the insights' balance come from the dashboard's Web Worker (`storage/figures-worker.ts`), which
 * reads the same IndexedDB. The figures must be the fresh ones: a touch logged elsewhere (the panel's
 * path, through the background worker) shows on the next visit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, isoDaysAgo, launchExtension, logTouch, openExtensionPage, seedContact } from './harness';

let ext: ExtensionBrowser;
beforeAll(async () => {
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.context.close();
});

const KEY = 'linkedin:gina-geber';

/** The dedicated workers `page` starts from now on (Playwright reports each with its script URL). */
function workersOf(page: Page): string[] {
  const urls: string[] = [];
  page.on('worker', (worker) => urls.push(worker.url()));
  return urls;
}

/** The "Channels and balance" table's row for `label`, as the user reads it. */
async function balanceRow(page: Page, label: string): Promise<string | null> {
  return page
    .getByRole('table', { name: 'Channels and balance' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) })
    .textContent({ timeout: 15_000 });
}

test('the review lists someone who only received, counted by the dashboard worker', { timeout: 90_000 }, async () => {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  await seedContact(page, { slug: 'gina-geber', name: 'Gina Geber', patch: { tier: 'B' } });
  for (const days of [40, 20, 5]) await logTouch(page, KEY, { date: isoDaysAgo(days), direction: 'received' });

  const workers = workersOf(page);
  await page.goto(ext.extensionUrl('options.html#review'));
  const row = page.getByRole('list', { name: 'Give and take' }).getByRole('listitem').filter({ hasText: 'Gina Geber' });
  await row.getByText('In 12 months: received 3, given none').waitFor({ timeout: 20_000 });
  expect(workers.some((url) => /figures-worker/.test(url))).toBe(true);

  // giving once takes her off the list: the re-read after the action sees the new touch
  await row.getByRole('button', { name: 'Contacted today' }).click();
  await page.getByRole('list', { name: 'Give and take' }).waitFor({ state: 'detached', timeout: 15_000 });
  await page.close();
});

test('the insights show fresh figures on a first visit and after a touch logged elsewhere', { timeout: 90_000 }, async () => {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  await seedContact(page, { slug: 'hugo-hansen', name: 'Hugo Hansen', patch: { tier: 'A' } });
  const before = await logTouch(page, 'linkedin:hugo-hansen', { date: isoDaysAgo(3), direction: 'received' });
  expect(before.touches).toHaveLength(1);

  await page.goto(ext.extensionUrl('options.html#insights'));
  // Gina's 3 received and Hugo's 1; Gina's "Contacted today" in the test above is mutual
  expect(await balanceRow(page, 'I received')).toBe('I received4');
  expect(await balanceRow(page, 'Mutual')).toBe('Mutual1');
  await page.getByRole('status').waitFor({ state: 'detached', timeout: 15_000 });

  await logTouch(page, 'linkedin:hugo-hansen', { date: isoDaysAgo(1), direction: 'received' });
  await page.reload();
  // the stored figures of the first visit may show first; the fresh count replaces them
  await expect.poll(() => balanceRow(page, 'I received'), { timeout: 20_000 }).toBe('I received5');
  await page.getByRole('status').waitFor({ state: 'detached', timeout: 15_000 });
  await page.close();
});
