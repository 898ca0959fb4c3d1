/**
 * Issue 12: the extension in Debian's Firefox ESR, the same user journeys as the Chromium suite: panel on
 * LinkedIn and XING, notes that survive a reload and show in the popup, SPA navigation, the popup's due list
 * and "Contacted today", the dashboard's JSON export. One Firefox for these (a cold start is the slow part);
 * the import into a fresh profile and the German UI share a second one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byLabel,
  byRole,
  type FirefoxExtension,
  fixtureParts,
  getContact,
  isFixtureHost,
  isoDaysAgo,
  launchFirefox,
  loadMessages,
  linkedinProfileHtml,
  listItems,
  listItemWith,
  openProfile,
  panelFrames,
  reloadExtensionPage,
  seedContact,
  textOf,
  todayIso,
  typeInto,
  fieldValue,
  waitForDownload,
  waitUntil,
} from './harness';

/** The dashboard's export, kept by the export test for the import into a fresh German profile. */
let exported = '';

const JONAS_URL = 'https://www.linkedin.com/in/jonas-beispiel-mustermann/';
const XING_URL = 'https://www.xing.com/profile/John_Doe';

async function regionText(frame: Frame): Promise<string> {
  return textOf(await byRole(frame, 'region', 'Kontaktpflege'));
}

async function addToNetwork(frame: Frame): Promise<void> {
  await (await byRole(frame, 'button', 'Add to my network')).click();
  await byRole(frame, 'textbox', 'Notes');
}

