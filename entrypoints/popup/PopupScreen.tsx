import { Checklist, type ChecklistActions, type ChecklistFilter } from '../../components/Checklist';
import { ChecklistToolbar } from '../../components/ChecklistToolbar';
import { EmptyChecklist } from '../../components/EmptyChecklist';
import { type OccasionRow, OccasionsSection } from '../../components/OccasionsSection';
import { type PromiseDueRow, PromisesDueSection } from '../../components/PromisesDueSection';
import { ReviewLink } from '../../components/ReviewLink';
import { UndoBar } from '../../components/UndoBar';
import { LocaleContext } from '../../i18n/context';
import type { Locale, MessageKey } from '../../i18n/translate';
import type { Checklist as ChecklistData } from '../../storage/checklist';
import type { ComponentChildren } from 'preact';
import type { IsoDay, Settings } from '../../storage/types';

export interface PopupScreenProps extends ChecklistActions {
  locale: Locale;
  today: IsoDay;
  filter: ChecklistFilter;
  onFilter: (filter: ChecklistFilter) => void;
  onOpenDashboard: () => void;
  onOpenWho: () => void;
  onOpenReview: () => void;
  failed: boolean;
  /** "Occasions" and "Promises due" (`OccasionSections`), in a component of their own in the app so their reads re-render only them */
  sections: ComponentChildren;
  /** null until the first rows are read */
  data: ChecklistData | null;
  settings: Settings;
  onRowsShown: (keys: string[]) => void;
  undo: { message: MessageKey; name: string; onUndo: () => void } | null;
}

/**
 * Everything the popup shows, from data and handlers only. Both stages draw it: the first script from the
 * worker's summary (main.tsx, no database code loaded) and the whole app (PopupApp.tsx), which then takes
 * over the same DOM (hydration), so the two must give the same markup for the same summary.
 */
export function PopupScreen(p: PopupScreenProps) {
  // Under a tier filter, empty lists mean "no matches" (the checklist says so), not "all caught up".
  const data = p.data;
  const nothingListed = data !== null && data.due.length === 0 && data.upcoming.length === 0 && p.filter.tiers.length === 0;
  return (
    <LocaleContext.Provider value={p.locale}>
      <main class="popup">
        <ChecklistToolbar filter={p.filter} onFilter={p.onFilter} onOpenDashboard={p.onOpenDashboard} onOpenWho={p.onOpenWho} />
        <ReviewLink onOpen={p.onOpenReview} />
        {p.failed && <EmptyChecklist kind="failed" nextDueAfter={null} />}
        {p.sections}
        {data && !nothingListed && (
          <Checklist
            data={data}
            filter={p.filter}
            settings={p.settings}
            today={p.today}
            onContacted={p.onContacted}
            onSnooze={p.onSnooze}
            onOpenDetails={p.onOpenDetails}
            onRowsShown={p.onRowsShown}
          />
        )}
        {data && nothingListed && (
          <EmptyChecklist kind={data.hasContacts ? 'caughtUp' : 'noContacts'} nextDueAfter={data.nextDueAfter} />
        )}
        {p.undo && <UndoBar message={p.undo.message} name={p.undo.name} onUndo={p.undo.onUndo} />}
      </main>
    </LocaleContext.Provider>
  );
}

export interface OccasionSectionsProps {
  occasions: { total: number; rows: OccasionRow[] };
  onCongratulated: (row: OccasionRow) => void;
  onNeedOccasions: () => void;
  promises: { total: number; rows: PromiseDueRow[] };
  onDone: (row: PromiseDueRow) => void;
  onNeedPromises: () => void;
}

/** The popup's "Occasions" and "Promises due", from data and handlers only (both stages draw them). */
export function OccasionSections(p: OccasionSectionsProps) {
  return (
    <>
      <OccasionsSection
        rows={p.occasions.rows}
        total={p.occasions.total}
        onCongratulated={p.onCongratulated}
        onNeedRows={p.onNeedOccasions}
      />
      <PromisesDueSection rows={p.promises.rows} total={p.promises.total} onDone={p.onDone} onNeedRows={p.onNeedPromises} />
    </>
  );
}
