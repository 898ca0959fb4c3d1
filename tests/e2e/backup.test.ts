/**
 * Issue 5: export from the dashboard with the real download, import into a fresh browser profile, and
 * the popup and panels there show the same data. Bad files are refused with an alert and change nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../messaging/protocol';
import {
  type ExtensionBrowser,
  getContact,
  isoDaysAgo,
  launchExtension,
  logTouch,
  openExtensionPage,
  panelRegion,
  seedContact,
  todayIso,
  waitUntil,
} from './harness';

const JONAS = {
  key: 'linkedin:jonas-beispiel-mustermann',
  url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/',
  name: 'Jonas Beispiel Mustermann',
  note: 'Backup: remember the Stockholm meetup\nhe wants an intro to the design team',
};
const ANNA = {
  key: 'linkedin:anna-lena-musterfrau-7d04b2c9',
  name: 'Anna Lena Musterfrau',
  note: 'Anna: Scrum guild, ask in spring',
};
const JOHN = {
  key: 'xing:John_Doe',
  url: 'https://www.xing.com/profile/John_Doe',
  name: 'John Doe',
  note: 'XING John: product marketing',
};
const KEYS = [JONAS.key, ANNA.key, JOHN.key];

/** The fields an export/import must carry over unchanged. */
function comparable(view: ContactView) {
  const c = view.contact;
  if (!c) return null;
  return {
    contact: {
      key: c.key,
      site: c.site,
      profileUrl: c.profileUrl,
      aliases: c.aliases,
      name: c.name,
      headline: c.headline,
      company: c.company,
      location: c.location,
      tier: c.tier,
      notes: c.notes,
      howWeMet: c.howWeMet,
      preferredChannel: c.preferredChannel,
      lastContactAt: c.lastContactAt,
      snoozedUntil: c.snoozedUntil,
      nextDueAt: c.nextDueAt,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    touches: [...view.touches]
      .map((t) => ({
        id: t.id,
        contactKey: t.contactKey,
        date: t.date,
        channel: t.channel,
        direction: t.direction,
        note: t.note,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('backup: export, import into a fresh profile', () => {
  let src: ExtensionBrowser;
  let dst: ExtensionBrowser;
  let workDir: string;
  let exportFile = '';
  let exportText = '';
  const sourceViews = new Map<string, ReturnType<typeof comparable>>();

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-backup-'));
    src = await launchExtension({ downloadsDir: path.join(workDir, 'downloads-src') });
    const page = await openExtensionPage(src.context, src.extensionId, 'options.html');
    await seedContact(page, {
      slug: 'jonas-beispiel-mustermann',
      name: JONAS.name,
      headline: 'Education Lead, Web Expert & Frontend Dev at Beispiel GmbH',
      company: 'Beispiel GmbH',
      location: 'Greater Stockholm Metropolitan Area',
      patch: { tier: 'A', notes: JONAS.note, howWeMet: 'Frontend conference 2023', preferredChannel: 'email' },
    });
    await logTouch(page, JONAS.key, {
      date: isoDaysAgo(100),
      channel: 'meeting',
      direction: 'gave',
      note: 'Coffee at the conference',
    });
    await logTouch(page, JONAS.key, { date: isoDaysAgo(40), channel: 'call', direction: 'mutual', note: 'Catch-up call' });
    await seedContact(page, {
      slug: 'anna-lena-musterfrau-7d04b2c9',
      name: ANNA.name,
      company: 'Swedbank',
      patch: { tier: 'C', notes: ANNA.note, lastContactAt: isoDaysAgo(5) },
    });
    await seedContact(page, {
      site: 'xing',
      slug: 'John_Doe',
      name: JOHN.name,
      patch: { tier: 'B', notes: JOHN.note, lastContactAt: isoDaysAgo(20), preferredChannel: 'message' },
    });
    for (const key of KEYS) sourceViews.set(key, comparable(await getContact(page, key)));
    await page.close();
  });
  afterAll(async () => {
    await src?.close();
    await dst?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('exports a JSON file through a real download named kontaktpflege-YYYY-MM-DD.json', async () => {
    const page = await openExtensionPage(src.context, src.extensionId, 'options.html');
    await page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('row')
      .filter({ hasText: JONAS.name })
      .waitFor({ timeout: 10_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: 'Export to JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`kontaktpflege-${todayIso()}.json`);
    exportFile = path.join(workDir, download.suggestedFilename());
    await download.saveAs(exportFile);
    expect(await download.failure()).toBeNull();
    exportText = fs.readFileSync(exportFile, 'utf8');
    const data = JSON.parse(exportText) as {
      format: string;
      version: number;
      exportedAt: string;
      contacts: Array<{ key: string }>;
      touches: unknown[];
      settings: unknown;
    };
    expect(data.format).toBe('kontaktpflege');
    expect(data.version).toBe(2);
    expect(typeof data.exportedAt).toBe('string');
    expect(data.contacts.map((c) => c.key).sort()).toEqual([...KEYS].sort());
    expect(data.touches).toHaveLength(2);
    expect(data.settings).toBeTruthy();
    await page.close();
  });

  it('imports the file into a fresh profile after a preview; popup and panels show the same data', async () => {
    expect(exportFile, 'the export test ran first').not.toBe('');
    dst = await launchExtension({ downloadsDir: path.join(workDir, 'downloads-dst') });
    const page = await openExtensionPage(dst.context, dst.extensionId, 'options.html');
    for (const key of KEYS) expect((await getContact(page, key)).contact, `${key} before the import`).toBeNull();

    await page.getByLabel('Import', { exact: true }).setInputFiles(exportFile);
    const status = page.getByRole('status');
    await status.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(((await status.first().textContent()) ?? '').trim()).toBe(
      'Contacts – new: 3, updated: 0, unchanged: 0. New touches: 2.',
    );
    // Nothing is written before the user confirms.
    for (const key of KEYS) expect((await getContact(page, key)).contact, `${key} during the preview`).toBeNull();
    // Issue 13: every state of the import's progress bar, recorded as rendered (a small import is over in a blink).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __kpBars: string[] }).__kpBars = seen;
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('progress'))
          seen.push(`${bar.getAttribute('aria-label')} ${bar.getAttribute('value')}/${bar.getAttribute('max')}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Confirm import' }).click();

    for (const key of KEYS) {
      const view = await waitUntil(
        () => getContact(page, key),
        (v) => v.contact !== null,
        10_000,
        `${key} imported`,
      );
      expect(comparable(view), key).toEqual(sourceViews.get(key));
    }
    // The bar was shown with its amount (settings, 3 contacts, 2 touches written) and is gone afterwards.
    const bars = await page.evaluate(() => (window as unknown as { __kpBars: string[] }).__kpBars);
    expect(bars).toContain('Import progress 6/6');
    await page.getByRole('status').filter({ hasText: 'Import complete' }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await page.close();

    // The popup lists Jonas (tier A, last contact 40 days ago: due) with his note's first line.
    const popup = await openExtensionPage(dst.context, dst.extensionId, 'popup.html');
    const row = popup.getByRole('list', { name: 'Due for a touch' }).getByRole('listitem').filter({ hasText: JONAS.name });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await row.textContent()).toContain(JONAS.note.split('\n')[0]);
    await popup.close();

    // Panels on the LinkedIn and XING pages show the imported notes and tiers.
    const tab = await dst.context.newPage();
    for (const person of [
      { url: JONAS.url, note: JONAS.note, tier: 'A' },
      { url: JOHN.url, note: JOHN.note, tier: 'B' },
    ]) {
      await tab.goto(person.url);
      const { frame } = await panelRegion(tab);
      const notes = frame.getByRole('textbox', { name: 'Notes' });
      await notes.waitFor({ state: 'visible' });
      expect(await notes.inputValue(), person.url).toBe(person.note);
      const tier = frame.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: person.tier, exact: true });
      expect(await tier.isChecked(), person.url).toBe(true);
    }
    await tab.close();
  });

  it('refuses malformed files with an alert and writes nothing', async () => {
    expect(exportText, 'the export test ran first').not.toBe('');
    dst ??= await launchExtension({ downloadsDir: path.join(workDir, 'downloads-dst') });
    const page = await openExtensionPage(dst.context, dst.extensionId, 'options.html');
    const table = page.getByRole('table', { name: 'Contacts' });
    await table.waitFor({ state: 'visible', timeout: 10_000 });
    const snapshot = async () => ({
      rows: (await table.getByRole('row').allInnerTexts()).sort(),
      contacts: await Promise.all(KEYS.map(async (key) => comparable(await getContact(page, key)))),
    });
    const before = await snapshot();

    const intruder = 'linkedin:e2e-should-not-exist';
    const exported = JSON.parse(exportText) as { contacts: Array<Record<string, unknown>> };
    const extra = {
      ...exported.contacts[0],
      key: intruder,
      name: 'Should Not Exist',
      profileUrl: 'https://www.linkedin.com/in/e2e-should-not-exist/',
      aliases: [],
    };
    const withExtra = (contact: Record<string, unknown>, json: string) =>
      JSON.stringify({ ...JSON.parse(exportText), contacts: [...exported.contacts, contact] }, null, 2).replace(
        '"__MARK__": 1',
        json,
      );
    // Each bad input has its own message: a check that accepted any alert text would not notice a wrong one.
    const bad: Array<{ name: string; text: string; alert: string }> = [
      {
        name: 'other-format.json',
        text: JSON.stringify({ format: 'other', version: 1, contacts: [extra], touches: [] }),
        alert: 'This is not a Kontaktpflege export. Nothing was imported.',
      },
      {
        name: 'truncated.json',
        text: withExtra(extra, '').slice(0, Math.floor(exportText.length * 0.6)),
        alert: 'This file is incomplete (it ends too early, perhaps the download was cut off). Nothing was imported.',
      },
      {
        name: 'proto.json',
        text: withExtra({ ...extra, __MARK__: 1 }, '"__proto__": { "polluted": true }'),
        alert: 'This file contains disallowed keys (such as __proto__). Nothing was imported.',
      },
      {
        name: 'future.json',
        text: JSON.stringify({ ...JSON.parse(exportText), version: 99, contacts: [...exported.contacts, extra] }),
        alert:
          'This export comes from a newer version of Kontaktpflege. Please update the extension first. Nothing was imported.',
      },
      { name: 'not-json.json', text: '{ this is not JSON', alert: 'This file is not a JSON file. Nothing was imported.' },
      {
        name: 'broken-structure.json',
        text: withExtra({ ...extra, name: 42 }, ''),
        alert: 'This export contains invalid data. Nothing was imported.',
      },
    ];
    for (const file of bad) {
      await page.reload();
      await table.waitFor({ state: 'visible', timeout: 10_000 });
      await page
        .getByLabel('Import', { exact: true })
        .setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
      const alert = page.getByRole('alert');
      await alert.first().waitFor({ state: 'visible', timeout: 10_000 });
      expect(((await alert.first().textContent()) ?? '').trim(), file.name).toBe(file.alert);
      expect(await page.getByRole('button', { name: 'Confirm import' }).count(), file.name).toBe(0);
      expect((await getContact(page, intruder)).contact, file.name).toBeNull();
      expect(await snapshot(), file.name).toEqual(before);
    }
    await page.close();
  });

  it('a file with a record over a limit imports the rest and lists the skipped one by name in the preview', async () => {
    expect(exportText, 'the export test ran first').not.toBe('');
    dst ??= await launchExtension({ downloadsDir: path.join(workDir, 'downloads-dst') });
    const page = await openExtensionPage(dst.context, dst.extensionId, 'options.html');
    const exported = JSON.parse(exportText) as { contacts: Array<Record<string, unknown>> };
    const template = exported.contacts[0] ?? {};
    const longKey = `linkedin:${'x'.repeat(1_200)}`;
    const kept = { ...template, key: 'linkedin:e2e-kept', name: 'Kept Person', profileUrl: '', aliases: [] };
    const tooLong = { ...template, key: longKey, name: 'Too Long Slug', profileUrl: '', aliases: [] };
    const text = JSON.stringify({ ...JSON.parse(exportText), contacts: [...exported.contacts, kept, tooLong] });
    await page
      .getByLabel('Import', { exact: true })
      .setInputFiles({ name: 'partly.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const skipped = page.getByRole('list', { name: 'Not imported (everything else is)' });
    await skipped.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await skipped.getByRole('listitem').allTextContents()).toEqual(['Too Long Slug (Profile key): too long']);
    expect(((await page.getByRole('status').first().textContent()) ?? '').trim()).toMatch(/^Contacts – new: 1, /);
    await page.getByRole('button', { name: 'Confirm import' }).click();
    await waitUntil(
      () => getContact(page, 'linkedin:e2e-kept'),
      (v) => v.contact !== null,
      10_000,
      'the rest imported',
    );
    expect((await getContact(page, longKey)).contact).toBeNull();
    // The result repeats what was left out.
    expect(await page.getByRole('list', { name: 'Not imported (everything else is)' }).getByRole('listitem').count()).toBe(1);
    await page.close();
  });
});
