/**
 * Issue 9: key dates and promises end to end. A birthday added in the panel reaches the popup's
 * "Occasions" and the toolbar badge; a promise ticked done in the popup leaves the popup and the panel;
 * the dashboard's calendar export downloads an .ics that an independent parser reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  isoDaysAgo,
  launchExtension,
  linkedinProfileHtml,
  openExtensionPage,
  panelRegion,
  seedContact,
  waitUntil,
} from './harness';

interface ChromeAction {
  action: { getBadgeText(details: object): Promise<string> };
}

async function badgeText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getBadgeText({}));
}

async function listTexts(page: Page | Frame, name: string): Promise<string[]> {
  const list = page.getByRole('list', { name, exact: true });
  if ((await list.count()) === 0) return [];
  return list.getByRole('listitem').allInnerTexts();
}

/**
 * Opens a new popup and records the page's text at every DOM change from its first script on, until
 * `ready` holds: what the user could have seen, frame by frame, including the first paint from the worker's summary.
 */
async function paintedTexts(ext: ExtensionBrowser, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __kpSeen: string[] }).__kpSeen = seen;
      new MutationObserver(() => seen.push(document.body?.textContent ?? '')).observe(document, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    await ready(page);
    return await page.evaluate(() => (window as unknown as { __kpSeen: string[] }).__kpSeen);
  } finally {
    await page.close();
  }
}

const GRETA = { slug: 'e2e-greta-geburtstag', name: 'Greta Geburtstag' };
const BIRTH_YEAR = 1976;

