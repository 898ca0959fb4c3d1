/**
 * Issue 13: the chosen file's check runs in slices, so the dashboard answers input while a 10,000-contact
 * backup (50,000 touches) is checked, with the "Import progress" bar moving, and a malformed file of the
 * same size still gets its clear message and changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildExportFile, serializeExportFile } from '../../storage/backup/format';
import { localToday } from '../../storage/dates';
import { generateSeed } from '../support/seed';
import { type ExtensionBrowser, launchExtension, openExtensionPage } from './harness';

let ext: ExtensionBrowser;
let text = '';
let dir = '';
/** On disk, so the browser reads it as a chosen file does (25 MB through the DevTools protocol is slow). */
let bigFile = '';

beforeAll(async () => {
  const { contacts, touches, settings } = generateSeed({ today: localToday(new Date()) });
  text = serializeExportFile(buildExportFile(contacts, touches, settings, new Date()));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-responsive-'));
  bigFile = path.join(dir, 'kontaktpflege-big.json');
  fs.writeFileSync(bigFile, text);
  ext = await launchExtension();
});
afterAll(async () => {
  await ext?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface ClickSeen {
  /** the progress bar's value and maximum when the page handled the click; null: no bar with an amount */
  bar: [number, number] | null;
  previewShown: boolean;
}

it('a click on the dashboard is handled while a 10,000-contact file is checked, then the preview comes', async () => {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  const checkbox = page.getByRole('checkbox', { name: "Include A contacts' follow-ups in the calendar" });
  await checkbox.waitFor();
  const before = await checkbox.isChecked();
  // What the page itself saw when it handled the click (its own event, on its own main thread).
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      () => {
        const bar = document.querySelector('progress');
        const seen: ClickSeen = {
          bar: bar?.hasAttribute('value') ? [bar.value, bar.max] : null,
          previewShown: Array.from(document.querySelectorAll('button')).some((b) => b.textContent === 'Confirm import'),
        };
        (window as Window & { __clickSeen?: ClickSeen }).__clickSeen = seen;
      },
      { capture: true, once: true },
    );
  });
  await page.getByLabel('Import', { exact: true }).setInputFiles(bigFile, { timeout: 120_000 });
  // The check has begun and reported part of its work: the bar has an amount.
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect.poll(async () => bar.getAttribute('value'), { timeout: 120_000, interval: 20 }).not.toBeNull();
  await checkbox.click();
  const seen = await page.evaluate(() => (window as Window & { __clickSeen?: ClickSeen }).__clickSeen);
  expect(seen?.previewShown).toBe(false);
  const [value = 0, max = 0] = seen?.bar ?? [];
  expect(seen?.bar).not.toBeNull();
  expect(value).toBeLessThan(max);
  expect(await checkbox.isChecked()).toBe(!before);
  const status = page.getByRole('status').filter({ hasText: 'Contacts – new:' });
  await status.waitFor({ timeout: 180_000 });
  expect((await status.textContent())?.trim()).toBe('Contacts – new: 10000, updated: 0, unchanged: 0. New touches: 50000.');
  expect(await page.getByRole('button', { name: 'Confirm import' }).count()).toBe(1);
  await page.close();
});

it('a 10,000-contact file with one record of the wrong shape at the end: refused with its path, nothing written', async () => {
  const file = JSON.parse(text) as { touches: Array<Record<string, unknown>> };
  const last = file.touches.length - 1;
  file.touches[last] = { ...file.touches[last], note: 42 };
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, JSON.stringify(file));
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await page.getByLabel('Import', { exact: true }).setInputFiles(broken, { timeout: 120_000 });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 180_000 });
  expect((await alert.textContent())?.trim()).toBe('This export contains invalid data. Nothing was imported.');
  await page.getByText('Technical details').click();
  expect(await page.getByText(`touches[${last}].note`).count()).toBe(1);
  expect(await page.getByRole('button', { name: 'Confirm import' }).count()).toBe(0);
  await page.reload();
  await page.getByText('No contacts yet.', { exact: false }).waitFor();
  // the header row only
  expect(await page.getByRole('table', { name: 'Contacts' }).getByRole('row').count()).toBeLessThanOrEqual(1);
  await page.close();
});
