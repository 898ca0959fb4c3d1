import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { OccasionRow } from '../../components/OccasionsSection';
import type { PromiseDueRow } from '../../components/PromisesDueSection';
import { REVIEW_PAGE, type ReviewActions, ReviewPage } from '../../components/ReviewView';
import { useLocale } from '../../i18n/context';
import { logTouch, snoozeContact, updateContact } from '../../storage/contacts';
import { addDays } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { type ReviewSections, type ReviewStreak, reviewStreak, sectionsFromTallies, type TouchTally } from '../../storage/review';
import { getReviewPrefs, markReviewDone } from '../../storage/review-prefs';
import {
  type OccasionsAndPromises,
  readOccasionsAndPromises,
  readDueHead,
  readPickedByTouches,
  readReviewCandidates,
  readTallyOf,
} from '../../storage/review-read';
import { tallyOffThread } from '../../storage/figures-off-thread';
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

/**
 * Loads the review in three steps and writes each row's action straight to the database. First section 1's
 * count and first rows, occasions and promises (bounded index reads): the page renders; then every
 * candidate from the due index, while the dashboard's worker counts the touches for "Drifting" (thinned
 * out) and "Give and take", which fill in when done.
 */
export function ReviewView({ db, today, onOpenContact, onChanged }: ViewProps) {
  const { t, lang } = useLocale();
  const [state, setState] = useState<{
    sections: ReviewSections;
    streak: ReviewStreak;
    occasions: OccasionRow[];
    promises: PromiseDueRow[];
    counting: boolean;
    /** the first render: section 1 shows its first rows of this many, the other sections follow */
    dueCount?: number;
  } | null>(null);
  const [done, setDone] = useState(false);
  /** null while the touches are still being counted */
  const tallies = useRef<Map<string, TouchTally> | null>(null);
  /** people acted on while the count ran: their tally is re-read when it is done */
  const actedOn = useRef(new Set<string>());
  /** the latest full read started: an older one that ends later (an action meanwhile) must not win */
  const reads = useRef(0);

  const compute = useCallback(async () => {
    const ticket = ++reads.current;
    const settings = await getSettings(db);
    const [candidates, prefs, ahead] = await Promise.all([
      readReviewCandidates(db, today, settings),
      getReviewPrefs(db),
      readOccasionsAndPromises(db, today),
    ]);
    const counted = tallies.current;
    const picked = counted ? await readPickedByTouches(db, counted, new Set(candidates.map((c) => c.key))) : [];
    if (ticket !== reads.current) return;
    setState({
      sections: sectionsFromTallies({
        contacts: [...candidates, ...picked],
        tallies: counted ?? new Map(),
        settings,
        today,
        lang,
      }),
      streak: reviewStreak(prefs.reviewDoneDays, today),
      ...componentRows(ahead),
      counting: counted === null,
    });
  }, [db, today, lang]);

  const retally = useCallback(
    async (key: string) => {
      const counted = tallies.current;
      if (!counted) return void actedOn.current.add(key);
      const tally = await readTallyOf(db, key, today);
      if (tally) counted.set(key, tally);
      else counted.delete(key);
    },
    [db, today],
  );

  useEffect(() => {
    let live = true;
    tallies.current = null;
    void (async () => {
      // First what the user looks at first: section 1's count and first rows, occasions and promises, all
      // bounded index reads; nothing else competes with them for the database.
      const settings = await getSettings(db);
      const [head, prefs, ahead] = await Promise.all([
        readDueHead(db, today, settings, lang, REVIEW_PAGE),
        getReviewPrefs(db),
        readOccasionsAndPromises(db, today),
      ]);
      if (!live) return;
      setState(
        (shown) =>
          shown ?? {
            sections: { due: head.rows, drifting: [], newNotFollowedUp: [], giveAndTake: [], letGo: [] },
            dueCount: head.count,
            streak: reviewStreak(prefs.reviewDoneDays, today),
            ...componentRows(ahead),
            counting: true,
          },
      );
      performance.mark('kp-review-first-data');
      // Then both at once: the worker counts the touches while the page reads every candidate.
      const counting = tallyOffThread(db, today);
      await compute();
      const counted = await counting;
      if (!live) return;
      tallies.current = counted;
      for (const key of actedOn.current) await retally(key);
      actedOn.current.clear();
      await compute();
      performance.mark('kp-review-complete-data');
    })();
    return () => {
      live = false;
    };
  }, [db, today, compute, retally]);

  const after = async (key: string) => {
    onChanged(key);
    await retally(key);
    await compute();
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
      counting={state.counting}
      dueCount={state.dueCount}
    />
  );
}
