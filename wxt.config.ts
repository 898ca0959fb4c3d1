import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { CONTENT_PARTS, LINKEDIN_PROFILE_MATCHES, SITE_MATCHES, XING_PROFILE_MATCHES } from './sites/matches';

/**
 * Extension pages and the worker get `browser` from webextension-polyfill (the design card's choice). The
 * content script runs on every LinkedIn/XING page and must stay tiny: it uses only promise-returning APIs
 * that Chrome MV3 and Firefox provide natively, so its build resolves `wxt/browser` to WXT's native
 * `browser` instead of the polyfill (about 3.5 KB gzip less on every page load).
 */
function nativeBrowserInContentScript(): Plugin {
  let contentScriptBuild = false;
  return {
    name: 'kontaktpflege:native-browser-in-content-script',
    enforce: 'pre',
    options(options) {
      // the per-page routers (`*.content.ts`) and the parts they have injected (`*-profile.ts`, `*-skeleton.ts`, …)
      const input = JSON.stringify(options.input ?? '');
      contentScriptBuild = input.includes('.content.') || Object.keys(CONTENT_PARTS).some((part) => input.includes(`/${part}.`));
    },
    async resolveId(source, importer) {
      if (!contentScriptBuild || source !== '@wxt-dev/webextension-polyfill/browser') return null;
      return this.resolve('@wxt-dev/browser', importer, { skipSelf: true });
    },
  };
}

const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'self'; img-src 'self' data: https://*.licdn.com https://profile-images.xing.com";

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // MV3 for Firefox too: an MV2 manifest's web_accessible_resources is a bare list with no `matches`, so
  // panel.html would be loadable by every site there; MV3 limits it to LinkedIn and XING as on Chromium.
  manifestVersion: 3,
  publicDir: 'public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [nativeBrowserInContentScript(), preact({ devToolsEnabled: false, prefreshEnabled: false })] }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `scripting` and host access to the two sites: the worker injects a content-script part only on pages
    // that need it and follows single-page navigation by the tab's URL (issue 13). Measured with Chromium's
    // management.getPermissionWarningsByManifest: the same one install warning as 0.1.0's content scripts.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting'],
    host_permissions: SITE_MATCHES,
    // Only profile pages run a script of ours as they load (entrypoints/content/parts.ts).
    content_scripts: [
      { matches: LINKEDIN_PROFILE_MATCHES, js: ['linkedin-profile.js'], run_at: 'document_start' },
      { matches: XING_PROFILE_MATCHES, js: ['xing-profile.js'], run_at: 'document_start' },
    ],
    // Extension pages load images only from the extension and the sites' own photo hosts (the panel shows
    // the person's photo; see components/PersonPhoto.tsx), nothing else.
    content_security_policy: manifestVersion === 2 ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    action: { default_title: '__MSG_extName__' },
    web_accessible_resources: [
      {
        resources: ['panel.html'],
        matches: SITE_MATCHES,
        // Chromium only: a fresh URL per load so a page cannot probe for the extension by a fixed id.
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? // 128: the first ESR that grants an MV3 add-on's content-script sites at install (earlier ones ask later).
        { browser_specific_settings: { gecko: { id: 'kontaktpflege@example.org', strict_min_version: '128.0' } } }
      : {}),
  }),
});
