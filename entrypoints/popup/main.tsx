import { render } from 'preact';
import { browser } from 'wxt/browser';
import { browserLocale } from '../../i18n/load';
import { localToday } from '../../storage/dates';
import { openDb } from '../../storage/db';
import { readFirstScreen, SUMMARY_KEY, usableSummary } from './first-screen';
import { PopupApp } from './PopupApp';

const { lang } = browserLocale();
document.documentElement.lang = lang;
const today = localToday(new Date());
const db = openDb();
// The worker's summary of today paints the first screen before the database is even open; without one
// (the worker has not written one yet, or it is of another day) the popup reads the same rows itself.
const firstScreen = browser.storage.session
  .get(SUMMARY_KEY)
  .then((stored) => usableSummary(stored[SUMMARY_KEY], today, lang))
  .catch(() => null)
  .then((summary) => summary ?? readFirstScreen(db, today, lang));
firstScreen.catch(() => undefined); // PopupApp says so, from the read of the whole lists
render(<PopupApp db={db} firstScreen={firstScreen} />, document.getElementById('app') as HTMLElement);
