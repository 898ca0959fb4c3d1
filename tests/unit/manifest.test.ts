/**
 * What each store build exposes to web pages. The panel page must be loadable only inside LinkedIn and
 * XING pages: any other site that can frame `panel.html` learns the extension is installed (and could
 * probe whom the user knows). Builds both browsers into a temporary folder, so `.output/` (which the
 * end-to-end tests load) is left alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'wxt';
import { LINKEDIN_PROFILE_MATCHES, SITE_MATCHES, XING_PROFILE_MATCHES } from '../../sites/matches';

interface WebAccessible {
  resources: string[];
  matches?: string[];
  use_dynamic_url?: boolean;
}
interface Manifest {
  manifest_version: number;
  web_accessible_resources?: (WebAccessible | string)[];
  content_scripts?: { matches: string[]; js?: string[] }[];
  host_permissions?: string[];
  permissions?: string[];
}

const outDir = mkdtempSync(join(tmpdir(), 'kontaktpflege-manifest-'));
const manifests = new Map<string, Manifest>();

beforeAll(async () => {
  for (const browser of ['chrome', 'firefox'] as const) {
    await build({ browser, outDir: join(outDir, browser), outDirTemplate: browser, logger: silent });
    manifests.set(browser, JSON.parse(readFileSync(join(outDir, browser, browser, 'manifest.json'), 'utf8')));
  }
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const noop = () => {};
const silent = { debug: noop, log: noop, info: noop, warn: noop, error: noop, fatal: noop, success: noop, level: 0 };

describe.each(['chrome', 'firefox'])('the %s manifest', (browser) => {
  const manifest = () => {
    const m = manifests.get(browser);
    if (!m) throw new Error(`${browser} was not built`);
    return m;
  };

  it('lets only LinkedIn and XING pages load panel.html', () => {
    const entries = manifest().web_accessible_resources ?? [];
    // an MV2 entry is a bare string, loadable from every site
    expect(entries.every((e) => typeof e === 'object')).toBe(true);
    const panel = entries.filter((e): e is WebAccessible => typeof e === 'object' && e.resources.includes('panel.html'));
    expect(panel).toHaveLength(1);
    expect([...(panel[0]?.matches ?? [])].sort()).toEqual([...SITE_MATCHES].sort());
  });

  it('exposes nothing else to web pages', () => {
    const resources = (manifest().web_accessible_resources ?? []).flatMap((e) => (typeof e === 'string' ? [e] : e.resources));
    expect(resources).toEqual(['panel.html']);
  });

  it('asks host access for the two sites only (issue 13: the worker injects content-script parts by URL)', () => {
    // Measured with Chromium's management.getPermissionWarningsByManifest: the same one install warning
    // ("Read and change your data on all linkedin.com sites and all xing.com sites") as 0.1.0.
    expect([...(manifest().host_permissions ?? [])].sort()).toEqual([...SITE_MATCHES].sort());
    expect(manifest().permissions).toContain('scripting');
  });

  it('runs a content script only on profile URLs of the two sites, each site its own part', () => {
    const scripts = manifest().content_scripts ?? [];
    expect(scripts.map((c) => c.js)).toEqual([['linkedin-profile.js'], ['xing-profile.js']]);
    expect(scripts[0]?.matches).toEqual(LINKEDIN_PROFILE_MATCHES);
    expect(scripts[1]?.matches).toEqual(XING_PROFILE_MATCHES);
  });
});

it('gives the panel a fresh URL per load on Chromium (a fixed id would let a page probe for the extension)', () => {
  const panel = manifests.get('chrome')?.web_accessible_resources?.find((e) => typeof e === 'object');
  expect(panel).toMatchObject({ use_dynamic_url: true });
});
