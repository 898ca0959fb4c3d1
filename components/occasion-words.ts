/**
 * How the occasion and promise UI puts key dates and promises into words, and how it reads its forms.
 * Presentation only: which occasion falls when, and whether a record is valid, are `storage/`'s rules.
 */
import { dateTimeFormat } from '../i18n/formatters';
import type { MessageKey, Substitutions, Translate } from '../i18n/translate';
import { LIMITS } from '../storage/limits';
import { type KeyDateProblem, keyDateProblem, type PromiseProblem, promiseProblem } from '../storage/occasions';
import type { IsoDay, KeyDateInput, KeyDateKind, PromiseInput } from '../storage/types';

export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** A leap year, so 29 February has a date to be formatted on. */
const LEAP_YEAR = 2000;

/** "January" / "Januar" from the browser's own locale data, so no month name needs a catalog entry. */
export function monthName(month: number, lang: string): string {
  return dateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(LEAP_YEAR, month - 1, 1));
}

/** "December 2" / "2. Dezember", with the year when known ("2. Dezember 1976"). */
export function formatDayMonth(day: number, month: number, year: number | null, lang: string): string {
  const d = new Date(0);
  d.setUTCFullYear(year ?? LEAP_YEAR, month - 1, day);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC' };
  return dateTimeFormat(lang, year === null ? options : { ...options, year: 'numeric' }).format(d);
}

/** "Birthday", "Work anniversary · Nordlicht AG", or the user's own label for "other". */
export function keyDateTitle(item: Pick<KeyDateInput, 'kind' | 'label'>, t: Translate): string {
  if (item.kind === 'other') return item.label || t('occasion_other');
  const kind = t(`occasion_${item.kind}`);
  return item.label ? `${kind} · ${item.label}` : kind;
}

/** "once" / "4 times" ("einmal", "4-mal"). */
export function timesWords(count: number, t: Translate): string {
  if (count === 1) return t('times_1');
  return t('times_n', count);
}

/** "You gave 4 times, received once (last 12 months)." */
export function giveTakeWords(gave: number, received: number, t: Translate): string {
  if (gave === 0 && received === 0) return t('giveTakeNone');
  if (gave === 0) return t('giveTakeOnlyReceived', timesWords(received, t));
  if (received === 0) return t('giveTakeOnlyGave', timesWords(gave, t));
  return t('giveTakeWords', [timesWords(gave, t), timesWords(received, t)]);
}

/** A form message: its catalog key and what fills it. */
export interface FieldProblem {
  key: MessageKey;
  substitutions?: Substitutions;
}

/** The key-date form as typed: every field a string until it is read. */
export interface KeyDateDraft {
  kind: KeyDateKind;
  label: string;
  day: string;
  month: string;
  year: string;
  recurrence: 'yearly' | 'once';
}

export type KeyDateField = 'label' | 'day' | 'month' | 'year';
export type KeyDateProblems = Partial<Record<KeyDateField, FieldProblem>>;

function wholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

function daysInMonth(month: number, year: number | null): number {
  return new Date(Date.UTC(year ?? LEAP_YEAR, month, 0)).getUTCDate();
}

/**
 * Reads the form into a `KeyDateInput`, or says for each field what is wrong with it (31 April, day 0,
 * a month out of range, a birthday year after today, an "other" without a label).
 */
export function readKeyDateDraft(
  draft: KeyDateDraft,
  today: IsoDay,
  lang: string,
): { input: KeyDateInput } | { problems: KeyDateProblems } {
  const problems: KeyDateProblems = {};
  const day = wholeNumber(draft.day);
  const month = wholeNumber(draft.month);
  const yearText = draft.year.trim();
  const year = yearText === '' ? null : wholeNumber(yearText);
  const label = draft.label.trim();
  if (month === null || month < 1 || month > 12) problems.month = { key: 'keyDateProblem_month' };
  if (day === null || day < 1 || day > 31) problems.day = { key: 'keyDateProblem_day' };
  if (yearText !== '' && (year === null || year < 1000 || year > 9999)) problems.year = { key: 'keyDateProblem_year' };
  if (!problems.day && !problems.month && !problems.year && day !== null && month !== null) {
    if (day > daysInMonth(month, year)) {
      problems.day = { key: 'keyDateProblem_dayInMonth', substitutions: [monthName(month, lang), day] };
    } else if (draft.kind === 'birthday' && year !== null) {
      const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (iso > today) problems.year = { key: 'keyDateProblem_yearFuture' };
    }
  }
  if (draft.kind === 'other' && label === '') problems.label = { key: 'keyDateProblem_label' };
  if (label.length > LIMITS.keyDateLabel) problems.label = { key: 'keyDateProblem_labelLong' };
  if (Object.keys(problems).length > 0 || day === null || month === null) return { problems };
  const input: KeyDateInput = {
    kind: draft.kind,
    label,
    day,
    month,
    year,
    recurrence: draft.kind === 'other' ? draft.recurrence : 'yearly',
  };
  // The storage rule has the last word, so the form never accepts what the worker would refuse.
  const rule = keyDateProblem(input, today);
  return rule === null ? { input } : { problems: KEY_DATE_RULE_FIELDS[rule] };
}

/** Where the form shows what the storage rule refused. `kind` and `recurrence` come from a select and radios. */
const KEY_DATE_RULE_FIELDS: Record<KeyDateProblem, KeyDateProblems> = {
  kind: { label: { key: 'keyDateProblem_label' } },
  recurrence: { year: { key: 'keyDateProblem_onceYear' } },
  month: { month: { key: 'keyDateProblem_month' } },
  day: { day: { key: 'keyDateProblem_day' } },
  year: { year: { key: 'keyDateProblem_year' } },
  yearInFuture: { year: { key: 'keyDateProblem_yearFuture' } },
  onceWithoutYear: { year: { key: 'keyDateProblem_onceYear' } },
  labelMissing: { label: { key: 'keyDateProblem_label' } },
  labelTooLong: { label: { key: 'keyDateProblem_labelLong' } },
};

const PROMISE_RULE_FIELDS: Record<PromiseProblem, PromiseProblems> = {
  direction: { text: { key: 'promiseProblem_text' } },
  textMissing: { text: { key: 'promiseProblem_text' } },
  textTooLong: { text: { key: 'promiseProblem_textLong' } },
  dueDate: { dueDate: { key: 'promiseProblem_due' } },
};

export type PromiseField = 'text' | 'dueDate';
export type PromiseProblems = Partial<Record<PromiseField, FieldProblem>>;

/** Reads the promise form: the text must say something; the due date is optional. */
export function readPromiseDraft(draft: PromiseInput): { input: PromiseInput } | { problems: PromiseProblems } {
  const text = draft.text.trim();
  const problems: PromiseProblems = {};
  if (text === '') problems.text = { key: 'promiseProblem_text' };
  else if (text.length > LIMITS.shortText) problems.text = { key: 'promiseProblem_textLong' };
  if (draft.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(draft.dueDate)) problems.dueDate = { key: 'promiseProblem_due' };
  if (Object.keys(problems).length > 0) return { problems };
  const input: PromiseInput = { direction: draft.direction, text, dueDate: draft.dueDate };
  const rule = promiseProblem(input);
  return rule === null ? { input } : { problems: PROMISE_RULE_FIELDS[rule] };
}
