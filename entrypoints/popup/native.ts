/**
 * The few extension APIs the popup's first script uses, straight from the browser: Firefox has `browser.*`
 * with promises, Chromium's MV3 `chrome.*` returns promises too. No webextension-polyfill in the first
 * script (issue 13: it was part of what ran before the popup's own code).
 */
import type { Locale, MessageKey, Substitutions } from '../../i18n/translate';

export interface NativeApi {
  runtime?: { id?: string };
  i18n: { getUILanguage(): string; getMessage(key: string, substitutions?: string[]): string };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
}

export function nativeApi(): NativeApi {
  const g = globalThis as unknown as { browser?: NativeApi; chrome: NativeApi };
  return g.browser?.runtime?.id ? g.browser : g.chrome;
}

/** The browser's language and messages, as `browserLocale()` gives them through the polyfill. */
export function nativeLocale(i18n: NativeApi['i18n']): Locale {
  return {
    lang: i18n.getUILanguage(),
    t: (key: MessageKey, substitutions?: Substitutions) =>
      i18n.getMessage(
        key,
        substitutions === undefined ? undefined : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String),
      ),
  };
}
