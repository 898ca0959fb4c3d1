/**
 * The popup's first script (issue 13): paints the worker's summary of the first screen (storage.session)
 * with the same components the app uses, before any database code, polyfill or IndexedDB is loaded; then
 * loads the app (app.tsx), which takes the painted DOM over. Its imports stay small on purpose: Preact,
 * the popup's components and pure helpers (tests/unit/popup-first-script.test.ts checks the build).
 */
import { render } from 'preact';
import { localToday } from '../../storage/dates';
import { holdInput } from './held-input';
import { nativeApi, nativeLocale } from './native';
import { OccasionSections, PopupScreen } from './PopupScreen';
import { checklistOf, type FirstScreen, SUMMARY_KEY, usableSummary } from './summary';

const root = document.getElementById('app') as HTMLElement;
const api = nativeApi();
const locale = nativeLocale(api.i18n);
document.documentElement.lang = locale.lang;
const today = localToday(new Date());
const inert = () => undefined;

/** The summary as the app's first render draws it (PopupApp with `initial`). */
function paint(summary: FirstScreen): void {
  render(
    <PopupScreen
      locale={locale}
      today={today}
      filter={{ tiers: [], sites: [], query: '' }}
      onFilter={inert}
      onOpenDashboard={inert}
      onOpenWho={inert}
      onOpenReview={inert}
      failed={false}
      sections={
        <OccasionSections
          occasions={summary.occasions}
          onCongratulated={inert}
          onNeedOccasions={inert}
          promises={summary.promises}
          onDone={inert}
          onNeedPromises={inert}
        />
      }
      data={checklistOf(summary)}
      settings={summary.settings}
      onContacted={inert}
      onSnooze={inert}
      onOpenDetails={inert}
      onRowsShown={inert}
      undo={null}
    />,
    root,
  );
}

/** After the frame that shows the first screen (with a timer too: a hidden page gets no frames). */
function afterPaint(then: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    then();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

const loadApp = (summary: FirstScreen | null, held: ReturnType<typeof holdInput> | null) =>
  void import('./app').then(({ startPopup }) => startPopup({ root, today, locale, summary, held }));

void api.storage.session
  .get(SUMMARY_KEY)
  .then((stored) => usableSummary(stored[SUMMARY_KEY], today, locale.lang))
  .catch(() => null)
  .then((summary) => {
    if (!summary) return loadApp(null, null);
    paint(summary);
    const held = holdInput(root);
    afterPaint(() => loadApp(summary, held));
  });
