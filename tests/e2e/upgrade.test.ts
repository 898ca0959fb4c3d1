/**
 * Issue 9: upgrading an installed extension keeps everything. The released 0.1.0 build
 * (tests/fixtures/release-0.1.0/chrome-mv3, built once from commit 268fc69: see the README there) is
 * loaded into a browser profile; its own panel writes notes, tiers and touches; the browser closes;
 * this build takes the extension's place in the same profile and must show every note, tier and touch
 * in the panel, the popup and the dashboard, and the v2 additions (a key date) must work on top.
 *
 * Chromium derives an unpacked extension's id from its directory path. The harness loads every build of
 * this process from one snapshot path (`acquireExtensionSnapshot`), so the new build gets the old id and
 * with it the old extension's IndexedDB: the test asserts the id is the same, or nothing here is proven.
 *
 * Chromium keeps the service worker it registered for an unpacked extension whose files were replaced
 * while the browser was closed: the script URL is the same, and registering that URL again returns the
 * old registration, so the 0.1.0 worker went on answering the new panel (seen here, with and without a
 * higher manifest version). A store update unloads the old version, which unregisters its worker. The
 * test does that part by hand: it removes the profile's service-worker registrations (not its data:
 * IndexedDB lives elsewhere in the profile) before the relaunch, then checks the new worker answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  FIXTURES_DIR,
  isoDaysAgo,
  launchExtension,
  openExtensionPage,
  panelRegion,
  todayIso,
  waitUntil,
} from './harness';

const RELEASE_DIR = path.join(FIXTURES_DIR, 'release-0.1.0', 'chrome-mv3');

const JONAS = {
  url: 'https://www.linkedin.com/in/jonas-beispiel-mustermann/',
  key: 'linkedin:jonas-beispiel-mustermann',
  name: 'Jonas Beispiel Mustermann',
};
const ANNA = {
  url: 'https://www.linkedin.com/in/anna-lena-musterfrau-7d04b2c9/',
  key: 'linkedin:anna-lena-musterfrau-7d04b2c9',
  name: 'Anna Lena Musterfrau',
};
const JONAS_NOTE =
  'Kennengelernt in Köln – Grüße an Frau Weiß 🎂✨\nFragt nach der Übergabe; Familie 👩‍👩‍👧, Straße „Am Bärenhügel“';
const ANNA_NOTE = 'Zürich 🇨🇭 · Café-Tipp: Grüezi! ÄÖÜ äöü ß';
const MEETING_NOTE = 'Kaffee ☕ bei Müller & Söhne';
const GIFT_NOTE = 'Buch über Öffentlichkeitsarbeit 📚';
/** Jonas, tier A (cadence 21 days), last touched 40 days ago: due, so the popup's due list shows him. */
const MEETING_DAY = isoDaysAgo(40);
const GIFT_DAY = isoDaysAgo(45);

