import { useEffect, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import type { MessageKey, Substitutions } from '../i18n/translate';
import { MAX_LEAD_DAYS } from '../storage/settings';

/** The settings this form edits (docs/schema-v2.md, Settings); the caller merges them into the rest. */
export interface OccasionSettingsValue {
  leadDays: { A: number; B: number; C: number };
  feb29: 'mar1' | 'feb28';
  icsFollowUps: boolean;
}

const LEAD_TIERS = ['A', 'B', 'C'] as const;

function validLead(value: string): number | null {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_LEAD_DAYS ? n : null;
}

interface Props {
  value: OccasionSettingsValue;
  onSave: (value: OccasionSettingsValue) => Promise<void>;
}

/** Lead days per tier, where 29 February falls in other years, and whether the calendar gets A follow-ups. */
export function OccasionSettings({ value, onSave }: Props) {
  const { t } = useLocale();
  const draftOf = (v: OccasionSettingsValue) => ({
    A: String(v.leadDays.A),
    B: String(v.leadDays.B),
    C: String(v.leadDays.C),
    feb29: v.feb29,
    icsFollowUps: v.icsFollowUps,
  });
  const [draft, setDraft] = useState(() => draftOf(value));
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean; substitutions?: Substitutions } | null>(null);
  useEffect(() => setDraft(draftOf(value)), [value]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const [A, B, C] = LEAD_TIERS.map((tier) => validLead(draft[tier]));
    if (A === null || B === null || C === null || A === undefined || B === undefined || C === undefined) {
      setMessage({ key: 'leadDaysInvalid', error: true, substitutions: MAX_LEAD_DAYS });
      return;
    }
    try {
      await onSave({ leadDays: { A, B, C }, feb29: draft.feb29, icsFollowUps: draft.icsFollowUps });
      setMessage({ key: 'settingsSaved', error: false });
    } catch {
      setMessage({ key: 'storageUnavailable', error: true });
    }
  };

  return (
    <form
      class="settings occasion-settings"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby="occasion-settings-heading"
    >
      <h3 id="occasion-settings-heading">{t('occasionsSettingsHeading')}</h3>
      {LEAD_TIERS.map((tier) => (
        <label key={tier} class="field inline">
          <span class="field-label">{t('leadDaysLabel', tier)}</span>
          <input
            type="number"
            min={0}
            max={MAX_LEAD_DAYS}
            step={1}
            required
            value={draft[tier]}
            aria-describedby="lead-days-hint"
            onInput={(event) => setDraft({ ...draft, [tier]: event.currentTarget.value })}
          />
        </label>
      ))}
      <p class="hint" id="lead-days-hint">
        {t('leadDaysHint')}
      </p>
      <label class="field inline">
        <span class="field-label">{t('feb29Label')}</span>
        <select
          value={draft.feb29}
          onChange={(event) => setDraft({ ...draft, feb29: event.currentTarget.value as OccasionSettingsValue['feb29'] })}
        >
          <option value="mar1">{t('feb29_mar1')}</option>
          <option value="feb28">{t('feb29_feb28')}</option>
        </select>
      </label>
      <label class="field inline checkbox">
        <input
          type="checkbox"
          checked={draft.icsFollowUps}
          onChange={(event) => setDraft({ ...draft, icsFollowUps: event.currentTarget.checked })}
        />{' '}
        {t('icsFollowUpsLabel')}
      </label>
      <button type="submit">{t('saveOccasionSettings')}</button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'ok'}>
          {t(message.key, message.substitutions)}
        </p>
      )}
    </form>
  );
}
