import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { SITE_MATCHES } from './sites/matches';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'unlimitedStorage', 'alarms'],
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
      ? { browser_specific_settings: { gecko: { id: 'kontaktpflege@example.org', strict_min_version: '115.0' } } }
      : {}),
  }),
});
