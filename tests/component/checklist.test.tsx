// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { Checklist, type ChecklistFilter } from '../../components/Checklist';
import { CHECKLIST_PAGE } from '../../components/page-sizes';
import { EmptyChecklist } from '../../components/EmptyChecklist';
import type { Checklist as ChecklistData } from '../../storage/checklist';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS, type Tier, type Touch } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);
const TODAY = '2026-11-21';

function person(slug: string, name: string, tier: Tier, lastContactAt: string, extra: Partial<Contact> = {}): Contact {
  const base = newContact(
    { key: `linkedin:${slug}`, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, aliases: [], name },
    DEFAULT_SETTINGS,
    NOW,
  );
  return { ...applyPatch(base, { tier, lastContactAt }, DEFAULT_SETTINGS, NOW), ...extra };
}

const anna = person('anna', 'Anna Adler', 'A', '2026-09-12', {
  notes: 'Kids start school in September\nmore',
  company: 'Beispiel GmbH',
}); // 40 days overdue
const bernd = person('bernd', 'Bernd Berg', 'B', '2026-08-25', { preferredChannel: 'call' }); // due in 2 days
const data: ChecklistData = {
  due: [anna],
  upcoming: [bernd],
  complete: true,
  lastTouches: new Map(),
  hasContacts: true,
  nextDueAfter: null,
};
const noFilter: ChecklistFilter = { tiers: [], sites: [], query: '' };

function renderChecklist(filter = noFilter, list = data) {
  const actions = { onContacted: vi.fn(), onSnooze: vi.fn(), onOpenDetails: vi.fn(), onRowsShown: vi.fn() };
  const ui = (next: ChecklistData, nextFilter: ChecklistFilter) => (
    <Checklist data={next} filter={nextFilter} settings={DEFAULT_SETTINGS} today={TODAY} {...actions} />
  );
  const { rerender } = renderWithLocale(ui(list, filter));
  return { ...actions, rerenderWith: (next: ChecklistData, nextFilter = filter) => rerender(ui(next, nextFilter)) };
}

afterEach(cleanup);

test('due and coming-up people are in their own named lists, with the hook from the notes', () => {
  renderChecklist();
  const due = screen.getByRole('list', { name: 'Due for a touch' });
  const [row] = within(due).getAllByRole('listitem');
  expect(row?.textContent).toContain('Anna Adler');
  expect(row?.textContent).toContain('Kids start school in September');
  expect(row?.textContent).not.toContain('more');
  expect(row?.textContent).toContain('6 weeks overdue');
  expect(
    within(row as HTMLElement)
      .getByRole('link', { name: 'Anna Adler' })
      .getAttribute('href'),
  ).toBe('https://www.linkedin.com/in/anna/');
  const upcoming = screen.getByRole('list', { name: 'Coming up' });
  expect(within(upcoming).getByRole('listitem').textContent).toContain('Bernd Berg');
  expect(within(upcoming).getByRole('listitem').textContent).toContain('prefers Call');
});

test('one click acts on the right person', () => {
  const actions = renderChecklist();
  const row = within(screen.getByRole('list', { name: 'Due for a touch' })).getByRole('listitem');
  fireEvent.click(within(row).getByRole('button', { name: 'Contacted today' }));
  expect(actions.onContacted).toHaveBeenCalledWith({ contact: anna, lastTouch: null }, 'message');
  fireEvent.click(within(row).getByRole('button', { name: 'Snooze' }));
  expect(actions.onSnooze).toHaveBeenCalledWith({ contact: anna, lastTouch: null }, 7);
});

test('keyboard: c marks contacted, s snoozes, arrows move between people', () => {
  const actions = renderChecklist();
  const [first, second] = screen.getAllByRole('listitem');
  (first as HTMLElement).focus();
  fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(second as HTMLElement, { key: 'c' });
  expect(actions.onContacted).toHaveBeenCalledWith({ contact: bernd, lastTouch: null }, 'call');
  fireEvent.keyDown(first as HTMLElement, { key: 's' });
  expect(actions.onSnooze).toHaveBeenCalledWith({ contact: anna, lastTouch: null }, 7);
});