interface Dump {
  /** IndexedDB's version: Dexie declares version n as 10 n */
  version: number;
  stores: string[];
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * Every record of every table, read with plain IndexedDB from an extension page (no code of either build
 * involved). Never creates the database: if it is missing, the open is aborted and this rejects.
 */
async function dumpDb(page: Page): Promise<Dump> {
  return page.evaluate(
    () =>
      new Promise<Dump>((resolve, reject) => {
        const req = indexedDB.open('kontaktpflege');
        req.onupgradeneeded = () => req.transaction?.abort();
        req.onerror = () => reject(new Error(String(req.error)));
        req.onsuccess = () => {
          const db = req.result;
          const stores = Array.from(db.objectStoreNames).sort();
          const tx = db.transaction(stores, 'readonly');
          const tables: Dump['tables'] = {};
          for (const name of stores) {
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => {
              tables[name] = all.result as Record<string, unknown>[];
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve({ version: db.version, stores, tables });
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
}

const byKey = (dump: Dump, key: string) => dump.tables.contacts?.find((c) => c.key === key);
const touchesOf = (dump: Dump, key: string) => (dump.tables.touches ?? []).filter((t) => t.contactKey === key);

async function addToNetwork(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Add to my network' }).click();
  await frame.getByRole('textbox', { name: 'Notes' }).waitFor({ state: 'visible' });
}

/** "Log a touch" in the 0.1.0 panel: a `<details>` with channel, direction, date and short note. */
async function logTouchV010(frame: Frame, touch: { channel: string; direction: string; date: string; note: string }) {
  const form = frame.getByRole('region', { name: 'Touches' });
  const summary = form.getByText('Log a touch', { exact: true });
  if (!(await form.getByRole('button', { name: 'Log touch' }).isVisible())) await summary.click();
  await form.getByRole('combobox', { name: 'Channel', exact: true }).selectOption({ label: touch.channel });
  await form.getByRole('combobox', { name: 'Direction' }).selectOption({ label: touch.direction });
  await form.getByLabel('Date', { exact: true }).fill(touch.date);
  await form.getByRole('textbox', { name: 'Short note' }).fill(touch.note);
  await form.getByRole('button', { name: 'Log touch' }).click();
}

async function listTexts(page: Page | Frame, name: string): Promise<string[]> {
  const list = page.getByRole('list', { name, exact: true });
  if ((await list.count()) === 0) return [];
  return list.getByRole('listitem').allInnerTexts();
}

interface ChromeRuntime {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Waits until this build's worker answers: its contact view carries key dates, 0.1.0's does not. */
async function waitForNewWorker(ext: ExtensionBrowser): Promise<void> {
  const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
  try {
    await waitUntil(
      async () => {
        const view = await page.evaluate((key) => {
          const chrome = (globalThis as unknown as { chrome: ChromeRuntime }).chrome;
          return chrome.runtime.sendMessage({ type: 'panel/get-contact', key });
        }, JONAS.key);
        return Object.keys(view as object);
      },
      (keys) => keys.includes('keyDates'),
      20_000,
      "this build's worker to answer",
    );
  } finally {
    await page.close();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('upgrade in place: release 0.1.0 → this build in the same browser profile', () => {
  let workDir: string;
  let profileDir: string;
  let oldId = '';
  let before: Dump;
  let ext: ExtensionBrowser | undefined;

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-e2e-upgrade-'));
    profileDir = path.join(workDir, 'profile');
    fs.mkdirSync(profileDir);
    expect(JSON.parse(fs.readFileSync(path.join(RELEASE_DIR, 'manifest.json'), 'utf8')).version).toBe('0.1.0');
  });
  afterAll(async () => {
    await ext?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('0.1.0: its panel writes notes (emoji, umlauts), tiers and touches of every direction into a v1 database', async () => {
    const old = await launchExtension({ extensionDir: RELEASE_DIR, userDataDir: profileDir });
    try {
      oldId = old.extensionId;
      const page = await old.context.newPage();

      await page.goto(JONAS.url);
      let { frame } = await panelRegion(page);
      await addToNetwork(frame);
      await frame.getByRole('textbox', { name: 'Notes' }).fill(JONAS_NOTE);
      await frame.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: 'A', exact: true }).check();
      await logTouchV010(frame, { channel: 'Meeting', direction: 'I gave', date: MEETING_DAY, note: MEETING_NOTE });
      await logTouchV010(frame, { channel: 'Gift', direction: 'I received', date: GIFT_DAY, note: GIFT_NOTE });

      await page.goto(ANNA.url);
      ({ frame } = await panelRegion(page));
      await addToNetwork(frame);
      await frame.getByRole('textbox', { name: 'Notes' }).fill(ANNA_NOTE);
      await frame.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: 'C', exact: true }).check();
      await frame.getByRole('button', { name: 'Contacted today' }).click();

      const dbPage = await openExtensionPage(old.context, old.extensionId, 'popup.html');
      before = await waitUntil(
        () => dumpDb(dbPage),
        (d) =>
          byKey(d, JONAS.key)?.notes === JONAS_NOTE &&
          byKey(d, JONAS.key)?.tier === 'A' &&
          touchesOf(d, JONAS.key).length === 2 &&
          byKey(d, ANNA.key)?.notes === ANNA_NOTE &&
          byKey(d, ANNA.key)?.tier === 'C' &&
          byKey(d, ANNA.key)?.lastContactAt === todayIso() &&
          touchesOf(d, ANNA.key).length === 1,
        20_000,
        "0.1.0's writes in its database",
      );
      // What 0.1.0 wrote: schema v1 (Dexie version 1 = IndexedDB version 10), no v2 fields.
      expect(before.version).toBe(10);
      expect(before.stores).toEqual(['contacts', 'settings', 'touches']);
      expect(byKey(before, JONAS.key)).not.toHaveProperty('id');
      expect(touchesOf(before, JONAS.key).every((t) => !('updatedAt' in t))).toBe(true);
      expect(byKey(before, JONAS.key)?.lastContactAt).toBe(MEETING_DAY);
    } finally {
      await old.close();
    }
  });

  it('this build in its place: same extension id, every v1 record kept field by field, v2 fields added', async () => {
    expect(before, 'the 0.1.0 step ran').toBeDefined();
    fs.rmSync(path.join(profileDir, 'Default', 'Service Worker'), { recursive: true, force: true });
    ext = await launchExtension({ userDataDir: profileDir });
    expect(ext.extensionId).toBe(oldId);
    await waitForNewWorker(ext);
    const dbPage = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    // The popup's first read opens the database through Dexie, which runs the v1 → v2 upgrade.
    const after = await waitUntil(
      () => dumpDb(dbPage),
      (d) => d.version === 20,
      20_000,
      'the database upgraded to schema v2',
    );
    expect(after.stores).toEqual(['contacts', 'keyDates', 'promises', 'settings', 'touches']);
    const oldContacts = before.tables.contacts ?? [];
    expect(after.tables.contacts).toHaveLength(oldContacts.length);
    for (const c of oldContacts) {
      const now = byKey(after, String(c.key));
      expect(now?.id).toMatch(UUID);
      expect(now).toEqual({ ...c, id: now?.id, connectedOn: null, email: '', phone: '', notSameAs: [], deletedAt: null });
    }
    const oldTouches = before.tables.touches ?? [];
    expect(after.tables.touches).toHaveLength(oldTouches.length);
    for (const t of oldTouches) {
      expect(after.tables.touches?.find((n) => n.id === t.id)).toEqual({ ...t, updatedAt: t.createdAt, deletedAt: null });
    }
    const oldSettings = before.tables.settings ?? [];
    expect(after.tables.settings).toHaveLength(oldSettings.length);
    for (const s of oldSettings) expect(after.tables.settings?.find((n) => n.id === s.id)).toMatchObject(s);
    expect(after.tables.keyDates).toEqual([]);
    expect(after.tables.promises).toEqual([]);
  });

  it('the new panel shows each note, tier and touch 0.1.0 wrote', async () => {
    if (!ext) throw new Error('the upgrade step did not run');
    const page = await ext.context.newPage();
    await page.goto(JONAS.url);
    let { frame } = await panelRegion(page);
    const notes = frame.getByRole('textbox', { name: 'Notes' });
    await notes.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await notes.inputValue()).toBe(JONAS_NOTE);
    expect(await frame.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: 'A', exact: true }).isChecked()).toBe(
      true,
    );
    expect(await frame.getByLabel('Last contact').inputValue()).toBe(MEETING_DAY);
    const touches = await listTexts(frame, 'Recent touches');
    expect(touches).toHaveLength(2);
    expect(touches.find((t) => t.includes(MEETING_NOTE))).toContain('Meeting · I gave');
    expect(touches.find((t) => t.includes(GIFT_NOTE))).toContain('Gift · I received');

    await page.goto(ANNA.url);
    ({ frame } = await panelRegion(page));
    await frame.getByRole('textbox', { name: 'Notes' }).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await frame.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe(ANNA_NOTE);
    expect(await frame.getByRole('radiogroup', { name: 'Tier' }).getByRole('radio', { name: 'C', exact: true }).isChecked()).toBe(
      true,
    );
    expect(await frame.getByLabel('Last contact').inputValue()).toBe(todayIso());
    expect(await listTexts(frame, 'Recent touches')).toHaveLength(1);
    await page.close();
  });

  it('the popup lists the due A contact with his tier, note and last touch; the dashboard shows both people', async () => {
    if (!ext) throw new Error('the upgrade step did not run');
    const popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    const due = await waitUntil(
      () => listTexts(popup, 'Due for a touch'),
      (items) => items.some((i) => i.includes(JONAS.name)),
      10_000,
      'Jonas under "Due for a touch"',
    );
    const row = due.find((i) => i.includes(JONAS.name)) ?? '';
    expect(row).toContain('A');
    expect(row).toContain(JONAS_NOTE.split('\n')[0]);
    expect(row).toContain('Meeting');
    expect(due.some((i) => i.includes(ANNA.name))).toBe(false);
    await popup.close();

    const dash = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
    const table = dash.getByRole('table', { name: 'Contacts' });
    for (const [person, tier] of [
      [JONAS, 'A'],
      [ANNA, 'C'],
    ] as const) {
      const row = table.getByRole('row').filter({ hasText: person.name });
      await row.first().waitFor({ state: 'visible', timeout: 10_000 });
      expect((await row.getByRole('cell').allInnerTexts()).map((c) => c.trim())).toContain(tier);
    }
    await table.getByRole('button', { name: JONAS.name }).click();
    const detailNotes = dash.getByRole('textbox', { name: 'Notes' });
    await detailNotes.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await detailNotes.inputValue()).toBe(JONAS_NOTE);
    const touches = await listTexts(dash, 'Recent touches');
    expect(touches).toHaveLength(2);
    expect(touches.join('\n')).toContain(MEETING_NOTE);
    expect(touches.join('\n')).toContain(GIFT_NOTE);
    await dash.close();
  });

  it('v2 works on the upgraded notebook: a birthday added in the panel is listed and shows under "Occasions"', async () => {
    if (!ext) throw new Error('the upgrade step did not run');
    const page = await ext.context.newPage();
    await page.goto(JONAS.url);
    const { frame } = await panelRegion(page);
    const day = isoDaysAgo(-5);
    const [, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    await frame.getByRole('button', { name: 'Add key date' }).click();
    await frame.getByRole('combobox', { name: 'Occasion' }).selectOption({ label: 'Birthday' });
    await frame.getByRole('spinbutton', { name: 'Day' }).fill(String(dayOfMonth));
    await frame.getByRole('combobox', { name: 'Month' }).selectOption(String(month));
    await frame.getByRole('button', { name: 'Save key date' }).click();
    await waitUntil(
      () => listTexts(frame, 'Key dates'),
      (items) => items.length === 1 && (items[0] ?? '').includes('Birthday'),
      10_000,
      'the birthday in the panel',
    );
    // The note survives the v2 write next to it.
    expect(await frame.getByRole('textbox', { name: 'Notes' }).inputValue()).toBe(JONAS_NOTE);
    await page.close();

    const popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    const rows = await waitUntil(
      () => listTexts(popup, 'Occasions'),
      (items) => items.length === 1,
      10_000,
      'one row under "Occasions"',
    );
    expect(rows[0]).toContain(JONAS.name);
    expect(rows[0]).toContain('in 5 days');
    await popup.close();
  });
});
