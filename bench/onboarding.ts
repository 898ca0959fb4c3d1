/**
 * Issue 12: a 5,000-row LinkedIn Connections.csv imported through the dashboard's own "Import contacts"
 * control, from choosing the file to "Import complete" (preview and write; the user's think time
 * between them is not counted), and whether the "Import progress" bar was shown while it ran.
 * Each run imports 5,000 other people into the same notebook, so later runs write into a larger one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ExtensionBrowser, openExtensionPage } from '../tests/e2e/harness';
import { figure, series, timeIsUp } from './report';

export const ONBOARDING_ROWS = 5_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** LinkedIn's shape: BOM, CRLF, the Notes preamble, quoted fields with commas; every person distinct per run. */
export function connectionsCsv(rows: number, run: number): string {
  const lines = [
    '\uFEFFNotes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  ];
  for (let i = 0; i < rows; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `Person ${i},Lauf${run} Müller,https://www.linkedin.com/in/bench-${run}-person-${i},,"Firma ${i % 300}, Standort ${i % 7}",` +
        `"Leitung ""Team ${i % 40}""",${day} ${MONTHS[i % 12]} ${2010 + (i % 16)}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

interface Marks {
  preview: number | null;
  done: number | null;
  progressSeen: boolean;
  error: string | null;
}
type MarksWindow = Window & { __kpOnboarding?: Marks };

/** In the dashboard: when the preview's status and the result's status appear, and whether a progress bar did. */
function probe(): void {
  const marks: Marks = { preview: null, done: null, progressSeen: false, error: null };
  (window as MarksWindow).__kpOnboarding = marks;
  const section = document.getElementById('onboarding-section') ?? document.body;
  new MutationObserver(() => {
    const t = performance.now();
    if (section.querySelector('progress[aria-label="Import progress"]')) marks.progressSeen = true;
    const alert = section.querySelector('[role="alert"]');
    if (alert && marks.error === null) marks.error = alert.textContent;
    const text = section.querySelector('[role="status"]')?.textContent ?? '';
    if (marks.preview === null && text.startsWith('LinkedIn export')) marks.preview = t;
    if (marks.done === null && text.startsWith('Import complete')) marks.done = t;
  }).observe(section, { childList: true, subtree: true, characterData: true, attributes: true });
}

async function waitFor(page: Page, pick: (m: Marks) => boolean, what: string, timeout = 60_000): Promise<Marks> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const marks = await page.evaluate(() => (window as MarksWindow).__kpOnboarding);
    if (!marks) throw new Error('the onboarding probe is not installed');
    if (marks.error !== null) throw new Error(`the dashboard shows an error while waiting for ${what}: ${marks.error}`);
    if (pick(marks)) return marks;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function benchOnboarding(ext: ExtensionBrowser, runs: number, budgetMs: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-onboarding-'));
  const totals: number[] = [];
  const previews: number[] = [];
  const writes: number[] = [];
  let progressRuns = 0;
  const stopAt = Date.now() + budgetMs;
  try {
    for (let run = 0; run < runs; run++) {
      const file = path.join(dir, `Connections-${run}.csv`);
      fs.writeFileSync(file, connectionsCsv(ONBOARDING_ROWS, run));
      const page = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
      const section = page.getByRole('region', { name: 'Bring your network in' });
      await section.waitFor({ state: 'visible', timeout: 15_000 });
      await page.evaluate(probe);
      const chosen = await page.evaluate(() => performance.now());
      await section.getByLabel('Import contacts (LinkedIn export or vCard)').setInputFiles(file);
      const previewed = await waitFor(page, (m) => m.preview !== null, 'the preview');
      const confirmAt = await page.evaluate(() => performance.now());
      await section.getByRole('button', { name: 'Confirm import' }).click();
      const done = await waitFor(page, (m) => m.done !== null, 'the result');
      const preview = (previewed.preview ?? 0) - chosen;
      const write = (done.done ?? 0) - confirmAt;
      previews.push(preview);
      writes.push(write);
      totals.push(preview + write);
      if (done.progressSeen) progressRuns++;
      await page.close();
      if (timeIsUp('onboarding-5k', stopAt, run + 1)) break;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  series('onboarding-5k-preview', previews, 'ms');
  series('onboarding-5k-write', writes, 'ms');
  series('onboarding-5k-total', totals, 'ms');
  figure('onboarding-5k-progress-shown', progressRuns / Math.max(1, totals.length), 'share of runs');
}
