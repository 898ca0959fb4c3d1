/**
 * Issue 12, the Firefox variant of day one: import LinkedIn's Connections.csv in the dashboard, see the
 * preview, confirm, open one of the imported people's profiles and find them known in the panel (as
 * tests/e2e/onboarding-import.test.ts does in Chromium).
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../e2e/harness';
import {
  allByRole,
  aria,
  byRole,
  type FirefoxExtension,
  fieldValue,
  getContact,
  importConnections,
  launchFirefox,
  openProfile,
  textOf,
} from './harness';

const CSV = path.join(FIXTURES_DIR, 'imports', 'linkedin-Connections.csv');
const PAUL = { key: 'linkedin:paulmusterberg42', url: 'https://de.linkedin.com/in/paulmusterberg42/' };

let ext: FirefoxExtension;
beforeAll(async () => {
  ext = await launchFirefox();
});
afterAll(async () => {
  await ext?.close();
});

it('imports Connections.csv after a preview that writes nothing; the panel then knows an imported person', async () => {
  const { dashboard, section, preview, confirm } = await importConnections(ext, CSV, { tierLabel: 'B contacts' });
  expect(preview).toBe(
    'LinkedIn export – contacts new: 6, updated: 0, unchanged: 0; skipped: 1; duplicates in the file: 1. Key dates: 0. “Connected” touches: 0.',
  );
  const skipped = await byRole(section, 'list', 'Skipped');
  expect(await Promise.all((await allByRole(skipped, 'listitem')).map(textOf))).toEqual([
    'Line 9: (no name) – no name and no profile link',
  ]);
  expect((await getContact(dashboard, PAUL.key)).contact, 'nothing written during the preview').toBeNull();

  expect(await confirm()).toBe('Import complete – contacts new: 6, updated: 0. Key dates: 0. “Connected” touches: 0.');
  expect((await getContact(dashboard, PAUL.key)).contact?.name).toBe('Dr. Paul Musterberg');
  await dashboard.close();

  const { page, frame } = await openProfile(ext, PAUL.url);
  expect(await fieldValue(await byRole(frame, 'textbox', 'Name'))).toBe('Dr. Paul Musterberg');
  expect(await textOf(await byRole(frame, 'region', 'Kontaktpflege'))).toContain('Connected since Nov 7, 2026');
  const tierB = await byRole(await byRole(frame, 'radiogroup', 'Tier'), 'radio', 'B');
  expect(await tierB.evaluate((el) => (el as HTMLInputElement).checked || el.getAttribute('aria-checked') === 'true')).toBe(true);
  expect(await frame.$(aria('button', 'Add to my network'))).toBeNull();
  await page.close();
});
