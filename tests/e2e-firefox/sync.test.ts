/**
 * Issue 14 across browsers: Chromium and Firefox ESR share one notebook through a real WebDAV server
 * (Apache mod_dav, tests/support/webdav-server.ts), each set up in its dashboard's Sync view. A note
 * written in Chromium reaches Firefox, and one written in Firefox reaches Chromium.
 *
 * The host permission: automated Firefox cannot answer `permissions.request`'s prompt either. Tried:
 * - a copy of the build listing `http://127.0.0.1/*` under `host_permissions` (what Chromium's
 *   `syncTestBuild` does): the Connect click still waits for ever on the prompt;
 * - the preference `extensions.webextOptionalPermissionPrompts: false` alone: the request resolves
 *   without a prompt, but the server's answers are then refused as if no host permission were held
 *   ("does not answer");
 * - both together: works. So Firefox runs that copy with that preference; the Connect click's code
 *   path (`permissions.request` for the one origin, then `connect`) is the product's.
 * The harness sends everything else to a dead proxy; the local server is let past it
 * (`network.proxy.no_proxies_on`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  getContact as chromiumContact,
  launchExtension,
  seedContact as chromiumSeed,
} from '../e2e/harness';
import { allowServer, clickSyncNow, connectInDashboard, syncTestBuild, waitSynced } from '../e2e/sync-helpers';
import { disposeWebdavServer, startWebdavServer, type WebdavServer } from '../support/webdav-server';
import {
  byLabel,
  byRole,
  FIREFOX_EXTENSION_DIR,
  type FirefoxExtension,
  getContact,
  launchFirefox,
  sendMessage,
  textOf,
  typeInto,
  waitUntil,
} from './harness';

const PASSPHRASE = 'Haselnuss-Tee-42';
const ANNA = { slug: 'anna-schmidt-ff-sync', name: 'Anna Schmidt' };
const KEY = `linkedin:${ANNA.slug}`;

/** The Firefox build with the local server's host also under `host_permissions` (see the file comment). */
function firefoxSyncBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-ff-sync-ext-'));
  fs.cpSync(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  fs.writeFileSync(file, JSON.stringify(manifest));
  return dir;
}

let server: WebdavServer;
let firefoxBuild: string;
let chromium: ExtensionBrowser;
let firefox: FirefoxExtension;
let chromiumPage: ChromiumPage;
let firefoxPage: Page;

beforeAll(async () => {
  server = await startWebdavServer();
  chromium = await launchExtension({ extensionDir: syncTestBuild() });
  await allowServer(chromium, server);
  firefoxBuild = firefoxSyncBuild();
  firefox = await launchFirefox({
    extensionDir: firefoxBuild,
    prefs: { 'network.proxy.no_proxies_on': '127.0.0.1', 'extensions.webextOptionalPermissionPrompts': false },
  });
}, 180_000);

afterAll(async () => {
  await chromium?.close();
  await firefox?.close();
  if (firefoxBuild) fs.rmSync(firefoxBuild, { recursive: true, force: true });
  if (server) await disposeWebdavServer(server);
});

async function firefoxStatus(): Promise<string> {
  return textOf(await byRole(firefoxPage, 'status', 'Sync status'));
}

/** Clicks "Sync now" in Firefox's dashboard and waits until the round is over. */
async function firefoxSyncNow(): Promise<void> {
  const button = await byRole(firefoxPage, 'button', 'Sync now');
  await button.click();
  await waitUntil(
    () => button.evaluate((el) => !(el as HTMLButtonElement).disabled),
    (on) => on,
    60_000,
    'Sync now to finish in Firefox',
  );
  expect(await firefoxStatus()).toMatch(/^Last synced/);
}

it('Chromium creates the notebook and Firefox joins it with the same passphrase', async () => {
  chromiumPage = await connectInDashboard(chromium, server, PASSPHRASE);
  await waitSynced(chromiumPage, 60_000);

  firefoxPage = await firefox.openExtensionPage('options.html');
  await (await byRole(firefoxPage, 'link', 'Sync')).click();
  await typeInto(await byLabel(firefoxPage, 'WebDAV address'), server.url);
  await typeInto(await byLabel(firefoxPage, 'User name'), server.user);
  await typeInto(await byLabel(firefoxPage, 'App password'), server.password);
  await typeInto(await byLabel(firefoxPage, 'Sync passphrase'), PASSPHRASE);
  await (await byRole(firefoxPage, 'button', 'Connect')).click();
  // The KDF's 600,000 iterations and the first round, on a shared machine.
  await waitUntil(firefoxStatus, (t) => /^Last synced/.test(t), 120_000, 'Firefox to say it synced');
  expect(await byRole(firefoxPage, 'button', 'Sync now')).toBeTruthy();
}, 240_000);

it('a note written in Chromium reaches Firefox, and one written in Firefox reaches Chromium', async () => {
  await chromiumSeed(chromiumPage, { ...ANNA, patch: { notes: 'Mag grünen Tee', tier: 'B' } });
  expect(await clickSyncNow(chromiumPage, 60_000)).toMatch(/^Last synced/);
  await firefoxSyncNow();
  const there = await getContact(firefoxPage, KEY);
  expect(there.contact?.name).toBe('Anna Schmidt');
  expect(there.contact?.notes).toBe('Mag grünen Tee');
  expect(there.contact?.tier).toBe('B');

  await sendMessage(firefoxPage, {
    type: 'panel/update-contact',
    key: KEY,
    patch: { notes: 'Mag grünen Tee. Segelt im Sommer.' },
  });
  await firefoxSyncNow();
  expect(await clickSyncNow(chromiumPage, 60_000)).toMatch(/^Last synced/);
  expect((await chromiumContact(chromiumPage, KEY)).contact?.notes).toBe('Mag grünen Tee. Segelt im Sommer.');
});
