/**
 * Issue 15: LinkedIn's 2026 server-driven profile pages in Chromium with the built extension. The pages are
 * our synthetic fixtures (tests/fixtures/linkedin/synthetic-2026-*): no <h1>, the name an <h2> inside the
 * top card's link to the profile, a bare "LinkedIn" title, hashed classes and `componentkey`s.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  fixtureParts,
  getContact,
  launchExtension,
  openExtensionPage,
  panelFrames,
  panelRegion,
  readFixture,
  spaNavigate,
  waitUntil,
} from './harness';

const GRETA_URL = 'https://www.linkedin.com/in/greta-beispielkamp-4b7e21a9/';
const GRETA_KEY = 'linkedin:greta-beispielkamp-4b7e21a9';
const GRETA_HTML = readFixture('linkedin/synthetic-2026-05-sdui-en-photo-verified-greta-beispielkamp.html');
const JONAS_URL = 'https://www.linkedin.com/in/jonas-probewald/';
const JONAS_KEY = 'linkedin:jonas-probewald';
const JONAS_HTML = readFixture('linkedin/synthetic-2026-05-sdui-de-no-photo-open-to-work-jonas-probewald.html');

/**
 * A 2026 page LinkedIn changed again: the top card no longer links the name to the profile, and the title is
 * the bare "LinkedIn". Nothing on it names the person in a way we may trust.
 */
const UNREADABLE_SLUG = 'greta-unlesbar-2026';
const UNREADABLE_URL = `https://www.linkedin.com/in/${UNREADABLE_SLUG}/`;
const UNREADABLE_HTML = GRETA_HTML.replaceAll('greta-beispielkamp-4b7e21a9', UNREADABLE_SLUG).replace(
  /<a class="[^"]*" href="https:\/\/www\.linkedin\.com\/in\/greta-unlesbar-2026\/">([\s\S]*?)<\/a>/,
  '<div>$1</div>',
);

/** Text the panel shows, including the values of its fields. */
async function panelText(region: Locator): Promise<string> {
  return region.evaluate((el) => {
    const values = Array.from(el.querySelectorAll('input, textarea')).map((f) => (f as HTMLInputElement).value);
    return `${el.textContent ?? ''}\n${values.join('\n')}`;
  });
}

/** The one panel's text, or '' while there is none or it is still loading. */
async function currentPanelText(page: Page): Promise<string> {
  const frames = panelFrames(page);
  if (frames.length !== 1) return '';
  const region = frames[0]?.getByRole('region', { name: 'Kontaktpflege' });
  // the frame may go while we look (a new person's panel replaces it): nothing to read then
  if (!region || (await region.count().catch(() => 0)) === 0) return '';
  return panelText(region).catch(() => '');
}

async function addToNetwork(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Add to my network' }).click();
  await frame.getByRole('textbox', { name: 'Notes' }).waitFor({ state: 'visible' });
}

