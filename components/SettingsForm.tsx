import { useEffect, useState } from 'preact/hooks';
import { LANGUAGES, type LanguageSetting, type Settings } from '../storage/types';
import { useLocale } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';

interface Props {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
}

const LANGUAGE_LABELS: Record<LanguageSetting, MessageKey> = { auto: 'languageAuto', en: 'languageEn', de: 'languageDe' };

function validDays(value: string): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : null;
}

/** Cadence per tier, first follow-up and language; saving recomputes every affected due date. */
export function SettingsForm({ settings, onSave }: Props) {
  const { t } = useLocale();
  const [draft, setDraft] = useState({
    A: String(settings.cadenceDays.A),
    B: String(settings.cadenceDays.B),
    C: String(settings.cadenceDays.C),
    first: String(settings.firstFollowUpDays),
    language: settings.language,
  });
  const [message, setMessage] = useState<{ key: MessageKey; error: boolean } | null>(null);
  useEffect(() => {
    setDraft({
      A: String(settings.cadenceDays.A),
      B: String(settings.cadenceDays.B),
      C: String(settings.cadenceDays.C),
      first: String(settings.firstFollowUpDays),
      language: settings.language,
    });
  }, [settings]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const [A, B, C, first] = [validDays(draft.A), validDays(draft.B), validDays(draft.C), validDays(draft.first)];
    if (A === null || B === null || C === null || first === null) {
      setMessage({ key: 'settingsInvalid', error: true });
      return;
    }
    try {
      await onSave({ ...settings, cadenceDays: { A, B, C }, firstFollowUpDays: first, language: draft.language });
      setMessage({ key: 'settingsSaved', error: false });
    } catch {
      setMessage({ key: 'storageUnavailable', error: true });
    }
  };

  const dayInput = (field: 'A' | 'B' | 'C' | 'first', label: string) => (
    <label class="field inline">
      <span class="field-label">{label}</span>
      <input
        type="number"
        min={1}
        max={3650}
        step={1}
        required
        value={draft[field]}
        onInput={(event) => setDraft({ ...draft, [field]: event.currentTarget.value })}
      />
    </label>
  );

  return (
    <form class="settings" onSubmit={(event) => void submit(event)}>
      {dayInput('A', t('cadenceLabel', 'A'))}
      {dayInput('B', t('cadenceLabel', 'B'))}
      {dayInput('C', t('cadenceLabel', 'C'))}
      {dayInput('first', t('firstFollowUpLabel'))}
      <label class="field inline">
        <span class="field-label">{t('languageLabel')}</span>
        <select
          value={draft.language}
          onChange={(event) => setDraft({ ...draft, language: event.currentTarget.value as LanguageSetting })}
        >
          {LANGUAGES.map((value) => (
            <option key={value} value={value}>
              {t(LANGUAGE_LABELS[value])}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('saveSettings')}</button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'error' : 'ok'}>
          {t(message.key)}
        </p>
      )}
    </form>
  );
}
