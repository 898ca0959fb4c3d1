/**
 * The content scripts run on every LinkedIn and XING page (issue 13): each site's router stays within the
 * every-page gzip budget, a profile page (router + profile part) within its own, and none of them bundles
 * Dexie, Preact or the other site. Builds Chromium into a temporary folder (as `manifest.test.ts` does),
 * so the figures are those of the code as it is now and `.output/` is left alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';

/** Bytes of gzip -9. Issue 13: at most 6 KB for the code every page loads, 9 KB on profile pages. */
const EVERY_PAGE_BUDGET = 6 * 1024;
const PROFILE_PAGE_BUDGET = 9 * 1024;
const SITES = ['linkedin', 'xing'] as const;
/** every script a site's pages can load: its router and the parts the router has injected */
const scriptsOf = (site: string) => [
  `content-scripts/${site}.js`,
  `${site}-profile.js`,
  `${site}-skeleton.js`,
  `${site}-lists.js`,
];

const outDir = mkdtempSync(join(tmpdir(), 'kontaktpflege-size-'));
const chromeDir = join(outDir, 'chrome');
/** the source modules whose code is in each content-script file, as the bundler saw them */
const modulesOf = new Map<string, string[]>();

function recordModules(): Plugin {
  return {
    name: 'test:record-content-script-modules',
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // modules whose code was all tree-shaken away are listed too, with nothing rendered
        const kept = Object.entries(chunk.modules).filter(([, module]) => module.renderedLength > 0);
        modulesOf.set(
          chunk.fileName,
          kept.map(([id]) => id),
        );
      }
    },
  };
}

const noop = () => {};
const silent = { debug: noop, log: noop, info: noop, warn: noop, error: noop, fatal: noop, success: noop, level: 0 };

beforeAll(async () => {
  await build({
    browser: 'chrome',
    outDir,
    outDirTemplate: 'chrome',
    logger: silent,
    hooks: {
      'vite:build:extendConfig': (entrypoints, config) => {
        if (entrypoints.some((e) => e.type === 'content-script' || e.type === 'unlisted-script'))
          config.plugins = [...(config.plugins ?? []), recordModules()];
      },
    },
  });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const gzipBytes = (file: string) => gzipSync(readFileSync(join(chromeDir, file)), { level: 9 }).length;

it('registers only the routers as content scripts: the parts are not in the manifest', () => {
  expect(readdirSync(join(chromeDir, 'content-scripts')).sort()).toEqual(SITES.map((site) => `${site}.js`));
});

describe.each(SITES)('%s', (site) => {
  it(`loads at most ${EVERY_PAGE_BUDGET} bytes gzip on every page (the router)`, () => {
    expect(gzipBytes(`content-scripts/${site}.js`)).toBeLessThanOrEqual(EVERY_PAGE_BUDGET);
  });

  it(`loads at most ${PROFILE_PAGE_BUDGET} bytes gzip on a profile page (router and profile part)`, () => {
    expect(gzipBytes(`content-scripts/${site}.js`) + gzipBytes(`${site}-profile.js`)).toBeLessThanOrEqual(PROFILE_PAGE_BUDGET);
  });

  // Issue 10: a list page (search, My Network, the feed) loads the router and the list-badge part.
  it(`loads at most ${PROFILE_PAGE_BUDGET} bytes gzip on a list page (router and list part)`, () => {
    expect(gzipBytes(`content-scripts/${site}.js`) + gzipBytes(`${site}-lists.js`)).toBeLessThanOrEqual(PROFILE_PAGE_BUDGET);
  });

  it('keeps the page readers out of the list part: it needs only the URL rules', () => {
    const part = modulesOf.get(`${site}-lists.js`) ?? [];
    expect(part.some((m) => m.endsWith('/sites/list-entries.ts'))).toBe(true);
    expect(part.filter((m) => m.endsWith(`/sites/${site}/extract.ts`) || m.endsWith('/sites/read-page.ts'))).toEqual([]);
  });

  it('keeps the page readers out of the router: they come with the profile part', () => {
    const router = modulesOf.get(`content-scripts/${site}.js`) ?? [];
    expect(router.some((m) => m.endsWith(`/sites/${site}/detect.ts`))).toBe(true);
    expect(router.filter((m) => m.endsWith(`/sites/${site}/extract.ts`) || m.endsWith('/sites/read-page.ts'))).toEqual([]);
    expect(modulesOf.get(`${site}-profile.js`)?.some((m) => m.endsWith(`/sites/${site}/extract.ts`))).toBe(true);
  });

  it.each(scriptsOf(site))('%s bundles neither Dexie, Preact, the polyfill nor the other site', (file) => {
    const modules = modulesOf.get(file);
    if (!modules) throw new Error(`the build did not report the modules of ${file}`);
    expect(modules.some((m) => m.includes('/sites/'))).toBe(true);
    expect(modules.filter((m) => /\/node_modules\/(?:dexie|preact|webextension-polyfill)\//.test(m))).toEqual([]);
    const otherSite = site === 'linkedin' ? '/sites/xing/' : '/sites/linkedin/';
    expect(modules.filter((m) => m.includes(otherSite))).toEqual([]);
  });
});
