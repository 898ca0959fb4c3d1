import { render } from 'preact';
import { CHECKLIST_PAGE } from '../../components/Checklist';
import { browserLocale } from '../../i18n/load';
import { loadFirstRows } from '../../storage/checklist';
import { localToday } from '../../storage/dates';
import { openDb } from '../../storage/db';
import { getSettings } from '../../storage/settings';
import { PopupApp } from './PopupApp';

const { lang } = browserLocale();
document.documentElement.lang = lang;
const db = openDb();
// The most urgent people are what the popup is opened for: read them while the first render runs.
const firstPaint = Promise.all([loadFirstRows(db, localToday(new Date()), CHECKLIST_PAGE, undefined, lang), getSettings(db)]);
firstPaint.catch(() => undefined); // PopupApp says so, from the read of the whole lists
render(<PopupApp db={db} firstPaint={firstPaint} />, document.getElementById('app') as HTMLElement);