describe('occasions and promises', () => {
  let ext: ExtensionBrowser;
  let popup: Page;
  let profilePage: Page;
  let panel: Frame;
  let workDir: string;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-occasions-'));
    ext = await launchExtension({ downloadsDir: path.join(workDir, 'downloads') });
    popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    // An A contact touched today: not due, so the badge counts only what this file adds.
    await seedContact(popup, { slug: GRETA.slug, name: GRETA.name, patch: { tier: 'A', lastContactAt: isoDaysAgo(0) } });
    ext.serve(`/in/${GRETA.slug}/`, linkedinProfileHtml(GRETA.slug, GRETA.name));
    profilePage = await ext.context.newPage();
    await profilePage.goto(`https://www.linkedin.com/in/${GRETA.slug}/`);
    panel = (await panelRegion(profilePage)).frame;
    await panel.getByRole('button', { name: 'Add key date' }).waitFor({ state: 'visible', timeout: 10_000 });
  });
  afterAll(async () => {
    await ext?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('a birthday 5 days ahead added in the panel shows under "Occasions" in the popup and in the badge', async () => {
    expect(await badgeText(popup)).toBe('');
    const day = isoDaysAgo(-5);
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    await panel.getByRole('button', { name: 'Add key date' }).click();
    await panel.getByRole('combobox', { name: 'Occasion' }).selectOption({ label: 'Birthday' });
    await panel.getByRole('spinbutton', { name: 'Day' }).fill(String(dayOfMonth));
    await panel.getByRole('combobox', { name: 'Month' }).selectOption(String(month));
    await panel.getByRole('spinbutton', { name: 'Year' }).fill(String(BIRTH_YEAR));
    await panel.getByRole('button', { name: 'Save key date' }).click();
    await waitUntil(
      () => listTexts(panel, 'Key dates'),
      (items) => items.length === 1 && (items[0] ?? '').includes('Birthday'),
      10_000,
      'the birthday in the panel',
    );

    await popup.reload();
    const rows = await waitUntil(
      () => listTexts(popup, 'Occasions'),
      (items) => items.length === 1,
      10_000,
      'one row under "Occasions"',
    );
    expect(rows[0]).toContain(GRETA.name);
    expect(rows[0]).toContain('Birthday');
    expect(rows[0]).toContain('in 5 days');
    expect(rows[0]).toContain(`turns ${year - BIRTH_YEAR}`);
    await waitUntil(
      () => badgeText(popup),
      (text) => text === '1',
      10_000,
      'badge "1" for the birthday',
    );
  });

  it('a promise ticked done in the popup leaves the popup list and the panel', async () => {
    await panel.getByRole('button', { name: 'Add promise' }).click();
    await panel.getByRole('radiogroup', { name: 'Who promised' }).getByRole('radio', { name: 'I promised' }).check();
    await panel.getByRole('textbox', { name: 'Promise', exact: true }).fill('Send the travel-expense checklist');
    await panel.getByLabel('Promise due').fill(isoDaysAgo(1));
    await panel.getByRole('button', { name: 'Save promise' }).click();
    await waitUntil(
      () => listTexts(panel, 'Open promises'),
      (items) => items.some((item) => item.includes('Send the travel-expense checklist')),
      10_000,
      'the promise in the panel',
    );

    // A popup opened right after the panel's write never paints the notebook of before it: whenever it
    // shows the birthday, it shows the new promise too (the worker's old summary is not painted).
    const afterWrite = await paintedTexts(ext, (page) =>
      page
        .getByRole('list', { name: 'Promises due' })
        .getByText('Send the travel-expense checklist')
        .waitFor({ timeout: 10_000 }),
    );
    expect(afterWrite.filter((text) => text.includes('Birthday') && !text.includes('Send the travel-expense checklist'))).toEqual(
      [],
    );

    await popup.reload();
    const due = popup.getByRole('list', { name: 'Promises due' });
    await due.waitFor({ state: 'visible', timeout: 10_000 });
    const row = due.getByRole('listitem').filter({ hasText: 'Send the travel-expense checklist' });
    expect(await row.innerText()).toContain(GRETA.name);
    // overdue promise + birthday in its lead time
    await waitUntil(
      () => badgeText(popup),
      (text) => text === '2',
      10_000,
      'badge "2"',
    );
    await row.getByRole('button', { name: 'Done' }).click();

    await waitUntil(
      () => listTexts(popup, 'Promises due'),
      (items) => !items.some((item) => item.includes('Send the travel-expense checklist')),
      10_000,
      'the promise gone from the popup',
    );
    await waitUntil(
      () => listTexts(panel, 'Open promises'),
      (items) => !items.some((item) => item.includes('Send the travel-expense checklist')),
      10_000,
      'the promise gone from the panel',
    );
    await waitUntil(
      () => badgeText(popup),
      (text) => text === '1',
      10_000,
      'badge back to "1"',
    );
    // A popup opened after the action never paints the promise, not even for a frame.
    const afterDone = await paintedTexts(ext, (page) =>
      page.getByRole('list', { name: 'Occasions' }).getByText(GRETA.name).waitFor({ timeout: 10_000 }),
    );
    expect(afterDone.some((text) => text.includes('Birthday'))).toBe(true);
    expect(afterDone.filter((text) => text.includes('Send the travel-expense checklist'))).toEqual([]);
  });

  it('"Congratulated" in the popup logs a touch and takes the occasion off the list and the badge', async () => {
    const row = popup.getByRole('list', { name: 'Occasions' }).getByRole('listitem').filter({ hasText: GRETA.name });
    await row.getByRole('button', { name: 'Congratulated' }).click();
    await waitUntil(
      () => listTexts(popup, 'Occasions'),
      (items) => items.length === 0,
      10_000,
      'no occasion left',
    );
    await waitUntil(
      () => badgeText(popup),
      (text) => text === '',
      10_000,
      'an empty badge',
    );
  });

  it('"Export calendar (ICS)" downloads a file an independent parser reads, with the birthday as a yearly all-day event', async () => {
    const dashboard = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
    const button = dashboard.getByRole('button', { name: 'Export calendar (ICS)' });
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    const [download] = await Promise.all([dashboard.waitForEvent('download', { timeout: 15_000 }), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    const file = path.join(workDir, download.suggestedFilename());
    await download.saveAs(file);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(download.suggestedFilename()).toBe(`kontaktpflege-${isoDaysAgo(0)}.ics`);
    // ical.js: an independent parser, not the library that wrote the file
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event));
    const birthday = events.find((event) => (event.summary ?? '').includes(GRETA.name));
    expect(birthday, 'an event for Greta').toBeDefined();
    expect(birthday?.startDate.isDate).toBe(true);
    const [, month, day] = isoDaysAgo(-5).split('-').map(Number) as [number, number, number];
    expect([birthday?.startDate.month, birthday?.startDate.day]).toEqual([month, day]);
    expect(birthday?.component.getFirstPropertyValue('rrule')?.toString()).toContain('FREQ=YEARLY');
    const dayAfter = birthday?.startDate.clone();
    dayAfter?.adjust(1, 0, 0, 0);
    expect(birthday?.endDate.toString()).toBe(dayAfter?.toString());
    // stable ids without names, so a client that supports updates replaces the event on re-import
    expect(birthday?.uid).toMatch(/^keydate-[0-9a-f-]{36}@kontaktpflege$/);
    expect(events.map((event) => event.uid.toLowerCase()).join(' ')).not.toContain('greta');
    // the promise ticked done above is not in the calendar
    expect(events.some((event) => (event.summary ?? '').includes('travel-expense'))).toBe(false);
    await dashboard.close();
  });

  it('the dashboard lists Greta, who only received from the user (the congratulation), under "Only received"', async () => {
    const dashboard = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
    await waitUntil(
      () => listTexts(dashboard, 'Only received in the last 12 months'),
      (items) => items.some((item) => item.includes(GRETA.name)),
      10_000,
      'Greta under "Only received"',
    );
    expect(await listTexts(dashboard, 'Only gave in the last 12 months')).toEqual([]);
    await dashboard.close();
  });
});
