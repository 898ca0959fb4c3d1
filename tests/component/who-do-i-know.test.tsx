// @vitest-environment jsdom
/** "Who do I know here?" in the dashboard: paste names, check them, read the three lists by their names. */
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { WhoDoIKnow } from '../../components/WhoDoIKnow';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS, type Tier } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);

function contact(key: string, name: string, tier: Tier, notes = ''): Contact {
  const base = newContact(
    { key, site: 'linkedin', profileUrl: `https://example.invalid/${key}`, aliases: [], name },
    DEFAULT_SETTINGS,
    NOW,
  );
  return applyPatch(base, { tier, notes, lastContactAt: '2026-10-01' }, DEFAULT_SETTINGS, NOW);
}

const CONTACTS = [
  contact('linkedin:anna-arendt', 'Anna Arendt', 'A', 'Met at the Barcamp\nsecond line stays private'),
  contact('linkedin:klaus-maier', 'Klaus Maier', 'B'),
  contact('xing:Klaus_Maier2', 'Klaus Maier', 'C'),
];

afterEach(cleanup);

function check(text: string, onOpen = vi.fn()) {
  renderWithLocale(<WhoDoIKnow contacts={CONTACTS} today="2026-11-21" onOpen={onOpen} />);
  fireEvent.input(screen.getByRole('textbox', { name: 'Names to check' }), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Check names' }));
  return onOpen;
}

const items = (list: string) => within(screen.getByRole('list', { name: list })).queryAllByRole('listitem');

test('sorts a pasted attendee list into known people, possible matches and strangers', () => {
  check('Dr. Anna Arendt, Kanzlei Arendt\nKlaus Maier\nZoe Zimmermann');
  expect(items('Known people').map((li) => li.textContent)).toEqual([expect.stringContaining('Anna Arendt')]);
  expect(items('Possible matches').map((li) => li.textContent)).toEqual([expect.stringContaining('Klaus Maier')]);
  expect(items('Not in my notebook').map((li) => li.textContent)).toEqual(['Zoe Zimmermann']);
});

test('shows a known person with tier, next touch and only the first line of the notes', () => {
  check('Arendt, Anna');
  const [known] = items('Known people');
  expect(known?.textContent).toContain('tier A');
  expect(known?.textContent).toContain('next touch:');
  expect(known?.textContent).toContain('Met at the Barcamp');
  expect(known?.textContent).not.toContain('second line');
});

test('lists both namesakes as possible matches', () => {
  check('Klaus Maier');
  const [possible] = items('Possible matches');
  expect(
    within(possible as HTMLElement)
      .getAllByRole('button')
      .map((b) => b.textContent),
  ).toEqual(['Klaus Maier', 'Klaus Maier']);
});

test('opens the contact when its name is clicked', () => {
  const onOpen = check('Anna Arendt');
  fireEvent.click(within(items('Known people')[0] as HTMLElement).getByRole('button', { name: 'Anna Arendt' }));
  expect(onOpen).toHaveBeenCalledWith('linkedin:anna-arendt');
});

test('says nothing before the user checks, and stores nothing (no storage is touched)', () => {
  const setItem = vi.spyOn(Storage.prototype, 'setItem');
  renderWithLocale(<WhoDoIKnow contacts={CONTACTS} today="2026-11-21" onOpen={vi.fn()} />);
  expect(screen.queryByRole('list', { name: 'Known people' })).toBeNull();
  fireEvent.input(screen.getByRole('textbox', { name: 'Names to check' }), { target: { value: 'Anna Arendt' } });
  fireEvent.click(screen.getByRole('button', { name: 'Check names' }));
  expect(setItem).not.toHaveBeenCalled();
});
