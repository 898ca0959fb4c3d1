/**
 * FROZEN: release 0.1.0's own code (commit 268fc69, `storage/collation.ts`), copied unchanged below this
 * comment. The migration test (`tests/unit/storage-migration.test.ts`) writes a version-1 database
 * through it, the way installed 0.1.0 extensions wrote theirs. Never change, format or "fix" this
 * file: it must stay what users of 0.1.0 ran. Should a tool update flag it, exclude this folder from
 * that tool instead.
 */
/**
 * How people's names are ordered everywhere they are listed (popup, contacts table, CSV): by the UI
 * language's collation, ignoring case and accents, digits as numbers ("Anna 2" before "Anna 10"). One
 * rule in one place: three collators with different locales and options once sorted the same people in
 * three different orders.
 */

/** The language to collate in when a caller has no UI (the worker, tests): English, CLDR's root order. */
export const FALLBACK_COLLATION_LANG = 'en';

const collators = new Map<string, Intl.Collator>();

/** The collator for `lang` (BCP 47), cached: building one costs more than sorting a popup's rows. */
export function nameCollator(lang: string): Intl.Collator {
  let collator = collators.get(lang);
  if (!collator) {
    collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true });
    collators.set(lang, collator);
  }
  return collator;
}

/** Compares two names (or other person text such as a company) in `lang`'s order. */
export function compareNames(lang: string): (a: string, b: string) => number {
  const collator = nameCollator(lang);
  return (a, b) => collator.compare(a, b);
}
