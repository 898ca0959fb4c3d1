import { useState } from 'preact/hooks';
import type { TouchInput } from '../messaging/protocol';
import type { Channel, Direction, IsoDay, Touch } from '../storage/types';
import { DIRECTIONS } from '../storage/types';
import { useLocale } from '../i18n/context';
import type { MessageKey } from '../i18n/translate';
import { ChannelSelect, channelKey } from './ChannelSelect';

const directionKey = (direction: Direction): MessageKey => `direction_${direction}` as MessageKey;

interface Props {
  touches: readonly Touch[];
  today: IsoDay;
  defaultChannel: Channel;
  onLog: (touch: TouchInput) => void;
  /** dashboard only: delete one touch (after the user confirmed) */
  onDelete?: (touch: Touch) => void;
}

/** "Log a touch" (channel, direction, date, short note) and the touches so far, newest first. */
export function TouchLog({ touches, today, defaultChannel, onLog, onDelete }: Props) {
  const { t, lang } = useLocale();
  const [channel, setChannel] = useState<Channel>(defaultChannel);
  const [direction, setDirection] = useState<Direction>('mutual');
  const [date, setDate] = useState<IsoDay>(today);
  const [note, setNote] = useState('');
  const dayFormat = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const given = touches.filter((touch) => touch.direction === 'gave').length;
  const received = touches.filter((touch) => touch.direction === 'received').length;

  const submit = (event: Event) => {
    event.preventDefault();
    onLog({ channel, direction, date: date || today, note: note.trim() });
    setNote('');
    setDate(today);
  };

  return (
    <section class="touch-log" aria-label={t('touchLogHeading')}>
      <details>
        <summary>{t('logTouchSummary')}</summary>
        <form onSubmit={submit} class="touch-form">
          <ChannelSelect label={t('touchChannelLabel')} value={channel} onChange={(value) => value && setChannel(value)} />
          <label class="field">
            <span class="field-label">{t('touchDirectionLabel')}</span>
            <select value={direction} onChange={(event) => setDirection(event.currentTarget.value as Direction)}>
              {DIRECTIONS.map((value) => (
                <option key={value} value={value}>
                  {t(directionKey(value))}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span class="field-label">{t('touchDateLabel')}</span>
            <input type="date" value={date} max={today} onChange={(event) => setDate(event.currentTarget.value)} />
          </label>
          <label class="field">
            <span class="field-label">{t('touchNoteLabel')}</span>
            <input type="text" value={note} maxLength={500} onInput={(event) => setNote(event.currentTarget.value)} />
          </label>
          <button type="submit">{t('logTouchButton')}</button>
        </form>
      </details>
      {touches.length > 0 && (
        <>
          <p class="balance">{t('touchBalance', [given, received])}</p>
          <ul class="touches" aria-label={t('touchListLabel')}>
            {touches.map((touch) => (
              <li key={touch.id}>
                <span class="touch-date">{dayFormat.format(new Date(`${touch.date}T00:00:00Z`))}</span>{' '}
                <span>
                  {t(channelKey(touch.channel))} · {t(directionKey(touch.direction))}
                </span>
                {touch.note && <span class="touch-note"> — {touch.note}</span>}
                {onDelete && (
                  <button
                    type="button"
                    class="link"
                    aria-label={t('deleteTouchLabel', dayFormat.format(new Date(`${touch.date}T00:00:00Z`)))}
                    onClick={() => onDelete(touch)}
                  >
                    {t('deleteTouch')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
