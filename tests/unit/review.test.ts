import { recordReviewDone, reviewSections, reviewStreak, weekIndex } from '../../storage/review';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { buildNotebook, keyOf, NOTEBOOK_TODAY } from '../support/notebook';

const notebook = buildNotebook();
const sections = reviewSections({ ...notebook, settings: DEFAULT_SETTINGS, today: NOTEBOOK_TODAY, lang: 'de' });
const keys = (rows: readonly { key: string }[]) => rows.map((c) => c.key);
const ids = (...names: string[]) => names.map(keyOf);

test('due: the popup’s list, most overdue first, dormant tier none left out', () => {
  // Kai due 18 Jan 2023, Ivo 28 Nov 2024, Lea 9 Jul 2025, Ada 31 Aug, Emil 13 Nov, Ben 19 Nov 2026
  expect(keys(sections.due)).toEqual(ids('kai', 'ivo', 'lea', 'ada', 'emil', 'ben'));
});

test('drifting: A/B overdue by more than a cadence, and B whose touches thinned out', () => {
  expect(sections.drifting.map((r) => [r.contact.key, r.reason, r.before, r.now])).toEqual([
    [keyOf('ada'), 'overdue', 88, 30],
    [keyOf('dora'), 'thinned', 4, 1],
  ]);
  // Ben is overdue by 8 days only: due, not drifting
  expect(keys(sections.drifting.map((r) => r.contact))).not.toContain(keyOf('ben'));
});

test('a whole cadence overdue is not yet drifting; a day more is', () => {
  const ada = notebook.contacts.find((c) => c.key === keyOf('ada'));
  if (!ada) throw new Error('seed');
  // due 31 Aug + 30 days = 30 Sep: exactly one cadence overdue
  const onTheDay = reviewSections({ contacts: [ada], touches: [], settings: DEFAULT_SETTINGS, today: '2026-09-30', lang: 'de' });
  expect(onTheDay.drifting).toEqual([]);
  const dayAfter = reviewSections({ contacts: [ada], touches: [], settings: DEFAULT_SETTINGS, today: '2026-10-01', lang: 'de' });
  expect(dayAfter.drifting.map((r) => r.before)).toEqual([31]);
});

test('new and not followed up: added in the last 30 days, no touch since', () => {
  expect(keys(sections.newNotFollowedUp)).toEqual(ids('emil'));
  // 31 days after Emil was added, he is no longer new
  const later = reviewSections({ ...notebook, settings: DEFAULT_SETTINGS, today: '2026-12-11', lang: 'de' });
  expect(keys(later.newNotFollowedUp)).toEqual([]);
});

test('give and take: three received, none given (a mutual touch counts as given)', () => {
  expect(sections.giveAndTake.map((r) => [r.contact.key, r.received])).toEqual([[keyOf('gus'), 3]]);
  // a year after Gus's first received touch has aged out, two remain: no longer listed
  const later = reviewSections({ ...notebook, settings: DEFAULT_SETTINGS, today: '2027-03-02', lang: 'de' });
  expect(keys(later.giveAndTake.map((r) => r.contact))).toEqual([]);
});

test('let go?: C contacts without a touch for two years, also those never touched since being added', () => {
  expect(keys(sections.letGo)).toEqual(ids('kai', 'ivo'));
});

test('tier none and deleted (v2 tombstoned) contacts are in no section', () => {
  const tombstoned = notebook.contacts.map((c) => (c.key === keyOf('kai') ? { ...c, deletedAt: 1 } : c));
  const s = reviewSections({ ...notebook, contacts: tombstoned, settings: DEFAULT_SETTINGS, today: NOTEBOOK_TODAY, lang: 'de' });
  const everyone = [
    ...s.due,
    ...s.letGo,
    ...s.newNotFollowedUp,
    ...s.drifting.map((r) => r.contact),
    ...s.giveAndTake.map((r) => r.contact),
  ];
  expect(keys(everyone)).not.toContain(keyOf('kai'));
  expect(keys(everyone)).not.toContain(keyOf('jule'));
});

test('streak: weeks in a row, still counting while this week’s review is open', () => {
  expect(reviewStreak([], NOTEBOOK_TODAY)).toEqual({ last: null, weeks: 0 });
  // Fri 27 Nov 2026; weeks start on Monday 23 Nov, 16 Nov, 9 Nov
  expect(reviewStreak(['2026-11-09', '2026-11-16', '2026-11-23'], NOTEBOOK_TODAY)).toEqual({ last: '2026-11-23', weeks: 3 });
  expect(reviewStreak(['2026-11-09', '2026-11-16'], NOTEBOOK_TODAY)).toEqual({ last: '2026-11-16', weeks: 2 });
  // a gap of one week ends the streak
  expect(reviewStreak(['2026-11-02', '2026-11-16', '2026-11-27'], NOTEBOOK_TODAY)).toEqual({ last: '2026-11-27', weeks: 2 });
  // two in one week count once; last week missed and this week not done: no streak
  expect(reviewStreak(['2026-11-02', '2026-11-06'], NOTEBOOK_TODAY)).toEqual({ last: '2026-11-06', weeks: 0 });
  // Sunday and the next Monday are two weeks
  expect(weekIndex('2026-11-30') - weekIndex('2026-11-29')).toBe(1);
});

test('review done records today once', () => {
  expect(recordReviewDone(['2026-11-20'], NOTEBOOK_TODAY)).toEqual(['2026-11-20', NOTEBOOK_TODAY]);
  expect(recordReviewDone(['2026-11-20', NOTEBOOK_TODAY], NOTEBOOK_TODAY)).toEqual(['2026-11-20', NOTEBOOK_TODAY]);
});
