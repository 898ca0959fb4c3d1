/**
 * Figures on the LinkedIn page (issue 3): panel ready after DOMContentLoaded, the SPA navigation swap,
 * and the main-thread script time the extension adds to the full-size page.
 *
 * Clocks: every time is absolute epoch ms taken inside a frame as `performance.timeOrigin +
 * performance.now()`. The page and the panel iframe run in different renderer processes; `clockSkew`
 * checks that their clocks agree (each against `Date.now()`), and the skew is printed as a note.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Frame, type Page, type Route } from 'playwright-core';
import {
  CHROMIUM_PATH,
  BASE_CHROMIUM_ARGS,
  disableFeaturesSwitch,
  type ExtensionBrowser,
  fixtureParts,
  isFixtureHost,
  linkedinProfileHtml,
  openExtensionPage,
  panelFrame,
  panelFrames,
  readFixture,
  seedContact,
} from '../tests/e2e/harness';
import { inPageSource, runInPage } from './in-page';
import { failed, figure, median, note, series, warn } from './report';

export const FULL_URL = 'https://www.linkedin.com/in/jonas-beispiel-mustermann/';
const FULL_FIXTURE = 'linkedin/loggedin-2024-07-voyager-jonas-beispiel-mustermann.full.html';
const PERSON_A = { slug: 'jonas-beispiel-mustermann', name: 'Jonas Beispiel Mustermann' };
const PERSON_B = { slug: 'bertha-benchmark', name: 'Bertha Benchmark' };
const NOTE_A = 'Bench: met at the Cologne fair, follow up on the Q3 offer.';
const NOTE_B = 'Bench: prefers the phone.';

export function fullPageHtml(): string {
  return readFixture(FULL_FIXTURE);
}

// ---------------------------------------------------------------------------------------------
// The probe injected into every frame of a measured page (it acts only in the panel frame)

interface Marks {
  /** the frame's own timeOrigin (navigation start of panel.html) */
  origin: number;
  /** the frame's DOMContentLoaded (panel.html and its module scripts loaded and run) */
  dcl: number | null;
  /** when a textarea first held the saved note */
  note: number | null;
  /** when each expected name was first shown (text in the panel page or value of an input) */
  names: Record<string, number>;
}

interface ProbeArg {
  note: string;
  names: string[];
}

type ProbeWindow = Window & { __kpBench?: Marks };

/**
 * Runs before any script of the panel page: a MutationObserver that stamps (absolute ms) the moment the
 * saved note is in the Notes textarea and each expected name is shown. Preact sets `value` as a property
 * (no attribute mutation), but it creates the field with its value in the same task it inserts it, so
 * the childList mutation that inserts the field sees the value.
 */
function panelProbe(arg: ProbeArg): void {
  if (!location.pathname.endsWith('/panel.html')) return;
  const now = () => performance.timeOrigin + performance.now();
  const marks: Marks = { origin: performance.timeOrigin, dcl: null, note: null, names: {} };
  (window as ProbeWindow).__kpBench = marks;
  document.addEventListener('DOMContentLoaded', () => {
    marks.dcl = now();
  });
  const check = () => {
    const t = now();
    const fields = Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('textarea, input'));
    if (marks.note === null && fields.some((f) => f.tagName === 'TEXTAREA' && f.value === arg.note)) marks.note = t;
    // The whole panel page (its region is a <section aria-label>, with or without an explicit role).
    const text = document.body?.textContent ?? '';
    for (const name of arg.names) {
      if (marks.names[name] !== undefined) continue;
      if (text.includes(name) || fields.some((f) => f.value === name)) marks.names[name] = t;
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

async function readMarks(frame: Frame): Promise<Marks | undefined> {
  return frame.evaluate(() => (window as ProbeWindow).__kpBench).catch(() => undefined);
}

/** Polls (from Node; the stamp itself is taken in the frame) until `pick` gives a number. */
async function waitForMark(
  frame: Frame,
  pick: (m: Marks) => number | null | undefined,
  what: string,
  timeout = 10_000,
): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const marks = await readMarks(frame);
    if (marks === undefined && !frame.isDetached()) {
      // Should not happen (checked: Playwright's init scripts run in the extension iframe), but be explicit.
      throw new Error(`the probe did not run in the panel frame (${frame.url()}): init scripts are not applied there`);
    }
    const value = marks ? pick(marks) : undefined;
    if (typeof value === 'number') return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** `timeOrigin + now()` minus `Date.now()` in one frame, averaged (Date.now has 1 ms resolution). */
async function clockOffset(target: Page | Frame): Promise<number> {
  return target.evaluate(() => {
    let sum = 0;
    const n = 200;
    for (let i = 0; i < n; i++) sum += performance.timeOrigin + performance.now() - Date.now();
    return sum / n;
  });
}

async function domContentLoadedAt(page: Page): Promise<number> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (!nav || nav.domContentLoadedEventStart <= 0) throw new Error('no DOMContentLoaded in the navigation timing yet');
    return performance.timeOrigin + nav.domContentLoadedEventStart;
  });
}

