import { useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { formatCount, formatDay } from '../i18n/formatters';
import { formatDue } from '../i18n/relative';
import type { IsoDay } from '../storage/types';
import type { PromiseDirection } from '../storage/types';
import { SECTION_PAGE } from './page-sizes';

/** One open promise that is overdue or due within 7 days, as the popup lists it. */
export interface PromiseDueRow {
  id: string;
  contactKey: string;
  name: string;
  direction: PromiseDirection;
  text: string;
  dueDate: IsoDay;
  /** negative: overdue by that many days */
  daysAway: number;
}

interface Props {
  /** the rows read so far, in order: the first screen's, or all of them once more were asked for */
  rows: readonly PromiseDueRow[];
  /** how many the whole list holds (the index count): more than `rows` until the rest is read */
  total?: number;
  onDone: (row: PromiseDueRow) => void;
  /** "Show more" needs rows not read yet: the popup reads the whole list */
  onNeedRows?: () => void;
}

/** The popup's "Promises due", in the order given ("I promised" first), each with "Done". */
export function PromisesDueSection({ rows, total = rows.length, onDone, onNeedRows }: Props) {
  const { t, lang } = useLocale();
  const [limit, setLimit] = useState(SECTION_PAGE);
  if (rows.length === 0) return null;
  const count = Math.max(total, rows.length);
  const rest = count - Math.min(limit, rows.length);
  return (
    <section class="promises-due" aria-labelledby="promises-due-heading">
      <div class="list-head">
        <h2 id="promises-due-heading">{t('promisesDueHeading')}</h2>
        <span class="list-count">{formatCount(count, lang)}</span>
      </div>
      <ul class="due-list" aria-labelledby="promises-due-heading">
        {rows.slice(0, limit).map((row) => (
          <li key={row.id} data-key={row.id} class={`promise-row ${row.daysAway < 0 ? 'severity-strong' : ''}`}>
            <div class="row-main">
              <span class="row-name">{row.name}</span>
              <span class="row-due" title={formatDay(row.dueDate, lang)}>
                {formatDue(
                  row.daysAway === 0
                    ? { kind: 'today' }
                    : row.daysAway < 0
                      ? { kind: 'overdue', days: -row.daysAway }
                      : { kind: 'upcoming', days: row.daysAway },
                  t,
                  lang,
                )}
              </span>
            </div>
            <p class="row-line">
              <span class="muted">{t(`promise_${row.direction}`)}:</span> {row.text}
            </p>
            <div class="row-actions">
              <button type="button" onClick={() => onDone(row)}>
                {t('promiseDone')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <button
          type="button"
          class="secondary show-more"
          onClick={() => {
            if (rows.length < limit + SECTION_PAGE && rows.length < count) onNeedRows?.();
            setLimit(limit + SECTION_PAGE);
          }}
        >
          {t('showMore', formatCount(Math.min(rest, SECTION_PAGE), lang))}
        </button>
      )}
    </section>
  );
}
