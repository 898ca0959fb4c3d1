import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import type { Checklist as ChecklistData, ChecklistRow } from '../storage/checklist';
import { overdueSeverity } from '../storage/rules';
import type { Channel, IsoDay, Settings, SiteId, Tier } from '../storage/types';
import { useLocale } from '../i18n/context';
import { DueRow } from './DueRow';
import { matchesQuery } from './search';

export interface ChecklistFilter {
  tiers: Tier[];
  sites: SiteId[];
  query: string;
}

export interface ChecklistActions {
  onContacted: (row: ChecklistRow, channel: Channel) => void;
  onSnooze: (row: ChecklistRow, days: number) => void;
  onOpenDetails: (row: ChecklistRow) => void;
}

interface Props extends ChecklistActions {
  data: ChecklistData;
  filter: ChecklistFilter;
  settings: Settings;
  today: IsoDay;
}

/** Case- and accent-insensitive match on name, company and notes. */
export function matchesFilter(row: ChecklistRow, filter: ChecklistFilter): boolean {
  const { contact } = row;
  if (filter.tiers.length > 0 && !filter.tiers.includes(contact.tier)) return false;
  if (filter.sites.length > 0 && !filter.sites.includes(contact.site)) return false;
  return matchesQuery(filter.query, [contact.name, contact.company, contact.headline, contact.notes]);
}

/** The two lists, "Due for a touch" then "Coming up"; arrow keys move between people, c/s act, Enter opens. */
export function Checklist({ data, filter, settings, today, onContacted, onSnooze, onOpenDetails }: Props) {
  const { t } = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const due = data.due.filter((row) => matchesFilter(row, filter));
  const upcoming = data.upcoming.filter((row) => matchesFilter(row, filter));

  const keyHandler = (row: ChecklistRow) => (event: JSX.TargetedKeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return; // keys inside the row's own controls keep their meaning
    const rows = Array.from(container.current?.querySelectorAll<HTMLLIElement>('li.due-row') ?? []);
    const index = rows.indexOf(event.currentTarget);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      rows[index + (event.key === 'ArrowDown' ? 1 : -1)]?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.currentTarget.querySelector<HTMLAnchorElement>('a')?.click();
    } else if (event.key === 'c') {
      event.preventDefault();
      onContacted(row, row.contact.preferredChannel || row.lastTouch?.channel || 'message');
      (rows[index + 1] ?? rows[index - 1])?.focus();
    } else if (event.key === 's') {
      event.preventDefault();
      onSnooze(row, 7);
      (rows[index + 1] ?? rows[index - 1])?.focus();
    }
  };

  const renderRows = (rows: ChecklistRow[]) =>
    rows.map((row) => (
      <DueRow
        key={row.contact.key}
        row={row}
        today={today}
        severity={overdueSeverity(row.contact, settings, today)}
        onContacted={(channel) => onContacted(row, channel)}
        onSnooze={(days) => onSnooze(row, days)}
        onOpenDetails={() => onOpenDetails(row)}
        onKeyDown={keyHandler(row)}
      />
    ));

  if (due.length === 0 && upcoming.length === 0) {
    return (
      <p class="empty" role="status">
        {t('noMatches')}
      </p>
    );
  }

  return (
    <div ref={container} class="checklist">
      {due.length > 0 && (
        <section>
          <h2 id="due-heading">{t('dueHeading')}</h2>
          <ul aria-labelledby="due-heading" class="due-list">
            {renderRows(due)}
          </ul>
        </section>
      )}
      {upcoming.length > 0 && (
        <section>
          <h2 id="upcoming-heading">{t('upcomingHeading')}</h2>
          <ul aria-labelledby="upcoming-heading" class="due-list">
            {renderRows(upcoming)}
          </ul>
        </section>
      )}
    </div>
  );
}
