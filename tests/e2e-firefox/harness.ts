/**
 * End-to-end harness for Firefox: Debian's Firefox ESR (`/usr/bin/firefox-esr`) driven by puppeteer-core over
 * WebDriver BiDi (no geckodriver, no browser download), with the built extension (`.output/firefox-mv3`, from
 * `npx wxt build -b firefox`) installed as a temporary add-on into a fresh profile. See ARCHITECTURE.md
 * ("Firefox") for the measured facts this relies on:
 *
 * - The add-on's internal UUID is pinned by the pref `extensions.webextensions.uuids`, so its pages have known
 *   `moz-extension://<uuid>/…` URLs; opening them from the driver needs `--remote-allow-system-access`.
 * - Extension pages never report "loaded" to the driver (Firefox bug 1755014) and their frames keep the URL
 *   `about:blank` for it: we never await `goto` on them and find them by evaluating `location.href`.
 * - LinkedIn/XING pages are answered from the same fixtures as Chromium's harness through BiDi request
 *   interception (per tab: `sitePage()` sets it up). Everything not intercepted goes to a dead proxy
 *   (127.0.0.1:9) and `MOZ_REMOTE_SETTINGS_DEVTOOLS=1` lets Firefox's own remote-settings calls be pointed
 *   there too, so nothing leaves the machine.
 * - UI is found by role and accessible name through Puppeteer's ARIA query handler (`::-p-aria(…)`).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Frame, type HTTPRequest, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';
import type { Request as KpRequest } from '../../messaging/protocol';
import { FIXTURE_PAGES, isFixtureHost, profileFor, readFixture, ROOT, type SeedSpec, waitUntil } from '../e2e/harness';
import type { ContactView } from '../../messaging/protocol';

export { fixtureParts, isFixtureHost, isoDaysAgo, linkedinProfileHtml, todayIso, waitUntil } from '../e2e/harness';

export const FIREFOX_EXTENSION_DIR = path.join(ROOT, '.output', 'firefox-mv3');
export const FIREFOX_PATH = process.env.KP_FIREFOX ?? '/usr/bin/firefox-esr';

const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export interface FirefoxLaunchOptions {
  locale?: 'en' | 'de';
  /** `network.cookie.cookieBehavior`; 5 (Firefox's default: total cookie protection) unless told */
  cookieBehavior?: 0 | 1 | 2 | 4 | 5;
  extensionDir?: string;
  /** more preferences, over the harness's own (e.g. a local server let past the dead proxy) */
  prefs?: Record<string, unknown>;
}

export interface FirefoxNetworkEntry {
  url: string;
  action: 'fixture' | 'not-found' | 'stub' | 'aborted' | 'passed';
}

export interface FirefoxExtension {
  browser: Browser;
  uuid: string;
  /** where Firefox saves downloads (no dialog) */
  downloadsDir: string;
  /** every request an intercepting tab answered, aborted or let through */
  network: FirefoxNetworkEntry[];
  /** serve `html` at a URL (`https://host/path`) or at a path on every LinkedIn/XING host */
  serve(urlOrPath: string, html: string): void;
  extensionUrl(file: string): string;
  /** a new tab whose LinkedIn/XING requests are answered from the fixtures */
  sitePage(): Promise<Page>;
  /** a new tab showing an extension page (popup.html, options.html, …), once its document is complete */
  openExtensionPage(file: string, timeout?: number): Promise<Page>;
  close(): Promise<void>;
}

function normalisePath(p: string): string {
  return p.endsWith('/') ? p.slice(0, -1) : p;
}