/**
 * The panel frame that shows `name` after an SPA navigation, and when it first did: the content script
 * keeps its iframe across navigations (the panel rebinds), but a new frame is accepted as well.
 */
async function panelShowing(page: Page, name: string, timeout = 10_000): Promise<{ frame: Frame; at: number }> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of panelFrames(page)) {
      const at = (await readMarks(frame).catch(() => undefined))?.names[name];
      if (typeof at === 'number') return { frame, at };
    }
    if (Date.now() > deadline) throw new Error(`no panel showed ${name} within ${timeout} ms after the SPA navigation`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---------------------------------------------------------------------------------------------
// Panel ready and navigation swap

export interface PanelOptions {
  runs: number;
}

export async function benchPanel(ext: ExtensionBrowser, opts: PanelOptions): Promise<void> {
  const full = fullPageHtml();
  ext.serve(FULL_URL, full);
  const bHtml = linkedinProfileHtml(PERSON_B.slug, PERSON_B.name);
  const bUrl = `https://www.linkedin.com/in/${PERSON_B.slug}/`;
  ext.serve(bUrl, bHtml);
  const bParts = fixtureParts(bHtml);

  const seeder = await openExtensionPage(ext.context, ext.extensionId, 'options.html');
  await seedContact(seeder, { slug: PERSON_A.slug, name: PERSON_A.name, patch: { notes: NOTE_A, tier: 'B' } });
  await seedContact(seeder, { slug: PERSON_B.slug, name: PERSON_B.name, patch: { notes: NOTE_B, tier: 'A' } });
  await seeder.close();

  const ready: number[] = [];
  const frameStart: number[] = [];
  const frameDcl: number[] = [];
  const swapFrameStart: number[] = [];
  const swapFrameDcl: number[] = [];
  const swap: number[] = [];
  const swapAfterMarkup: number[] = [];
  const skews: number[] = [];
  let firstReady = Number.NaN;
  let firstSwap = Number.NaN;
  const swapErrors: unknown[] = [];

  // Run 0 warms the worker, the extension process and the disk cache; it is printed apart.
  for (let run = 0; run <= opts.runs; run++) {
    const page = await ext.context.newPage();
    try {
      await page.addInitScript({
        content: inPageSource(panelProbe, { note: NOTE_A, names: [PERSON_A.name, PERSON_B.name] } satisfies ProbeArg),
      });
      await page.goto(FULL_URL, { waitUntil: 'domcontentloaded' });
      const frame = await panelFrame(page, 15_000);
      const noteAt = await waitForMark(frame, (m) => m.note, 'the saved note in the panel');
      const dcl = await domContentLoadedAt(page);
      const marks = await readMarks(frame);
      if (run === 1) skews.push((await clockOffset(frame)) - (await clockOffset(page)));

      if (run === 0) firstReady = noteAt - dcl;
      else {
        ready.push(noteAt - dcl);
        if (marks) frameStart.push(marks.origin - dcl);
        if (marks?.dcl) frameDcl.push(marks.dcl - dcl);
      }

      // SPA navigation: pushState to B, then B's markup, in one task of the page's main world.
      try {
        const [t0, t1] = await runInPage(
          page,
          ({ url, title, body }: { url: string; title: string; body: string }) => {
            // The full page enforces Trusted Types (`require-trusted-types-for 'script'`, policies default, jSecure, …):
            // render through a policy of an allowed name, as LinkedIn's own code does.
            type Policy = { createHTML(html: string): string };
            const tt = (window as unknown as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } })
              .trustedTypes;
            const policy = tt?.createPolicy('jSecure', { createHTML: (html: string) => html });
            const markup = policy ? policy.createHTML(body) : body;
            const start = performance.timeOrigin + performance.now();
            history.pushState({}, '', url);
            document.title = title;
            document.body.innerHTML = markup;
            return [start, performance.timeOrigin + performance.now()] as const;
          },
          { url: bUrl, title: bParts.title, body: bParts.body },
        );
        const { frame: next, at: nameAt } = await panelShowing(page, PERSON_B.name);
        const nextMarks = next === frame ? undefined : await readMarks(next);
        if (run === 0) firstSwap = nameAt - t0;
        else {
          swap.push(nameAt - t0);
          swapAfterMarkup.push(nameAt - t1);
          if (nextMarks) swapFrameStart.push(nextMarks.origin - t1);
          if (nextMarks?.dcl) swapFrameDcl.push(nextMarks.dcl - t1);
        }
      } catch (error) {
        swapErrors.push(error);
        continue;
      }
      if (panelFrames(page).length !== 1)
        warn(`after the SPA navigation the page has ${panelFrames(page).length} panel frames (expected 1)`);
    } finally {
      await page.close();
    }
  }

  series('panel-ready-after-dcl', ready, 'ms');
  figure('panel-ready-after-dcl-first-load', firstReady, 'ms');
  figure('panel-frame-start-after-dcl-median', median(frameStart), 'ms');
  figure('panel-frame-dcl-after-dcl-median', median(frameDcl), 'ms');
  series('navigation-swap', swap, 'ms');
  series('navigation-swap-after-markup', swapAfterMarkup, 'ms');
  // only when a navigation got a new iframe (the content script normally keeps its iframe and rebinds it)
  if (swapFrameStart.length) figure('navigation-swap-frame-start-after-markup-median', median(swapFrameStart), 'ms');
  if (swapFrameDcl.length) figure('navigation-swap-frame-dcl-after-markup-median', median(swapFrameDcl), 'ms');
  if (Number.isFinite(firstSwap)) figure('navigation-swap-first-load', firstSwap, 'ms');
  note(
    'panel-ready: page DOMContentLoaded (navigation timing) → Notes textarea holds the saved note, stamped by a ' +
      'MutationObserver in the panel frame (Playwright init script; no polling in the figure). ' +
      'Breakdown (medians): panel-frame-start = page DOMContentLoaded → the panel iframe starts navigating (its timeOrigin); ' +
      "panel-frame-dcl = → the panel page's own DOMContentLoaded (panel.html and its scripts loaded); the rest is the boot " +
      'message to the worker and the first render.',
  );
  note(
    'navigation-swap: history.pushState to another saved person + replacing the body with their top card (same task) → ' +
      "the new panel shows that person's name; -after-markup counts from the end of the markup swap " +
      '(-frame-start / -frame-dcl: the new panel iframe starts navigating / reaches its DOMContentLoaded). ' +
      `run 0 (first load after seeding) is printed apart as -first-load.`,
  );
  if (swapErrors.length > 0) {
    const message = swapErrors[0] instanceof Error ? swapErrors[0].message : String(swapErrors[0]);
    if (swap.length === 0)
      failed('navigation-swap', new Error(`no SPA navigation succeeded (${swapErrors.length} tried): ${message}`));
    else warn(`${swapErrors.length} of ${opts.runs + 1} SPA navigations did not show the new person: ${message}`);
  }
  const skew = median(skews);
  if (Number.isFinite(skew)) {
    const line = `clock skew panel frame vs page (each timeOrigin+now against Date.now): ${skew.toFixed(2)} ms`;
    if (Math.abs(skew) > 2) warn(`${line}: cross-frame figures are off by about that much`);
    else note(line);
  }
}

