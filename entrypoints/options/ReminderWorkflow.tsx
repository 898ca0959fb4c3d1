import { useEffect, useState } from 'preact/hooks';
import { ReminderSettings } from '../../components/ReminderSettings';
import type { KontaktDb } from '../../storage/db';
import { getReviewPrefs, type ReviewPrefs, saveReviewPrefs } from '../../storage/review-prefs';

/** Reads and writes the reminder setting itself, so the settings form around it stays as it is. */
export function ReminderSettingsView({ db, onSaved }: { db: KontaktDb; onSaved: () => Promise<void> }) {
  const [prefs, setPrefs] = useState<Pick<ReviewPrefs, 'reminderDay' | 'reminderTime'> | null>(null);
  useEffect(() => {
    void getReviewPrefs(db).then(setPrefs);
  }, [db]);
  if (!prefs) return null;
  return (
    <ReminderSettings
      prefs={prefs}
      onChange={async (next) => {
        await saveReviewPrefs(db, next);
        await onSaved();
      }}
    />
  );
}