test('search matches name, company and notes, ignoring accents and case', () => {
  renderChecklist({ ...noFilter, query: 'SCHOOL' });
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('Anna Adler')]);
  cleanup();
  renderChecklist({ ...noFilter, query: 'beispiel gmbh' });
  expect(screen.getAllByRole('listitem')).toHaveLength(1);
  cleanup();
  renderChecklist({ ...noFilter, tiers: ['B'] });
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringContaining('Bernd Berg')]);
  cleanup();
  renderChecklist({ ...noFilter, sites: ['xing'] });
  expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  expect(screen.getByRole('status').textContent).toBe('No one due matches this filter.');
});

/** `due` people overdue by 75…, most urgent first (as listDue hands them over), and `upcoming` due in a few days. */
function many(due: number, upcoming: number): ChecklistData {
  const pad = (i: number) => String(i).padStart(3, '0');
  return {
    due: Array.from({ length: due }, (_, i) => person(`due-${pad(i)}`, `Due ${pad(i)}`, 'A', '2026-08-01')),
    upcoming: Array.from({ length: upcoming }, (_, i) => person(`soon-${pad(i)}`, `Soon ${pad(i)}`, 'B', '2026-08-25')),
    complete: true,
    lastTouches: new Map(),
    hasContacts: true,
    nextDueAfter: null,
  };
}

const rowsOf = (listName: string) => within(screen.getByRole('list', { name: listName })).getAllByRole('listitem');

test('renders the first page of each list, most urgent first, and "Show more" reveals the next', () => {
  expect(CHECKLIST_PAGE).toEqual({ due: 30, upcoming: 15 });
  renderChecklist(noFilter, many(75, 20));
  expect(rowsOf('Due for a touch')).toHaveLength(30);
  expect(rowsOf('Due for a touch')[0]?.textContent).toContain('Due 000');
  expect(rowsOf('Due for a touch')[29]?.textContent).toContain('Due 029');
  expect(rowsOf('Coming up')).toHaveLength(15);
  // The totals, beside the headings (the lists keep their names).
  expect(screen.getByRole('heading', { name: 'Due for a touch' }).nextElementSibling?.textContent).toBe('75');
  expect(screen.getByRole('heading', { name: 'Coming up' }).nextElementSibling?.textContent).toBe('20');

  const moreDue = screen.getByRole('button', { name: 'Show 30 more', description: 'Due for a touch' });
  fireEvent.click(moreDue);
  expect(rowsOf('Due for a touch')).toHaveLength(60);
  // Keyboard users continue at the first person revealed.
  expect(document.activeElement?.textContent).toContain('Due 030');
  fireEvent.click(screen.getByRole('button', { name: 'Show 15 more', description: 'Due for a touch' }));
  expect(rowsOf('Due for a touch')).toHaveLength(75);
  expect(screen.queryByRole('button', { name: /^Show \d+ more$/, description: 'Due for a touch' })).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Show 5 more', description: 'Coming up' }));
  expect(rowsOf('Coming up')).toHaveLength(20);
  expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull();
});

test('first paint: only the first rows are read yet; the totals and "Show more" follow with everyone', () => {
  const all = many(75, 20);
  const first = {
    ...all,
    due: all.due.slice(0, 30),
    upcoming: all.upcoming.slice(0, 15),
    complete: false,
  };
  const view = renderChecklist(noFilter, first);
  expect(rowsOf('Due for a touch')).toHaveLength(30);
  expect(screen.getByRole('heading', { name: 'Due for a touch' }).nextElementSibling).toBe(null);
  expect(screen.queryByRole('button', { name: /^Show/ })).toBeNull();
  // Everyone read: the same first rows, nothing moves.
  const before = rowsOf('Due for a touch')[0];
  view.rerenderWith(all);
  expect(rowsOf('Due for a touch')[0]).toBe(before);
  expect(rowsOf('Due for a touch')).toHaveLength(30);
  expect(screen.getByRole('heading', { name: 'Due for a touch' }).nextElementSibling?.textContent).toBe('75');
  expect(screen.getByRole('button', { name: 'Show 30 more' })).toBeTruthy();
  expect(screen.getByRole('heading', { name: 'Coming up' }).nextElementSibling?.textContent).toBe('20');
});

