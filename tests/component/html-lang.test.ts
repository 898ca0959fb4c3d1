// @vitest-environment jsdom
/**
 * The extension pages' `<html lang>` follows the language chosen in the settings, not only the browser's
 * (screen readers pick their voice from it): every page switches language through `loadLocale`.
 */
import de from '../../public/_locales/de/messages.json';

vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { getURL: (path: string) => `chrome-extension://test${path}` },
    i18n: { getUILanguage: () => 'en-US', getMessage: (key: string) => key },
  },
}));

const { loadLocale } = await import('../../i18n/load');

test('choosing German sets lang="de" on the page, and “browser language” sets it back', async () => {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify(de));
  });
  document.documentElement.lang = 'en';
  const german = await loadLocale('de');
  expect(document.documentElement.lang).toBe('de');
  expect(german.t('navReview')).toBe('Wochenrückblick');
  expect(fetched).toEqual(['chrome-extension://test/_locales/de/messages.json']);
  await loadLocale('auto');
  expect(document.documentElement.lang).toBe('en-US');
  vi.unstubAllGlobals();
});
