// @vitest-environment jsdom
/**
 * The popup's first screen (issues 9 and 13): the lists show their totals from the index counts that came
 * with the first rows, and "Promises due" asks for the rest of its rows only when "Show more" needs them.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { Checklist, type ChecklistFilter } from '../../components/Checklist';
import { type PromiseDueRow, PromisesDueSection } from '../../components/PromisesDueSection';
import type { Checklist as ChecklistData } from '../../storage/checklist';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);
const TODAY = '2026-11-21';
const noFilter: ChecklistFilter = { tiers: [], sites: [], query: '' };

function overdue(i: number): Contact {
  const base = newContact(
    {
      key: `linkedin:p${i}`,
      site: 'linkedin',
      profileUrl: `https://www.linkedin.com/in/p${i}/`,
      aliases: [],
      name: `Person ${i}`,
    },
    DEFAULT_SETTINGS,
    NOW,
  );
  return applyPatch(base, { tier: 'A', lastContactAt: '2026-09-01' }, DEFAULT_SETTINGS, NOW);
}

function firstRows(totals: ChecklistData['totals']): ChecklistData {
  return {
    due: Array.from({ length: 3 }, (_, i) => overdue(i)),
    upcoming: [],
    complete: false,
    ...(totals ? { totals } : {}),
    lastTouches: new Map(),
    hasContacts: true,
    nextDueAfter: null,
  };
}

function renderChecklist(data: ChecklistData, filter = noFilter) {
  const actions = { onContacted: vi.fn(), onSnooze: vi.fn(), onOpenDetails: vi.fn(), onRowsShown: vi.fn() };
  renderWithLocale(<Checklist data={data} filter={filter} settings={DEFAULT_SETTINGS} today={TODAY} {...actions} />);
}

const countBeside = (heading: string) => screen.getByRole('heading', { name: heading }).nextElementSibling?.textContent ?? null;

afterEach(cleanup);

test('the first rows show the whole list’s total from the index count, before everyone is read', () => {
  renderChecklist(firstRows({ due: 1575, upcoming: 0 }));
  expect(within(screen.getByRole('list', { name: 'Due for a touch' })).getAllByRole('listitem')).toHaveLength(3);
  expect(countBeside('Due for a touch')).toBe('1,575');
});

test('while a search filters the first rows, the total of everyone is not shown as the number of matches', () => {
  renderChecklist(firstRows({ due: 1575, upcoming: 0 }), { ...noFilter, query: 'Person 1' });
  expect(countBeside('Due for a touch')).toBeNull();
});

function promise(i: number): PromiseDueRow {
  return {
    id: `p${i}`,
    contactKey: `linkedin:p${i}`,
    name: `Person ${i}`,
    direction: 'mine',
    text: `Send article ${i}`,
    dueDate: TODAY,
    daysAway: 0,
  };
}

test('"Promises due" shows the index total, and "Show more" past the rows read asks for the rest once', () => {
  const onNeedRows = vi.fn();
  const first = Array.from({ length: 10 }, (_, i) => promise(i));
  const { rerender } = renderWithLocale(<PromisesDueSection rows={first} total={25} onDone={vi.fn()} onNeedRows={onNeedRows} />);
  expect(countBeside('Promises due')).toBe('25');
  expect(within(screen.getByRole('list', { name: 'Promises due' })).getAllByRole('listitem')).toHaveLength(10);
  fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
  expect(onNeedRows).toHaveBeenCalledTimes(1);
  // The whole list arrives: the revealed page shows it, and the next page needs no read.
  const all = Array.from({ length: 25 }, (_, i) => promise(i));
  rerender(<PromisesDueSection rows={all} total={25} onDone={vi.fn()} onNeedRows={onNeedRows} />);
  expect(within(screen.getByRole('list', { name: 'Promises due' })).getAllByRole('listitem')).toHaveLength(20);
  fireEvent.click(screen.getByRole('button', { name: 'Show 5 more' }));
  expect(within(screen.getByRole('list', { name: 'Promises due' })).getAllByRole('listitem')).toHaveLength(25);
  expect(onNeedRows).toHaveBeenCalledTimes(1);
});
