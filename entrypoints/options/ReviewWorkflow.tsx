import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { type ReviewActions, ReviewPage } from '../../components/ReviewView';
import { useLocale } from '../../i18n/context';
import { logTouch, snoozeContact, updateContact, allContacts } from '../../storage/contacts';
import { addDays } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { type ReviewSections, type ReviewStreak, reviewSections, reviewStreak } from '../../storage/review';
import { getReviewPrefs, markReviewDone } from '../../storage/review-prefs';
import { contactedTodayTouch } from '../../storage/rules';
import { getSettings } from '../../storage/settings';
import type { IsoDay } from '../../storage/types';

/** Days one "Snooze" moves the next touch, as in the popup. */
const SNOOZE_DAYS = 7;

interface ViewProps {
  db: KontaktDb;
  today: IsoDay;
  onOpenContact: (key: string) => void;
  /** after a write to a contact here: the rest of the extension hears about it */
  onChanged: (key: string) => void;
  /** the occasions and promises sections, when schema v2 provides them */
  occasionSlot?: ComponentChildren;
}

/** Loads the notebook, computes the sections and writes each row's action straight to the database. */
export function ReviewView({ db, today, onOpenContact, onChanged, occasionSlot }: ViewProps) {
  const { lang } = useLocale();
  const [state, setState] = useState<{ sections: ReviewSections; streak: ReviewStreak } | null>(null);
  const [done, setDone] = useState(false);

  const load = useCallback(async () => {
    const [contacts, touches, settings, prefs] = await Promise.all([
      allContacts(db),
      db.touches.toArray(),
      getSettings(db),
      getReviewPrefs(db),
    ]);
    setState({
      sections: reviewSections({ contacts, touches, settings, today, lang }),
      streak: reviewStreak(prefs.reviewDoneDays, today),
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
      occasionSlot={occasionSlot}
    />
  );
}
