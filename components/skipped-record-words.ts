/**
 * The import preview's line for a record left out ("Not imported"): whose it is, which kind of record,
 * its day as the file wrote it, the field and the reason, in the user's language. Each kind of record
 * has its own wording, so a skipped key date or promise is never called a touch.
 */
import { formatDay } from '../i18n/formatters';
import type { MessageKey, Translate } from '../i18n/translate';
import type { SkippedRecord } from '../storage/backup/format';
import { isIsoDay } from '../storage/dates';
import { monthName } from './occasion-words';

/** `aliases[2]` → the catalog's word for `aliases`; a field the catalog does not know stays as it is. */
export function fieldWord(t: Translate, field: string): string {
  const base = field.replace(/\[\d+\]$/, '');
  return t(`importField_${base}` as MessageKey) || base;
}

/**
 * A key date's day as the file wrote it (`YYYY-MM-DD`, or `--MM-DD` without a year), in words when the
 * month is one: "April 31" / "31. April", also when the day does not exist (that is often the reason
 * it was skipped). Anything else is shown as written.
 */
export function keyDateWords(date: string, t: Translate, lang: string): string {
  const m = /^(-|\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) return date;
  const day = Number(m[3]);
  return m[1] === '-'
    ? t('importKeyDateDay', [day, monthName(month, lang)])
    : t('importKeyDateDayYear', [day, monthName(month, lang), Number(m[1])]);
}

export function skippedRecordText(r: SkippedRecord, t: Translate, lang: string): string {
  const reason = t(`importSkip_${r.reason}` as MessageKey);
  const field = r.field === '' ? '' : fieldWord(t, r.field);
  switch (r.list) {
    case 'contacts':
      return t('importSkippedContact', [r.name, field, reason]);
    case 'keyDates':
      return t('importSkippedKeyDate', [r.name, keyDateWords(r.date, t, lang), field, reason]);
    case 'promises':
      if (r.date === '') return t('importSkippedPromise', [r.name, field, reason]);
      return t('importSkippedPromiseDue', [r.name, isIsoDay(r.date) ? formatDay(r.date, lang) : r.date, field, reason]);
    case 'touches':
      return t('importSkippedTouch', [r.name, isIsoDay(r.date) ? formatDay(r.date, lang) : r.date, field, reason]);
  }
}
