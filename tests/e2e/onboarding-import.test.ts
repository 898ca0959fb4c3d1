/**
 * Issue 12, day one: a new user imports LinkedIn's Connections.csv in the dashboard, sees the preview,
 * confirms, and the panel on one of those people's profiles knows them.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  FIXTURES_DIR,
  getContact,
  launchExtension,
  openExtensionPage,
  panelRegion,
  waitUntil,
} from './harness';

const CSV = path.join(FIXTURES_DIR, 'imports', 'linkedin-Connections.csv');
const PAUL = { key: 'linkedin:paulmusterberg42', url: 'https://de.linkedin.com/in/paulmusterberg42/' };

describe('onboarding: import LinkedIn Connections.csv in the dashboard', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows a preview, writes nothing before confirm, then the panel knows an imported person', async () => {
    const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
    const section = page.getByRole('region', { name: 'Bring your network in' });
    await section.waitFor({ state: 'visible', timeout: 10_000 });
    await section.getByRole('combobox', { name: 'Tier for new contacts' }).selectOption({ label: 'B contacts' });
    await section.getByLabel('Import contacts (LinkedIn export or vCard)').setInputFiles(CSV);

    const status = section.getByRole('status');
    await status.waitFor({ state: 'visible', timeout: 15_000 });
    expect(((await status.textContent()) ?? '').trim()).toBe(
      'LinkedIn export – contacts new: 6, updated: 0, unchanged: 0; skipped: 1; duplicates in the file: 1. Key dates: 0. “Connected” touches: 0.',
    );
    expect(await section.getByRole('list', { name: 'Skipped' }).getByRole('listitem').allTextContents()).toEqual([
      'Line 9: (no name) – no name and no profile link',
    ]);
    expect(
      await section.getByRole('list', { name: 'Duplicates in the file (imported once)' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Line 12: Erika Mustermann (as line 5)']);
    expect((await getContact(page, PAUL.key)).contact, 'nothing written during the preview').toBeNull();

    await section.getByRole('button', { name: 'Confirm import' }).click();
    await waitUntil(
      async () => ((await section.getByRole('status').textContent()) ?? '').trim(),
      (text) => text.startsWith('Import complete'),
      15_000,
      'import result',
    );
    expect(((await section.getByRole('status').textContent()) ?? '').trim()).toBe(
      'Import complete – contacts new: 6, updated: 0. Key dates: 0. “Connected” touches: 0.',
    );
    // The dashboard's table lists the imported people.
    await page
      .getByRole('table', { name: 'Contacts' })
      .getByRole('row')
      .filter({ hasText: 'Dr. Paul Musterberg' })
      .waitFor({ timeout: 10_000 });
    await page.close();

    const tab = await ext.context.newPage();
    await tab.goto(PAUL.url);
    const { frame, region } = await panelRegion(tab, 20_000);
    const name = frame.getByRole('textbox', { name: 'Name' });
    await name.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await name.inputValue()).toBe('Dr. Paul Musterberg');
    expect(await region.getByText('Connected since Nov 7, 2026').count()).toBe(1);
    expect(await frame.getByRole('radio', { name: 'B' }).isChecked()).toBe(true);
    expect(await region.getByRole('button', { name: 'Add to my network' }).count()).toBe(0);
    await tab.close();
  });
});
