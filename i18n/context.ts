import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from './translate';

export const LocaleContext = createContext<Locale | null>(null);

/** The translator and language for components; provided once per page by its entry. */
export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('LocaleContext missing: wrap the page in <LocaleContext.Provider>');
  return locale;
}
