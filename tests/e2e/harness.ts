/**
 * End-to-end harness: Debian's Chromium (`/usr/bin/chromium`) with the built extension
 * (`.output/chrome-mv3`, from `npx wxt build`) loaded into a fresh, throw-away profile.
 *
 * - Every request is answered locally: LinkedIn / XING pages from the fixtures in `tests/fixtures/`,
 *   their images with a 1x1 GIF, other sub-resources with an empty 204; every other host is aborted.
 *   `ext.network` records what happened to each request so a test can prove nothing left the machine.
 * - Playwright starts Chromium with `--disable-features=…,ThirdPartyStoragePartitioning,…`, which real
 *   Chrome does not do (and which makes Chromium refuse IndexedDB to the extension's panel iframe).
 *   `playwrightDisabledFeatures()` reads Playwright's own list from the installed playwright-core and we
 *   pass it again, minus that one feature, as the last `--disable-features` switch (Chromium obeys the last).
 * - Storage is seeded the way the extension itself writes: `chrome.runtime.sendMessage` from an extension
 *   page with the typed messages of `messaging/protocol.ts`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { type BrowserContext, chromium, type Frame, type Locator, type Page, type Route, type Worker } from 'playwright-core';
import type { ContactView, PageProfile, Request as KpRequest, TouchInput } from '../../messaging/protocol';
import type { ContactPatch, IsoDay } from '../../storage/types';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = path.join(ROOT, '.output', 'chrome-mv3');
export const FIXTURES_DIR = path.join(ROOT, 'tests', 'fixtures');
export const CHROMIUM_PATH = process.env.KP_CHROMIUM ?? '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Playwright's --disable-features list
// ---------------------------------------------------------------------------------------------

/** Files of playwright-core that may define the Chromium launch switches (bundled since 1.5x, loose before). */
const SWITCH_SOURCES = ['lib/server/chromium/chromiumSwitches.js', 'lib/coreBundle.js'];

let cachedDisabledFeatures: string[] | undefined;

/**
 * The features Playwright disables when it launches Chromium, read from the installed playwright-core
 * (module `server/chromium/chromiumSwitches`: `disabledFeatures = [ … ]`, joined into
 * `--disable-features=`). The array literal is cut out of the source and evaluated in an empty VM
 * context (it may hold `process.env.X ? … : …` entries), then `filter(Boolean)` as Playwright does.
 */
export function playwrightDisabledFeatures(): string[] {
  if (cachedDisabledFeatures) return cachedDisabledFeatures;
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve('playwright-core/package.json'));
  for (const rel of SWITCH_SOURCES) {
    const file = path.join(pkgDir, rel);
    if (!fs.existsSync(file)) continue;
    const list = parseDisabledFeatures(fs.readFileSync(file, 'utf8'));
    if (list) {
      cachedDisabledFeatures = list;
      return list;
    }
  }
  throw new Error(
    `Could not find Playwright's disabledFeatures list in playwright-core (${SWITCH_SOURCES.join(', ')}). ` +
      'Its layout changed: update parseDisabledFeatures() in tests/e2e/harness.ts.',
  );
}

function parseDisabledFeatures(source: string): string[] | null {
  const marker = source.indexOf('chromiumSwitches');
  if (marker < 0) return null;
  // `disabledFeatures = [` or, in older versions, `disabledFeatures = (…) => [`
  const re = /\bdisabledFeatures\s*=\s*(?:\([^)]*\)\s*=>\s*)?\[/g;
  re.lastIndex = Math.max(0, source.lastIndexOf('\n', marker));
  const m = re.exec(source);
  if (!m) return null;
  const open = m.index + m[0].length - 1;
  const close = matchingBracket(source, open);
  if (close < 0) return null;
  const literal = source.slice(open, close + 1);
  const env = { ...process.env };
  const value: unknown = vm.runInNewContext(`(${literal})`, { process: { env, platform: process.platform } });
  if (!Array.isArray(value)) return null;
  const list = value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return list.length > 0 ? list : null;
}

