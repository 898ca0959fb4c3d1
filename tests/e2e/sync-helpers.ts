/** Shared by tests/e2e/sync.test.ts and bench/sync.ts: a build that may reach the local WebDAV server, and the Sync view's steps. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WebdavServer } from '../support/webdav-server';
import { EXTENSION_DIR, type ExtensionBrowser, openExtensionPage, waitUntil } from './harness';

/**
 * The built extension with the local server's host already granted. Headless Chromium shows
 * `permissions.request`'s prompt as a dialog nobody can answer (the Connect click then waits for ever:
 * tried). A request for a permission the extension already holds resolves `true` at once without a
 * prompt, so this copy's manifest also lists `http://127.0.0.1/*` under `host_permissions`; the
 * product's manifest has it only under `optional_host_permissions`, and its code path is the same.
 */
export function syncTestBuild(source: string = EXTENSION_DIR): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-sync-ext-'));
  fs.cpSync(source, dir, { recursive: true });
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return dir;
}

/** The harness refuses every network request but the fixture sites; the WebDAV server is real. */
export async function allowServer(ext: ExtensionBrowser, server: WebdavServer): Promise<void> {
  await ext.context.route(`${server.url}**`, (route) => route.continue());
}

export function syncStatus(page: Page) {
  return page.getByRole('status', { name: 'Sync status' });
}

/** Opens the dashboard's Sync view, fills the form and clicks Connect (does not wait for the result). */
export async function connectInDashboard(ext: ExtensionBrowser, server: WebdavServer, passphrase: string): Promise<Page> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await page.getByRole('link', { name: 'Sync' }).click();
  await page.getByRole('textbox', { name: 'WebDAV address' }).fill(server.url);
  await page.getByRole('textbox', { name: 'User name' }).fill(server.user);
  await page.getByLabel('App password').fill(server.password);
  await page.getByLabel('Sync passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Connect' }).click();
  return page;
}

/** Waits until the status line says it synced (after Connect or Sync now). */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  await waitUntil(
    () => syncStatus(page).textContent(),
    (t) => /^Last synced/.test(t ?? ''),
    timeout,
    'the status to say it synced',
  );
}

/** Clicks "Sync now" and waits until the round is over; returns the status text. */
export async function clickSyncNow(page: Page, timeout = 30_000): Promise<string> {
  const button = page.getByRole('button', { name: 'Sync now' });
  await button.click();
  await waitUntil(
    () => button.isEnabled(),
    (on) => on,
    timeout,
    'Sync now to finish',
  );
  return (await syncStatus(page).textContent()) ?? '';
}