/** A private copy of the build, so a concurrent `wxt build -b firefox` cannot empty it under a running Firefox. */
async function snapshotExtension(source: string): Promise<string> {
  const manifest = path.join(source, 'manifest.json');
  await waitUntil(
    () => {
      const age = Date.now() - fs.statSync(manifest).mtimeMs;
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { background?: { scripts?: string[] } };
      return age > 1_000 && (parsed.background?.scripts ?? []).every((s) => fs.existsSync(path.join(source, s)));
    },
    (ok) => ok,
    30_000,
    `a built Firefox extension at ${source} (run \`npx wxt build -b firefox\` first)`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-ff-ext-'));
  fs.cpSync(source, dir, { recursive: true });
  return dir;
}

export async function launchFirefox(opts: FirefoxLaunchOptions = {}): Promise<FirefoxExtension> {
  if (!fs.existsSync(FIREFOX_PATH)) {
    throw new Error(`${FIREFOX_PATH} is missing: run \`apt-get install -y firefox-esr firefox-esr-l10n-de\` as root.`);
  }
  const extensionDir = await snapshotExtension(opts.extensionDir ?? FIREFOX_EXTENSION_DIR);
  const downloadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-ff-downloads-'));
  const uuid = randomUUID();
  const dead = '127.0.0.1';
  const prefs: Record<string, unknown> = {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // Anything not answered by interception goes to a port nobody listens on.
    'network.proxy.type': 1,
    'network.proxy.http': dead,
    'network.proxy.http_port': 9,
    'network.proxy.ssl': dead,
    'network.proxy.ssl_port': 9,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'services.settings.server': `http://${dead}:9/v1`,
    'network.cookie.cookieBehavior': opts.cookieBehavior ?? 5,
    'intl.locale.requested': opts.locale === 'de' ? 'de' : 'en-US',
    'intl.accept_languages': opts.locale === 'de' ? 'de-DE,de' : 'en-US,en',
    // Downloads land in our folder without a dialog.
    'browser.download.folderList': 2,
    'browser.download.dir': downloadsDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    ...opts.prefs,
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      extraPrefsFirefox: prefs,
      defaultViewport: { width: 1280, height: 900 },
      protocolTimeout: 60_000,
    });
    await browser.installExtension(extensionDir);
  } catch (err) {
    fs.rmSync(extensionDir, { recursive: true, force: true });
    fs.rmSync(downloadsDir, { recursive: true, force: true });
    throw err;
  }

  const network: FirefoxNetworkEntry[] = [];
  const served = new Map<string, string>();
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
  const answer = async (req: HTTPRequest) => {
    const raw = req.url();
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      // unparsable: aborted below
    }
    if (url && (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'moz-extension:')) {
      network.push({ url: raw.slice(0, 80), action: 'passed' });
      return req.continue();
    }
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && isFixtureHost(url.hostname)) {
      // `resourceType()` throws over BiDi; a navigation request is a document.
      if (req.isNavigationRequest()) {
        const html = lookup(url);
        network.push({ url: raw, action: html === undefined ? 'not-found' : 'fixture' });
        return req.respond({
          status: html === undefined ? 404 : 200,
          contentType: 'text/html; charset=utf-8',
          body: html ?? '<!doctype html><title>Not found</title><h2>No fixture for this URL</h2>',
        });
      }
      network.push({ url: raw, action: 'stub' });
      if (/\.(png|jpe?g|gif|webp|svg)(\?|$)/i.test(url.pathname) || /licdn|profile-images/.test(url.hostname)) {
        return req.respond({ status: 200, contentType: 'image/gif', body: GIF_1X1 });
      }
      return req.respond({ status: 204, body: '' });
    }
    network.push({ url: raw, action: 'aborted' });
    return req.abort();
  };

  const pages: Page[] = [];
  const ext: FirefoxExtension = {
    browser,
    uuid,
    downloadsDir,
    network,
    serve(urlOrPath, html) {
      if (urlOrPath.startsWith('/')) served.set(normalisePath(urlOrPath), html);
      else {
        const u = new URL(urlOrPath);
        served.set(`${u.host}${normalisePath(u.pathname)}`, html);
      }
    },
    extensionUrl: (file) => `moz-extension://${uuid}/${file}`,
    async sitePage() {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        answer(req).catch(() => undefined);
      });
      pages.push(page);
      return page;
    },
    async openExtensionPage(file, timeout = 20_000) {
      const page = await browser.newPage();
      const url = ext.extensionUrl(file);
      // Never settles for extension pages (see file comment); the document is waited for below.
      page.goto(url, { timeout }).catch(() => undefined);
      await waitForDocument(page, url, timeout);
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      fs.rmSync(extensionDir, { recursive: true, force: true });
      fs.rmSync(downloadsDir, { recursive: true, force: true });
    },
  };
  return ext;
}

