import { useCallback, useEffect, useState } from 'preact/hooks';
import type { OccasionRow } from '../../components/OccasionsSection';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import { type ReviewActions, ReviewPage } from '../../components/ReviewView';
import { useLocale } from '../../i18n/context';
import { logTouch, snoozeContact, updateContact, allContacts } from '../../storage/contacts';
import { addDays } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { type ReviewSections, type ReviewStreak, reviewSections, reviewStreak } from '../../storage/review';
import { getReviewPrefs, markReviewDone } from '../../storage/review-prefs';
import { type OccasionsAndPromises, readOccasionsAndPromises } from '../../storage/review-read';
import { contactedTodayTouch } from '../../storage/rules';
import { getSettings } from '../../storage/settings';
import type { IsoDay } from '../../storage/types';
import { congratulate, markPromiseDone } from '../popup/occasion-rows';

/** Days one "Snooze" moves the next touch, as in the popup. */
const SNOOZE_DAYS = 7;

interface ViewProps {
  db: KontaktDb;
  today: IsoDay;
  onOpenContact: (key: string) => void;
  /** after a write to a contact here: the rest of the extension hears about it */
  onChanged: (key: string) => void;
}

/** The storage rows as the popup's section components list them (the same components render them here). */
function componentRows({ occasions, promises }: OccasionsAndPromises): {
  occasions: OccasionRow[];
  promises: PromiseDueRow[];
} {
  return {
    occasions: occasions.map(({ keyDate, contact, day, daysUntil, years, round }) => ({
      id: keyDate.id,
      contactKey: contact.key,
      name: contact.name || contact.key,
      kind: keyDate.kind,
      label: keyDate.label,
      date: day,
      daysAway: daysUntil,
      years,
      round,
    })),
    promises: promises.flatMap(({ promise, contact, overdueDays }) =>
      promise.dueDate === null
        ? []
        : [
            {
              id: promise.id,
              contactKey: contact.key,
              name: contact.name || contact.key,
              direction: promise.direction,
              text: promise.text,
              dueDate: promise.dueDate,
              daysAway: -overdueDays,
            },
          ],
    ),
  };
}

/** Loads the notebook, computes the sections and writes each row's action straight to the database. */
export function ReviewView({ db, today, onOpenContact, onChanged }: ViewProps) {
  const { t, lang } = useLocale();
  const [state, setState] = useState<{
    sections: ReviewSections;
    streak: ReviewStreak;
    occasions: OccasionRow[];
    promises: PromiseDueRow[];
  } | null>(null);
  const [done, setDone] = useState(false);

  const load = useCallback(async () => {
    const [contacts, touches, settings, prefs, ahead] = await Promise.all([
      allContacts(db),
      db.touches.toArray(),
      getSettings(db),
      getReviewPrefs(db),
      readOccasionsAndPromises(db, today),
    ]);
    setState({
      sections: reviewSections({ contacts, touches, settings, today, lang }),
      streak: reviewStreak(prefs.reviewDoneDays, today),
      ...componentRows(ahead),
    });
  }, [db, today, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const after = async (key: string) => {
    onChanged(key);
    await load();
  };
  const actions: ReviewActions = {
    onContacted: (c) => void logTouch(db, c.key, contactedTodayTouch(c, today), Date.now()).then(() => after(c.key)),
    onSnooze: (c) => void snoozeContact(db, c.key, addDays(today, SNOOZE_DAYS), Date.now()).then(() => after(c.key)),
    onTier: (c, tier) => void updateContact(db, c.key, { tier }, Date.now()).then(() => after(c.key)),
    onOpenContact,
    onCongratulated: (row) => void congratulate(db, row, today, t).then(() => after(row.contactKey)),
    onPromiseDone: (row) => void markPromiseDone(db, row).then(() => after(row.contactKey)),
  };
  const onDone = () =>
    void markReviewDone(db, today).then(async (prefs) => {
      setDone(true);
      setState((s) => s && { ...s, streak: reviewStreak(prefs.reviewDoneDays, today) });
    });

  if (!state) return null;
  return (
    <ReviewPage
      sections={state.sections}
      today={today}
      streak={state.streak}
      actions={actions}
      onDone={onDone}
      doneMessage={done}
      occasions={state.occasions}
      promises={state.promises}
    />
  );
}
