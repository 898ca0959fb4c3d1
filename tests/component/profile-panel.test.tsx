// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { ProfilePanel } from '../../components/ProfilePanel';
import type { PageProfile } from '../../messaging/protocol';
import { applyPatch, newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 21, 10);
const profile: PageProfile = {
  site: 'linkedin',
  key: 'linkedin:erika-muster',
  profileUrl: 'https://www.linkedin.com/in/erika-muster/',
  isMainPage: true,
  name: 'Erika Muster',
  headline: 'Office Manager',
  company: 'Beispiel GmbH',
  location: 'Köln',
  photoUrl: null,
  aliases: [],
  missing: ['photoUrl'],
};

function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    ...newContact(
      { ...profile, headline: 'Office Manager', company: 'Beispiel GmbH', location: 'Köln', photoUrl: '' },
      DEFAULT_SETTINGS,
      NOW,
    ),
    ...overrides,
  };
}

function renderPanel(props: Partial<Parameters<typeof ProfilePanel>[0]> = {}) {
  const handlers = { onToggleCollapsed: vi.fn(), onAdd: vi.fn(), onPatch: vi.fn(), onLogTouch: vi.fn() };
  renderWithLocale(
    <ProfilePanel
      profile={profile}
      contact={null}
      touches={[]}
      today="2026-11-21"
      collapsed={false}
      saveState="idle"
      problem={null}
      {...handlers}
      {...props}
    />,
  );
  return handlers;
}

afterEach(cleanup);

test('an unknown person gets only the name and "Add to my network"', () => {
  const { onAdd } = renderPanel();
  const region = screen.getByRole('region', { name: 'Kontaktpflege' });
  expect(within(region).getByText('Erika Muster')).toBeTruthy();
  expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Add to my network' }));
  expect(onAdd).toHaveBeenCalledOnce();
});

