import type en from '../public/_locales/en/messages.json';

/** Every UI string has a key in `public/_locales/<lang>/messages.json`; the English file defines the keys. */
export type MessageKey = keyof typeof en;

export interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

export type Substitutions = string | number | ReadonlyArray<string | number>;
export type Translate = (key: MessageKey, substitutions?: Substitutions) => string;

export interface Locale {
  t: Translate;
  /** BCP 47 language for Intl formatting (dates, relative times) */
  lang: string;
}

function asList(substitutions: Substitutions | undefined): string[] {
  if (substitutions === undefined) return [];
  return (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
}

/**
 * Resolves a message the way `browser.i18n.getMessage` does (named `$PLACEHOLDER$`s whose content is
 * `$1`…`$9`), for a catalog loaded by hand: used when the user picks a language other than the browser's,
 * and in component tests.
 */
export function catalogTranslator(catalog: Catalog): Translate {
  return (key, substitutions) => {
    const entry = catalog[key];
    if (!entry) return '';
    const subs = asList(substitutions);
    const positional = (text: string) => text.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
    return entry.message
      .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
        const placeholder = entry.placeholders?.[name.toLowerCase()];
        return placeholder ? positional(placeholder.content) : whole;
      })
      .replace(/\$\$/g, '$');
  };
}
