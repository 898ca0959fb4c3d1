/**
 * What LinkedIn and XING pages load of ours (issue 13): pages with nothing for us run no script of ours at
 * all (the worker routes by URL), a profile page loads its site's profile part within the profile-page gzip
 * budget, and no part bundles Dexie, Preact, the polyfill or the other site. Builds Chromium into a
 * temporary folder (as `manifest.test.ts` does), so the figures are those of the code as it is now and
 * `.output/` is left alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';

/** Bytes of gzip -9. Issue 13: at most 6 KB for the code every page loads (now none), 9 KB on profile pages. */
const PROFILE_PAGE_BUDGET = 9 * 1024;
const SITES = ['linkedin', 'xing'] as const;
/** every script a site's pages can load: the parts the manifest or the worker puts there */
const scriptsOf = (site: string) => [`${site}-profile.js`, `${site}-skeleton.js`, `${site}-lists.js`];

interface Manifest {
  content_scripts?: { matches: string[]; js?: string[] }[];
}
const manifest = (): Manifest => JSON.parse(readFileSync(join(chromeDir, 'manifest.json'), 'utf8'));

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

it('runs no script on every page: the manifest registers only the profile parts, on profile URLs', () => {
  const scripts = manifest().content_scripts ?? [];
  expect(scripts.map((c) => c.js)).toEqual([['linkedin-profile.js'], ['xing-profile.js']]);
  for (const pattern of scripts.flatMap((c) => c.matches)) expect(pattern).toMatch(/^\*:\/\/\*\.(?:linkedin|xing)\.com\/[a-z]/);
});

describe.each(SITES)('%s', (site) => {
  it(`loads at most ${PROFILE_PAGE_BUDGET} bytes gzip before a profile page's panel (the profile part)`, () => {
    expect(gzipBytes(`${site}-profile.js`)).toBeLessThanOrEqual(PROFILE_PAGE_BUDGET);
  });

  // Issue 10: a profile page's side lists get badges from the list part, which the worker injects beside
  // the profile part: the list code is not on the panel's path, and the profile part has room again.
  it('keeps the list badges out of the profile part: the list part serves the side lists', () => {
    const profile = modulesOf.get(`${site}-profile.js`) ?? [];
    expect(profile.filter((m) => m.endsWith('/entrypoints/content/list-badges.ts'))).toEqual([]);
    expect(profile.filter((m) => m.endsWith('/sites/list-entries.ts'))).toEqual([]);
  });

  it(`loads at most ${PROFILE_PAGE_BUDGET} bytes gzip on a list page (the list part)`, () => {
    expect(gzipBytes(`${site}-lists.js`)).toBeLessThanOrEqual(PROFILE_PAGE_BUDGET);
  });

  it('keeps the page readers out of the list part: it needs only the URL rules', () => {
    const part = modulesOf.get(`${site}-lists.js`) ?? [];
    expect(part.some((m) => m.endsWith('/sites/list-entries.ts'))).toBe(true);
    expect(part.filter((m) => m.endsWith(`/sites/${site}/extract.ts`) || m.endsWith('/sites/read-page.ts'))).toEqual([]);
  });

  it('keeps "Help fix this page" out of the profile part: it comes only when asked', () => {
    expect(modulesOf.get(`${site}-profile.js`)?.some((m) => m.endsWith(`/sites/${site}/extract.ts`))).toBe(true);
    expect(modulesOf.get(`${site}-profile.js`)?.filter((m) => m.endsWith('/sites/page-skeleton.ts'))).toEqual([]);
    expect(modulesOf.get(`${site}-skeleton.js`)?.some((m) => m.endsWith('/sites/page-skeleton.ts'))).toBe(true);
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
