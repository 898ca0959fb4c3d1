import type { ComponentChildren, VNode } from 'preact';
import { useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { formatCount, formatDay } from '../i18n/formatters';
import { formatDuration, formatRelativeDay } from '../i18n/relative';
import type { MessageKey } from '../i18n/translate';
import { daysBetween } from '../storage/dates';
import type { ReviewSections, ReviewStreak } from '../storage/review';
import { createdDayOf } from '../storage/rules';
import { type Contact, type IsoDay, type Tier, TIERS } from '../storage/types';
import { type OccasionRow, OccasionsSection } from './OccasionsSection';
import { type PromiseDueRow, PromisesDueSection } from './PromisesDueSection';

/**
 * Rows a section renders at first: a notebook of 10,000 people can have 1,500 due, and rendering them all
 * would hold up the page for seconds; the heading says how many there are and "Show all" renders the rest.
 */
export const REVIEW_PAGE = 10;

export interface ReviewActions {
  onContacted: (contact: Contact) => void;
  onSnooze: (contact: Contact) => void;
  onTier: (contact: Contact, tier: Tier) => void;
  onOpenContact: (key: string) => void;
  /** "Congratulated" on an occasion: logs a touch and acknowledges this occurrence (as in the popup) */
  onCongratulated: (row: OccasionRow) => void;
  /** "Done" on a promise */
  onPromiseDone: (row: PromiseDueRow) => void;
}

function ReviewRow({
  contact,
  why,
  actions,
  children,
}: {
  contact: Contact;
  why: string;
  actions: ReviewActions;
  children?: ComponentChildren;
}) {
  const { t } = useLocale();
  const name = contact.name || t('noName', contact.site);
  return (
    <li class="review-row" data-key={contact.key}>
      <div class="row-main">
        <span class={`badge tier-${contact.tier}`}>{contact.tier === 'none' ? '–' : contact.tier}</span>
        <a
          class="row-name"
          href={`#contact=${encodeURIComponent(contact.key)}`}
          onClick={(event) => {
            event.preventDefault();
            actions.onOpenContact(contact.key);
          }}
        >
          {name}
        </a>
      </div>
      <p class="row-line muted">{why}</p>
      <div class="row-actions">
        <button type="button" onClick={() => actions.onContacted(contact)}>
          {t('contactedToday')}
        </button>
        <button type="button" class="secondary" title={t('snoozeLabel')} onClick={() => actions.onSnooze(contact)}>
          {t('snooze')}
        </button>
        <select
          class="compact"
          aria-label={t('reviewTierOf', name)}
          value={contact.tier}
          onChange={(event) => actions.onTier(contact, event.currentTarget.value as Tier)}
        >
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier === 'none' ? t('tierNone') : tier}
            </option>
          ))}
        </select>
        {children}
        {contact.profileUrl && (
          <a href={contact.profileUrl} target="_blank" rel="noopener noreferrer">
            {t('openProfile')}
          </a>
        )}
      </div>
    </li>
  );
}

function Section<T>({
  id,
  title,
  rows,
  total = rows.length,
  render,
}: {
  id: string;
  title: MessageKey;
  rows: readonly T[];
  /** how many the section holds when `rows` are only its first ones (the first render) */
  total?: number;
  render: (row: T) => VNode;
}) {
  const { t, lang } = useLocale();
  const [all, setAll] = useState(false);
  if (total === 0) return null;
  const shown = all ? rows : rows.slice(0, REVIEW_PAGE);
  return (
    <section class="review-section">
      <div class="list-head">
        <h3 id={id}>{t(title)}</h3>
        <span class="list-count">{formatCount(total, lang)}</span>
      </div>
      <ul class="review-list" aria-labelledby={id}>
        {shown.map(render)}
      </ul>
      {shown.length < rows.length && (
        <button type="button" class="secondary show-more" onClick={() => setAll(true)}>
          {t('showAll', formatCount(rows.length, lang))}
        </button>
      )}
    </section>
  );
}

