/**
 * Accessibility as a test: axe-core (WCAG 2.0/2.1 A and AA rules) over the panel (inside its iframe on a
 * LinkedIn fixture), the popup and the dashboard, in light and dark, with people in the notebook. Every
 * finding is printed; a serious or critical one fails the test.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, isoDaysAgo, launchExtension, openExtensionPage, panelRegion, seedContact } from './harness';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

interface AxeLike {
  run(
    context: Document,
    options: object,
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }[];
  }>;
}

/** Runs axe in `target` (injected through the debugger protocol, so the extension pages' CSP does not apply). */
async function scan(target: Page | Frame): Promise<Finding[]> {
  // A string is evaluated as a script; `void 0` keeps Playwright from serialising axe's return value.
  await target.evaluate(`${AXE_SOURCE}\n;void 0`);
  return target.evaluate(async (tags) => {
    const axe = (globalThis as unknown as { axe: AxeLike }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, WCAG_TAGS);
}

/** Prints every finding and returns the serious and critical ones (what fails the test). */
function report(where: string, findings: Finding[]): string[] {
  for (const f of findings) {
    console.log(`[axe] ${where}: ${f.impact ?? 'n/a'} ${f.id} (${f.help})`);
    for (const n of f.nodes) console.log(`        ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`);
  }
  return findings.filter((f) => FAILING_IMPACTS.has(f.impact ?? '')).flatMap((f) => f.nodes.map((n) => `${f.id} at ${n.target}`));
}

const PANEL_PERSON = { slug: 'jonas-beispiel-mustermann', name: 'Jonas Beispiel-Mustermann' };

describe.each(['light', 'dark'] as const)('accessibility in the %s colour scheme', (colorScheme) => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await launchExtension();
    const page = await openExtensionPage(ext.context, ext.extensionId, 'popup.html');
    // People in every state the views render: overdue, due soon, not due, never due, with notes.
    await seedContact(page, {
      slug: 'a11y-anna-arendt',
      name: 'Anna Arendt',
      company: 'Beispiel GmbH',
      headline: 'Head of Partnerships',
      patch: { tier: 'A', lastContactAt: isoDaysAgo(70), notes: 'Ask about the Berlin offsite', preferredChannel: 'call' },
    });
    await seedContact(page, { slug: 'a11y-bruno-bald', name: 'Bruno Bald', patch: { tier: 'B', lastContactAt: isoDaysAgo(88) } });
    await seedContact(page, {
      slug: 'a11y-clara-spaeter',
      name: 'Clara Später',
      patch: { tier: 'C', lastContactAt: isoDaysAgo(10) },
    });
    await seedContact(page, { slug: 'a11y-dora-ohnestufe', name: 'Dora Ohnestufe', patch: { tier: 'none' } });
    await seedContact(page, {
      ...PANEL_PERSON,
      patch: { tier: 'B', lastContactAt: isoDaysAgo(120), notes: 'Met at the Hamburg meetup', howWeMet: 'Meetup' },
    });
    await page.close();
  });
  afterAll(async () => {
    await ext?.close();
  });

  /** Scans after checking the view really is in the scheme under test (the panel is a frame of its own). */
  async function scanIn(where: string, target: Page | Frame): Promise<string[]> {
    expect(await target.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), `${where} is ${colorScheme}`).toBe(
      colorScheme === 'dark',
    );
    return report(`${where} (${colorScheme})`, await scan(target));
  }

  async function open(file: string): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(ext.extensionUrl(file));
    return page;
  }

  it('the popup has no serious or critical finding', async () => {
    const popup = await open('popup.html');
    await popup.getByRole('list', { name: 'Due for a touch' }).getByRole('listitem').first().waitFor({ timeout: 10_000 });
    await popup.getByRole('list', { name: 'Coming up' }).waitFor({ timeout: 10_000 });
    expect(await scanIn('popup', popup)).toEqual([]);
  });

  it('the dashboard has no serious or critical finding', async () => {
    const dashboard = await open('options.html');
    const table = dashboard.getByRole('table', { name: 'Contacts' });
    await table.getByRole('row').nth(5).waitFor({ timeout: 10_000 }); // header + the five people
    expect(await scanIn('dashboard', dashboard)).toEqual([]);
  });

  it('the panel on a LinkedIn profile has no serious or critical finding', async () => {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`https://www.linkedin.com/in/${PANEL_PERSON.slug}/`);
    const { frame, region } = await panelRegion(page);
    await region.getByRole('textbox', { name: 'Notes' }).waitFor({ timeout: 10_000 });
    expect(await scanIn('panel', frame)).toEqual([]);
  });
});
