/**
 * Issue 4: the toolbar popup (opened as a page), its lists, actions and the badge, end to end.
 * One browser for the scenario (seeded once); the German check launches its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  getContact,
  isoDaysAgo,
  launchExtension,
  openExtensionPage,
  ROOT,
  seedContact,
  todayIso,
  waitUntil,
  watchServiceWorker,
} from './harness';

interface ChromeAction {
  action: { getBadgeText(details: object): Promise<string>; setBadgeText(details: { text: string }): Promise<void> };
  alarms: {
    get(name: string): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number } | undefined>;
    create(name: string, info: { when?: number; periodInMinutes?: number }): Promise<void>;
  };
}

const A = { slug: 'e2e-alma-dringend', name: 'Alma Dringend', note: 'Ask about the Berlin offsite' };
const B = { slug: 'e2e-bruno-bald', name: 'Bruno Bald' };
const C = { slug: 'e2e-clara-spaeter', name: 'Clara Später' };
const D = { slug: 'e2e-dora-ohnestufe', name: 'Dora Ohnestufe' };

/** The toolbar badge, read from an extension page (browser state: reading it does not wake the worker). */
async function badgeText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getBadgeText({}));
}

async function rowNames(page: Page, listName: string): Promise<string[]> {
  const list = page.getByRole('list', { name: listName });
  if ((await list.count()) === 0) return [];
  return list.getByRole('listitem').allInnerTexts();
}

type Messages = Record<string, { message: string } | undefined>;

function loadMessages(locale: 'en' | 'de'): Messages {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'));
}

/** The English popup's empty state, read by the first suite (compared with the German one below). */
let englishEmptyState = '';

describe('popup checklist', () => {
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    // Before anything is seeded: the empty state (kept for the German comparison below).
    const status = popup.getByRole('status').first();
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    englishEmptyState = (await status.count()) ? ((await status.textContent()) ?? '').trim() : '';

    await seedContact(popup, {
      slug: A.slug,
      name: A.name,
      company: 'Beispiel GmbH',
      patch: { tier: 'A', lastContactAt: isoDaysAgo(70), notes: `${A.note}\nsecond line`, preferredChannel: 'call' },
    });
    await seedContact(popup, { slug: B.slug, name: B.name, patch: { tier: 'B', lastContactAt: isoDaysAgo(88) } });
    await seedContact(popup, { slug: C.slug, name: C.name, patch: { tier: 'C', lastContactAt: isoDaysAgo(10) } });
    await seedContact(popup, { slug: D.slug, name: D.name, patch: { tier: 'none', lastContactAt: isoDaysAgo(400) } });
    await popup.reload();
    await popup.getByRole('list', { name: 'Due for a touch' }).waitFor({ state: 'visible', timeout: 10_000 });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('lists exactly the overdue person under "Due for a touch" and the one due in 2 days under "Coming up"', async () => {
    expect(englishEmptyState.length).toBeGreaterThan(0);
    const due = await rowNames(popup, 'Due for a touch');
    expect(due).toHaveLength(1);
    expect(due[0]).toContain(A.name);
    expect(due[0]).toContain(A.note);
    const coming = await rowNames(popup, 'Coming up');
    expect(coming).toHaveLength(1);
    expect(coming[0]).toContain(B.name);
    // Not due / never due: not listed at all.
    const text = (await popup.locator('body').textContent()) ?? '';
    expect(text).not.toContain(C.name);
    expect(text).not.toContain(D.name);
    // Due first, then coming up.
    const order = await popup.getByRole('listitem').allInnerTexts();
    expect(order.findIndex((t) => t.includes(A.name))).toBeLessThan(order.findIndex((t) => t.includes(B.name)));
    // Each row links to the person's profile.
    const link = popup.getByRole('list', { name: 'Due for a touch' }).getByRole('link', { name: A.name });
    expect(await link.getAttribute('href')).toContain(`/in/${A.slug}`);
  });

  it('badge shows the number of people due', async () => {
    await waitUntil(
      () => badgeText(popup),
      (t) => t === '1',
      10_000,
      'badge "1"',
    );
    // The same, asked in the service worker itself.
    const inWorker = await ext.serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeAction }).chrome.action.getBadgeText({}),
    );
    expect(inWorker).toBe('1');
  });

  it('the tier filter lists only the chosen tiers, and says "no matches" (not "all caught up") when none of them is due', async () => {
    const chip = (tier: string) => popup.getByRole('button', { name: tier, exact: true });
    const listed = () => popup.getByRole('listitem').allInnerTexts();
    await chip('B').click();
    await waitUntil(listed, (rows) => rows.length === 1 && (rows[0] ?? '').includes(B.name), 5_000, 'only Bruno (B)');
    await chip('B').click();
    await chip('C').click();
    // Clara (C) is not due for weeks: nothing to list, and the popup says no one matches.
    const noMatches = loadMessages('en').noMatches?.message ?? '';
    await waitUntil(
      () => popup.getByRole('status').allInnerTexts(),
      (texts) => texts.some((text) => text.trim() === noMatches),
      5_000,
      'the "no matches" status',
    );
    expect(await listed()).toEqual([]);
    await chip('C').click();
    await waitUntil(
      () => popup.getByRole('listitem').count(),
      (n) => n === 2,
      5_000,
      'both listed again',
    );
  });

  it('the search box filters by name', async () => {
    const search = popup.getByRole('searchbox', { name: 'Search' });
    await search.fill('bruno');
    await waitUntil(
      () => popup.getByRole('listitem').allInnerTexts(),
      (rows) => rows.length === 1 && (rows[0] ?? '').includes(B.name),
      5_000,
      'only Bruno listed',
    );
    await search.fill('Alma');
    await waitUntil(
      () => popup.getByRole('listitem').allInnerTexts(),
      (rows) => rows.length === 1 && (rows[0] ?? '').includes(A.name),
      5_000,
      'only Alma listed',
    );
    await search.fill('');
    await waitUntil(
      () => popup.getByRole('listitem').count(),
      (n) => n === 2,
      5_000,
      'both listed again',
    );
  });

  it('badge is right again after the service worker was stopped and the alarm ticked', async () => {
    // Make the daily alarm come due in a few seconds (keeping its period), and spoil the badge.
    const armed = await popup.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: ChromeAction }).chrome;
      const alarm = await c.alarms.get('recount-badge');
      if (!alarm) return null;
      const when = Date.now() + 4_000;
      await c.alarms.create('recount-badge', { when, periodInMinutes: alarm.periodInMinutes ?? 1440 });
      await c.action.setBadgeText({ text: '99' });
      return { when, period: alarm.periodInMinutes ?? null };
    });
    if (!armed) throw new Error('the background registers no alarm named "recount-badge"');
    const worker = await watchServiceWorker(ext);
    try {
      await worker.stop();
      expect(await badgeText(popup)).toBe('99');
      // Nothing but the alarm wakes the worker: it starts again once the alarm is due, and recounts.
      await worker.waitFor('running', 20_000);
      const restart = worker.history.filter((h) => h.status === 'starting' || h.status === 'running').at(-1);
      expect(restart?.at ?? 0).toBeGreaterThanOrEqual(armed.when - 1_000);
      await waitUntil(
        () => badgeText(popup),
        (t) => t === '1',
        15_000,
        'badge "1" after the restart',
      );
    } finally {
      await worker.dispose();
    }
    const after = await popup.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeAction }).chrome.alarms.get('recount-badge'),
    );
    expect(after, 'the alarm is still registered').toBeDefined();
    // It fired: its next run moved on by a period.
    expect(after?.scheduledTime ?? 0).toBeGreaterThan(armed.when + 60_000);
  });

  it('"Contacted today" removes the row, logs a touch and updates the badge', async () => {
    const due = popup.getByRole('list', { name: 'Due for a touch' });
    await due.getByRole('listitem').filter({ hasText: A.name }).getByRole('button', { name: 'Contacted today' }).click();
    await waitUntil(
      () => rowNames(popup, 'Due for a touch'),
      (rows) => rows.length === 0,
      5_000,
      'the due list empty',
    );
    expect((await rowNames(popup, 'Coming up')).join('\n')).toContain(B.name);

    const today = todayIso();
    const view = await waitUntil(
      () => getContact(popup, `linkedin:${A.slug}`),
      (v) => v.contact?.lastContactAt === today && v.touches.some((t) => t.date === today),
      10_000,
      'a touch today for Alma',
    );
    expect(view.touches.filter((t) => t.date === today)).toHaveLength(1);
    await waitUntil(
      () => badgeText(popup),
      (t) => t === '',
      10_000,
      'empty badge (nobody due)',
    );

    // Reopened, the popup still agrees.
    await popup.reload();
    await popup.getByRole('list', { name: 'Coming up' }).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await rowNames(popup, 'Due for a touch')).toEqual([]);
  });
});