/** Index of the `]` closing the `[` at `open`, skipping strings, template literals and comments. */
function matchingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) return -1;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 1;
      if (i <= 0) return -1;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') {
      depth--;
      if (depth === 0) return c === ']' ? i : -1;
    }
  }
  return -1;
}

/** The `--disable-features` switch we append: Playwright's list without ThirdPartyStoragePartitioning. */
export function disableFeaturesSwitch(): string {
  const features = playwrightDisabledFeatures().filter((f) => f !== 'ThirdPartyStoragePartitioning');
  return `--disable-features=${features.join(',')}`;
}

// ---------------------------------------------------------------------------------------------
// Fixture network
// ---------------------------------------------------------------------------------------------

/**
 * Pages served by URL. Keys are `host/path` (exact host) or `/path` (any LinkedIn/XING host);
 * values are paths under `tests/fixtures/`. A trailing slash is optional when looking up.
 */
export const FIXTURE_PAGES: Record<string, string> = {
  '/in/jonas-beispiel-mustermann/': 'linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.min.html',
  'se.linkedin.com/in/jonas-beispiel-mustermann/': 'linkedin/public-guest-2024-03-jonas-beispiel-mustermann.html',
  '/in/anna-lena-musterfrau-7d04b2c9/': 'linkedin/loggedin-2024-07-voyager-no-photo-anna-lena-musterfrau.min.html',
  '/in/felixbeispielmann/': 'linkedin/loggedin-2024-08-voyager-body-only-1st-degree-felixbeispielmann.min.html',
  '/in/lukasplatzhalter/': 'linkedin/loggedin-2024-08-voyager-body-only-sparse-lukasplatzhalter.min.html',
  '/in/maxmustermann/': 'linkedin/public-guest-2024-03-no-headline-maxmustermann.html',
  '/in/emusterholz/': 'linkedin/public-2013-hresume-emusterholz.html',
  '/in/paulmusterberg42/': 'linkedin/public-2016-public_profile_v3-paulmusterberg42.html',
  '/in/john-doe-5c1a7e902/': 'linkedin/loggedin-classic-2016-connection-view-john-doe-excerpt.html',
  '/public-profile/in/karlottofiktiv/': 'linkedin/public-guest-2024-profile-not-found.html',
  'www.linkedin.com/company/audiense/': 'linkedin/negative/company-loggedin-2021-10-audiense.html',
  'uk.linkedin.com/company/audiense/': 'linkedin/negative/company-guest-2024-10-audiense.html',
  'www.linkedin.com/feed/': 'e2e/linkedin-feed.html',
  'www.linkedin.com/search/results/people/': 'e2e/linkedin-search-people.html',
  'www.xing.com/profile/John_Doe/cv': 'xing/public-loggedout-2016-vcard-john-doe-excerpt.html',
  'www.xing.com/profile/John_Doe/': 'xing/public-loggedout-2016-vcard-john-doe-excerpt.html',
};

/** Hosts answered locally (pages and their assets). Everything else is aborted. */
export function isFixtureHost(hostname: string): boolean {
  return /(^|\.)(linkedin\.com|licdn\.com|xing\.com|xing-assets\.com|xingassets\.com)$/i.test(hostname);
}

const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface NetworkEntry {
  url: string;
  resourceType: string;
  action: 'fixture' | 'not-found' | 'stub' | 'aborted' | 'extension';
}

/**
 * What could have reached the real network so far: requests to other hosts that were not aborted, and
 * http(s) requests Chromium reported that never went through the router. Empty when all is well.
 */
