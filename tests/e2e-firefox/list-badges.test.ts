/**
 * Issue 10 in Firefox ESR: badges beside known people on LinkedIn's people search, drawn by the one
 * stylesheet every badge's closed root adopts (constructable stylesheets from a content script: Firefox's
 * Xray wrappers long refused `adoptedStyleSheets` from extensions, so this is checked on screen). The
 * badges' closed roots are out of reach of the page and of Firefox's BiDi accessibility locator alike, so
 * the test looks at what the user sees: the pixels of each entry's badge host.
 */
import { inflateSync } from 'node:zlib';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../e2e/harness';
import { type FirefoxExtension, isoDaysAgo, launchFirefox, seedContact, waitUntil } from './harness';

const SEARCH_URL = 'https://www.linkedin.com/search/results/people/?keywords=musterwerk&origin=GLOBAL_SEARCH_HEADER';
const SEARCH_HTML = readFixture('lists/linkedin/search-people_2024-01_reusable-search_rows-x.html');

type Rgb = [number, number, number];

/** One pixel of a screenshot (8-bit RGB or RGBA PNG, not interlaced, as Firefox writes them). */
function pixelAt(png: Uint8Array, x: number, y: number): Rgb {
  const buf = Buffer.from(png);
  const width = buf.readUInt32BE(16);
  const channels = buf[25] === 6 ? 4 : 3;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous = new Uint8Array(stride);
  let row = new Uint8Array(stride);
  for (let r = 0; r <= y; r++) {
    const filter = raw[r * (stride + 1)];
    const line = raw.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (row[i - channels] ?? 0) : 0;
      const b = previous[i] ?? 0;
      const c = i >= channels ? (previous[i - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      row[i] = ((line[i] ?? 0) + predictor) & 0xff;
    }
    previous = row;
  }
  return [row[x * channels] ?? 0, row[x * channels + 1] ?? 0, row[x * channels + 2] ?? 0];
}

const near = (a: Rgb, b: Rgb) => a.every((v, i) => Math.abs(v - (b[i] ?? 0)) <= 12);

describe('Firefox ESR: badges on LinkedIn people search', () => {
  let ext: FirefoxExtension;
  let dbPage: Page;

  beforeAll(async () => {
    ext = await launchFirefox();
    ext.serve('https://www.linkedin.com/search/results/people/', SEARCH_HTML);
    dbPage = await ext.openExtensionPage('popup.html');
    await seedContact(dbPage, { slug: 'nvorlage', name: 'Niklas Vorlage', patch: { tier: 'A', lastContactAt: isoDaysAgo(60) } });
    await seedContact(dbPage, {
      slug: 'jkaspar',
      name: 'Jürgen Kaspar Platzhalter',
      patch: { tier: 'B', lastContactAt: isoDaysAgo(1) },
    });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('draws the known people their tier colours and leaves the others blank, all hosts the same size', async () => {
    const page = await ext.sitePage();
    await page.setViewport({ width: 1280, height: 4000 });
    await page.goto(SEARCH_URL);
    const hosts = await waitUntil(
      () => page.$$('li.reusable-search__result-container span[style^="all:initial"]'),
      (found) => found.length === 10,
      15_000,
      'a badge host in each of the ten entries',
    );
    /** left edge, vertical middle of each host: inside the rounded mark, beside its letter */
    const colours = async (): Promise<Rgb[]> =>
      Promise.all(hosts.map(async (host: ElementHandle<Element>) => pixelAt(await host.screenshot({ type: 'png' }), 3, 8)));
    const seen = await waitUntil(colours, (c) => near(c[0] ?? [0, 0, 0], [27, 110, 58]), 15_000, "tier A's green");
    const people = await Promise.all(hosts.map((h) => h.evaluate((el) => el.previousElementSibling?.getAttribute('href') ?? '')));
    const green: Rgb = [27, 110, 58];
    const blue: Rgb = [42, 93, 159];
    for (const [i, href] of people.entries()) {
      const colour = seen[i] ?? [0, 0, 0];
      if (href.includes('/in/nvorlage')) expect(near(colour, green), `A at ${href}: ${colour}`).toBe(true);
      else if (href.includes('/in/jkaspar')) expect(near(colour, blue), `B at ${href}: ${colour}`).toBe(true);
      else expect(near(colour, green) || near(colour, blue), `blank at ${href}: ${colour}`).toBe(false);
    }
    expect(people.filter((p) => p.includes('/in/nvorlage') || p.includes('/in/jkaspar'))).toHaveLength(2);
    const sizes = await Promise.all(
      hosts.map((h) => h.evaluate((el) => `${el.getBoundingClientRect().width}x${el.getBoundingClientRect().height}`)),
    );
    expect(new Set(sizes)).toEqual(new Set(['22x16']));
    await page.close();
  });
});