describe('LinkedIn 2026 profile pages', () => {
  let ext: ExtensionBrowser;
  let dbPage: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    ext.serve('/in/greta-beispielkamp-4b7e21a9/', GRETA_HTML);
    ext.serve('/in/jonas-probewald/', JONAS_HTML);
    ext.serve(`/in/${UNREADABLE_SLUG}/`, UNREADABLE_HTML);
    dbPage = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('reads the person from the 2026 top card (bare "LinkedIn" title, no h1)', async () => {
    const page = await ext.context.newPage();
    await page.goto(GRETA_URL);
    const { frame, region } = await panelRegion(page);
    await frame.getByRole('button', { name: 'Add to my network' }).waitFor({ state: 'visible' });
    const text = await panelText(region);
    expect(text).toContain('Greta Beispielkamp');
    expect(text).toContain('Head of Customer Success | SaaS | B2B');
    expect(text).toContain('Musterwerk Software GmbH');
    // everything was read: no "could not read" line, no report button
    expect(text).not.toContain('Could not read');
    expect(await frame.getByRole('button', { name: 'Help fix this page' }).count()).toBe(0);
    await page.close();
  });

  it('SPA swap between two 2026 pages: URL first, top card later; a note typed for A never lands on B', async () => {
    const head = 'Greta: renewal talk in March';
    const tail = ' and the customer advisory board';
    const page = await ext.context.newPage();
    await page.goto(GRETA_URL);
    const a = await panelRegion(page);
    await addToNetwork(a.frame);
    const notes = a.frame.getByRole('textbox', { name: 'Notes' });
    await notes.pressSequentially(head);
    const typing = notes.pressSequentially(tail, { delay: 15 }).catch(() => undefined);
    await page.waitForTimeout(60);

    // LinkedIn changes the URL first: the DOM still shows Greta's top card for a while.
    await spaNavigate(page, JONAS_URL, null);
    const staleSeen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.waitForTimeout(50);
      staleSeen.push(await currentPanelText(page));
    }
    // Then the top card re-renders for Jonas, under new componentkeys.
    const { body } = fixtureParts(JONAS_HTML);
    await page.evaluate((html) => {
      document.body.innerHTML = html;
    }, body);
    await typing;

    // Never Greta's name offered as a new person (that would be Jonas's panel reading Greta's stale card).
    for (const text of staleSeen) expect(text.includes('Add to my network') && text.includes('Greta')).toBe(false);

    await waitUntil(
      () => currentPanelText(page),
      (text) => text.includes('Jonas Probewald') && text.includes('Add to my network'),
      10_000,
      "Jonas's panel",
    );
    const b = await panelRegion(page);
    const bText = await panelText(b.region);
    expect(bText).not.toContain('Greta');
    expect(bText).toContain('Beispiel Analytics AG');
    expect((await getContact(dbPage, JONAS_KEY)).contact).toBeNull();

    // Greta keeps what was typed for her (at least everything typed before the navigation).
    const viewA = await waitUntil(
      () => getContact(dbPage, GRETA_KEY),
      (v) => (v.contact?.notes ?? '').startsWith(head),
      10_000,
      "Greta's note in the database",
    );
    expect((head + tail).startsWith(viewA.contact?.notes ?? '-')).toBe(true);
    expect(viewA.contact?.name).toBe('Greta Beispielkamp');

    // Jonas, once added, starts empty and keeps his own name.
    await addToNetwork(b.frame);
    expect(await b.frame.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe('');
    const viewB = await getContact(dbPage, JONAS_KEY);
    expect(viewB.contact?.notes).toBe('');
    expect(viewB.contact?.name).toBe('Jonas Probewald');
    await page.close();
  });

  it('a page it cannot read: says so, offers "Help fix this page", which copies a skeleton without the person', async () => {
    const page = await ext.context.newPage();
    await page.goto(UNREADABLE_URL);
    const { frame, region } = await panelRegion(page);
    await waitUntil(
      () => panelText(region),
      (text) => text.includes('Could not read from this page: name'),
      10_000,
      'the "could not read" line',
    );
    const help = frame.getByRole('button', { name: 'Help fix this page' });
    await help.click();
    const field = frame.getByRole('textbox', { name: 'Page structure' });
    await field.waitFor({ state: 'visible' });
    const skeleton = await field.inputValue();
    expect(skeleton).toContain('Kontaktpflege page report');
    expect(skeleton).toContain('page: linkedin profile');
    expect(skeleton).toMatch(/^version: \d+\.\d+\.\d+$/m);
    expect(skeleton).toMatch(/^not read: name, /m);
    expect(skeleton).toMatch(/componentkey/);
    for (const secret of [
      'Greta',
      'Beispielkamp',
      UNREADABLE_SLUG,
      'Customer Success',
      'Musterwerk',
      'Hamburg',
      'http',
      '/in/',
    ]) {
      expect(skeleton, secret).not.toContain(secret);
    }
    expect(await field.getAttribute('readonly')).not.toBeNull();
    // Chromium refuses the async clipboard to the iframe; the execCommand path copies within the click.
    const status = await frame.getByRole('status').filter({ hasText: 'e-mail' }).textContent();
    expect(status).toMatch(/^Copied\. Paste it into an e-mail to us/);
    await ext.context.grantPermissions(['clipboard-read'], { origin: 'https://www.linkedin.com' });
    await page.bringToFront();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(skeleton);
    await page.close();
  });

  it('the user types the name once; later visits of that unreadable page use the stored name', async () => {
    const key = `linkedin:${UNREADABLE_SLUG}`;
    const page = await ext.context.newPage();
    await page.goto(UNREADABLE_URL);
    let { frame } = await panelRegion(page);
    await addToNetwork(frame);
    const name = frame.getByRole('textbox', { name: 'Name' });
    expect(await name.inputValue()).toBe('');
    await name.pressSequentially('Greta B.');
    await waitUntil(
      () => getContact(dbPage, key),
      (v) => v.contact?.name === 'Greta B.',
      10_000,
      'the typed name in the database',
    );

    await page.goto(UNREADABLE_URL);
    ({ frame } = await panelRegion(page));
    const again = frame.getByRole('textbox', { name: 'Name' });
    await again.waitFor({ state: 'visible' });
    expect(await again.inputValue()).toBe('Greta B.');
    // the page still cannot be read, so the report stays on offer
    expect(await frame.getByRole('button', { name: 'Help fix this page' }).count()).toBe(1);
    await page.close();
  });
});