test('a known person shows every control of the UI contract', () => {
  renderPanel({
    contact: applyPatch(contact(), { notes: 'Met at re:publica', lastContactAt: '2026-11-01' }, DEFAULT_SETTINGS, NOW),
  });
  expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('Erika Muster');
  const tiers = screen.getByRole('radiogroup', { name: 'Tier' });
  expect(
    within(tiers)
      .getAllByRole('radio')
      .map((radio) => radio.getAttribute('value')),
  ).toEqual(['A', 'B', 'C', 'none']);
  expect(within(tiers).getByRole('radio', { name: 'None' })).toBeTruthy();
  expect((screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement).value).toBe('Met at re:publica');
  expect(screen.getByRole('textbox', { name: 'How we met' })).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Preferred channel' })).toBeTruthy();
  expect((screen.getByLabelText('Last contact') as HTMLInputElement).value).toBe('2026-11-01');
  expect(screen.getByRole('button', { name: 'Contacted today' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Collapse panel' })).toBeTruthy();
  // tier C (the default for new people): 2026-11-01 + 180 days = 2027-04-30, 160 days after today
  expect(screen.getByRole('status', { name: 'Next touch' }).textContent).toBe('in 5 months');
});

test('typing a note reports every change at once (autosave)', () => {
  const { onPatch } = renderPanel({ contact: contact() });
  const notes = screen.getByRole('textbox', { name: 'Notes' });
  fireEvent.input(notes, { target: { value: 'Ask about the move to Hamburg' } });
  expect(onPatch).toHaveBeenLastCalledWith({ notes: 'Ask about the move to Hamburg' });
});

test('keys 1/2/3/0 set the tier while the panel has focus, but not while typing', () => {
  const { onPatch } = renderPanel({ contact: contact() });
  const region = screen.getByRole('region', { name: 'Kontaktpflege' });
  fireEvent.keyDown(region, { key: '2' });
  expect(onPatch).toHaveBeenLastCalledWith({ tier: 'B' });
  fireEvent.keyDown(region, { key: '0' });
  expect(onPatch).toHaveBeenLastCalledWith({ tier: 'none' });
  onPatch.mockClear();
  fireEvent.keyDown(screen.getByRole('textbox', { name: 'Notes' }), { key: '1' });
  expect(onPatch).not.toHaveBeenCalled();
});

test('"Contacted today" logs a touch with the preferred channel', () => {
  const { onLogTouch } = renderPanel({ contact: contact({ preferredChannel: 'call' }) });
  fireEvent.click(screen.getByRole('button', { name: 'Contacted today' }));
  expect(onLogTouch).toHaveBeenCalledWith({ date: '2026-11-21', channel: 'call', direction: 'mutual', note: '' });
});

test('overdue people read "… overdue"', () => {
  const overdue = applyPatch(contact(), { tier: 'A', lastContactAt: '2026-09-01' }, DEFAULT_SETTINGS, NOW);
  renderPanel({ contact: overdue });
  expect(screen.getByRole('status', { name: 'Next touch' }).textContent).toBe('7 weeks overdue');
});

test('scraped markup renders as text, never as HTML', () => {
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const { container } = renderWithLocale(
    <ProfilePanel
      profile={{ ...profile, name: hostile, headline: '<b>bold</b>' }}
      contact={null}
      touches={[]}
      today="2026-11-21"
      collapsed={false}
      saveState="idle"
      problem={null}
      onToggleCollapsed={vi.fn()}
      onAdd={vi.fn()}
      onPatch={vi.fn()}
      onLogTouch={vi.fn()}
    />,
  );
  expect(screen.getByText(hostile)).toBeTruthy();
  expect(container.querySelector('img, b')).toBeNull();
});

test('a page that gave no fields says what could not be read', () => {
  renderPanel({
    profile: {
      ...profile,
      name: null,
      headline: null,
      company: null,
      location: null,
      missing: ['name', 'headline', 'company', 'location', 'photoUrl'],
    },
  });
  // Location and photo cannot be typed in anywhere: the hint does not promise it.
  const hint = screen.getByText(/Could not read from this page/);
  expect(hint.textContent).toBe('Could not read from this page: name, headline, and company. You can type it in.');
  expect(screen.getByRole('button', { name: 'Add to my network' })).toBeTruthy();
});

test('no hint when only the location and the photo are missing', () => {
  renderPanel({ profile: { ...profile, location: null, missing: ['location', 'photoUrl'] }, contact: contact() });
  expect(screen.queryByText(/Could not read/)).toBeNull();
});

test('headline and company the page did not give can be typed in, and are offered as fields', () => {
  const { onPatch } = renderPanel({
    profile: { ...profile, headline: null, company: null, missing: ['headline', 'company'] },
    contact: contact({ headline: '', company: '' }),
  });
  expect(screen.getByText(/Could not read from this page: headline and company\./)).toBeTruthy();
  fireEvent.input(screen.getByRole('textbox', { name: 'Company' }), { target: { value: 'Muster AG' } });
  expect(onPatch).toHaveBeenCalledWith({ company: 'Muster AG' });
});

test("shows the location and the photo from the site's own image host", () => {
  const photoUrl = 'https://media.licdn.com/dms/image/v2/D4E03AQ/profile-displayphoto-shrink_200_200/0/1?e=1&t=x';
  renderPanel({ profile: { ...profile, photoUrl, missing: [] }, contact: contact({ location: 'Köln', photoUrl }) });
  const region = screen.getByRole('region', { name: 'Kontaktpflege' });
  expect(within(region).getByText('Köln')).toBeTruthy();
  const img = region.querySelector('img');
  expect(img?.getAttribute('src')).toBe(photoUrl);
  expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
  cleanup();
  const xing = 'https://profile-images.xing.com/images/abc-1.0/erika-muster.256x256.jpg';
  renderPanel({ profile: { ...profile, photoUrl: xing, missing: [] } });
  expect(screen.getByRole('region', { name: 'Kontaktpflege' }).querySelector('img')?.getAttribute('src')).toBe(xing);
});

test.each([
  'https://evil.example/tracker.gif',
  'http://media.licdn.com/dms/image/plain-http.jpg',
  'https://media.licdn.com.evil.example/x.jpg',
  'https://evil.example/?u=https://media.licdn.com/x.jpg',
  'https://user@media.licdn.com/x.jpg',
  'javascript:alert(1)',
  'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
  'not a url',
])('loads no photo from anywhere else: %s', (photoUrl) => {
  renderPanel({ profile: { ...profile, photoUrl, missing: [] }, contact: contact({ photoUrl }) });
  expect(screen.getByRole('region', { name: 'Kontaktpflege' }).querySelector('img')).toBeNull();
});

test('collapsed, only the "Expand panel" button is left', () => {
  const { onToggleCollapsed } = renderPanel({ collapsed: true, contact: contact() });
  expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Expand panel' }));
  expect(onToggleCollapsed).toHaveBeenCalledOnce();
});

test('German UI when the locale is German', () => {
  renderWithLocale(
    <ProfilePanel
      profile={profile}
      contact={contact()}
      touches={[]}
      today="2026-11-21"
      collapsed={false}
      saveState="saved"
      problem={null}
      onToggleCollapsed={vi.fn()}
      onAdd={vi.fn()}
      onPatch={vi.fn()}
      onLogTouch={vi.fn()}
    />,
    'de',
  );
  expect(screen.getByRole('textbox', { name: 'Notizen' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Heute kontaktiert' })).toBeTruthy();
  expect(screen.getByText('Gespeichert')).toBeTruthy();
});

test('a full disk is said plainly instead of "Saved"', () => {
  renderPanel({ contact: contact(), saveState: 'diskFull' });
  expect(screen.getByText('Disk full').getAttribute('role')).toBe('status');
  expect(screen.getByRole('alert').textContent).toMatch(/Your disk is full: the change was not saved/);
  expect(screen.queryByText('Saved')).toBeNull();
});

test('a known person also gets give and take, key dates and promises, wired to the panel', () => {
  const occasions = {
    keyDates: [{ id: 'k1', kind: 'birthday' as const, label: '', day: 2, month: 12, year: null, recurrence: 'yearly' as const }],
    promises: [{ id: 'p1', direction: 'mine' as const, text: 'Send the checklist', dueDate: null, doneAt: null }],
    giveTake: { gave: 4, received: 1 },
    onAddKeyDate: vi.fn(),
    onDeleteKeyDate: vi.fn(),
    onAddPromise: vi.fn(),
    onCompletePromise: vi.fn(),
    onLogGave: vi.fn(),
  };
  renderPanel({ contact: contact(), occasions });
  expect(screen.getByRole('status', { name: 'Give and take' }).textContent).toBe(
    'You gave 4 times, received once (last 12 months).',
  );
  expect(within(screen.getByRole('list', { name: 'Key dates' })).getByRole('listitem').textContent).toContain('Birthday');
  const promise = within(screen.getByRole('list', { name: 'Open promises' })).getByRole('listitem');
  fireEvent.click(within(promise).getByRole('checkbox', { name: 'Done' }));
  expect(occasions.onCompletePromise).toHaveBeenCalledWith(occasions.promises[0]);
  fireEvent.click(screen.getByRole('button', { name: 'Log a touch: I gave' }));
  expect(occasions.onLogGave).toHaveBeenCalledWith(occasions.promises[0]);
});
