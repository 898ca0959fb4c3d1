/** How the key-date and promise forms read what was typed, and how occasions are put into words. */
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import {
  formatDayMonth,
  giveTakeWords,
  type KeyDateDraft,
  keyDateTitle,
  monthName,
  readKeyDateDraft,
  readPromiseDraft,
} from '../../components/occasion-words';
import { catalogTranslator } from '../../i18n/translate';
import { LIMITS } from '../../storage/limits';

const t = catalogTranslator(en);
const tDe = catalogTranslator(de);
const TODAY = '2026-11-27';
const draft = (fields: Partial<KeyDateDraft>): KeyDateDraft => ({
  kind: 'birthday',
  label: '',
  day: '2',
  month: '12',
  year: '',
  recurrence: 'yearly',
  ...fields,
});
const problemsOf = (fields: Partial<KeyDateDraft>) => {
  const read = readKeyDateDraft(draft(fields), TODAY, 'en');
  return 'problems' in read ? read.problems : null;
};

describe('readKeyDateDraft', () => {
  it('refuses what the storage rule refuses, on the field it concerns: a label over the key-date limit, a one-off without year', () => {
    expect(problemsOf({ kind: 'other', label: 'x'.repeat(LIMITS.keyDateLabel + 1) })?.label?.key).toBe(
      'keyDateProblem_labelLong',
    );
    expect('input' in readKeyDateDraft(draft({ kind: 'other', label: 'x'.repeat(LIMITS.keyDateLabel) }), TODAY, 'en')).toBe(true);
    expect(problemsOf({ kind: 'other', label: 'Hochzeitstag', recurrence: 'once', year: '' })?.year?.key).toBe(
      'keyDateProblem_onceYear',
    );
  });

  test('a month out of range (0, 13, empty) is a problem of the Month field', () => {
    for (const month of ['0', '13', '']) expect(problemsOf({ month })?.month?.key, month).toBe('keyDateProblem_month');
    expect(problemsOf({ month: '12' })).toBeNull();
    expect(problemsOf({ month: '1' })).toBeNull();
  });

  test('a day must be a whole number from 1 to 31 that the month has', () => {
    for (const day of ['0', '32', '', '1.5', 'x', '-1']) expect(problemsOf({ day })?.day?.key, day).toBe('keyDateProblem_day');
    expect(problemsOf({ day: '31', month: '4' })?.day).toEqual({
      key: 'keyDateProblem_dayInMonth',
      substitutions: ['April', 31],
    });
    expect(problemsOf({ day: '30', month: '4' })).toBeNull();
    expect(problemsOf({ day: '31', month: '12' })).toBeNull();
    expect(problemsOf({ day: '1', month: '12' })).toBeNull();
  });

  test('29 February: fine without a year and in a leap year, not in another year', () => {
    expect(problemsOf({ day: '29', month: '2' })).toBeNull();
    expect(problemsOf({ day: '29', month: '2', year: '1976' })).toBeNull();
    expect(problemsOf({ day: '29', month: '2', year: '1900' })?.day?.key).toBe('keyDateProblem_dayInMonth');
    expect(problemsOf({ day: '30', month: '2' })?.day?.key).toBe('keyDateProblem_dayInMonth');
  });

  test('a year is four digits or nothing; a birthday may be today but not later', () => {
    for (const year of ['999', '10000', '19x6', '-1']) expect(problemsOf({ year })?.year?.key, year).toBe('keyDateProblem_year');
    expect(problemsOf({ year: '1000' })).toBeNull();
    expect(problemsOf({ day: '27', month: '11', year: '2026' })).toBeNull();
    expect(problemsOf({ day: '28', month: '11', year: '2026' })?.year?.key).toBe('keyDateProblem_yearFuture');
    expect(problemsOf({ day: '1', month: '1', year: '2027' })?.year?.key).toBe('keyDateProblem_yearFuture');
    // a work anniversary or an own occasion may lie ahead
    expect(problemsOf({ kind: 'anniversary', day: '1', month: '1', year: '2027' })).toBeNull();
    expect(problemsOf({ kind: 'other', label: 'Einschulung Lena', day: '1', month: '8', year: '2027' })).toBeNull();
  });

  test('an own occasion needs a label; any label has the key-date label limit', () => {
    expect(problemsOf({ kind: 'other', label: '   ' })?.label?.key).toBe('keyDateProblem_label');
    expect(problemsOf({ kind: 'anniversary', label: '' })).toBeNull();
    expect(problemsOf({ label: 'x'.repeat(LIMITS.keyDateLabel + 1) })?.label?.key).toBe('keyDateProblem_labelLong');
    expect(problemsOf({ label: 'x'.repeat(LIMITS.keyDateLabel) })).toBeNull();
  });

  test('reads a valid draft into numbers, trims the label, and keeps "once" only for own occasions', () => {
    expect(
      readKeyDateDraft(draft({ kind: 'other', label: ' Hochzeitstag ', recurrence: 'once', year: ' 2027 ' }), TODAY, 'en'),
    ).toEqual({
      input: { kind: 'other', label: 'Hochzeitstag', day: 2, month: 12, year: 2027, recurrence: 'once' },
    });
    expect(readKeyDateDraft(draft({ kind: 'anniversary', recurrence: 'once' }), TODAY, 'en')).toEqual({
      input: { kind: 'anniversary', label: '', day: 2, month: 12, year: null, recurrence: 'yearly' },
    });
  });
});

