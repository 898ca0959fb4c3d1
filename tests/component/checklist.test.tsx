// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { Checklist, type ChecklistFilter } from '../../components/Checklist';
import { EmptyChecklist } from '../../components/EmptyChecklist';
import type { Checklist as ChecklistData, ChecklistRow } from '../../storage/checklist';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS, type Tier } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);
const TODAY = '2026-11-21';

function person(slug: string, name: string, tier: Tier, lastContactAt: string, extra: Partial<Contact> = {}): ChecklistRow {
  const base = newContact(
    { key: `linkedin:${slug}`, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, aliases: [], name },
    DEFAULT_SETTINGS,
    NOW,
  );
  return { contact: { ...applyPatch(base, { tier, lastContactAt }, DEFAULT_SETTINGS, NOW), ...extra }, lastTouch: null };
}

const anna = person('anna', 'Anna Adler', 'A', '2026-09-12', {
  notes: 'Kids start school in September\nmore',
  company: 'Beispiel GmbH',
}); // 40 days overdue
const bernd = person('bernd', 'Bernd Berg', 'B', '2026-08-25', { preferredChannel: 'call' }); // due in 2 days
const data: ChecklistData = { due: [anna], upcoming: [bernd], hasContacts: true, nextDueAfter: null };
const noFilter: ChecklistFilter = { tiers: [], sites: [], query: '' };

function renderChecklist(filter = noFilter) {
  const actions = { onContacted: vi.fn(), onSnooze: vi.fn(), onOpenDetails: vi.fn() };
  renderWithLocale(<Checklist data={data} filter={filter} settings={DEFAULT_SETTINGS} today={TODAY} {...actions} />);
  return actions;
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
  expect(actions.onContacted).toHaveBeenCalledWith(anna, 'message');
  fireEvent.click(within(row).getByRole('button', { name: 'Snooze' }));
  expect(actions.onSnooze).toHaveBeenCalledWith(anna, 7);
});

test('keyboard: c marks contacted, s snoozes, arrows move between people', () => {
  const actions = renderChecklist();
  const [first, second] = screen.getAllByRole('listitem');
  (first as HTMLElement).focus();
  fireEvent.keyDown(first as HTMLElement, { key: 'ArrowDown' });
  expect(document.activeElement).toBe(second);
  fireEvent.keyDown(second as HTMLElement, { key: 'c' });
  expect(actions.onContacted).toHaveBeenCalledWith(bernd, 'call');
  fireEvent.keyDown(first as HTMLElement, { key: 's' });
  expect(actions.onSnooze).toHaveBeenCalledWith(anna, 7);
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
    'Alles erledigt: niemand ist fällig.Nächster Kontakt am 24. Dezember 2026.',
  );
});