// ---------------------------------------------------------------------------------------------
// Main-thread script time added to the full-size page

/** Same request handling as the harness (fixture documents, 1x1 GIF images, empty 204 for other assets, nothing else), for a context without the extension. */
async function routeLikeHarness(context: BrowserContext, pages: Map<string, string>): Promise<void> {
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  await context.route('**/*', async (route: Route) => {
    const req = route.request();
    let url: URL;
    try {
      url = new URL(req.url());
    } catch {
      return route.abort('blockedbyclient');
    }
    if ((url.protocol === 'https:' || url.protocol === 'http:') && isFixtureHost(url.hostname)) {
      if (req.resourceType() === 'document') {
        const html = pages.get(`${url.origin}${url.pathname}`);
        return route.fulfill({
          status: html === undefined ? 404 : 200,
          contentType: 'text/html; charset=utf-8',
          body: html ?? '<!doctype html><title>Not found</title>',
        });
      }
      if (req.resourceType() === 'image') return route.fulfill({ status: 200, contentType: 'image/gif', body: gif });
      return route.fulfill({ status: 204, body: '' });
    }
    return route.abort('blockedbyclient');
  });
}

/** Chromium as the harness launches it, minus the extension switches. */
export async function launchWithoutExtension(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-noext-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...BASE_CHROMIUM_ARGS, '--lang=en-US', disableFeaturesSwitch()],
    locale: 'en-US',
    env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US:en' },
    viewport: { width: 1280, height: 900 },
  });
  await routeLikeHarness(context, new Map([[FULL_URL, fullPageHtml()]]));
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

interface PageCost {
  script: number;
  task: number;
  panels: number;
}

