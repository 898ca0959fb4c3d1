import { browser } from 'wxt/browser';
import type { LanguageSetting } from '../storage/types';
import { type Catalog, catalogTranslator, type Locale, type MessageKey } from './translate';

/** The browser's own language and messages: German when the browser is German. */
export function browserLocale(): Locale {
  return {
    lang: browser.i18n.getUILanguage(),
    t: (key: MessageKey, substitutions) =>
      browser.i18n.getMessage(
        key,
        substitutions === undefined ? undefined : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String),
      ),
  };
}

/** The user's choice from the dashboard settings; `auto` follows the browser. */
export async function loadLocale(setting: LanguageSetting): Promise<Locale> {
  if (setting === 'auto') return browserLocale();
  const response = await fetch(browser.runtime.getURL(`/_locales/${setting}/messages.json`));
  const catalog = (await response.json()) as Catalog;
  return { lang: setting, t: catalogTranslator(catalog) };
}
