/**
 * The popup's second stage, loaded after the first screen is painted: the database, the polyfill and the
 * whole app. With a summary painted, the app's first render is that same screen and takes over its DOM
 * (hydration: no node replaced, no flash, focus kept), then reads the database; without one it renders
 * and reads the first screen itself.
 */
import { hydrate, render } from 'preact';
import type { Locale } from '../../i18n/translate';
import { openDb } from '../../storage/db';
import type { IsoDay } from '../../storage/types';
import { readFirstScreen } from './first-screen';
import type { HeldInput } from './held-input';
import { PopupApp } from './PopupApp';
import type { FirstScreen } from './summary';

export interface Painted {
  root: HTMLElement;
  today: IsoDay;
  locale: Locale;
  /** the summary the first script painted, null when it painted nothing */
  summary: FirstScreen | null;
  held: HeldInput | null;
}

export function startPopup({ root, today, locale, summary, held }: Painted): void {
  const db = openDb();
  if (summary) {
    hydrate(<PopupApp db={db} initial={summary} locale={locale} />, root);
    held?.release();
    return;
  }
  const firstScreen = readFirstScreen(db, today, locale.lang);
  firstScreen.catch(() => undefined); // PopupApp says so, from the read of the whole lists
  render(<PopupApp db={db} firstScreen={firstScreen} locale={locale} />, root);
}
