import { channelUse, lastMonths, networkGrowth, tierHealth, touchesPerMonth } from '../../storage/insights';
import { buildNotebook, NOTEBOOK_TODAY } from '../support/notebook';

const { contacts, touches } = buildNotebook();
const none = { A: 0, B: 0, C: 0, none: 0 };

test('the last 12 months end with today’s month and cross the year', () => {
  expect(lastMonths(NOTEBOOK_TODAY)).toEqual([
    '2025-12',
    '2026-01',
    '2026-02',
    '2026-03',
    '2026-04',
    '2026-05',
    '2026-06',
    '2026-07',
    '2026-08',
    '2026-09',
    '2026-10',
    '2026-11',
  ]);
  expect(lastMonths('2026-01-15', 3)).toEqual(['2025-11', '2025-12', '2026-01']);
});

test('touches per month, stacked by tier: older touches and tier none’s 2020 touch left out', () => {
  const figure = touchesPerMonth(contacts, touches, NOTEBOOK_TODAY);
  expect(figure.total).toBe(12);
  expect(figure.counts).toEqual([
    none, // 2025-12
    none,
    { ...none, B: 1 }, // Feb: Hana
    { ...none, B: 1 }, // Mar: Gus
    none,
    { ...none, B: 1 }, // May: Hana
    { ...none, B: 1 }, // Jun: Gus
    none,
    { ...none, A: 1, B: 1 }, // Aug: Ada, Hana
    { ...none, B: 1 }, // Sep: Gus
    { ...none, A: 1, B: 2 }, // Oct: Ben; Dora, Hana
    { ...none, B: 1, C: 1 }, // Nov: Cem, Fay
  ]);
});

test('a touch dated after today and a tombstoned touch do not count', () => {
  const extra = [
    { ...touches[0], id: 'future', date: '2026-11-30' },
    { ...touches[0], id: 'gone', date: '2026-11-02', deletedAt: 5 },
  ] as typeof touches;
  expect(touchesPerMonth(contacts, [...touches, ...extra], NOTEBOOK_TODAY).total).toBe(12);
});

test('health per tier: on schedule vs overdue', () => {
  expect(tierHealth(contacts, NOTEBOOK_TODAY)).toEqual([
    { tier: 'A', onSchedule: 0, overdue: 2 },
    { tier: 'B', onSchedule: 4, overdue: 0 },
    { tier: 'C', onSchedule: 1, overdue: 4 },
  ]);
  // on Ben's due day he is still on schedule
  expect(tierHealth(contacts, '2026-11-19')[0]).toEqual({ tier: 'A', onSchedule: 1, overdue: 1 });
});

test('channels used in 12 months, most used first, and the given/received balance', () => {
  expect(channelUse(touches, NOTEBOOK_TODAY)).toEqual({
    channels: [
      { channel: 'call', count: 3 },
      { channel: 'email', count: 3 },
      { channel: 'meeting', count: 2 },
      { channel: 'message', count: 2 },
      { channel: 'event', count: 1 },
      { channel: 'gift', count: 1 },
    ],
    gave: 2,
    received: 7,
    mutual: 3,
  });
});

test('network size: added per month and the tier distribution', () => {
  const growth = networkGrowth(contacts, NOTEBOOK_TODAY);
  expect(growth.added).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
  expect(growth.tiers).toEqual({ A: 2, B: 4, C: 5, none: 1 });
  expect(growth.total).toBe(12);
});

test('read from the database in small chunks: the same figures as the pure functions, deleted records left out', async () => {
  const { IDBKeyRange, indexedDB } = await import('fake-indexeddb');
  const { openDb } = await import('../../storage/db');
  const { insights } = await import('../../storage/insights');
  const { readInsights } = await import('../../storage/insights-read');
  const { READ_CHUNK } = await import('../../storage/read-chunks');
  const db = openDb('insights-read', { indexedDB, IDBKeyRange });
  // more rows than one chunk, so the chunk boundary is crossed
  const many = Array.from({ length: READ_CHUNK + 5 }, (_, i) => ({ ...touches[0], id: `bulk-${String(i).padStart(5, '0')}` }));
  await db.contacts.bulkPut(contacts);
  await db.touches.bulkPut([...touches, ...(many as typeof touches)]);
  await db.touches.update('ada-0', { deletedAt: 1 });
  const live = [...touches.filter((t) => t.id !== 'ada-0'), ...(many as typeof touches)];
  const figures = await readInsights(db, NOTEBOOK_TODAY);
  expect(figures).toEqual(insights(contacts, live, NOTEBOOK_TODAY));
  expect(figures.touches.total).toBe(12 - 1 + READ_CHUNK + 5);
  db.close();
});