export function leakedRequests(ext: Pick<ExtensionBrowser, 'network' | 'requestsSeen' | 'blockedByCsp'>): string[] {
  const leaks: string[] = [];
  for (const e of ext.network) {
    let host = '';
    try {
      const u = new URL(e.url);
      if (u.protocol === 'chrome-extension:') continue;
      host = u.hostname;
    } catch {
      // unparsable: must have been aborted
    }
    if (!isFixtureHost(host) && e.action !== 'aborted') leaks.push(`${e.action}: ${e.url}`);
  }
  const routed = new Set(ext.network.map((e) => e.url));
  // Refused by a page's Content Security Policy: Chromium reports the request, but it never left the renderer.
  const refused = new Set(ext.blockedByCsp);
  for (const url of ext.requestsSeen) if (!routed.has(url) && !refused.has(url)) leaks.push(`not routed: ${url}`);
  return leaks;
}

export function readFixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, rel), 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Launch
// ---------------------------------------------------------------------------------------------

export type CookieMode = 'default' | 'block-third-party' | 'block-all';

export interface LaunchOptions {
  locale?: 'en' | 'de';
  cookies?: CookieMode;
  /** reuse a profile directory (it is then not deleted by `close()`) */
  userDataDir?: string;
  /** where Chromium puts downloads (Playwright keeps them until the context closes) */
  downloadsDir?: string;
  extensionDir?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** the extension's service worker as last seen (it is replaced when the worker restarts) */
  readonly serviceWorker: Worker;
  userDataDir: string;
  /** every request the router answered or aborted */
  network: NetworkEntry[];
  /** http(s) URLs of every request Chromium reported, routed or not */
  requestsSeen: string[];
  /** URLs of requests a page's Content Security Policy refused (they never reached the network) */
  blockedByCsp: string[];
  /** serve `html` at a URL (`https://host/path`) or at a path on every LinkedIn/XING host */
  serve(urlOrPath: string, html: string): void;
  /** chrome-extension://<id>/<file> */
  extensionUrl(file: string): string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** The object at `obj[key]`, created when missing. */
function child(obj: Json, key: string): Json {
  const value = obj[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  const created: Json = {};
  obj[key] = created;
  return created;
}

/** Browser preferences written into the profile before launch: cookie controls and languages. */
function writePreferences(userDataDir: string, opts: LaunchOptions): void {
  const prefsFile = path.join(userDataDir, 'Default', 'Preferences');
  let prefs: Json = {};
  if (fs.existsSync(prefsFile)) {
    try {
      prefs = JSON.parse(fs.readFileSync(prefsFile, 'utf8')) as Json;
    } catch {
      prefs = {};
    }
  }
  const profile = child(prefs, 'profile');
  const cookies = opts.cookies ?? 'default';
  // 1 = block third-party cookies (chrome://settings/cookies); content setting 2 = block all cookies.
  if (cookies === 'block-third-party' || cookies === 'block-all') profile.cookie_controls_mode = 1;
  if (cookies === 'block-all') child(profile, 'default_content_setting_values').cookies = 2;
  if (opts.locale === 'de') {
    const intl = child(prefs, 'intl');
    intl.accept_languages = 'de-DE,de';
    intl.selected_languages = 'de-DE,de';
  }
  fs.mkdirSync(path.dirname(prefsFile), { recursive: true });
  fs.writeFileSync(prefsFile, JSON.stringify(prefs));
}

function normalisePath(p: string): string {
  return p.endsWith('/') ? p.slice(0, -1) : p;
}

/** Browsers of this process using the snapshot below; it is removed when the last one closes. */
let snapshotUsers = 0;

/** Headless Debian Chromium on a machine with no network but the package registries (see ARCHITECTURE.md). */
export const BASE_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
] as const;

/**
 * A private copy of the built extension for this process's browsers: a concurrent `wxt build` empties
 * `.output/chrome-mv3` for a moment and must not pull files from under a running browser. The path is
 * fixed per process, so a profile relaunched with `userDataDir` finds the same extension id. Waits up to
 * 30 s for a build in progress to finish.
 */
async function acquireExtensionSnapshot(source: string): Promise<string> {
  const dir = path.join(os.tmpdir(), `kp-e2e-ext-${process.pid}`);
  if (snapshotUsers > 0 && fs.existsSync(path.join(dir, 'manifest.json'))) {
    snapshotUsers++;
    return dir;
  }
  const manifest = path.join(source, 'manifest.json');
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const age = Date.now() - fs.statSync(manifest).mtimeMs;
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { background?: { service_worker?: string } };
      const sw = parsed.background?.service_worker;
      if (age > 1_000 && (!sw || fs.existsSync(path.join(source, sw)))) break;
    } catch {
      // not there (yet)
    }
    if (Date.now() > deadline) throw new Error(`No built extension at ${source}: run \`npx wxt build\` first.`);
    await new Promise((r) => setTimeout(r, 250));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(source, dir, { recursive: true });
  snapshotUsers++;
  return dir;
}

