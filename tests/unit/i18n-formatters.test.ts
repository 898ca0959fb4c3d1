import { expect, test } from 'vitest';
import { dateTimeFormat, formatCount, formatDay, formatDayMs, numberFormat, relativeTimeFormat } from '../../i18n/formatters';
import { formatDuration, formatRelativeDay } from '../../i18n/relative';

test('one formatter per language and options, built once', () => {
  expect(numberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long' })).toBe(
    numberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long' }),
  );
  expect(numberFormat('en', { style: 'unit', unit: 'day', unitDisplay: 'long' })).not.toBe(
    numberFormat('en', { style: 'unit', unit: 'week', unitDisplay: 'long' }),
  );
  expect(relativeTimeFormat('de', { numeric: 'auto' })).toBe(relativeTimeFormat('de', { numeric: 'auto' }));
  expect(relativeTimeFormat('de', { numeric: 'auto' })).not.toBe(relativeTimeFormat('en', { numeric: 'auto' }));
  expect(dateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })).toBe(
    dateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }),
  );
});

test('cached formatters still format per language', () => {
  expect(formatDuration(21, 'en')).toBe('3 weeks');
  expect(formatDuration(21, 'de')).toBe('3 Wochen');
  expect(formatRelativeDay(-1, 'en')).toBe('yesterday');
  expect(formatRelativeDay(12, 'de')).toBe('in 12 Tagen');
  expect(formatDay('2026-11-21', 'en')).toBe('Nov 21, 2026');
  expect(formatDay('2026-11-21', 'de', 'long')).toBe('21. November 2026');
  expect(formatDayMs(Date.UTC(2026, 11, 24), 'en', 'long')).toBe('December 24, 2026');
  expect(formatCount(1575, 'en')).toBe('1,575');
  expect(formatCount(1575, 'de')).toBe('1.575');
});