/** Waits until the page's document is `url` (ignoring query and hash) and complete. */
async function waitForDocument(page: Page | Frame, url: string, timeout: number): Promise<void> {
  const want = url.split(/[?#]/)[0];
  await waitUntil(
    () => page.evaluate(() => `${location.href.split(/[?#]/)[0]} ${document.readyState}`),
    (s) => s === `${want} complete`,
    timeout,
    `${want} to load`,
  );
}

/**
 * Reloads an extension page (whose `reload()` never settles for the driver) and waits for the new document:
 * a marker set on the old window must be gone.
 */
export async function reloadExtensionPage(page: Page, timeout = 20_000): Promise<void> {
  const url = await page.evaluate(() => {
    (window as unknown as { __kpOld?: boolean }).__kpOld = true;
    setTimeout(() => location.reload(), 0);
    return location.href;
  });
  await waitUntil(
    () => page.evaluate(() => !(window as unknown as { __kpOld?: boolean }).__kpOld && document.readyState === 'complete'),
    (fresh) => fresh,
    timeout,
    `${url} to reload`,
  );
}

// ---------------------------------------------------------------------------------------------
// Frames and roles
// ---------------------------------------------------------------------------------------------

/** The frame's real URL (the driver reports `about:blank` for extension frames). */
async function frameHref(frame: Frame): Promise<string> {
  return frame.evaluate(() => location.href).catch(() => '');
}

/** The panel iframe inside the page's closed shadow root, found by its document's own URL. */
export async function panelFrame(page: Page, timeout = 15_000): Promise<Frame> {
  const found = await waitUntil(
    async () => {
      for (const f of page.frames()) {
        if (f.detached) continue;
        const href = await frameHref(f);
        if (href.startsWith('moz-extension://') && new URL(href).pathname.endsWith('/panel.html')) return f;
      }
      return null;
    },
    (f) => f !== null,
    timeout,
    `the panel frame on ${page.url()}`,
  );
  return found as Frame;
}

/** Panel frames attached to the page right now (0 where no panel must be). */
export async function panelFrames(page: Page): Promise<Frame[]> {
  const out: Frame[] = [];
  for (const f of page.frames()) {
    if (f.detached) continue;
    if ((await frameHref(f)).includes('/panel.html')) out.push(f);
  }
  return out;
}

type Scope = Page | Frame | ElementHandle<Element>;

/** Puppeteer's ARIA selector for a role and accessible name (exact, as Puppeteer matches names). */
export function aria(role: string, name?: string): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return name === undefined ? `::-p-aria([role="${role}"])` : `::-p-aria([name="${esc(name)}"][role="${role}"])`;
}

/**
 * The name an element gets from `aria-labelledby` or `aria-label`. Firefox's BiDi accessibility locator (which
 * Puppeteer's ARIA query uses) does not match names that come from `aria-labelledby` (measured: the popup's
 * `<ul aria-labelledby="due-heading">` is found as a list, but not as the list "Due for a touch"), so such
 * names are read from the referenced elements as the accessible-name algorithm does.
 */
async function ariaLabelOf(handle: ElementHandle<Element>): Promise<string | null> {
  return handle.evaluate((el) => {
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      return ids
        .split(/\s+/)
        .map((id) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
        .join(' ')
        .trim();
    }
    return el.getAttribute('aria-label');
  });
}

/** Elements with this role (and accessible name) under `scope` right now. */
export async function allByRole(scope: Scope, role: string, name?: string): Promise<ElementHandle<Element>[]> {
  const all = await scope.$$(aria(role));
  if (name === undefined) return all;
  const named = await scope.$$(aria(role, name));
  const out: ElementHandle<Element>[] = [];
  for (const h of all) {
    let same = false;
    for (const n of named) if (await h.evaluate((a, b) => a === b, n)) same = true;
    if (same || (await ariaLabelOf(h)) === name) out.push(h);
  }
  return out;
}

/** The first element with this role (and name) under `scope`, waited for. */
export async function byRole(scope: Scope, role: string, name?: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await waitUntil(
    async () => (await allByRole(scope, role, name))[0] ?? null,
    (h) => h !== null,
    timeout,
    `${role}${name === undefined ? '' : ` "${name}"`}`,
  );
  return handle as ElementHandle<Element>;
}

/**
 * The form control labelled `name` (by `<label>`, `aria-label` or `aria-labelledby`), whatever its role: a
 * date or file input has no textbox role to search by.
 */
export async function byLabel(scope: Scope, name: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await waitUntil(
    async () => {
      for (const h of await scope.$$(`::-p-aria([name="${name.replace(/"/g, '\\"')}"])`)) {
        if (
          await h.evaluate(
            (el) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement,
          )
        ) {
          return h;
        }
      }
      // A file input's accessible name is its button's text in Firefox; find it through its <label>.
      return scope
        .$$eval(
          'label',
          (labels, wanted) =>
            labels.findIndex(
              (l) =>
                l.textContent?.trim() === wanted ||
                (l.querySelector('.field-label')?.textContent?.trim() === wanted && !!l.querySelector('input,textarea,select')),
            ),
          name,
        )
        .then(async (i) => (i < 0 ? null : ((await (await scope.$$('label'))[i]?.$('input,textarea,select')) ?? null)));
    },
    (h) => h !== null,
    timeout,
    `the field labelled "${name}"`,
  );
  return handle as ElementHandle<Element>;
}

export async function textOf(handle: ElementHandle<Element>): Promise<string> {
  return handle.evaluate((el) => (el as HTMLElement).innerText ?? el.textContent ?? '');
}

export async function fieldValue(handle: ElementHandle<Element>): Promise<string> {
  return handle.evaluate((el) => (el as HTMLInputElement | HTMLTextAreaElement).value);
}

/** The texts of a list's items (`[]` when the list is not shown). */
export async function listItems(scope: Scope, listName: string): Promise<string[]> {
  const [list] = await allByRole(scope, 'list', listName);
  if (!list) return [];
  return Promise.all((await allByRole(list, 'listitem')).map(textOf));
}

/** The list item of `listName` that contains `text`, waited for. */
export async function listItemWith(scope: Scope, listName: string, text: string, timeout = 15_000) {
  const item = await waitUntil(
    async () => {
      const [list] = await allByRole(scope, 'list', listName);
      if (!list) return null;
      for (const li of await allByRole(list, 'listitem')) if ((await textOf(li)).includes(text)) return li;
      return null;
    },
    (h) => h !== null,
    timeout,
    `a "${listName}" item with "${text}"`,
  );
  return item as ElementHandle<Element>;
}

/**
 * Types `text` key by key at the end of a field and checks the field then holds what it held before plus
 * `text` (a lost keystroke fails here). Returns the field's full value.
 */
export async function typeInto(field: ElementHandle<Element>, text: string): Promise<string> {
  const before = await fieldValue(field);
  await field.evaluate((el) => {
    const input = el as HTMLInputElement | HTMLTextAreaElement;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  });
  await field.type(text);
  const after = await fieldValue(field);
  if (after !== before + text) {
    throw new Error(
      `Typed ${JSON.stringify(text)} after ${JSON.stringify(before)}, but the field holds ${JSON.stringify(after)}`,
    );
  }
  return after;
}

// ---------------------------------------------------------------------------------------------
// Seeding through the extension's own messages
// ---------------------------------------------------------------------------------------------

/** Sends one protocol message from an extension page to the background event page. */
export async function sendMessage<T = unknown>(page: Page | Frame, message: KpRequest): Promise<T> {
  const res = await page.evaluate(async (msg) => {
    const b = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
    return b.runtime.sendMessage(msg);
  }, message as unknown);
  if (typeof res === 'object' && res !== null && typeof (res as { error?: unknown }).error === 'string') {
    throw new Error(`${message.type} failed: ${(res as { error: string }).error}`);
  }
  return res as T;
}

export async function seedContact(page: Page, spec: SeedSpec): Promise<ContactView> {
  const profile = profileFor(spec);
  let view = await sendMessage<ContactView>(page, { type: 'panel/add-contact', profile });
  if (spec.patch && Object.keys(spec.patch).length > 0) {
    view = await sendMessage<ContactView>(page, { type: 'panel/update-contact', key: profile.key, patch: spec.patch });
  }
  return view;
}

export async function getContact(page: Page, key: string): Promise<ContactView> {
  return sendMessage<ContactView>(page, { type: 'panel/get-contact', key });
}

/** Messages of one locale's catalog, to compare the UI with. */
export function loadMessages(locale: 'en' | 'de'): Record<string, { message: string } | undefined> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'));
}

