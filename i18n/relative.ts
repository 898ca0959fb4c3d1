import { numberFormat, relativeTimeFormat } from './formatters';
import type { Translate } from './translate';

type Unit = 'day' | 'week' | 'month' | 'year';

/** Picks the unit a person would use: "12 days", "3 weeks", "5 months", "2 years". */
function humanUnit(days: number): { value: number; unit: Unit } {
  const abs = Math.abs(days);
  if (abs < 14) return { value: abs, unit: 'day' };
  if (abs < 60) return { value: Math.round(abs / 7), unit: 'week' };
  if (abs < 730) return { value: Math.round(abs / 30.44), unit: 'month' };
  return { value: Math.round(abs / 365.25), unit: 'year' };
}

/** "3 weeks" / "3 Wochen" */
export function formatDuration(days: number, lang: string): string {
  const { value, unit } = humanUnit(days);
  return numberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** `daysFromToday` < 0 is the past: "5 weeks ago", "yesterday", "today", "in 12 days". */
export function formatRelativeDay(daysFromToday: number, lang: string): string {
  const { value, unit } = humanUnit(daysFromToday);
  return relativeTimeFormat(lang, { numeric: 'auto' }).format(daysFromToday < 0 ? -value : value, unit);
}

export type DueWords =
  | { kind: 'never' }
  | { kind: 'today' }
  | { kind: 'overdue'; days: number }
  | { kind: 'upcoming'; days: number };

/** The panel's and popup's "Next touch" text: "3 weeks overdue", "due today", "in 12 days", "no reminders". */
export function formatDue(state: DueWords, t: Translate, lang: string): string {
  switch (state.kind) {
    case 'never':
      return t('dueNever');
    case 'today':
      return t('dueToday');
    case 'overdue':
      return t('dueOverdue', formatDuration(state.days, lang));
    case 'upcoming':
      return formatRelativeDay(state.days, lang);
  }
}
