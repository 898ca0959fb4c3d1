import { useMemo, useState } from 'preact/hooks';
import { compareNames } from '../storage/collation';
import { compareTiers, dueState, urgencyOrder } from '../storage/rules';
import type { Contact, IsoDay, SiteId, Tier } from '../storage/types';
import { NEVER_DUE } from '../storage/types';
import { useLocale } from '../i18n/context';
import { formatCount, formatDay } from '../i18n/formatters';
import { formatDue } from '../i18n/relative';
import type { MessageKey } from '../i18n/translate';
import { matchesQuery } from './search';

export interface ContactRow {
  contact: Contact;
  touchCount: number;
}

type Column = 'name' | 'site' | 'tier' | 'company' | 'lastContact' | 'nextDue' | 'touches';
const COLUMNS: Array<{ id: Column; label: MessageKey }> = [
  { id: 'name', label: 'colName' },
  { id: 'site', label: 'colSite' },
  { id: 'tier', label: 'colTier' },
  { id: 'company', label: 'colCompany' },
  { id: 'lastContact', label: 'colLastContact' },
  { id: 'nextDue', label: 'colNextDue' },
  { id: 'touches', label: 'colTouches' },
];
/** The order of one column; `lang`: the UI language, whose collation orders names and companies. */
function comparatorFor(column: Column, lang: string): (a: ContactRow, b: ContactRow) => number {
  const names = compareNames(lang);
  switch (column) {
    case 'name':
      return (a, b) => names(a.contact.name, b.contact.name);
    case 'site':
      return (a, b) => a.contact.site.localeCompare(b.contact.site);
    case 'tier':
      return (a, b) => compareTiers(a.contact.tier, b.contact.tier);
    case 'company':
      return (a, b) => names(a.contact.company, b.contact.company);
    case 'lastContact':
      return (a, b) => (a.contact.lastContactAt ?? '').localeCompare(b.contact.lastContactAt ?? '');
    case 'nextDue': {
      const urgency = urgencyOrder(lang);
      return (a, b) => urgency(a.contact, b.contact);
    }
    case 'touches':
      return (a, b) => a.touchCount - b.touchCount;
  }
}

export interface TableFilter {
  tier: Tier | 'all';
  site: SiteId | 'all';
  query: string;
}

export function filterRows(rows: readonly ContactRow[], filter: TableFilter): ContactRow[] {
  return rows.filter(({ contact }) => {
    if (filter.tier !== 'all' && contact.tier !== filter.tier) return false;
    if (filter.site !== 'all' && contact.site !== filter.site) return false;
    return matchesQuery(filter.query, [contact.name, contact.company, contact.notes, contact.howWeMet, contact.headline]);
  });
}

/**
 * Rows rendered at first and per "Show more". A table of 10,000 rows takes seconds to render (and makes
 * the page slow for assistive technology); sorting and the dashboard's search cover the whole list.
 */
export const TABLE_PAGE = 100;

interface Props {
  rows: readonly ContactRow[];
  today: IsoDay;
  onOpen: (key: string) => void;
}

/** Every contact, sortable by any column (click a header again to reverse), rendered a page at a time. */
export function ContactsTable({ rows, today, onOpen }: Props) {
  const { t, lang } = useLocale();
  const [sort, setSort] = useState<{ column: Column; ascending: boolean }>({ column: 'nextDue', ascending: true });
  const [limit, setLimit] = useState(TABLE_PAGE);
  const sorted = useMemo(() => {
    const compare = comparatorFor(sort.column, lang);
    return [...rows].sort((a, b) => (sort.ascending ? 1 : -1) * compare(a, b));
  }, [rows, sort, lang]);
  const shown = sorted.length > limit ? sorted.slice(0, limit) : sorted;
  const rest = sorted.length - shown.length;

  return (
    <>
      <table class="contacts" aria-label={t('contactsTableLabel')}>
        <thead>
          <tr>
            {COLUMNS.map(({ id, label }) => (
              <th key={id} scope="col" aria-sort={sort.column === id ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  class="sort"
                  onClick={() => setSort({ column: id, ascending: sort.column === id ? !sort.ascending : true })}
                >
                  {t(label)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map(({ contact, touchCount }) => {
            const due = dueState(contact.nextDueAt, today);
            return (
              <tr key={contact.key}>
                <td>
                  <button type="button" class="link name" onClick={() => onOpen(contact.key)}>
                    {contact.name || contact.key}
                  </button>
                </td>
                <td>
                  {contact.site === 'linkedin' ? t('siteLinkedIn') : contact.site === 'xing' ? t('siteXing') : t('siteLocal')}
                </td>
                <td>
                  <span class={`badge tier-${contact.tier}`}>{contact.tier === 'none' ? t('tierNone') : contact.tier}</span>
                </td>
                <td>{contact.company}</td>
                <td>{contact.lastContactAt ? formatDay(contact.lastContactAt, lang) : t('never')}</td>
                <td class={contact.nextDueAt < NEVER_DUE ? `due-${due.kind}` : ''}>{formatDue(due, t, lang)}</td>
                <td class="num">{touchCount}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rest > 0 && (
        <div class="table-more">
          <span class="count">{t('tableShowing', [formatCount(shown.length, lang), formatCount(sorted.length, lang)])}</span>
          <button type="button" class="secondary" onClick={() => setLimit(shown.length + TABLE_PAGE)}>
            {t('showMore', formatCount(Math.min(rest, TABLE_PAGE), lang))}
          </button>
          <button type="button" class="secondary" onClick={() => setLimit(Number.POSITIVE_INFINITY)}>
            {t('showAll', formatCount(sorted.length, lang))}
          </button>
        </div>
      )}
    </>
  );
}