describe('popup in German', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    if (!fs.existsSync('/usr/lib/chromium/locales/de.pak')) {
      throw new Error(
        "Chromium has no German UI locale: run `apt-get install -y chromium-l10n` (Debian's chromium ships only en-US).",
      );
    }
    ext = await launchExtension({ locale: 'de' });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows German strings (the empty state, from _locales/de)', async () => {
    const en = loadMessages('en');
    const de = loadMessages('de');
    const popup = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    const status = popup.getByRole('status').first();
    await status.waitFor({ state: 'visible', timeout: 10_000 });
    const text = ((await status.textContent()) ?? '').trim();

    // German messages (those that differ from their English counterparts) make up the empty state …
    const message = (catalog: Messages, key: string) => catalog[key]?.message ?? '';
    const translated = Object.keys(de).filter(
      (key) => message(de, key).length >= 8 && !message(de, key).includes('$') && message(en, key) !== message(de, key),
    );
    const germanShown = translated.filter((key) => text.includes(message(de, key)));
    expect(germanShown.length, `German messages in "${text}"`).toBeGreaterThan(0);
    // … not the English ones.
    for (const key of germanShown) if (message(en, key)) expect(text).not.toContain(message(en, key));
    if (englishEmptyState) expect(text).not.toBe(englishEmptyState);
    // The contract's English "Search" is the German translation of the same message here.
    const searchKey = Object.keys(en).find((key) => message(en, key) === 'Search');
    if (!searchKey) throw new Error('no English message "Search" in _locales/en');
    expect(await popup.getByRole('searchbox').first().getAttribute('aria-label')).toBe(message(de, searchKey));
    await popup.close();
  });
});