/**
 * Panel ready on a site page: opens `url` in a fixture tab and resolves with the panel frame once its region
 * "Kontaktpflege" is shown.
 */
export async function openProfile(ext: FirefoxExtension, url: string, page?: Page): Promise<{ page: Page; frame: Frame }> {
  const tab = page ?? (await ext.sitePage());
  await tab.goto(url, { waitUntil: 'domcontentloaded' });
  const frame = await panelFrame(tab);
  await byRole(frame, 'region', 'Kontaktpflege');
  return { page: tab, frame };
}

/** A file that appeared in the downloads folder and is complete (Firefox writes `.part` files first). */
export async function waitForDownload(ext: FirefoxExtension, name: RegExp, timeout = 15_000): Promise<string> {
  const file = await waitUntil(
    () => fs.readdirSync(ext.downloadsDir).find((f) => name.test(f) && !f.endsWith('.part')) ?? null,
    (f) => f !== null && !fs.readdirSync(ext.downloadsDir).some((g) => g.endsWith('.part')),
    timeout,
    `a download named ${name}`,
  );
  return path.join(ext.downloadsDir, file as string);
}

/**
 * The dashboard's onboarding import (issue 12, names from UI-CONTRACT.md "Onboarding import"), the way a user
 * does it in the section "Bring your network in": picks the tier for new people by its label when given,
 * chooses `file` (LinkedIn's Connections.csv or a vCard) and waits for the preview. Returns the dashboard,
 * the section and the preview's status text; the caller looks at the preview, then calls `confirm()`, which
 * clicks "Confirm import" and resolves with the result's status text once it says the import is complete.
 */
