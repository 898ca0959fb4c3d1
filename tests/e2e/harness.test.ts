import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  disableFeaturesSwitch,
  type ExtensionBrowser,
  isFixtureHost,
  launchExtension,
  leakedRequests,
  openExtensionPage,
  panelFrame,
  playwrightDisabledFeatures,
  probeIndexedDB,
} from './harness';

describe('e2e harness', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it("reads Playwright's --disable-features list and drops ThirdPartyStoragePartitioning", () => {
    const list = playwrightDisabledFeatures();
    expect(list.length).toBeGreaterThan(3);
    expect(list).toContain('ThirdPartyStoragePartitioning');
    const ours = disableFeaturesSwitch();
    expect(ours.startsWith('--disable-features=')).toBe(true);
    expect(ours.slice('--disable-features='.length).split(',')).toEqual(
      list.filter((f) => f !== 'ThirdPartyStoragePartitioning'),
    );
  });

  it('Chromium runs with our --disable-features last, i.e. with storage partitioning as in Chrome', async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto('chrome://version');
      const cmdline = (await page.locator('#command_line').textContent()) ?? '';
      const switches = cmdline.split(/\s+/).filter((a) => a.startsWith('--disable-features='));
      expect(switches.length).toBeGreaterThanOrEqual(2);
      // Playwright's own switch is there, and ours (the last one, which Chromium obeys) equals it minus the feature.
      const features = (sw: string | undefined) => (sw ?? '').slice('--disable-features='.length).split(',');
      const theirs = new Set(features(switches[0]));
      const last = features(switches.at(-1));
      expect(theirs.has('ThirdPartyStoragePartitioning')).toBe(true);
      expect(last).not.toContain('ThirdPartyStoragePartitioning');
      theirs.delete('ThirdPartyStoragePartitioning');
      expect(new Set(last)).toEqual(theirs);
    } finally {
      await page.close();
    }
  });

  it('loads the extension and finds its id from the service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    const name = await ext.serviceWorker.evaluate(
      () =>
        (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string } } } }).chrome.runtime.getManifest().name,
    );
    expect(name).toBe('Kontaktpflege');
  });

  it('opens the popup, which shows its empty state', async () => {
    const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    try {
      const status = page.getByRole('status');
      await status.first().waitFor({ state: 'visible', timeout: 10_000 });
      expect(((await status.first().textContent()) ?? '').trim().length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('answers LinkedIn from fixtures and never lets a request reach the real network', async () => {
    const page = await ext.context.newPage();
    try {
      const res = await page.goto('https://www.linkedin.com/in/jonas-beispiel-mustermann/');
      expect(res?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toContain('Jonas Beispiel Mustermann');
      // A sub-resource on another host, requested by a fixture page, is aborted …
      const fetched = await page.evaluate(async () => {
        try {
          await fetch('https://tracker.example.net/pixel?x=1', { mode: 'no-cors' });
          return 'reached';
        } catch {
          return 'blocked';
        }
      });
      expect(fetched).toBe('blocked');
    } finally {
      await page.close();
    }
    // … and so is a page on another host.
    const other = await ext.context.newPage();
    try {
      await expect(other.goto('https://example.com/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT|ERR_FAILED/);
      await other.waitForTimeout(200);
    } finally {
      await other.close();
    }

    const nonFixture = ext.network.filter((e) => {
      const u = new URL(e.url);
      return u.protocol !== 'chrome-extension:' && !isFixtureHost(u.hostname);
    });
    expect(nonFixture.map((e) => e.url)).toEqual(
      expect.arrayContaining(['https://example.com/', 'https://tracker.example.net/pixel?x=1']),
    );
    expect(nonFixture.filter((e) => e.action !== 'aborted')).toEqual([]);
    expect(ext.network.some((e) => e.action === 'fixture')).toBe(true);
    // Every http(s) request Chromium reported went through the router (nothing bypassed it).
    expect(leakedRequests(ext)).toEqual([]);
  });

  it("gives the panel iframe the extension's IndexedDB, as Chrome does (storage partitioning on)", async () => {
    const page = await ext.context.newPage();
    try {
      await page.goto('https://www.linkedin.com/in/jonas-beispiel-mustermann/');
      const frame = await panelFrame(page);
      expect(await probeIndexedDB(frame)).toBe('ok');
    } finally {
      await page.close();
    }
  });

  it('removes its profile directory on close', async () => {
    const other = await launchExtension();
    expect(fs.existsSync(other.userDataDir)).toBe(true);
    await other.close();
    expect(fs.existsSync(other.userDataDir)).toBe(false);
  });
});