export interface ReviewPageProps {
  sections: ReviewSections;
  today: IsoDay;
  streak: ReviewStreak;
  actions: ReviewActions;
  onDone: () => void;
  /** shown after "Review done" was recorded */
  doneMessage: boolean;
  /** section 2: occasions in the next 14 days, not yet congratulated */
  occasions: readonly OccasionRow[];
  /** section 2: open promises overdue or due in the next 14 days */
  promises: readonly PromiseDueRow[];
  /** the touches are still being counted: "Drifting" (thinned out) and "Give and take" fill in later */
  counting?: boolean;
  /** the first render: `sections.due` holds only the first rows of this many; the other sections follow */
  dueCount?: number;
}

/** The review page from computed sections: each list named as in the UI contract, empty ones left out. */
export function ReviewPage({
  sections,
  today,
  streak,
  actions,
  onDone,
  doneMessage,
  occasions,
  promises,
  counting = false,
  dueCount,
}: ReviewPageProps) {
  const { t, lang } = useLocale();
  const ago = (day: IsoDay) => formatRelativeDay(-daysBetween(day, today), lang);
  const lastWords = (c: Contact) => (c.lastContactAt ? t('lastContactWords', ago(c.lastContactAt)) : t('neverContacted'));
  const empty =
    (dueCount ?? sections.due.length) +
      sections.drifting.length +
      sections.newNotFollowedUp.length +
      sections.giveAndTake.length +
      sections.letGo.length +
      occasions.length +
      promises.length ===
      0 && !counting;

  return (
    <section class="review" aria-labelledby="review-heading">
      <h2 id="review-heading">{t('navReview')}</h2>
      <p class="hint">{t('reviewIntro')}</p>
      <p class="review-streak">
        {streak.last ? t('reviewLast', formatDay(streak.last, lang, 'long')) : t('reviewNever')}
        {streak.weeks > 0 ? ` · ${t('reviewStreak', formatCount(streak.weeks, lang))}` : ''}
      </p>
      {empty && <p class="hint">{t('reviewNothing')}</p>}
      <Section
        id="review-due"
        title="dueHeading"
        rows={sections.due}
        total={dueCount ?? sections.due.length}
        render={(c) => <ReviewRow key={c.key} contact={c} why={lastWords(c)} actions={actions} />}
      />
      <OccasionsSection rows={occasions} onCongratulated={actions.onCongratulated} />
      <PromisesDueSection rows={promises} onDone={actions.onPromiseDone} />
      {counting && (
        <p class="hint" role="status">
          {t('reviewCounting')}
        </p>
      )}
      <Section
        id="review-drifting"
        title="reviewDrifting"
        rows={sections.drifting}
        render={(row) => (
          <ReviewRow
            key={row.contact.key}
            contact={row.contact}
            why={
              row.reason === 'overdue'
                ? t('reviewDriftOverdue', formatDuration(row.before, lang))
                : t('reviewDriftThinned', [formatCount(row.before, lang), formatCount(row.now, lang)])
            }
            actions={actions}
          />
        )}
      />
      <Section
        id="review-new"
        title="reviewNew"
        rows={sections.newNotFollowedUp}
        render={(c) => <ReviewRow key={c.key} contact={c} why={t('reviewAdded', ago(createdDayOf(c)))} actions={actions} />}
      />
      <Section
        id="review-give-take"
        title="reviewGiveTake"
        rows={sections.giveAndTake}
        render={(row) => (
          <ReviewRow
            key={row.contact.key}
            contact={row.contact}
            why={t('reviewReceived', formatCount(row.received, lang))}
            actions={actions}
          />
        )}
      />
      <Section
        id="review-let-go"
        title="reviewLetGo"
        rows={sections.letGo}
        render={(c) => (
          <ReviewRow key={c.key} contact={c} why={lastWords(c)} actions={actions}>
            <button type="button" class="secondary" onClick={() => actions.onTier(c, 'none')}>
              {t('reviewLetGoButton')}
            </button>
          </ReviewRow>
        )}
      />
      <div class="actions">
        <button type="button" onClick={onDone}>
          {t('reviewDone')}
        </button>
      </div>
      {doneMessage && (
        <p class="ok" role="status">
          {t('reviewDoneSaved')}
        </p>
      )}
    </section>
  );
}