export async function importConnections(
  ext: FirefoxExtension,
  file: string,
  opts: { tierLabel?: string; timeout?: number } = {},
): Promise<{ dashboard: Page; section: ElementHandle<Element>; preview: string; confirm(): Promise<string> }> {
  const timeout = opts.timeout ?? 30_000;
  const dashboard = await ext.openExtensionPage('options.html');
  const section = await byRole(dashboard, 'region', 'Bring your network in');
  if (opts.tierLabel !== undefined) {
    const tier = await byRole(section, 'combobox', 'Tier for new contacts');
    const chosen = await tier.evaluate((el, label) => {
      const select = el as HTMLSelectElement;
      const option = [...select.options].find((o) => o.text.trim() === label);
      if (!option) return false;
      select.value = option.value;
      select.dispatchEvent(new Event('input', { bubbles: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, opts.tierLabel);
    if (!chosen) throw new Error(`no tier option "${opts.tierLabel}"`);
  }
  const input = (await byLabel(section, 'Import contacts (LinkedIn export or vCard)')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
  const statusText = async () =>
    (await section.$(aria('status'))) ? textOf((await section.$(aria('status'))) as ElementHandle<Element>) : '';
  const preview = await waitUntil(statusText, (t) => t.trim() !== '', timeout, 'the import preview');
  return {
    dashboard,
    section,
    preview: preview.trim(),
    async confirm() {
      await (await byRole(section, 'button', 'Confirm import')).click();
      const done = await waitUntil(statusText, (t) => t.trim().startsWith('Import complete'), timeout, 'the import result');
      return done.trim();
    },
  };
}
