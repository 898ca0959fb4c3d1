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

/**
 * The user's choice from the dashboard settings; `auto` follows the browser. The page's `<html lang>`
 * follows too (every page that switches language comes through here): screen readers choose their voice
 * and the browser its hyphenation from it, so German text under `lang="en"` is read out as English.
 */
export async function loadLocale(setting: LanguageSetting): Promise<Locale> {
  const locale = setting === 'auto' ? browserLocale() : await loadCatalog(setting);
  if (typeof document !== 'undefined') document.documentElement.lang = locale.lang;
  return locale;
}

async function loadCatalog(lang: Exclude<LanguageSetting, 'auto'>): Promise<Locale> {
  const response = await fetch(browser.runtime.getURL(`/_locales/${lang}/messages.json`));
  const catalog = (await response.json()) as Catalog;
  return { lang, t: catalogTranslator(catalog) };
}
