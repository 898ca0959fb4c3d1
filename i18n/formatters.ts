/**
 * Intl formatters, built once per language and options. Constructing one costs far more than using it
 * (it resolves the locale's data), and the popup and the dashboard format a date or a duration in every
 * row, so every Intl formatter of the UI comes from here.
 */
import type { IsoDay } from '../storage/types';

const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function memo<F extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  kind: string,
  lang: string,
  options: object,
  make: () => F,
): F {
  const key = `${kind}\u0000${lang}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key) as F | undefined;
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function numberFormat(lang: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return memo('number', lang, options, () => new Intl.NumberFormat(lang, options));
}

export function relativeTimeFormat(lang: string, options: Intl.RelativeTimeFormatOptions = {}): Intl.RelativeTimeFormat {
  return memo('relative', lang, options, () => new Intl.RelativeTimeFormat(lang, options));
}

export function dateTimeFormat(lang: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return memo('date', lang, options, () => new Intl.DateTimeFormat(lang, options));
}

/** A calendar day as the user reads it ("Nov 21, 2026" / "21.11.2026"); UTC, because an IsoDay has no time zone. */
export function formatDay(day: IsoDay, lang: string, dateStyle: 'medium' | 'long' = 'medium'): string {
  return dateTimeFormat(lang, { dateStyle, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** A UTC-midnight timestamp (`nextDueAt`) as a calendar day. */
export function formatDayMs(ms: number, lang: string, dateStyle: 'medium' | 'long' = 'medium'): string {
  return dateTimeFormat(lang, { dateStyle, timeZone: 'UTC' }).format(ms);
}

/** A count with the language's grouping: "1,575" / "1.575". */
export function formatCount(count: number, lang: string): string {
  return numberFormat(lang).format(count);
}

/** Items joined as the language joins a list: "name, company and location" / „Name, Firma und Ort“. */
export function formatList(items: readonly string[], lang: string): string {
  return memo('list', lang, { type: 'conjunction' }, () => new Intl.ListFormat(lang, { type: 'conjunction' })).format(items);
}
