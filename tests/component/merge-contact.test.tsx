// @vitest-environment jsdom
/** "Merge with another contact" in a contact's detail (UI-CONTRACT "Merge"): choose, read what moves, merge. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { MergeContact } from '../../components/MergeContact';
import type { MergeMoves } from '../../storage/merge';
import { newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS, type SiteId } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 27, 10);

function contact(site: SiteId, slug: string, name: string): Contact {
  const profileUrl = site === 'xing' ? `https://www.xing.com/profile/${slug}` : `https://www.linkedin.com/in/${slug}/`;
  return newContact({ key: `${site}:${slug}`, site, profileUrl, aliases: [], name }, DEFAULT_SETTINGS, NOW);
}

const ANNA_LI = contact('linkedin', 'anna-arendt', 'Anna Arendt');
const ANNA_XI = contact('xing', 'Anna_Arendt', 'Anna Arendt');
const JUERGEN = contact('xing', 'Juergen_Mueller', 'Jürgen Müller');
const ALL = [ANNA_LI, ANNA_XI, JUERGEN];
const MOVES: MergeMoves = { touches: 3, keyDates: 1, promises: 2, notes: true };

afterEach(cleanup);

function setup() {
  const onPreview = vi.fn(async (_key: string) => MOVES);
  const onMerge = vi.fn(async (_key: string) => undefined);
  renderWithLocale(<MergeContact contact={ANNA_LI} contacts={ALL} onPreview={onPreview} onMerge={onMerge} />);
  fireEvent.click(screen.getByRole('button', { name: 'Merge with another contact' }));
  return { onPreview, onMerge };
}

test('search the other contact (umlauts folded), read what moves, merge it into this one', async () => {
  const { onPreview, onMerge } = setup();
  const box = screen.getByRole('combobox', { name: 'Merge with' });
  // the contact shown is no candidate of its own
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Anna Arendt (XING)', 'Jürgen Müller (XING)']);
  fireEvent.input(box, { target: { value: 'juergen' } });
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Jürgen Müller (XING)']);
  fireEvent.input(box, { target: { value: 'anna' } });
  const merge = screen.getByRole('button', { name: 'Merge' });
  expect(merge).toHaveProperty('disabled', true);
  fireEvent.click(screen.getByRole('option', { name: 'Anna Arendt (XING)' }));
  expect(onPreview).toHaveBeenCalledWith('xing:Anna_Arendt');
  await screen.findByText(/Moving over: touches 3, key dates 1, promises 2/);
  expect(screen.getByText(/The notes of both are kept/)).toBeTruthy();
  expect(merge).toHaveProperty('disabled', false);
  fireEvent.click(merge);
  await waitFor(() => expect(onMerge).toHaveBeenCalledWith('xing:Anna_Arendt'));
  // done: back to the single button
  await screen.findByRole('button', { name: 'Merge with another contact' });
});

test('nothing is merged before the user picks a contact, and Cancel leaves everything as it was', () => {
  const { onMerge } = setup();
  fireEvent.input(screen.getByRole('combobox', { name: 'Merge with' }), { target: { value: 'Zoe' } });
  expect(screen.queryAllByRole('option')).toEqual([]);
  expect(screen.getByText('No other contact matches.')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(onMerge).not.toHaveBeenCalled();
  expect(screen.getByRole('button', { name: 'Merge with another contact' })).toBeTruthy();
});

test('speaks German when the browser does', async () => {
  const onPreview = vi.fn(async () => MOVES);
  renderWithLocale(<MergeContact contact={ANNA_LI} contacts={ALL} onPreview={onPreview} onMerge={vi.fn()} />, 'de');
  fireEvent.click(screen.getByRole('button', { name: 'Mit anderem Kontakt zusammenführen' }));
  fireEvent.click(screen.getByRole('option', { name: 'Anna Arendt (XING)' }));
  await screen.findByText(/Es wechseln: Kontaktmomente 3, Anlässe 1, Zusagen 2/);
  expect(screen.getByRole('button', { name: 'Zusammenführen' })).toBeTruthy();
});
