import { useEffect, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { dateTimeFormat } from '../i18n/formatters';
import type { ReminderDay } from '../storage/types';
import type { ReviewPrefs } from '../storage/review-prefs';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

interface Props {
  prefs: Pick<ReviewPrefs, 'reminderDay' | 'reminderTime'>;
  /** stores the change and plans the alarm again */
  onChange: (prefs: Pick<ReviewPrefs, 'reminderDay' | 'reminderTime'>) => Promise<void>;
}

/** Weekday names in the UI language, from Intl (5 January 2026 was a Monday). */
function weekdayName(day: number, lang: string): string {
  return dateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + day));
}

/** The weekly review reminder: a day (or off) and a time; each change is saved at once. */
export function ReminderSettings({ prefs, onChange }: Props) {
  const { t, lang } = useLocale();
  // only these two fields: passing the whole record on would write back a stale list of review days
  const pick = () => ({ reminderDay: prefs.reminderDay, reminderTime: prefs.reminderTime });
  const [draft, setDraft] = useState(pick);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft({ reminderDay: prefs.reminderDay, reminderTime: prefs.reminderTime }), [prefs]);

  const change = (next: typeof draft) => {
    setDraft(next);
    setSaved(false);
    void onChange(next).then(() => setSaved(true));
  };

  return (
    <fieldset class="reminder-settings">
      <legend>{t('reminderHeading')}</legend>
      <label class="field inline">
        <span class="field-label">{t('reminderDayLabel')}</span>
        <select
          value={String(draft.reminderDay)}
          onChange={(event) => {
            const value = event.currentTarget.value;
            change({ ...draft, reminderDay: (value === 'off' ? 'off' : Number(value)) as ReminderDay });
          }}
        >
          <option value="off">{t('reminderOff')}</option>
          {WEEKDAYS.map((day) => (
            <option key={day} value={String(day)}>
              {weekdayName(day, lang)}
            </option>
          ))}
        </select>
      </label>
      <label class="field inline">
        <span class="field-label">{t('reminderTimeLabel')}</span>
        <input
          type="time"
          required
          disabled={draft.reminderDay === 'off'}
          value={draft.reminderTime}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (/^\d{2}:\d{2}$/.test(value)) change({ ...draft, reminderTime: value });
          }}
        />
      </label>
      {saved && (
        <p class="ok" role="status">
          {t('reminderSaved')}
        </p>
      )}
    </fieldset>
  );
}
