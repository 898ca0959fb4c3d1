// @vitest-environment jsdom
/** The insights page on the hand-built notebook: each chart a titled figure whose table holds the right numbers. */
import { cleanup, screen, within } from '@testing-library/preact';
import { InsightsPage } from '../../components/InsightsView';
import { insights } from '../../storage/insights';
import { buildNotebook, NOTEBOOK_TODAY } from '../support/notebook';
import { renderWithLocale } from './render';

afterEach(cleanup);
const { contacts, touches } = buildNotebook();
const figures = insights(contacts, touches, NOTEBOOK_TODAY);

function tableRows(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent ?? ''));
}

test('each chart is a figure named by its title, with a takeaway and a table of the same title', () => {
  renderWithLocale(<InsightsPage figures={figures} />);
  for (const title of [
    'Touches per month',
    'On schedule per tier',
    'Channels and balance',
    'Contacts added per month',
    'Tier distribution',
  ]) {
    expect(screen.getByRole('figure', { name: title })).toBeTruthy();
    expect(within(screen.getByRole('figure', { name: title })).getByRole('table', { name: title })).toBeTruthy();
  }
  expect(screen.getByText('12 touches in 12 months, the most in October 2026.')).toBeTruthy();
  expect(screen.getByText('Most behind: tier A, 0% on schedule.')).toBeTruthy();
  expect(screen.getByText('Most used: Call. Given 2, received 7, mutual 3.')).toBeTruthy();
});

test('the tables hold the figures’ numbers', () => {
  renderWithLocale(<InsightsPage figures={figures} />);
  const touchRows = tableRows('Touches per month');
  expect(touchRows[0]).toEqual(['Month', 'Tier A', 'Tier B', 'Tier C', 'None', 'Total']);
  expect(touchRows.at(-2)).toEqual(['October 2026', '1', '2', '0', '0', '3']);
  expect(touchRows.at(-1)).toEqual(['November 2026', '0', '1', '1', '0', '2']);
  expect(tableRows('On schedule per tier').slice(1)).toEqual([
    ['Tier A', '0', '2', '0%'],
    ['Tier B', '4', '0', '100%'],
    ['Tier C', '1', '4', '20%'],
  ]);
  expect(tableRows('Channels and balance').slice(1)).toEqual([
    ['Call', '3'],
    ['E-mail', '3'],
    ['Meeting', '2'],
    ['Message', '2'],
    ['Event', '1'],
    ['Gift', '1'],
    ['I gave', '2'],
    ['I received', '7'],
    ['Mutual', '3'],
  ]);
  expect(tableRows('Contacts added per month').at(-1)).toEqual(['November 2026', '2']);
  expect(tableRows('Tier distribution').slice(1)).toEqual([
    ['Tier A', '2'],
    ['Tier B', '4'],
    ['Tier C', '5'],
    ['None', '1'],
  ]);
});

test('German: month names and the decimal comma', () => {
  renderWithLocale(<InsightsPage figures={figures} />, 'de');
  expect(tableRows('Kontaktmomente pro Monat').at(-2)?.[0]).toBe('Oktober 2026');
  expect(tableRows('Im Rhythmus je Kategorie')[3]).toEqual(['C-Kontakte', '1', '4', '20\u00a0%']);
  // Ada (A), Cem (B) and Emil (C): two of three are A or B contacts
  const three = contacts.filter((c) => ['Ada Albers', 'Cem Çelik', 'Emil Engel'].includes(c.name));
  cleanup();
  renderWithLocale(<InsightsPage figures={insights(three, touches, NOTEBOOK_TODAY)} />, 'de');
  expect(screen.getByText('66,7 % Ihrer Kontakte sind A- oder B-Kontakte.')).toBeTruthy();
});

test('empty notebook: each figure says how to fill it instead of drawing nothing', () => {
  renderWithLocale(<InsightsPage figures={insights([], [], NOTEBOOK_TODAY)} />);
  expect(
    within(screen.getByRole('figure', { name: 'Touches per month' })).getByText(/Log one with “Contacted today”/),
  ).toBeTruthy();
  expect(within(screen.getByRole('figure', { name: 'Tier distribution' })).getByText(/No contacts yet/)).toBeTruthy();
  expect(screen.queryAllByRole('table')).toEqual([]);
});

test('a second visit the same day shows the last figures at once, says it is updating, then shows fresh ones', async () => {
  const { IDBKeyRange, indexedDB } = await import('fake-indexeddb');
  const { openDb } = await import('../../storage/db');
  const { InsightsView } = await import('../../entrypoints/options/InsightsWorkflow');
  const db = openDb('insights-view', { indexedDB, IDBKeyRange });
  await db.contacts.bulkPut(contacts);
  await db.touches.bulkPut(touches);
  // the stored figures of an earlier visit, when the notebook had 99 touches in the year
  const earlier = { ...figures, touches: { ...figures.touches, total: 99 } };
  localStorage.setItem('kp-insights-v1', JSON.stringify({ today: NOTEBOOK_TODAY, figures: earlier }));
  renderWithLocale(<InsightsView db={db} today={NOTEBOOK_TODAY} />);
  expect(screen.getByText(/^99 touches in 12 months/)).toBeTruthy();
  expect(screen.getByRole('status').textContent).toBe('Figures from earlier today; updating …');
  await screen.findByText('12 touches in 12 months, the most in October 2026.', {}, { timeout: 10_000 });
  expect(screen.queryByRole('status')).toBeNull();
  cleanup();
  // yesterday's figures are not shown: the page waits for today's
  localStorage.setItem('kp-insights-v1', JSON.stringify({ today: '2026-11-26', figures: earlier }));
  renderWithLocale(<InsightsView db={db} today={NOTEBOOK_TODAY} />);
  expect(screen.queryByText(/^99 touches/)).toBeNull();
  await screen.findByText('12 touches in 12 months, the most in October 2026.', {}, { timeout: 10_000 });
  db.close();
});
