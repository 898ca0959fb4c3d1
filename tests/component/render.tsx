import { render } from '@testing-library/preact';
import type { ComponentChild } from 'preact';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { LocaleContext } from '../../i18n/context';
import { catalogTranslator } from '../../i18n/translate';

/** Renders UI the way the extension does, with the real English (or German) catalog; `rerender` keeps the catalog. */
export function renderWithLocale(ui: ComponentChild, lang: 'en' | 'de' = 'en') {
  const locale = { lang, t: catalogTranslator(lang === 'en' ? en : de) };
  const wrap = (child: ComponentChild) => <LocaleContext.Provider value={locale}>{child}</LocaleContext.Provider>;
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ComponentChild) => result.rerender(wrap(next)) };
}
