import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ChecklistRow } from '../storage/checklist';
import { daysBetween } from '../storage/dates';
import { dueState, type OverdueSeverity } from '../storage/rules';
import type { Channel, IsoDay } from '../storage/types';
import { PICKABLE_CHANNELS } from '../storage/types';
import { useLocale } from '../i18n/context';
import { formatDue, formatRelativeDay } from '../i18n/relative';
import { channelKey } from './ChannelSelect';

interface Props {
  row: ChecklistRow;
  today: IsoDay;
  severity: OverdueSeverity;
  onContacted: (channel: Channel) => void;
  onSnooze: (days: number) => void;
  onOpenDetails: () => void;
  onKeyDown: (event: JSX.TargetedKeyboardEvent<HTMLLIElement>) => void;
}

const SNOOZE_WEEK = 7;
const SNOOZE_MONTH = 30;

/** One person in the checklist: who, why now, and one-click actions. */
export function DueRow({ row, today, severity, onContacted, onSnooze, onOpenDetails, onKeyDown }: Props) {
  const { t, lang } = useLocale();
  const { contact, lastTouch } = row;
  // Until the user picks one, the channel follows the data: the latest touch may arrive after the first render.
  const [picked, setPicked] = useState<Channel | null>(null);
  // 'connected' (an imported "Connected On") is no channel one contacts a person by.
  const lastChannel = lastTouch?.channel === 'connected' ? undefined : lastTouch?.channel;
  const channel = picked ?? (contact.preferredChannel || lastChannel || 'message');
  const hook =
    contact.notes
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? '';
  const position = [contact.headline, contact.company].filter(Boolean).join(' · ');
  const state = dueState(contact.nextDueAt, today);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: rows are the roving focus targets of the arrow/c/s keyboard commands
    <li class={`due-row severity-${severity}`} tabIndex={0} onKeyDown={onKeyDown} data-key={contact.key}>
      <div class="row-main">
        <span class={`badge tier-${contact.tier}`} title={t('tierLabel')}>
          {contact.tier === 'none' ? '–' : contact.tier}
        </span>
        <a class="row-name" href={contact.profileUrl} target="_blank" rel="noopener noreferrer">
          {contact.name || contact.key}
        </a>
        <span class="row-due">{formatDue(state, t, lang)}</span>
      </div>
      {position && <p class="row-line muted">{position}</p>}
      <p class="row-line muted">
        {contact.lastContactAt
          ? t('lastContactWords', formatRelativeDay(-daysBetween(contact.lastContactAt, today), lang))
          : t('neverContacted')}
        {lastTouch ? ` · ${t('lastTouchVia', t(channelKey(lastTouch.channel)))}` : ''}
        {contact.preferredChannel ? ` · ${t('prefersChannel', t(channelKey(contact.preferredChannel)))}` : ''}
      </p>
      {hook && <p class="row-line hook">{hook}</p>}
      <div class="row-actions">
        <button type="button" onClick={() => onContacted(channel)}>
          {t('contactedToday')}
        </button>
        <select
          class="compact"
          aria-label={t('contactedChannelLabel')}
          value={channel}
          onChange={(event) => setPicked(event.currentTarget.value as Channel)}
        >
          {PICKABLE_CHANNELS.map((value) => (
            <option key={value} value={value}>
              {t(channelKey(value))}
            </option>
          ))}
        </select>
        <button type="button" class="secondary" onClick={() => onSnooze(SNOOZE_WEEK)}>
          {t('snooze')}
        </button>
        <button type="button" class="secondary" title={t('snoozeMonthLabel')} onClick={() => onSnooze(SNOOZE_MONTH)}>
          {t('snoozeMonth')}
        </button>
        {/* The name starts with the visible text (WCAG 2.5.3), so "click Details" works for speech input. */}
        <button
          type="button"
          class="link"
          aria-label={t('openDetailsLabel', contact.name || contact.key)}
          onClick={onOpenDetails}
        >
          {t('openDetails')}
        </button>
      </div>
    </li>
  );
}
