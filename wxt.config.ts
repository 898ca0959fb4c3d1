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

/**
 * Page text is rendered as text, never HTML, and no component uses `dangerouslySetInnerHTML`. Preact's one
 * raw `innerHTML = props.dangerouslySetInnerHTML.__html` assignment is replaced by a throw, so the bundle
 * holds no HTML sink (Mozilla's `web-ext lint` flags it as UNSAFE_VAR_ASSIGNMENT) and a future use fails
 * loudly instead of injecting markup. The build stops if Preact's code no longer has that shape.
 */
function noRawHtmlInPreact(): Plugin {
  const sink = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
  return {
    name: 'kontaktpflege:no-raw-html-in-preact',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(module\.js|mjs)$/.test(id)) return null;
      const out = code.replace(sink, '(()=>{throw new Error("dangerouslySetInnerHTML is not allowed in Kontaktpflege")})()');
      if (out === code) throw new Error(`Preact's innerHTML sink changed shape in ${id}: update noRawHtmlInPreact()`);
      return { code: out, map: null };
    },
  };
}

const EXTENSION_PAGES_CSP =
  "script-src 'self'; object-src 'self'; img-src 'self' data: https://*.licdn.com https://profile-images.xing.com";

/**
 * Firefox's settings (see docs/firefox.md for the MV3 choice). The id is fixed so storage, the internal
 * UUID tests pin and a store listing survive reinstalls; it names no domain we would have to own.
 * 140: the first ESR that knows `data_collection_permissions` (and grants an MV3 add-on's content-script
 * sites at install, which 128 began); `web-ext lint` warns about a key older minimums do not support.
 */
export const GECKO_ID = 'kontaktpflege@kontaktpflege';
const GECKO = {
  id: GECKO_ID,
  strict_min_version: '140.0',
  // We collect nothing: notes never leave the browser (the user's own WebDAV server aside, which is theirs).
  data_collection_permissions: { required: ['none'] },
};

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // MV3 for Firefox too: an MV2 manifest's web_accessible_resources is a bare list with no `matches`, so
  // panel.html would be loadable by every site there; MV3 limits it to LinkedIn and XING as on Chromium.
  manifestVersion: 3,
  publicDir: 'public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [nativeBrowserInContentScript(), noRawHtmlInPreact(), preact({ devToolsEnabled: false, prefreshEnabled: false })],
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `scripting` and host access to the two sites: the worker injects a content-script part only on pages
    // that need it and follows single-page navigation by the tab's URL (issue 13). Measured with Chromium's
    // management.getPermissionWarningsByManifest: the same one install warning as 0.1.0's content scripts.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'scripting'],
    host_permissions: SITE_MATCHES,
    // Only profile pages run a script of ours as they load (entrypoints/content/parts.ts).
    content_scripts: [
      { matches: LINKEDIN_PROFILE_MATCHES, js: ['linkedin-profile.js'], run_at: 'document_start' },
      { matches: XING_PROFILE_MATCHES, js: ['xing-profile.js'], run_at: 'document_start' },
    ],
    // Sync (issue 14): the user's own WebDAV host, asked for at set-up for that one origin only
    // (permissions.request in SyncView); nothing is granted at install.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
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
      ? // Firefox for Android learnt `data_collection_permissions` in 142.
        { browser_specific_settings: { gecko: GECKO, gecko_android: { strict_min_version: '142.0' } } }
      : {}),
  }),
});
