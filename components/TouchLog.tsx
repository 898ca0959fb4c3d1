import { useState } from 'preact/hooks';
import type { TouchInput } from '../messaging/protocol';
import type { Channel, Direction, IsoDay, Touch } from '../storage/types';
import { DIRECTIONS } from '../storage/types';
import { useLocale } from '../i18n/context';
import { formatDay } from '../i18n/formatters';
import type { MessageKey } from '../i18n/translate';
import { ChannelSelect, channelKey } from './ChannelSelect';

const directionKey = (direction: Direction): MessageKey => `direction_${direction}` as MessageKey;

interface TouchFormProps {
  initial: TouchInput;
  today: IsoDay;
  submitLabel: string;
  onSubmit: (touch: TouchInput) => void;
  onCancel?: () => void;
}

/** Channel, direction, date and a short note: for a new touch and for editing one. */
function TouchForm({ initial, today, submitLabel, onSubmit, onCancel }: TouchFormProps) {
  const { t } = useLocale();
  const [touch, setTouch] = useState<TouchInput>(initial);
  const submit = (event: Event) => {
    event.preventDefault();
    onSubmit({ ...touch, date: touch.date || today, note: touch.note.trim() });
    if (!onCancel) setTouch({ ...initial, date: today, note: '' });
  };
  return (
    <form onSubmit={submit} class="touch-form">
      <ChannelSelect
        label={t('touchChannelLabel')}
        value={touch.channel}
        onChange={(channel) => channel && setTouch({ ...touch, channel })}
      />
      <label class="field">
        <span class="field-label">{t('touchDirectionLabel')}</span>
        <select
          value={touch.direction}
          onChange={(event) => setTouch({ ...touch, direction: event.currentTarget.value as Direction })}
        >
          {DIRECTIONS.map((value) => (
            <option key={value} value={value}>
              {t(directionKey(value))}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('touchDateLabel')}</span>
        <input
          type="date"
          value={touch.date}
          max={today}
          onChange={(event) => setTouch({ ...touch, date: event.currentTarget.value })}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('touchNoteLabel')}</span>
        <input
          type="text"
          value={touch.note}
          maxLength={500}
          onInput={(event) => setTouch({ ...touch, note: event.currentTarget.value })}
        />
      </label>
      <button type="submit">{submitLabel}</button>
      {onCancel && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      )}
    </form>
  );
}

interface Props {
  touches: readonly Touch[];
  today: IsoDay;
  defaultChannel: Channel;
  onLog: (touch: TouchInput) => void;
  /** dashboard only: change one touch */
  onUpdate?: (touch: Touch, patch: TouchInput) => void;
  /** dashboard only: delete one touch (the caller asks for confirmation) */
  onDelete?: (touch: Touch) => void;
}

/** "Log a touch" and the touches so far, newest first, with the give/take balance. */
export function TouchLog({ touches, today, defaultChannel, onLog, onUpdate, onDelete }: Props) {
  const { t, lang } = useLocale();
  const [editing, setEditing] = useState<string | null>(null);
  const dayOf = (day: IsoDay) => formatDay(day, lang);
  const given = touches.filter((touch) => touch.direction === 'gave').length;
  const received = touches.filter((touch) => touch.direction === 'received').length;

  return (
    <section class="touch-log" aria-label={t('touchLogHeading')}>
      <details>
        <summary>{t('logTouchSummary')}</summary>
        <TouchForm
          initial={{ channel: defaultChannel, direction: 'mutual', date: today, note: '' }}
          today={today}
          submitLabel={t('logTouchButton')}
          onSubmit={onLog}
        />
      </details>
      {touches.length > 0 && (
        <>
          <p class="balance">{t('touchBalance', [given, received])}</p>
          <ul class="touches" aria-label={t('touchListLabel')}>
            {touches.map((touch) => (
              <li key={touch.id}>
                {editing === touch.id && onUpdate ? (
                  <TouchForm
                    initial={{ channel: touch.channel, direction: touch.direction, date: touch.date, note: touch.note }}
                    today={today}
                    submitLabel={t('saveTouch')}
                    onSubmit={(patch) => {
                      setEditing(null);
                      onUpdate(touch, patch);
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <>
                    <span class="touch-date">{dayOf(touch.date)}</span>{' '}
                    <span>
                      {t(channelKey(touch.channel))} · {t(directionKey(touch.direction))}
                    </span>
                    {touch.note && <span class="touch-note"> — {touch.note}</span>}
                    {onUpdate && (
                      <button
                        type="button"
                        class="link"
                        aria-label={t('editTouchLabel', dayOf(touch.date))}
                        onClick={() => setEditing(touch.id)}
                      >
                        {t('editTouch')}
                      </button>
                    )}
                    {onDelete && (
                      <button
                        type="button"
                        class="link"
                        aria-label={t('deleteTouchLabel', dayOf(touch.date))}
                        onClick={() => onDelete(touch)}
                      >
                        {t('deleteTouch')}
                      </button>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
