// @vitest-environment jsdom
/**
 * The weekly review page on the hand-built notebook: lists named as in the UI contract, and every row
 * acts in place (written to the database, the page re-reads its sections).
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { ReviewPage } from '../../components/ReviewView';
import { ReviewView } from '../../entrypoints/options/ReviewWorkflow';
import { listTouches } from '../../storage/contacts';
import { type KontaktDb, openDb } from '../../storage/db';
import { getReviewPrefs, saveReviewPrefs } from '../../storage/review-prefs';
import { buildNotebook, buildOccasions, keyOf, NOTEBOOK_TODAY } from '../support/notebook';
import { renderWithLocale } from './render';

// a condition, not a delay: the re-read on a loaded two-core machine can take seconds
const SLOW = { timeout: 10_000 };

let counter = 0;
async function setup(lang: 'en' | 'de' = 'en', extra: (db: KontaktDb) => Promise<unknown> = async () => undefined) {
  const db = openDb(`review-${counter++}`, { indexedDB, IDBKeyRange });
  const { contacts, touches } = buildNotebook();
  await db.contacts.bulkPut(contacts);
  await db.touches.bulkPut(touches);
  await extra(db);
  const onChanged = vi.fn();
  const onOpenContact = vi.fn();
  renderWithLocale(<ReviewView db={db} today={NOTEBOOK_TODAY} onChanged={onChanged} onOpenContact={onOpenContact} />, lang);
  await screen.findByRole('list', { name: lang === 'en' ? 'Due for a touch' : 'Fällig' }, SLOW);
  // the touch-based sections fill in once the touches are counted (the status line says so until then)
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull(), SLOW);
  return { db, onChanged, onOpenContact };
}

afterEach(cleanup);

const names = (list: HTMLElement) =>
  within(list)
    .getAllByRole('listitem')
    .map((li) => within(li).getAllByRole('link')[0]?.textContent);

test('each section is a list named as in the UI contract, with the people the notebook puts there', async () => {
  await setup();
  expect(names(screen.getByRole('list', { name: 'Due for a touch' }))).toEqual([
    'Kai König',
    'Ivo Imhof',
    'Lea Lang',
    'Ada Albers',
    'Emil Engel',
    'Ben Brandt',
  ]);
  expect(names(screen.getByRole('list', { name: 'Drifting' }))).toEqual(['Ada Albers', 'Dora Dietz']);
  expect(names(screen.getByRole('list', { name: 'New and not followed up' }))).toEqual(['Emil Engel']);
  expect(names(screen.getByRole('list', { name: 'Give and take' }))).toEqual(['Gus Graf']);
  expect(names(screen.getByRole('list', { name: 'Let go?' }))).toEqual(['Kai König', 'Ivo Imhof']);
  expect(
    within(screen.getByRole('list', { name: 'Drifting' })).getByText(/Touches: 4 in the year before, 1 in the last 12 months/),
  ).toBeTruthy();
});

test('"Contacted today" logs a touch and the person leaves "due" and "new" in place', async () => {
  const { db, onChanged } = await setup();
  const row = within(screen.getByRole('list', { name: 'New and not followed up' })).getByRole('listitem');
  fireEvent.click(within(row).getByRole('button', { name: 'Contacted today' }));
  await waitFor(() => expect(screen.queryByRole('list', { name: 'New and not followed up' })).toBeNull(), SLOW);
  expect(names(screen.getByRole('list', { name: 'Due for a touch' }))).not.toContain('Emil Engel');
  expect((await listTouches(db, keyOf('emil'))).map((t) => t.date)).toEqual([NOTEBOOK_TODAY]);
  expect(onChanged).toHaveBeenCalledWith(keyOf('emil'));
});

test('snooze moves the next touch a week on: Ben leaves the due list', async () => {
  const { db } = await setup();
  const ben = within(screen.getByRole('list', { name: 'Due for a touch' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes('Ben Brandt'));
  if (!ben) throw new Error('Ben is due by construction');
  fireEvent.click(within(ben).getByRole('button', { name: 'Snooze' }));
  await waitFor(() => expect(names(screen.getByRole('list', { name: 'Due for a touch' }))).not.toContain('Ben Brandt'), SLOW);
  expect((await db.contacts.get(keyOf('ben')))?.snoozedUntil).toBe('2026-12-04');
});

test('let go?: tier none by the button or the tier box; the person leaves every list', async () => {
  const { db } = await setup();
  const letGo = screen.getByRole('list', { name: 'Let go?' });
  const kai = within(letGo).getAllByRole('listitem')[0] as HTMLElement;
  fireEvent.click(within(kai).getByRole('button', { name: 'Let go (no reminders)' }));
  await waitFor(() => expect(names(screen.getByRole('list', { name: 'Let go?' }))).toEqual(['Ivo Imhof']), SLOW);
  expect((await db.contacts.get(keyOf('kai')))?.tier).toBe('none');
  const ivo = within(screen.getByRole('list', { name: 'Let go?' })).getByRole('listitem');
  fireEvent.change(within(ivo).getByRole('combobox', { name: 'Tier of Ivo Imhof' }), { target: { value: 'B' } });
  await waitFor(() => expect(screen.queryByRole('list', { name: 'Let go?' })).toBeNull(), SLOW);
  expect((await db.contacts.get(keyOf('ivo')))?.tier).toBe('B');
});

test('open profile goes to the profile page; the name opens the contact', async () => {
  const { onOpenContact } = await setup();
  const gus = within(screen.getByRole('list', { name: 'Give and take' })).getByRole('listitem');
  expect(within(gus).getByRole('link', { name: 'Open profile' }).getAttribute('href')).toBe('https://www.linkedin.com/in/gus/');
  fireEvent.click(within(gus).getByRole('link', { name: 'Gus Graf' }));
  expect(onOpenContact).toHaveBeenCalledWith(keyOf('gus'));
});

test('"Review done" records the day and the page shows the last review and the streak', async () => {
  const { db } = await setup();
  await saveReviewPrefs(db, { reviewDoneDays: ['2026-11-16'] });
  cleanup();
  renderWithLocale(<ReviewView db={db} today={NOTEBOOK_TODAY} onChanged={vi.fn()} onOpenContact={vi.fn()} />);
  await screen.findByText(/Last review: November 16, 2026 · Weeks in a row: 1/, {}, SLOW);
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull(), SLOW);
  fireEvent.click(screen.getByRole('button', { name: 'Review done' }));
  await screen.findByText(/Last review: November 27, 2026 · Weeks in a row: 2/, {}, SLOW);
  expect(screen.getByRole('status').textContent).toBe('Review done. See you next week.');
  expect((await getReviewPrefs(db)).reviewDoneDays).toEqual(['2026-11-16', NOTEBOOK_TODAY]);
});

test('German: the lists and the button in German', async () => {
  await setup('de');
  expect(screen.getByRole('list', { name: 'Ruhen lassen?' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Wochenrückblick abschließen' })).toBeTruthy();
  expect(screen.getByText('Noch kein Wochenrückblick abgeschlossen.')).toBeTruthy();
});

const withOccasions = async (db: KontaktDb) => {
  const { keyDates, promises } = buildOccasions();
  await db.keyDates.bulkPut(keyDates);
  await db.promises.bulkPut(promises);
};

test('section 2: occasions in the next 14 days and promises due, named as in the UI contract, after "due"', async () => {
  await setup('en', withOccasions);
  const occasions = screen.getByRole('list', { name: 'Occasions' });
  expect(
    within(occasions)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual([
    expect.stringMatching(/^Jule Jansen.*Work anniversary · 10 years at Hafenbau/),
    expect.stringMatching(/^Ada Albers/),
    expect.stringMatching(/^Hana Horn.*Einschulung Lena/),
    expect.stringMatching(/^Cem Çelik/),
  ]);
  expect(within(occasions).getAllByRole('listitem')[1]?.textContent).toContain('Birthday · turns 50');
  const promises = screen.getByRole('list', { name: 'Promises due' });
  expect(
    within(promises)
      .getAllByRole('listitem')
      .map((li) => li.textContent),
  ).toEqual([expect.stringContaining('Send the slides'), expect.stringContaining('Intro to Nordlicht')]);
  // the page's order: due, then occasions and promises, then drifting
  const lists = screen.getAllByRole('list').map((l) => l.getAttribute('aria-labelledby'));
  expect(lists.slice(0, 4)).toEqual(['review-due', 'occasions-heading', 'promises-due-heading', 'review-drifting']);
});

test('section 2 acts in place: "Congratulated" logs a touch and acknowledges; "Done" closes the promise', async () => {
  const { db } = await setup('en', withOccasions);
  const ada = within(screen.getByRole('list', { name: 'Occasions' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes('Ada Albers'));
  if (!ada) throw new Error('Ada’s birthday is within 14 days by construction');
  fireEvent.click(within(ada).getByRole('button', { name: 'Congratulated' }));
  await waitFor(() => expect(within(screen.getByRole('list', { name: 'Occasions' })).queryByText('Ada Albers')).toBeNull(), SLOW);
  expect((await db.keyDates.get('kd-ada'))?.acknowledgedAt).not.toBeNull();
  expect((await listTouches(db, keyOf('ada'))).map((t) => [t.date, t.direction])).toContainEqual([NOTEBOOK_TODAY, 'gave']);
  const slides = within(screen.getByRole('list', { name: 'Promises due' }))
    .getAllByRole('listitem')
    .find((li) => li.textContent?.includes('Send the slides'));
  if (!slides) throw new Error('Ada’s promise is overdue by construction');
  fireEvent.click(within(slides).getByRole('button', { name: 'Done' }));
  await waitFor(() => expect(screen.queryByText('Send the slides')).toBeNull(), SLOW);
  expect((await db.promises.get('p-ada'))?.doneAt).not.toBeNull();
});

test('a long section shows its first 10 rows, says how many there are, and "Show all" renders the rest', async () => {
  await setup('en', async (db) => {
    const kai = await db.contacts.get(keyOf('kai'));
    if (!kai) throw new Error('seed');
    // 15 more never-touched C contacts added in 2023: all due, all "let go?"
    await db.contacts.bulkPut(
      Array.from({ length: 15 }, (_, i) => ({ ...kai, key: `linkedin:extra-${i}`, id: `id-extra-${i}`, name: `Extra ${i}` })),
    );
  });
  const due = screen.getByRole('list', { name: 'Due for a touch' });
  expect(within(due).getAllByRole('listitem')).toHaveLength(10);
  expect(screen.getAllByText('21').length).toBeGreaterThan(0);
  fireEvent.click(screen.getAllByRole('button', { name: 'Show all 21' })[0] as HTMLElement);
  await waitFor(() =>
    expect(within(screen.getByRole('list', { name: 'Due for a touch' })).getAllByRole('listitem')).toHaveLength(21),
  );
  // the other long section (let go?, 17) still shows its first 10
  expect(within(screen.getByRole('list', { name: 'Let go?' })).getAllByRole('listitem')).toHaveLength(10);
  expect(screen.getByRole('button', { name: 'Show all 17' })).toBeTruthy();
});

test('the first render: section 1 counts everyone due while it lists only its first rows; the rest follow', () => {
  const { contacts } = buildNotebook();
  const first = contacts.filter((c) => c.tier !== 'none' && c.deletedAt === null).slice(0, 3);
  const noop = () => undefined;
  renderWithLocale(
    <ReviewPage
      sections={{ due: first, drifting: [], newNotFollowedUp: [], giveAndTake: [], letGo: [] }}
      dueCount={1575}
      today={NOTEBOOK_TODAY}
      streak={{ last: null, weeks: 0 }}
      actions={{
        onContacted: noop,
        onSnooze: noop,
        onTier: noop,
        onOpenContact: noop,
        onCongratulated: noop,
        onPromiseDone: noop,
      }}
      onDone={noop}
      doneMessage={false}
      occasions={[]}
      promises={[]}
      counting
    />,
    'en',
  );
  const due = screen.getByRole('list', { name: 'Due for a touch' });
  expect(within(due).getAllByRole('listitem')).toHaveLength(3);
  expect(screen.getByText('1,575')).toBeTruthy();
  expect(screen.getByRole('status').textContent).toMatch(/Still counting touches/);
  expect(screen.queryByText('Nothing to go through this week.')).toBeNull();
});