describe('readPromiseDraft', () => {
  test('text is required and trimmed, and has the short-text limit', () => {
    expect(readPromiseDraft({ direction: 'mine', text: ' \n ', dueDate: null })).toEqual({
      problems: { text: { key: 'promiseProblem_text' } },
    });
    expect(readPromiseDraft({ direction: 'mine', text: 'x'.repeat(LIMITS.shortText + 1), dueDate: null })).toEqual({
      problems: { text: { key: 'promiseProblem_textLong' } },
    });
    expect('input' in readPromiseDraft({ direction: 'mine', text: 'x'.repeat(LIMITS.shortText), dueDate: null })).toBe(true);
    expect(readPromiseDraft({ direction: 'theirs', text: ' Intro ', dueDate: '2026-12-01' })).toEqual({
      input: { direction: 'theirs', text: 'Intro', dueDate: '2026-12-01' },
    });
  });

  test('a due date is a YYYY-MM-DD day or nothing', () => {
    for (const dueDate of ['1.12.2026', '2026-12-01x', 'x2026-12-01']) {
      expect(readPromiseDraft({ direction: 'mine', text: 'a', dueDate }), dueDate).toEqual({
        problems: { dueDate: { key: 'promiseProblem_due' } },
      });
    }
    expect(readPromiseDraft({ direction: 'mine', text: 'a', dueDate: null })).toEqual({
      input: { direction: 'mine', text: 'a', dueDate: null },
    });
  });
});

describe('words', () => {
  test("month names and day-month dates come in the reader's language", () => {
    expect(monthName(3, 'de')).toBe('März');
    expect(monthName(12, 'en')).toBe('December');
    expect(formatDayMonth(29, 2, null, 'de')).toBe('29. Februar');
    expect(formatDayMonth(2, 12, 1976, 'de')).toBe('2. Dezember 1976');
    expect(formatDayMonth(2, 12, 1976, 'en')).toBe('December 2, 1976');
  });

  test('an occasion is named by its kind, with the company or the own label', () => {
    expect(keyDateTitle({ kind: 'birthday', label: '' }, t)).toBe('Birthday');
    expect(keyDateTitle({ kind: 'anniversary', label: 'Nordlicht AG' }, tDe)).toBe('Jubiläum · Nordlicht AG');
    expect(keyDateTitle({ kind: 'other', label: 'Einschulung Lena' }, tDe)).toBe('Einschulung Lena');
  });

  test('give and take counts read as words: once, n times, nothing', () => {
    expect(giveTakeWords(4, 1, t)).toBe('You gave 4 times, received once (last 12 months).');
    expect(giveTakeWords(0, 2, t)).toBe('You received 2 times and gave nothing (last 12 months).');
    expect(giveTakeWords(1, 0, tDe)).toBe('Sie haben einmal gegeben und nichts erhalten (letzte 12 Monate).');
    expect(giveTakeWords(2, 1, tDe)).toBe('Sie haben 2-mal gegeben und einmal erhalten (letzte 12 Monate).');
  });
});