function releaseExtensionSnapshot(dir: string): void {
  snapshotUsers = Math.max(0, snapshotUsers - 1);
  if (snapshotUsers === 0) fs.rmSync(dir, { recursive: true, force: true });
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `${CHROMIUM_PATH} is missing: run \`apt-get install -y chromium chromium-l10n\` as root (l10n: the German UI tests).`,
    );
  }
  const extensionDir = await acquireExtensionSnapshot(opts.extensionDir ?? EXTENSION_DIR);
  const ownsProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-profile-'));
  writePreferences(userDataDir, opts);
  const locale = opts.locale ?? 'en';
  const langTag = locale === 'de' ? 'de-DE' : 'en-US';

  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    ...BASE_CHROMIUM_ARGS,
    `--lang=${langTag}`,
    // Last of its kind on the command line, so it replaces Playwright's list (see file comment).
    disableFeaturesSwitch(),
  ];

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args,
      locale: langTag,
      // Chromium on Linux takes its UI language (and so chrome.i18n) from the environment.
      env: { ...process.env, LANG: `${langTag.replace('-', '_')}.UTF-8`, LANGUAGE: locale === 'de' ? 'de_DE:de' : 'en_US:en' },
      acceptDownloads: true,
      ...(opts.downloadsDir ? { downloadsPath: opts.downloadsDir } : {}),
      viewport: { width: 1280, height: 900 },
    });
  } catch (err) {
    if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true });
    releaseExtensionSnapshot(extensionDir);
    throw err;
  }
  const cleanUp = async () => {
    await context.close().catch(() => undefined);
    if (ownsProfile) fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
    releaseExtensionSnapshot(extensionDir);
  };

  const network: NetworkEntry[] = [];
  const requestsSeen: string[] = [];
  const blockedByCsp: string[] = [];
  const served = new Map<string, string>();
  context.on('request', (req) => {
    if (/^https?:/i.test(req.url())) requestsSeen.push(req.url());
  });
  context.on('requestfailed', (req) => {
    if (req.failure()?.errorText === 'csp') blockedByCsp.push(req.url());
  });

  const lookup = (url: URL): string | undefined => {
    const p = normalisePath(url.pathname);
    for (const key of [`${url.host}${p}`, p]) {
      const html = served.get(key);
      if (html !== undefined) return html;
      const rel = FIXTURE_PAGES[key] ?? FIXTURE_PAGES[`${key}/`];
      if (rel) return readFixture(rel);
    }
    return undefined;
  };

  await context.route('**/*', async (route: Route) => {
    const req = route.request();
    const raw = req.url();
    const resourceType = req.resourceType();
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      network.push({ url: raw, resourceType, action: 'aborted' });
      return route.abort('blockedbyclient');
    }
    if (url.protocol === 'chrome-extension:') {
      network.push({ url: raw, resourceType, action: 'extension' });
      return route.continue();
    }
    if ((url.protocol === 'https:' || url.protocol === 'http:') && isFixtureHost(url.hostname)) {
      if (resourceType === 'document') {
        const html = lookup(url);
        network.push({ url: raw, resourceType, action: html === undefined ? 'not-found' : 'fixture' });
        return route.fulfill({
          status: html === undefined ? 404 : 200,
          contentType: 'text/html; charset=utf-8',
          body: html ?? '<!doctype html><title>Not found</title><h2>No fixture for this URL</h2>',
        });
      }
      network.push({ url: raw, resourceType, action: 'stub' });
      if (resourceType === 'image') return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF_1X1 });
      return route.fulfill({ status: 204, body: '' });
    }
    network.push({ url: raw, resourceType, action: 'aborted' });
    return route.abort('blockedbyclient');
  });

  const isExtWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
  const swEvent = context.waitForEvent('serviceworker', { predicate: isExtWorker, timeout: 20_000 });
  let serviceWorker = context.serviceWorkers().find(isExtWorker);
  if (!serviceWorker) {
    try {
      serviceWorker = await swEvent;
    } catch (err) {
      await cleanUp();
      throw new Error(`The extension's service worker did not start (is ${extensionDir} a valid build?): ${String(err)}`);
    }
  } else swEvent.catch(() => undefined);
  const extensionId = new URL(serviceWorker.url()).host;
  let current = serviceWorker;
  context.on('serviceworker', (w) => {
    if (isExtWorker(w)) current = w;
  });

  let closed = false;
  return {
    context,
    extensionId,
    get serviceWorker() {
      const live = context.serviceWorkers().filter(isExtWorker);
      return live.at(-1) ?? current;
    },
    userDataDir,
    network,
    requestsSeen,
    blockedByCsp,
    serve(urlOrPath: string, html: string) {
      if (urlOrPath.startsWith('/')) served.set(normalisePath(urlOrPath), html);
      else {
        const u = new URL(urlOrPath);
        served.set(`${u.host}${normalisePath(u.pathname)}`, html);
      }
    },
    extensionUrl(file: string) {
      return `chrome-extension://${extensionId}/${file}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await cleanUp();
    },
  };
}

/**
 * The extension's service worker as Playwright lists it, waiting for one if none is listed. After a stop
 * Playwright may keep listing the stopped worker: read browser state (badge, alarms) from an extension
 * page instead, and watch restarts with `watchServiceWorker`.
 */
export async function liveServiceWorker(ext: ExtensionBrowser, timeout = 20_000): Promise<Worker> {
  const isExtWorker = (w: Worker) => w.url().startsWith(`chrome-extension://${ext.extensionId}/`);
  const live = ext.context.serviceWorkers().filter(isExtWorker);
  const last = live.at(-1);
  if (last) return last;
  return ext.context.waitForEvent('serviceworker', { predicate: isExtWorker, timeout });
}

export interface ServiceWorkerMonitor {
  /** CDP's running status of the extension's worker: `stopped`, `starting`, `running`, `stopping` */
  readonly status: string;
  /** every status change with its time (ms since epoch) */
  readonly history: Array<{ status: string; at: number }>;
  waitFor(status: string, timeout?: number): Promise<void>;
  /** stops the worker as Chrome does when it is idle (`ServiceWorker.stopAllWorkers`) and waits until it is */
  stop(timeout?: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Watches the extension's service worker through CDP (`ServiceWorker.enable` on a blank page of its own).
 * Playwright keeps the same `Worker` object across a stop and restart and reports neither, so this is
 * how a test sees the worker stop and come back.
 */
export async function watchServiceWorker(ext: ExtensionBrowser, timeout = 10_000): Promise<ServiceWorkerMonitor> {
  const page = await ext.context.newPage();
  const cdp = await ext.context.newCDPSession(page);
  const prefix = `chrome-extension://${ext.extensionId}/`;
  const history: Array<{ status: string; at: number }> = [];
  let status = 'unknown';
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: Array<{ scriptURL: string; runningStatus: string }> }) => {
    for (const v of e.versions) {
      if (!v.scriptURL.startsWith(prefix) || v.runningStatus === status) continue;
      status = v.runningStatus;
      history.push({ status, at: Date.now() });
    }
  });
  await cdp.send('ServiceWorker.enable');
  await waitUntil(
    () => status,
    (s) => s !== 'unknown',
    timeout,
    'the service worker to be listed by CDP',
  );
  const monitor: ServiceWorkerMonitor = {
    get status() {
      return status;
    },
    history,
    waitFor: (wanted, t = timeout) =>
      waitUntil(
        () => status,
        (s) => s === wanted,
        t,
        `service worker status "${wanted}"`,
      ).then(() => undefined),
    async stop(t = timeout) {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await monitor.waitFor('stopped', t);
    },
    async dispose() {
      await cdp.detach().catch(() => undefined);
      await page.close().catch(() => undefined);
    },
  };
  return monitor;
}