/** Loads the full page in a new tab, waits for `load` + 1 s, reads CDP Performance.getMetrics (ms). */
async function pageCost(context: BrowserContext, settleMs: number): Promise<PageCost> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(FULL_URL, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const get = (name: string) => {
      const m = metrics.find((x) => x.name === name);
      if (!m) throw new Error(`Performance.getMetrics gave no ${name}`);
      return m.value * 1000;
    };
    const cost = { script: get('ScriptDuration'), task: get('TaskDuration'), panels: panelFrames(page).length };
    await cdp.detach().catch(() => undefined);
    return cost;
  } finally {
    await page.close();
  }
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { url: string }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/**
 * One load of the full page under the sampling profiler (100 µs): the time spent in the content script,
 * inclusive (its own JS plus the DOM calls it makes), by walking each sample's stack. Also checks that the
 * panel is an out-of-process iframe, i.e. not counted in the page's ScriptDuration/TaskDuration.
 */
async function contentScriptProfile(ext: ExtensionBrowser, settleMs: number): Promise<{ ms: number; oopif: boolean }> {
  const page = await ext.context.newPage();
  try {
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(FULL_URL, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
    await cdp.detach().catch(() => undefined);
    const parent = new Map<number, number>();
    const ours = new Set<number>();
    const marker = `chrome-extension://${ext.extensionId}/content-scripts/`;
    for (const node of profile.nodes) {
      for (const child of node.children ?? []) parent.set(child, node.id);
      if (node.callFrame.url.startsWith(marker)) ours.add(node.id);
    }
    const inOurs = new Map<number, boolean>();
    const attributed = (id: number): boolean => {
      const known = inOurs.get(id);
      if (known !== undefined) return known;
      const up = parent.get(id);
      const value = ours.has(id) || (up !== undefined && attributed(up));
      inOurs.set(id, value);
      return value;
    };
    let us = 0;
    profile.samples.forEach((id, i) => {
      if (attributed(id)) us += profile.timeDeltas[i + 1] ?? 0;
    });
    const oopif = targetInfos.some((t) => t.type === 'iframe' && new URL(t.url).pathname.endsWith('/panel.html'));
    return { ms: us / 1000, oopif };
  } finally {
    await page.close();
  }
}

export async function benchMainThread(ext: ExtensionBrowser, opts: { runs: number; settleMs: number }): Promise<void> {
  ext.serve(FULL_URL, fullPageHtml());
  const bare = await launchWithoutExtension();
  try {
    const withExt: PageCost[] = [];
    const without: PageCost[] = [];
    // Alternate the two browsers so drift (disk cache, CPU frequency) hits both alike; run 0 is a warm-up.
    for (let run = 0; run <= opts.runs; run++) {
      const a = await pageCost(ext.context, opts.settleMs);
      const b = await pageCost(bare.context, opts.settleMs);
      if (a.panels !== 1) warn(`main-thread run ${run}: the page with the extension shows ${a.panels} panel frames (expected 1)`);
      if (b.panels !== 0) warn(`main-thread run ${run}: the page without the extension shows ${b.panels} panel frames`);
      if (run === 0) continue;
      withExt.push(a);
      without.push(b);
    }
    const sw = withExt.map((c) => c.script);
    const so = without.map((c) => c.script);
    const tw = withExt.map((c) => c.task);
    const to = without.map((c) => c.task);
    series('page-script-duration-with-extension', sw, 'ms');
    series('page-script-duration-without-extension', so, 'ms');
    figure('page-task-duration-with-extension-median', median(tw), 'ms');
    figure('page-task-duration-without-extension-median', median(to), 'ms');
    figure('added-main-thread-script', median(sw) - median(so), 'ms');
    figure('added-main-thread-task', median(tw) - median(to), 'ms');
    const profiled: number[] = [];
    let oopif = true;
    for (let run = 0; run < 3; run++) {
      const p = await contentScriptProfile(ext, 500);
      profiled.push(p.ms);
      oopif &&= p.oopif;
    }
    series('content-script-cpu', profiled, 'ms');
    if (!oopif)
      warn('the panel iframe is not an out-of-process frame (no CDP iframe target): its work is in the page figures above');
    note(
      'content-script-cpu: sampling profiler (100 µs) over load + 500 ms, 3 loads, time in stacks that pass through ' +
        'content-scripts/profile.js (its JS and the DOM calls it makes; style/layout it causes later is not included); ' +
        `the panel iframe ${oopif ? 'is' : 'is NOT'} an out-of-process frame (CDP iframe target).`,
    );
    note(
      "main thread: CDP Performance.getMetrics on the page's own target (the panel iframe is out of process and not " +
        `counted), new tab per load, load + ${opts.settleMs} ms settle, with/without alternating; ` +
        "added-* = median(with) − median(without). The fixture page's external scripts are answered with empty 204s, so the page itself runs little script.",
    );
  } finally {
    await bare.close();
  }
}
