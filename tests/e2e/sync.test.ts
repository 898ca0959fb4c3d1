/**
 * Issue 14 end to end: two Chromium profiles with the extension sync through a real WebDAV server
 * (Apache mod_dav, tests/support/webdav-server.ts), set up in the dashboard's Sync view. The host
 * permission is pre-granted in a copy of the build (see `syncTestBuild` for why and how).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeWebdavServer, startWebdavServer, type WebdavServer } from '../support/webdav-server';
import {
  type ExtensionBrowser,
  getContact,
  launchExtension,
  openExtensionPage,
  seedContact,
  sendMessage,
  waitUntil,
} from './harness';
import { allowServer, clickSyncNow, connectInDashboard, syncStatus, syncTestBuild, waitSynced } from './sync-helpers';

let server: WebdavServer;
let a: ExtensionBrowser;
let b: ExtensionBrowser;

beforeAll(async () => {
  server = await startWebdavServer();
  const extensionDir = syncTestBuild();
  a = await launchExtension({ extensionDir });
  b = await launchExtension({ extensionDir });
  await allowServer(a, server);
  await allowServer(b, server);
}, 90_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (server) await disposeWebdavServer(server);
});

const ANNA = { slug: 'anna-schmidt-sync', name: 'Anna Schmidt' };
const KEY = `linkedin:${ANNA.slug}`;

async function syncNow(page: Page): Promise<void> {
  expect(await clickSyncNow(page)).toMatch(/^Last synced/);
}

const statusOf = syncStatus;

describe('sync between two browsers', () => {
  let pageA: Page;
  let pageB: Page;

  it('the first browser creates the notebook, the second joins; a wrong passphrase is refused', async () => {
    pageA = await connectInDashboard(a, server, 'Haselnuss-Tee-42');
    await waitSynced(pageA);
    pageB = await connectInDashboard(b, server, 'falsche Passphrase');
    await waitUntil(
      () => statusOf(pageB).textContent(),
      (t) => /Wrong sync passphrase/.test(t ?? ''),
      30_000,
      'B refused',
    );
    // Still the form: nothing was set up.
    expect(await pageB.getByRole('button', { name: 'Connect' }).isVisible()).toBe(true);
    await pageB.getByLabel('Sync passphrase').fill('Haselnuss-Tee-42');
    await pageB.getByRole('button', { name: 'Connect' }).click();
    await waitSynced(pageB);
  });

  it('a contact added and noted on one browser reaches the other, and its open popup shows her', async () => {
    const popupB = await openExtensionPage(b.context, b.extensionId, 'popup.html');
    await seedContact(pageA, { ...ANNA, patch: { notes: 'Mag grünen Tee', tier: 'B' } });
    await syncNow(pageA);
    await syncNow(pageB);
    const view = await getContact(pageB, KEY);
    expect(view.contact?.name).toBe('Anna Schmidt');
    expect(view.contact?.notes).toBe('Mag grünen Tee');
    expect(view.contact?.tier).toBe('B');
    // A new contact's first follow-up is a few days ahead: the popup, already open, lists her as coming up.
    await waitUntil(
      () =>
        popupB
          .getByRole('list', { name: 'Coming up' })
          .innerText()
          .catch(() => ''),
      (text) => text.includes('Anna Schmidt'),
      15_000,
      'the popup to list the synced contact',
    );
    await popupB.close();
  });

  it('edits of different and of the same fields on both browsers converge, keeping both notes', async () => {
    await sendMessage(pageA, { type: 'panel/update-contact', key: KEY, patch: { tier: 'A', notes: 'Tochter: Lena' } });
    await sendMessage(pageB, {
      type: 'panel/update-contact',
      key: KEY,
      patch: { howWeMet: 'Messe Hannover', notes: 'Segelt im Sommer' },
    });
    await syncNow(pageA);
    await syncNow(pageB);
    await syncNow(pageA);
    const onA = (await getContact(pageA, KEY)).contact;
    const onB = (await getContact(pageB, KEY)).contact;
    expect(onA).toEqual(onB);
    expect(onA?.tier).toBe('A');
    expect(onA?.howWeMet).toBe('Messe Hannover');
    expect(onA?.notes).toContain('Tochter: Lena');
    expect(onA?.notes).toContain('Segelt im Sommer');
  });

  it('the server stopped mid-sync and restarted: a clear message, then nothing lost and nothing doubled', async () => {
    await sendMessage(pageA, {
      type: 'panel/log-touch',
      key: KEY,
      touch: { date: '2026-11-20', channel: 'call', direction: 'mutual', note: 'Telefonat' },
    });
    await server.stop();
    try {
      await pageA.getByRole('button', { name: 'Sync now' }).click();
      await waitUntil(
        () => statusOf(pageA).textContent(),
        (t) => /does not answer/.test(t ?? ''),
        30_000,
        'the problem shown',
      );
    } finally {
      await server.restart();
    }
    await syncNow(pageA);
    await syncNow(pageB);
    await syncNow(pageB);
    const onB = await getContact(pageB, KEY);
    expect(onB.touches.map((t) => t.note)).toEqual(['Telefonat']);
    expect(onB.contact?.notes).toBe((await getContact(pageA, KEY)).contact?.notes);
  });

  it('the server holds no name, note or passphrase in plain text', () => {
    const files = server.files();
    expect(files.length).toBeGreaterThan(2);
    for (const f of files) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
        const text = f.bytes.toString(encoding);
        for (const secret of ['Anna', 'anna-schmidt', 'grünen Tee', 'Lena', 'Telefonat', 'Haselnuss']) {
          expect(text, f.path).not.toContain(secret);
        }
      }
      expect(f.path).not.toMatch(/anna|schmidt/i);
    }
  });
});
