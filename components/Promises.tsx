import { useId, useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { formatDay } from '../i18n/formatters';
import { PROMISE_DIRECTIONS, type PromiseDirection, type PromiseInput, type PromiseItem } from '../storage/types';
import { FieldError, fieldErrorProps } from './FieldError';
import { type PromiseProblems, readPromiseDraft } from './occasion-words';

const EMPTY_DRAFT: PromiseInput = { direction: 'mine', text: '', dueDate: null };

interface FormProps {
  onSave: (input: PromiseInput) => void;
  onCancel: () => void;
}

/** Who promised, what, and by when (optional). */
export function PromiseForm({ onSave, onCancel }: FormProps) {
  const { t } = useLocale();
  const id = useId();
  const [draft, setDraft] = useState<PromiseInput>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<PromiseProblems>({});

  const submit = (event: Event) => {
    event.preventDefault();
    const read = readPromiseDraft(draft);
    if ('problems' in read) {
      setProblems(read.problems);
      return;
    }
    setProblems({});
    onSave(read.input);
    setDraft(EMPTY_DRAFT);
  };

  return (
    <form class="promise-form" onSubmit={submit} noValidate>
      <div class="who-promised" role="radiogroup" aria-labelledby={`${id}-who`}>
        <span id={`${id}-who`} class="field-label">
          {t('whoPromised')}
        </span>
        {PROMISE_DIRECTIONS.map((direction) => (
          <label key={direction} class="radio">
            <input
              type="radio"
              name={`${id}-direction`}
              value={direction}
              checked={draft.direction === direction}
              onChange={() => setDraft({ ...draft, direction: direction as PromiseDirection })}
            />{' '}
            {t(`promise_${direction}`)}
          </label>
        ))}
      </div>
      <label class="field">
        <span class="field-label">{t('promiseText')}</span>
        <input
          type="text"
          value={draft.text}
          onInput={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
          {...fieldErrorProps(`${id}-text`, problems.text)}
        />
      </label>
      <FieldError id={`${id}-text`} problem={problems.text} />
      <label class="field">
        <span class="field-label">{t('promiseDue')}</span>
        <input
          type="date"
          value={draft.dueDate ?? ''}
          onChange={(event) => setDraft({ ...draft, dueDate: event.currentTarget.value || null })}
          {...fieldErrorProps(`${id}-due`, problems.dueDate)}
        />
      </label>
      <FieldError id={`${id}-due`} problem={problems.dueDate} />
      <div class="form-actions">
        <button type="submit">{t('savePromise')}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

interface Props {
  /** the person's open promises */
  promises: readonly PromiseItem[];
  onAdd: (input: PromiseInput) => void;
  onDone: (item: PromiseItem) => void;
  /** after an "I promised" is ticked done: log a touch marked "gave" (offered, never done by itself) */
  onLogGave: (item: PromiseItem) => void;
}

/** Open promises both ways, the form to add one, and the one-click "log a touch" after keeping one's own. */
export function Promises({ promises, onAdd, onDone, onLogGave }: Props) {
  const { t, lang } = useLocale();
  const [adding, setAdding] = useState(false);
  const [kept, setKept] = useState<PromiseItem | null>(null);
  const open = promises.filter((item) => item.doneAt === null && item.id !== kept?.id);
  return (
    <section class="promises" aria-label={t('openPromises')}>
      <h3 class="section-heading">{t('openPromises')}</h3>
      {open.length === 0 ? (
        <p class="hint">{t('noOpenPromises')}</p>
      ) : (
        <ul class="promise-list" aria-label={t('openPromises')}>
          {open.map((item) => (
            <li key={item.id}>
              <label class="promise-done">
                <input
                  type="checkbox"
                  aria-label={t('promiseDone')}
                  checked={false}
                  onChange={() => {
                    setKept(item.direction === 'mine' ? item : null);
                    onDone(item);
                  }}
                />
              </label>
              <span class="promise-who">{t(`promise_${item.direction}`)}:</span> <span class="promise-text">{item.text}</span>
              {item.dueDate && <span class="hint"> {t('promiseDueOn', formatDay(item.dueDate, lang))}</span>}
            </li>
          ))}
        </ul>
      )}
      {kept && (
        <p class="kept" role="status">
          {t('promiseKept', kept.text)}{' '}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              onLogGave(kept);
              setKept(null);
            }}
          >
            {t('logGaveTouch')}
          </button>
        </p>
      )}
      {adding ? (
        <PromiseForm
          onSave={(input) => {
            setAdding(false);
            onAdd(input);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <button type="button" class="secondary" onClick={() => setAdding(true)}>
          {t('addPromise')}
        </button>
      )}
    </section>
  );
}