test('"Show more" is told apart from the row actions by name', () => {
  renderChecklist(noFilter, many(31, 0));
  const more = screen.getAllByRole('button').filter((b) => b.textContent?.startsWith('Show'));
  expect(more.map((b) => b.textContent)).toEqual(['Show 1 more']);
  expect(screen.getAllByRole('button', { name: 'Contacted today' })).toHaveLength(30);
  expect(screen.getAllByRole('button', { name: 'Snooze' })).toHaveLength(30);
});

test('search and filters cover everyone due, not only the rendered page; a new search starts at its first page', () => {
  const list = many(75, 0);
  list.due[70] = { ...(list.due[70] as Contact), company: 'Nordlicht AG' };
  const view = renderChecklist({ ...noFilter, query: 'nordlicht' }, list);
  expect(rowsOf('Due for a touch').map((li) => li.textContent)).toEqual([expect.stringContaining('Due 070')]);
  expect(screen.getByRole('heading', { name: 'Due for a touch' }).nextElementSibling?.textContent).toBe('1');

  view.rerenderWith(list, { ...noFilter, query: 'due 0' });
  expect(rowsOf('Due for a touch')).toHaveLength(30);
  fireEvent.click(screen.getByRole('button', { name: 'Show 30 more' }));
  expect(rowsOf('Due for a touch')).toHaveLength(60);
  view.rerenderWith(list, { ...noFilter, query: 'due' });
  expect(rowsOf('Due for a touch')).toHaveLength(30);
});

test('tells which people it renders (for their latest touch), and shows a touch once it is there', () => {
  const list = many(40, 3);
  const view = renderChecklist(noFilter, list);
  const rendered = [...list.due.slice(0, 30), ...list.upcoming].map((c) => c.key);
  expect(view.onRowsShown).toHaveBeenCalledOnce();
  expect(view.onRowsShown).toHaveBeenLastCalledWith(rendered);

  const first = list.due[0] as Contact;
  const touch: Touch = {
    id: 't1',
    contactKey: first.key,
    date: '2026-08-01',
    channel: 'call',
    direction: 'mutual',
    note: '',
    createdAt: NOW,
    updatedAt: NOW,
    deletedAt: null,
  };
  const known = new Map<string, Touch | null>(rendered.map((key) => [key, null]));
  known.set(first.key, touch);
  view.rerenderWith({ ...list, lastTouches: known });
  expect(view.onRowsShown).toHaveBeenCalledOnce(); // the same people: not asked again
  const row = rowsOf('Due for a touch')[0] as HTMLElement;
  expect(row.textContent).toContain('last via Call');
  // The channel preselected for "Contacted today" follows the touch that arrived after the first render.
  expect((within(row).getByRole('combobox') as HTMLSelectElement).value).toBe('call');

  fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
  expect(view.onRowsShown).toHaveBeenLastCalledWith([...list.due, ...list.upcoming].map((c) => c.key));
});

test('empty states say what to do', () => {
  renderWithLocale(<EmptyChecklist kind="noContacts" nextDueAfter={null} />);
  expect(screen.getByRole('status').textContent).toContain('No one is due');
  expect(screen.getByRole('status').textContent).toContain('Add to my network');
  cleanup();
  renderWithLocale(<EmptyChecklist kind="caughtUp" nextDueAfter={Date.UTC(2026, 11, 24)} />);
  expect(screen.getByRole('status').textContent).toBe('All caught up: no one is due.Next touch on December 24, 2026.');
  cleanup();
  renderWithLocale(<EmptyChecklist kind="caughtUp" nextDueAfter={Date.UTC(2026, 11, 24)} />, 'de');
  expect(screen.getByRole('status').textContent).toBe(
    'Alles erledigt – niemand ist fällig.Nächste Wiedervorlage am 24. Dezember 2026.',
  );
});
