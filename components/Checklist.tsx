import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Checklist as ChecklistData, ChecklistRow } from '../storage/checklist';
import { overdueSeverity } from '../storage/rules';
import type { Channel, Contact, IsoDay, Settings, SiteId, Tier } from '../storage/types';
import { useLocale } from '../i18n/context';
import { formatCount } from '../i18n/formatters';
import { DueRow } from './DueRow';
import { CHECKLIST_PAGE } from './page-sizes';
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

type ListId = keyof typeof CHECKLIST_PAGE;

interface Props extends ChecklistActions {
  data: ChecklistData;
  filter: ChecklistFilter;
  settings: Settings;
  today: IsoDay;
  /**
   * The people rendered (keys, in order) whenever they change: the popup reads the latest touch of those
   * `data.lastTouches` does not hold yet.
   */
  onRowsShown: (keys: string[]) => void;
}

/** Case- and accent-insensitive match on name, company and notes. */
export function matchesFilter(contact: Contact, filter: ChecklistFilter): boolean {
  if (filter.tiers.length > 0 && !filter.tiers.includes(contact.tier)) return false;
  if (filter.sites.length > 0 && !filter.sites.some((site) => site === contact.site)) return false;
  return matchesQuery(filter.query, [contact.name, contact.company, contact.headline, contact.notes]);
}

/**
 * The two lists, "Due for a touch" then "Coming up", each filtered in full and then cut to its first
 * pages; arrow keys move between people, c/s act, Enter opens.
 */
export function Checklist({ data, filter, settings, today, onContacted, onSnooze, onOpenDetails, onRowsShown }: Props) {
  const { t, lang } = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const due = useMemo(() => data.due.filter((contact) => matchesFilter(contact, filter)), [data.due, filter]);
  const upcoming = useMemo(() => data.upcoming.filter((contact) => matchesFilter(contact, filter)), [data.upcoming, filter]);

  // Pages open per list; a new filter starts again from the first page of its matches.
  const [opened, setOpened] = useState({ filter, due: 1, upcoming: 1 });
  const pages = opened.filter === filter ? opened : { filter, due: 1, upcoming: 1 };
  const shownDue = due.slice(0, pages.due * CHECKLIST_PAGE.due);
  const shownUpcoming = upcoming.slice(0, pages.upcoming * CHECKLIST_PAGE.upcoming);

  // Compared as text, so a re-render with the same people does not announce them again.
  const shownKeys = JSON.stringify([...shownDue, ...shownUpcoming].map((contact) => contact.key));
  useEffect(() => {
    onRowsShown(JSON.parse(shownKeys) as string[]);
  }, [shownKeys, onRowsShown]);

  // After "Show more", keyboard focus goes to the first person it revealed.
  const focusKey = useRef<string | null>(null);
  useEffect(() => {
    const key = focusKey.current;
    if (key === null) return;
    focusKey.current = null;
    const rows = container.current?.querySelectorAll<HTMLLIElement>('li.due-row') ?? [];
    for (const row of rows) if (row.dataset.key === key) row.focus();
  });

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

  const renderRows = (contacts: Contact[]) =>
    contacts.map((contact) => {
      const row: ChecklistRow = { contact, lastTouch: data.lastTouches.get(contact.key) ?? null };
      return (
        <DueRow
          key={contact.key}
          row={row}
          today={today}
          severity={overdueSeverity(contact, settings, today)}
          onContacted={(channel) => onContacted(row, channel)}
          onSnooze={(days) => onSnooze(row, days)}
          onOpenDetails={() => onOpenDetails(row)}
          onKeyDown={keyHandler(row)}
        />
      );
    });

  const renderList = (list: ListId, heading: 'dueHeading' | 'upcomingHeading', all: Contact[], shown: Contact[]) => {
    const headingId = `${list}-heading`;
    // Until the whole list is read, only its first rows are here: "Show more" follows, and the total is the
    // index count the first rows came with (it speaks of everyone, so only while nothing filters).
    const rest = data.complete ? all.length - shown.length : 0;
    const unfiltered = filter.tiers.length === 0 && filter.sites.length === 0 && filter.query === '';
    const total = data.complete ? all.length : unfiltered ? data.totals?.[list] : undefined;
    return (
      <section>
        <div class="list-head">
          <h2 id={headingId}>{t(heading)}</h2>
          {total !== undefined && <span class="list-count">{formatCount(total, lang)}</span>}
        </div>
        <ul aria-labelledby={headingId} class="due-list">
          {renderRows(shown)}
        </ul>
        {rest > 0 && (
          <button
            type="button"
            class="secondary show-more"
            aria-describedby={headingId}
            onClick={() => {
              focusKey.current = all[shown.length]?.key ?? null;
              setOpened({ ...pages, [list]: pages[list] + 1 });
            }}
          >
            {t('showMore', formatCount(Math.min(rest, CHECKLIST_PAGE[list]), lang))}
          </button>
        )}
      </section>
    );
  };

  if (due.length === 0 && upcoming.length === 0) {
    return (
      <p class="empty" role="status">
        {t('noMatches')}
      </p>
    );
  }

  return (
    <div ref={container} class="checklist">
      {due.length > 0 && renderList('due', 'dueHeading', due, shownDue)}
      {upcoming.length > 0 && renderList('upcoming', 'upcomingHeading', upcoming, shownUpcoming)}
    </div>
  );
}
