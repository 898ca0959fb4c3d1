import { useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { dateTimeFormat, formatCount } from '../i18n/formatters';
import { formatRelativeDay } from '../i18n/relative';
import type { Translate } from '../i18n/translate';
import { dayStartMs } from '../storage/dates';
import type { IsoDay } from '../storage/types';
import type { KeyDateKind } from '../storage/types';
import { keyDateTitle } from './occasion-words';
import { SECTION_PAGE } from './page-sizes';

/** One occasion within its lead time, as the popup lists it. */
export interface OccasionRow {
  /** the key date's id */
  id: string;
  contactKey: string;
  name: string;
  kind: KeyDateKind;
  label: string;
  /** the day it falls on this time (29 February moved by the user's setting) */
  date: IsoDay;
  /** 0: today */
  daysAway: number;
  /** age on a birthday, years on an anniversary; null when the year is unknown (never guessed) */
  years: number | null;
  /** a round work anniversary (Jubiläum) */
  round: boolean;
}

/** "Birthday · turns 50", "Work anniversary · 25 years at Nordlicht AG", "Einschulung Lena". */
export function occasionWords(row: Pick<OccasionRow, 'kind' | 'label' | 'years'>, t: Translate): string {
  if (row.years === null) return keyDateTitle(row, t);
  if (row.kind === 'birthday') return `${t('occasion_birthday')} · ${t('yearsTurns', row.years)}`;
  if (row.kind === 'anniversary') {
    const years = row.label ? t('yearsAt', [row.years, row.label]) : t('yearsOnly', row.years);
    return `${t('occasion_anniversary')} · ${years}`;
  }
  return `${keyDateTitle(row, t)} · ${t('yearsOnly', row.years)}`;
}

interface Props {
  /** the rows read so far, in order: the first screen's, or all of them */
  rows: readonly OccasionRow[];
  /** how many the whole list holds: more than `rows` while only the first screen's are read */
  total?: number;
  /** "Show more" needs rows not read yet */
  onNeedRows?: () => void;
  /** logs a touch and acknowledges this occurrence */
  onCongratulated: (row: OccasionRow) => void;
}

/** The popup's "Occasions": who has a birthday or Jubiläum soon, soonest first, each with "Congratulated". */
export function OccasionsSection({ rows, total = rows.length, onCongratulated, onNeedRows }: Props) {
  const { t, lang } = useLocale();
  const [limit, setLimit] = useState(SECTION_PAGE);
  if (rows.length === 0) return null;
  const count = Math.max(total, rows.length);
  const rest = count - Math.min(limit, rows.length);
  const dayMonth = dateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return (
    <section class="occasions" aria-labelledby="occasions-heading">
      <div class="list-head">
        <h2 id="occasions-heading">{t('occasionsHeading')}</h2>
        <span class="list-count">{formatCount(count, lang)}</span>
      </div>
      <ul class="due-list" aria-labelledby="occasions-heading">
        {rows.slice(0, limit).map((row) => (
          <li key={row.id} data-key={row.id} class="occasion-row">
            <div class="row-main">
              <span class="row-name">{row.name}</span>
              <span class="row-due">
                {formatRelativeDay(row.daysAway, lang)} · {dayMonth.format(dayStartMs(row.date))}
              </span>
            </div>
            <p class="row-line">
              {occasionWords(row, t)}
              {row.round && <strong class="round"> · {t('roundAnniversary')}</strong>}
            </p>
            <div class="row-actions">
              <button type="button" onClick={() => onCongratulated(row)}>
                {t('congratulated')}
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
