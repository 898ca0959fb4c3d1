import { useId, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { type IsoDay, KEY_DATE_KINDS, type KeyDateInput, type KeyDateItem, type KeyDateKind } from '../storage/types';
import { FieldError, fieldErrorProps } from './FieldError';
import {
  formatDayMonth,
  type KeyDateDraft,
  type KeyDateProblems,
  keyDateTitle,
  MONTHS,
  monthName,
  readKeyDateDraft,
} from './occasion-words';

const EMPTY_DRAFT: KeyDateDraft = { kind: 'birthday', label: '', day: '', month: '1', year: '', recurrence: 'yearly' };

interface FormProps {
  today: IsoDay;
  onSave: (input: KeyDateInput) => void;
  onCancel: () => void;
}

/** Occasion, label, day, month, optional year (and for "other": yearly or once); each problem shown at its field. */
export function KeyDateForm({ today, onSave, onCancel }: FormProps) {
  const { t, lang } = useLocale();
  const id = useId();
  const [draft, setDraft] = useState<KeyDateDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<KeyDateProblems>({});
  const set = (patch: Partial<KeyDateDraft>) => setDraft({ ...draft, ...patch });

  const submit = (event: Event) => {
    event.preventDefault();
    const read = readKeyDateDraft(draft, today, lang);
    if ('problems' in read) {
      setProblems(read.problems);
      return;
    }
    setProblems({});
    onSave(read.input);
    setDraft(EMPTY_DRAFT);
  };

  return (
    <form class="key-date-form" onSubmit={submit} noValidate>
      <label class="field">
        <span class="field-label">{t('occasionLabel')}</span>
        <select value={draft.kind} onChange={(event) => set({ kind: event.currentTarget.value as KeyDateKind })}>
          {KEY_DATE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`occasion_${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('keyDateLabelField')}</span>
        <input
          type="text"
          value={draft.label}
          onInput={(event) => set({ label: event.currentTarget.value })}
          {...fieldErrorProps(`${id}-label`, problems.label, `${id}-label-hint`)}
        />
      </label>
      <span class="hint" id={`${id}-label-hint`}>
        {t('keyDateLabelHint')}
      </span>
      <FieldError id={`${id}-label`} problem={problems.label} />
      <div class="day-month">
        <label class="field">
          <span class="field-label">{t('keyDateDay')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            value={draft.day}
            onInput={(event) => set({ day: event.currentTarget.value })}
            {...fieldErrorProps(`${id}-day`, problems.day)}
          />
        </label>
        <label class="field">
          <span class="field-label">{t('keyDateMonth')}</span>
          <select
            value={draft.month}
            onChange={(event) => set({ month: event.currentTarget.value })}
            {...fieldErrorProps(`${id}-month`, problems.month)}
          >
            {MONTHS.map((month) => (
              <option key={month} value={String(month)}>
                {monthName(month, lang)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field-label">{t('keyDateYear')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1000}
            max={9999}
            value={draft.year}
            onInput={(event) => set({ year: event.currentTarget.value })}
            {...fieldErrorProps(`${id}-year`, problems.year, `${id}-year-hint`)}
          />
        </label>
      </div>
      <span class="hint" id={`${id}-year-hint`}>
        {t('keyDateYearHint')}
      </span>
      <FieldError id={`${id}-day`} problem={problems.day} />
      <FieldError id={`${id}-month`} problem={problems.month} />
      <FieldError id={`${id}-year`} problem={problems.year} />
      {draft.kind === 'other' && (
        <label class="field">
          <span class="field-label">{t('keyDateRepeat')}</span>
          <select
            value={draft.recurrence}
            onChange={(event) => set({ recurrence: event.currentTarget.value as KeyDateDraft['recurrence'] })}
          >
            <option value="yearly">{t('keyDateYearly')}</option>
            <option value="once">{t('keyDateOnce')}</option>
          </select>
        </label>
      )}
      <div class="form-actions">
        <button type="submit">{t('saveKeyDate')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

interface Props {
  keyDates: readonly KeyDateItem[];
  today: IsoDay;
  onAdd: (input: KeyDateInput) => void;
  onDelete: (item: KeyDateItem) => void;
}

/** A person's key dates (birthday, work anniversary, own occasions) and the form to add one. */
export function KeyDates({ keyDates, today, onAdd, onDelete }: Props) {
  const { t, lang } = useLocale();
  const [adding, setAdding] = useState(false);
  const sorted = [...keyDates].sort((a, b) => a.month - b.month || a.day - b.day);
  return (
    <section class="key-dates" aria-label={t('keyDatesHeading')}>
      <h3 class="section-heading">{t('keyDatesHeading')}</h3>
      {sorted.length === 0 ? (
        <p class="hint">{t('keyDatesEmpty')}</p>
      ) : (
        <ul class="occasion-list" aria-label={t('keyDatesHeading')}>
          {sorted.map((item) => {
            const title = keyDateTitle(item, t);
            return (
              <li key={item.id}>
                <span class="occasion-title">{title}</span>{' '}
                <span class="occasion-date">{formatDayMonth(item.day, item.month, item.year, lang)}</span>
                {item.recurrence === 'once' && <span class="hint"> ({t('keyDateOnce')})</span>}
                <button type="button" class="link" aria-label={t('deleteKeyDateLabel', title)} onClick={() => onDelete(item)}>
                  {t('deleteKeyDate')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <KeyDateForm
          today={today}
          onSave={(input) => {
            setAdding(false);
            onAdd(input);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {t('addKeyDate')}
        </button>
      )}
    </section>
  );
}