// ---------------------------------------------------------------------------------------------
// Pages and frames
// ---------------------------------------------------------------------------------------------

export async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  file: 'popup.html' | 'options.html' | string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}

function isPanelFrame(f: Frame): boolean {
  try {
    return new URL(f.url()).pathname.endsWith('/panel.html');
  } catch {
    return false;
  }
}

/** The panel iframe (inside a closed shadow root: `page.frames()` still lists it), once it has loaded. */
export async function panelFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => isPanelFrame(f) && !f.isDetached());
    if (frame) {
      await frame.waitForLoadState('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) });
      return frame;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No panel frame (…/panel.html) on ${page.url()} within ${timeout} ms; frames: ${page
          .frames()
          .map((f) => f.url())
          .join(', ')}`,
      );
    }
    await page.waitForTimeout(50);
  }
}

/** Panel frames currently attached to the page (0 where no panel must be). */
export function panelFrames(page: Page): Frame[] {
  return page.frames().filter((f) => isPanelFrame(f) && !f.isDetached());
}

/** The panel's region `Kontaktpflege` inside its frame, waited for. */
export async function panelRegion(page: Page, timeout = 10_000) {
  const frame = await panelFrame(page, timeout);
  const region = frame.getByRole('region', { name: 'Kontaktpflege' });
  await region.waitFor({ state: 'visible', timeout });
  return { frame, region };
}

/**
 * Whether a frame may open IndexedDB: 'ok', or the error Chromium gives (with all cookies blocked an
 * extension iframe inside linkedin.com gets "The user denied permission to access the database").
 * Uses a throw-away database name and deletes it again.
 */
export async function probeIndexedDB(frame: Frame | Page): Promise<string> {
  return frame.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const name = 'kp-e2e-probe';
        const req = indexedDB.open(name);
        req.onsuccess = () => {
          req.result.close();
          indexedDB.deleteDatabase(name);
          resolve('ok');
        };
        req.onerror = () => resolve(`error: ${req.error?.message ?? 'unknown'}`);
      }),
  );
}

/** Waits for `check` to hold, polling; throws with the last value otherwise. */
export async function waitUntil<T>(
  fn: () => Promise<T> | T,
  check: (v: T) => boolean,
  timeout = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastErr: unknown;
  for (;;) {
    try {
      last = await fn();
      if (check(last)) return last;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(last)}${lastErr ? `; last error: ${String(lastErr)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------------------------------------
// Typing
// ---------------------------------------------------------------------------------------------

/**
 * Types `text` key by key at the end of a text field and checks that the field then holds exactly what
 * it held before plus `text`: a keystroke lost or a field replaced midway fails here, and any error of
 * Playwright's reaches the test. Returns the field's full value.
 */
export async function typeInto(field: Locator, text: string, opts: { delay?: number } = {}): Promise<string> {
  const before = await field.inputValue();
  await field.focus();
  // The caret at the end, so the text is appended whatever was selected before.
  await field.evaluate((el) => {
    const input = el as HTMLInputElement | HTMLTextAreaElement;
    input.setSelectionRange(input.value.length, input.value.length);
  });
  await field.pressSequentially(text, opts);
  const after = await field.inputValue();
  if (after !== before + text) {
    throw new Error(
      `Typed ${JSON.stringify(text)} after ${JSON.stringify(before)}, but the field holds ${JSON.stringify(after)}`,
    );
  }
  return after;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function isoLocal(d: Date): IsoDay {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** `YYYY-MM-DD` of the local calendar day `n` days before today (negative: in the future). */
export function isoDaysAgo(n: number, now = new Date()): IsoDay {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  d.setDate(d.getDate() - n);
  return isoLocal(d);
}

export function todayIso(): IsoDay {
  return isoDaysAgo(0);
}

// ---------------------------------------------------------------------------------------------
// Seeding through the extension's own messages
// ---------------------------------------------------------------------------------------------

interface ChromeLike {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Sends one protocol message from an extension page (popup/options) to the background worker. */
export async function sendMessage<T = unknown>(page: Page | Frame, message: KpRequest): Promise<T> {
  const res = await page.evaluate(async (msg) => {
    const c = (globalThis as unknown as { chrome: ChromeLike }).chrome;
    return c.runtime.sendMessage(msg);
  }, message as unknown);
  if (typeof res === 'object' && res !== null && typeof (res as { error?: unknown }).error === 'string') {
    throw new Error(`${message.type} failed: ${(res as { error: string }).error}`);
  }
  return res as T;
}

export interface SeedSpec {
  site?: 'linkedin' | 'xing';
  /** LinkedIn slug or XING page name; the key and profile URL are derived from it */
  slug: string;
  name: string;
  headline?: string | null;
  company?: string | null;
  location?: string | null;
  photoUrl?: string | null;
  aliases?: string[];
  /** fields to set after adding: tier, lastContactAt, notes, preferredChannel, … */
  patch?: ContactPatch;
}

export function profileFor(spec: SeedSpec): PageProfile {
  const site = spec.site ?? 'linkedin';
  const key = site === 'linkedin' ? `linkedin:${spec.slug.toLowerCase()}` : `xing:${spec.slug}`;
  const profileUrl =
    site === 'linkedin' ? `https://www.linkedin.com/in/${spec.slug}/` : `https://www.xing.com/profile/${spec.slug}`;
  const fields = {
    name: spec.name,
    headline: spec.headline ?? null,
    company: spec.company ?? null,
    location: spec.location ?? null,
    photoUrl: spec.photoUrl ?? null,
  };
  const missing = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] === null);
  return { site, key, profileUrl, isMainPage: true, ...fields, aliases: spec.aliases ?? [], missing };
}

/** Adds a contact (`panel/add-contact`) and applies `spec.patch` (`panel/update-contact`). */
export async function seedContact(page: Page, spec: SeedSpec): Promise<ContactView> {
  const profile = profileFor(spec);
  let view = await sendMessage<ContactView>(page, { type: 'panel/add-contact', profile });
  if (spec.patch && Object.keys(spec.patch).length > 0) {
    view = await sendMessage<ContactView>(page, { type: 'panel/update-contact', key: profile.key, patch: spec.patch });
  }
  return view;
}

export async function logTouch(page: Page, key: string, touch: Partial<TouchInput> & { date: IsoDay }): Promise<ContactView> {
  const full: TouchInput = { channel: 'message', direction: 'mutual', note: '', ...touch };
  return sendMessage<ContactView>(page, { type: 'panel/log-touch', key, touch: full });
}

export async function getContact(page: Page, key: string): Promise<ContactView> {
  return sendMessage<ContactView>(page, { type: 'panel/get-contact', key });
}

// ---------------------------------------------------------------------------------------------
// Fixture pages made on the fly
// ---------------------------------------------------------------------------------------------

const JONAS_MIN = 'linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.min.html';

/**
 * A logged-in LinkedIn profile page for another (fictional) person: the Jonas min fixture with the
 * slug, name and member id replaced, so each test can have people of its own.
 */
export function linkedinProfileHtml(slug: string, name: string, opts: { headline?: string } = {}): string {
  const first = name.split(' ')[0] ?? name;
  let html = readFixture(JONAS_MIN)
    .replaceAll('jonas-beispiel-mustermann', slug)
    .replaceAll('Jonas Beispiel Mustermann', name)
    .replaceAll('Jonas', first);
  // Ids that tie a page to a member: the top card's `data-member-id` (the product keeps it as an alias,
  // so two variants sharing it would be one person with a renamed slug) and the viewer's URN.
  let hash = 7;
  for (const ch of slug) hash = (hash * 31 + ch.charCodeAt(0)) % 900_000_000;
  html = html.replaceAll('data-member-id="733031870"', `data-member-id="${100_000_000 + hash}"`);
  const idSuffix = Buffer.from(slug)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(34, 'x')
    .slice(0, 34);
  html = html.replaceAll('ACoAAFQzbTf1GkYfa1qHiUeMijcAu9mOp8Nzghf', `ACoAA${idSuffix}`);
  if (opts.headline) {
    html = html.replace('Education Lead, Web Expert &amp; Frontend Dev at Beispiel GmbH', opts.headline);
  }
  return html;
}

/** `<title>` and the inner HTML of `<body>` of a fixture page, for SPA navigations in `page.evaluate`. */
export function fixtureParts(html: string): { title: string; body: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return { title: title.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim(), body };
}

/**
 * SPA navigation as LinkedIn does it: `history.pushState` to `url`, then the new person's markup.
 * Runs in the page's main world; no waiting between the two.
 */
export async function spaNavigate(page: Page, url: string, html: string | null): Promise<void> {
  const parts = html === null ? null : fixtureParts(html);
  await page.evaluate(
    ({ url, parts }) => {
      history.pushState({}, '', url);
      if (parts) {
        document.title = parts.title;
        document.body.innerHTML = parts.body;
      }
    },
    { url, parts },
  );
}

// ---------------------------------------------------------------------------------------------
// The host page's spy (main world): event recorder and storage scanner
// ---------------------------------------------------------------------------------------------

const PAGE_SPY = path.join(FIXTURES_DIR, 'e2e', 'page-spy.js');

/** Installs `tests/fixtures/e2e/page-spy.js` into every document of the page (main world, before any script). */
export async function installPageSpy(page: Page): Promise<void> {
  await page.addInitScript({ content: fs.readFileSync(PAGE_SPY, 'utf8') });
}

export interface RecordedEvent {
  type: string;
  key: string | null;
  code: string | null;
  data: string | null;
  inputType: string | null;
  target: string;
}

export async function recordedEvents(page: Page): Promise<RecordedEvent[]> {
  return page.evaluate(() => (window as unknown as { __kpSpy: { events(): RecordedEvent[] } }).__kpSpy.events());
}

export interface ScanResult {
  /** where the secret was found: `dom:…`, `localStorage:…`, `cookie`, `indexedDB:<name>`, … */
  findings: string[];
  /** what was looked at, to show the scan was not empty */
  scanned: {
    elements: number;
    shadowRoots: number;
    localStorageKeys: number;
    sessionStorageKeys: number;
    indexedDBNames: string[];
  };
}

export async function scanPageFor(page: Page, secret: string): Promise<ScanResult> {
  return page.evaluate(
    (s) => (window as unknown as { __kpSpy: { scan(secret: string): Promise<ScanResult> } }).__kpSpy.scan(s),
    secret,
  );
}