describe('Firefox ESR', () => {
  let ext: FirefoxExtension;
  let dbPage: Page;

  beforeAll(async () => {
    ext = await launchFirefox();
    dbPage = await ext.openExtensionPage('popup.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the panel for the person on a LinkedIn profile, and nothing left the machine', async () => {
    const { page, frame } = await openProfile(ext, JONAS_URL);
    const text = await regionText(frame);
    expect(text).toContain('Jonas Beispiel Mustermann');
    expect(text).toContain('Beispiel GmbH');
    await byRole(frame, 'button', 'Add to my network');
    expect(await panelFrames(page)).toHaveLength(1);
    // The page and its sub-resources were answered locally; a request to any other host was aborted.
    const leaks = ext.network.filter(
      (e) => /^https?:/.test(e.url) && !isFixtureHost(new URL(e.url).hostname) && e.action !== 'aborted',
    );
    expect(leaks).toEqual([]);
    expect(ext.network.some((e) => e.action === 'fixture' && e.url === JONAS_URL)).toBe(true);
    expect(ext.network.some((e) => e.action === 'stub')).toBe(true);
    await page.close();
  });

  it('shows the panel for the person on a XING profile', async () => {
    const { page, frame } = await openProfile(ext, XING_URL);
    expect(await regionText(frame)).toContain('John Doe');
    await byRole(frame, 'button', 'Add to my network');
    await page.close();
  });

  it('keeps a typed note after a reload and shows it in the popup (panel and popup share one database)', async () => {
    const slug = 'ff-nora-notiz';
    const name = 'Nora Notiz';
    const note = 'Firefox note: ask about the Leipzig meetup';
    ext.serve(`/in/${slug}/`, linkedinProfileHtml(slug, name));
    const url = `https://www.linkedin.com/in/${slug}/`;
    const { page, frame } = await openProfile(ext, url);
    await addToNetwork(frame);
    await typeInto(await byRole(frame, 'textbox', 'Notes'), note);
    // Tier A and no touch yet: due soon, listed in the popup with the note's first line.
    await (await byRole(await byRole(frame, 'radiogroup', 'Tier'), 'radio', 'A')).click();
    await waitUntil(
      async () => (await getContact(dbPage, `linkedin:${slug}`)).contact?.notes,
      (n) => n === note,
      10_000,
      'the note saved',
    );

    await page.reload({ waitUntil: 'domcontentloaded' });
    const again = await openProfile(ext, url, page);
    await waitUntil(
      async () => fieldValue(await byRole(again.frame, 'textbox', 'Notes')),
      (v) => v === note,
      10_000,
      'the note after the reload',
    );

    const row = await waitUntil(
      async () => {
        await reloadExtensionPage(dbPage);
        const rows = [...(await listItems(dbPage, 'Due for a touch')), ...(await listItems(dbPage, 'Coming up'))];
        return rows.find((r) => r.includes(name)) ?? '';
      },
      (r) => r !== '',
      15_000,
      `${name} in the popup`,
    );
    expect(row).toContain(note);
    await page.close();
  });

  it('SPA navigation: a note typed for A right before moving to B stays with A; B starts empty', async () => {
    const a = { slug: 'ff-anton-erster', name: 'Anton Erster' };
    const b = { slug: 'ff-berta-zweite', name: 'Berta Zweite' };
    for (const p of [a, b]) ext.serve(`/in/${p.slug}/`, linkedinProfileHtml(p.slug, p.name));
    const note = 'Anton: the data platform, next quarter';
    const { page, frame } = await openProfile(ext, `https://www.linkedin.com/in/${a.slug}/`);
    await addToNetwork(frame);
    await typeInto(await byRole(frame, 'textbox', 'Notes'), note);

    // LinkedIn's way: pushState, then the new person's markup, without waiting in between.
    const parts = fixtureParts(linkedinProfileHtml(b.slug, b.name));
    await page.evaluate(
      (url, title, body) => {
        history.pushState({}, '', url);
        document.title = title;
        // The fixture's CSP requires Trusted Types and allows a policy named like LinkedIn's sanitizer.
        const tt = (globalThis as { trustedTypes?: { createPolicy(n: string, p: object): { createHTML(s: string): string } } })
          .trustedTypes;
        document.body.innerHTML = tt ? tt.createPolicy('dompurify', { createHTML: (s: string) => s }).createHTML(body) : body;
      },
      `https://www.linkedin.com/in/${b.slug}/`,
      parts.title,
      parts.body,
    );
    const bFrame = await waitUntil(
      async () => {
        const frames = await panelFrames(page);
        if (frames.length !== 1 || !frames[0]) return null;
        const region = await frames[0].$('::-p-aria([name="Kontaktpflege"][role="region"])');
        return region && (await textOf(region)).includes(b.name) ? frames[0] : null;
      },
      (f) => f !== null,
      15_000,
      "B's panel",
    );
    expect(await regionText(bFrame as Frame)).not.toContain('Anton:');
    await byRole(bFrame as Frame, 'button', 'Add to my network');
    await waitUntil(
      async () => (await getContact(dbPage, `linkedin:${a.slug}`)).contact?.notes,
      (n) => n === note,
      10_000,
      "A's whole note in the database",
    );
    expect((await getContact(dbPage, `linkedin:${b.slug}`)).contact).toBeNull();
    await page.close();
  });

  it('the popup lists who is due, and "Contacted today" moves them out and updates their last contact', async () => {
    const slug = 'ff-paula-faellig';
    const name = 'Paula Fällig';
    await seedContact(dbPage, { slug, name, patch: { tier: 'A', lastContactAt: isoDaysAgo(70), notes: 'Send the slides' } });
    await seedContact(dbPage, {
      slug: 'ff-carl-spaeter',
      name: 'Carl Später',
      patch: { tier: 'C', lastContactAt: isoDaysAgo(5) },
    });
    await reloadExtensionPage(dbPage);
    const row = await listItemWith(dbPage, 'Due for a touch', name);
    expect(await textOf(row)).toContain('Send the slides');
    // Not due for months: not listed at all.
    expect(await dbPage.evaluate(() => document.body.innerText)).not.toContain('Carl Später');

    // Her profile is open in a tab: the panel there follows what the popup does.
    ext.serve(`/in/${slug}/`, linkedinProfileHtml(slug, name));
    const { page, frame } = await openProfile(ext, `https://www.linkedin.com/in/${slug}/`);
    const lastContact = await byLabel(frame, 'Last contact');
    expect(await fieldValue(lastContact)).toBe(isoDaysAgo(70));

    await (await byRole(row, 'button', 'Contacted today')).click();
    await waitUntil(
      () => fieldValue(lastContact),
      (v) => v === todayIso(),
      10_000,
      "today's date in the open panel",
    );
    await page.close();
    await waitUntil(
      async () => (await getContact(dbPage, `linkedin:${slug}`)).contact?.lastContactAt,
      (d) => d === todayIso(),
      10_000,
      'last contact today',
    );
    await waitUntil(
      () => listItems(dbPage, 'Due for a touch'),
      (rows) => !rows.some((r) => r.includes(name)),
      10_000,
      `${name} out of the due list`,
    );
  });

  it('exports the notebook from the dashboard as a real download kontaktpflege-YYYY-MM-DD.json', async () => {
    const dash = await ext.openExtensionPage('options.html');
    const table = await byRole(dash, 'table', 'Contacts');
    await waitUntil(
      () => textOf(table),
      (t) => t.includes('Paula Fällig') && t.includes('Nora Notiz'),
      10_000,
      'the contacts table',
    );
    await (await byRole(dash, 'button', 'Export to JSON')).click();
    const file = await waitForDownload(ext, /^kontaktpflege-.*\.json$/);
    expect(path.basename(file)).toBe(`kontaktpflege-${todayIso()}.json`);
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      format: string;
      contacts: Array<{ key: string; name: string; notes: string }>;
    };
    expect(data.format).toBe('kontaktpflege');
    const nora = data.contacts.find((c) => c.key === 'linkedin:ff-nora-notiz');
    expect(nora?.notes).toBe('Firefox note: ask about the Leipzig meetup');
    expect(data.contacts.map((c) => c.key)).toContain('linkedin:ff-paula-faellig');
    exported = fs.readFileSync(file, 'utf8');
    await dash.close();
  });
});

describe('Firefox ESR in German, fresh profile', () => {
  let ext: FirefoxExtension;
  const de = loadMessages('de');
  const msg = (key: string) => {
    const text = de[key]?.message;
    if (!text) throw new Error(`no German message ${key}`);
    return text;
  };

  beforeAll(async () => {
    ext = await launchFirefox({ locale: 'de' });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the popup in German (firefox-esr-l10n-de and intl.locale.requested=de)', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    expect(
      await popup.evaluate(() =>
        (globalThis as unknown as { browser: { i18n: { getUILanguage(): string } } }).browser.i18n.getUILanguage(),
      ),
    ).toMatch(/^de/);
    await byRole(popup, 'searchbox', msg('searchLabel'));
    await byRole(popup, 'button', msg('openDashboard'));
    expect(await popup.evaluate(() => document.body.innerText)).not.toContain('All contacts');
    await popup.close();
  });

  it('imports the dashboard export after a German preview; the German panel shows the imported note', async () => {
    expect(exported, 'the export test ran first').not.toBe('');
    const file = path.join(ext.downloadsDir, 'import.json');
    fs.writeFileSync(file, exported);
    const dash = await ext.openExtensionPage('options.html');
    expect((await getContact(dash, 'linkedin:ff-nora-notiz')).contact).toBeNull();
    const input = (await byLabel(dash, msg('importLabel'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    const status = await byRole(dash, 'status');
    await waitUntil(
      () => textOf(status),
      (t) => t.includes('Kontakte – neu:'),
      10_000,
      'the German preview',
    );
    // Nothing is written before the user confirms.
    expect((await getContact(dash, 'linkedin:ff-nora-notiz')).contact).toBeNull();
    await (await byRole(dash, 'button', msg('confirmImport'))).click();
    await waitUntil(
      async () => (await getContact(dash, 'linkedin:ff-nora-notiz')).contact?.notes,
      (n) => n === 'Firefox note: ask about the Leipzig meetup',
      10_000,
      'Nora imported',
    );
    await dash.close();

    ext.serve('/in/ff-nora-notiz/', linkedinProfileHtml('ff-nora-notiz', 'Nora Notiz'));
    const { page, frame } = await openProfile(ext, 'https://www.linkedin.com/in/ff-nora-notiz/');
    const notes = await byRole(frame, 'textbox', msg('notesLabel'));
    await waitUntil(
      () => fieldValue(notes),
      (v) => v.includes('Leipzig'),
      10_000,
      'the imported note in the German panel',
    );
    const tierA = await byRole(await byRole(frame, 'radiogroup', msg('tierLabel')), 'radio', 'A');
    expect(await tierA.evaluate((el) => (el as HTMLInputElement).checked || el.getAttribute('aria-checked') === 'true')).toBe(
      true,
    );
    await page.close();
  });
});
