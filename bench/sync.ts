/**
 * Issue 14's figures: sync of a 10k-contact notebook (50k touches) between two Chromium profiles through
 * the local Apache WebDAV server (tests/support/webdav-server.ts), driven through the dashboard's Sync
 * view as a user does (tests/e2e/sync-helpers.ts).
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import {
  type ExtensionBrowser,
  getContact,
  launchExtension,
  openExtensionPage,
  sendMessage,
  waitUntil,
} from '../tests/e2e/harness';
import { allowServer, clickSyncNow, connectInDashboard, syncTestBuild, waitSynced } from '../tests/e2e/sync-helpers';
import { disposeWebdavServer, startWebdavServer } from '../tests/support/webdav-server';
import type { SeedFile } from './big-db';
import { figure, median, note, series, warn } from './report';
import { printProfile, profileWorker } from './worker-profile';

/** `KP_BENCH_PROFILE=1`: CPU-profile the worker over the upload and the join (top self times printed). */
const PROFILE = process.env.KP_BENCH_PROFILE === '1';
/** Another build to measure (an A/B against main built elsewhere); default: this worktree's build. */
const SOURCE_BUILD = process.env.KP_BENCH_SYNC_BUILD;

/** Imports the seed file in the dashboard and waits until its last contact is stored. */
async function importSeed(ext: ExtensionBrowser, seed: SeedFile, lastKey: string): Promise<void> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  const input = page.getByLabel('Import', { exact: true });
  await input.waitFor({ state: 'attached', timeout: 15_000 });
  await input.setInputFiles(seed.file);
  await page.getByRole('button', { name: 'Confirm import' }).click({ timeout: 60_000 });
  await waitUntil(
    () => getContact(page, lastKey),
    (v) => v.contact !== null,
    120_000,
    'the seed imported',
  );
  await page.close();
}

function serverRequests(ext: ExtensionBrowser, url: string): number {
  return ext.requestsSeen.filter((u) => u.startsWith(url)).length;
}

export async function benchSync(seed: SeedFile, runs: number): Promise<void> {
  const server = await startWebdavServer();
  const extensionDir = syncTestBuild(SOURCE_BUILD);
  const parsed = JSON.parse(fs.readFileSync(seed.file, 'utf8')) as { contacts: Array<{ key: string }> };
  const keys = parsed.contacts.map((c) => c.key);
  const firstKey = keys[0] ?? '';
  const lastKey = keys[keys.length - 1] ?? '';
  let a: ExtensionBrowser | null = null;
  let b: ExtensionBrowser | null = null;
  try {
    a = await launchExtension({ extensionDir });
    await allowServer(a, server);
    await importSeed(a, seed, lastKey);

    // Initial upload: Connect on the first browser (KDF included) until the status says it synced.
    const profA = PROFILE ? await profileWorker(a) : null;
    const t0 = Date.now();
    const pageA = await connectInDashboard(a, server, 'Bench-Passphrase-1');
    await waitSynced(pageA, 400_000);
    figure('sync-initial-upload-10k', Date.now() - t0, 'ms');
    if (profA) printProfile('sync upload', await profA.stop());
    const bytes = server.files().reduce((sum, f) => sum + f.bytes.length, 0);
    figure('sync-server-bytes-10k', bytes, 'bytes');

    // Initial join: Connect on a fresh browser until its notebook holds the last contact.
    b = await launchExtension({ extensionDir });
    await allowServer(b, server);
    const profB = PROFILE ? await profileWorker(b) : null;
    const joinRequests = serverRequests(b, server.url);
    const t1 = Date.now();
    const pageB: Page = await connectInDashboard(b, server, 'Bench-Passphrase-1');
    await waitSynced(pageB, 400_000);
    figure('sync-initial-join-10k', Date.now() - t1, 'ms');
    figure('sync-initial-join-requests', serverRequests(b, server.url) - joinRequests, 'requests');
    if (profB) printProfile('sync join', await profB.stop());
    const joined = await getContact(pageB, lastKey);
    if (!joined.contact) warn('sync join: the last contact did not arrive');

    // One changed note: A's next round uploads it; B's next round brings it in. Timed on B, from its tick.
    const times: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const text = `Bench note ${i} ${Date.now()}`;
      await sendMessage(pageA, { type: 'panel/update-contact', key: firstKey, patch: { notes: text } });
      await clickSyncNow(pageA, 60_000);
      const t = Date.now();
      await clickSyncNow(pageB, 60_000);
      await waitUntil(
        () => getContact(pageB, firstKey),
        (v) => v.contact?.notes === text,
        30_000,
        'the note on B',
      );
      times.push(Date.now() - t);
    }
    figure('sync-one-note-next-tick', median(times), 'ms');
    series('sync-one-note-next-tick', times, 'ms');

    // Steady state: nothing changed; "Sync now" round trips from an idle extension page, with the
    // worker's CPU time over them (sampled): the "worker time" of a round.
    const before = serverRequests(b, server.url);
    const profSteady = await profileWorker(b, 100);
    const steady = await pageB.evaluate(
      async (n) => {
        const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
        const out: number[] = [];
        for (let i = 0; i <= n; i++) {
          const t = performance.now();
          await chrome.runtime.sendMessage({ type: 'page/sync-now' });
          out.push(performance.now() - t);
        }
        return out.slice(1);
      },
      Math.max(runs, 7),
    );
    figure('sync-steady-tick', median(steady), 'ms');
    series('sync-steady-tick', steady, 'ms');
    if (profSteady) {
      const cpu = await profSteady.stop();
      figure('sync-steady-tick-worker-cpu', Math.round((cpu.busyMs / (steady.length + 1)) * 10) / 10, 'ms');
      if (PROFILE) printProfile('sync steady rounds', cpu);
    }
    const seen = serverRequests(b, server.url) - before;
    if (seen > 0) figure('sync-steady-requests-per-tick', seen / (steady.length + 1), 'requests');
    note(
      'sync: Apache mod_dav on 127.0.0.1; initial upload and join are wall times from the Connect click (KDF 600k included) ' +
        'until the status says it synced; one-note is from B\'s "Sync now" click until B stores the note; steady-tick is the ' +
        'page/sync-now round trip from an idle page with nothing changed (worker time plus one PROPFIND: an upper bound of worker time).',
    );
  } finally {
    await a?.close();
    await b?.close();
    await disposeWebdavServer(server);
  }
}
