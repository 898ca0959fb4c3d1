// @vitest-environment jsdom
/**
 * "Help fix this page" in the panel: offered only when the page could not be read or the user corrected
 * the name; it copies the skeleton and always shows it in a read-only field.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { PageReport } from '../../components/PageReport';
import { ProfilePanel } from '../../components/ProfilePanel';
import type { PageProfile } from '../../messaging/protocol';
import { newContact } from '../../storage/rules';
import { type Contact, DEFAULT_SETTINGS } from '../../storage/types';
import { renderWithLocale } from './render';

const NOW = Date.UTC(2026, 10, 27, 10);
const read: PageProfile = {
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
const unread: PageProfile = {
  ...read,
  name: null,
  headline: null,
  company: null,
  missing: ['name', 'headline', 'company', 'photoUrl'],
};
const SKELETON = 'Kontaktpflege page report: structure only (no text, links or names)\nroot: main\n\nmain class=8';

function contactOf(profile: PageProfile, name: string): Contact {
  return { ...newContact(profile, DEFAULT_SETTINGS, NOW), name };
}

function renderPanel(profile: PageProfile, contact: Contact | null, onPageReport = vi.fn(async () => SKELETON)) {
  renderWithLocale(
    <ProfilePanel
      profile={profile}
      contact={contact}
      touches={[]}
      today="2026-11-27"
      collapsed={false}
      saveState="idle"
      problem={null}
      onToggleCollapsed={vi.fn()}
      onAdd={vi.fn()}
      onPatch={vi.fn()}
      onLogTouch={vi.fn()}
      onPageReport={onPageReport}
    />,
  );
  return onPageReport;
}

afterEach(cleanup);

const button = () => screen.queryByRole('button', { name: 'Help fix this page' });

test('offered when the name could not be read, before and after adding the person', () => {
  renderPanel(unread, null);
  expect(button()).not.toBeNull();
  cleanup();
  renderPanel(unread, contactOf(unread, 'Erika Muster'));
  expect(button()).not.toBeNull();
});

test('not offered when the page was read and the name is as read', () => {
  renderPanel(read, null);
  expect(button()).toBeNull();
  cleanup();
  renderPanel(read, contactOf(read, 'Erika Muster'));
  expect(button()).toBeNull();
});

test('offered once the user corrected the name the page gave', () => {
  renderPanel(read, contactOf(read, 'Erika Muster-Beispiel'));
  expect(button()).not.toBeNull();
});

test('a click asks for the skeleton, copies it and shows it read-only with the e-mail hint', async () => {
  const copy = vi.fn(async () => true);
  const onRequest = vi.fn(async () => SKELETON);
  renderWithLocale(<PageReport onRequest={onRequest} copy={copy} />);
  expect(screen.queryByRole('textbox', { name: 'Page structure' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Help fix this page' }));
  const field = (await screen.findByRole('textbox', { name: 'Page structure' })) as HTMLTextAreaElement;
  expect(onRequest).toHaveBeenCalledOnce();
  expect(copy).toHaveBeenCalledWith(SKELETON);
  expect(field.value).toBe(SKELETON);
  expect(field.readOnly).toBe(true);
  expect(screen.getByRole('status').textContent).toMatch(/^Copied\. Paste it into an e-mail to us/);
});

test('when copying fails, the text is there to copy by hand', async () => {
  renderWithLocale(<PageReport onRequest={async () => SKELETON} copy={async () => false} />);
  fireEvent.click(screen.getByRole('button', { name: 'Help fix this page' }));
  const field = (await screen.findByRole('textbox', { name: 'Page structure' })) as HTMLTextAreaElement;
  expect(field.value).toBe(SKELETON);
  expect(screen.getByRole('status').textContent).toMatch(/^Copy this text into an e-mail to us/);
});

test('when the page does not answer, it says so and shows no field', async () => {
  renderWithLocale(<PageReport onRequest={async () => null} copy={async () => true} />);
  fireEvent.click(screen.getByRole('button', { name: 'Help fix this page' }));
  await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/did not answer/));
  expect(screen.queryByRole('textbox', { name: 'Page structure' })).toBeNull();
});

test('German UI', async () => {
  renderWithLocale(<PageReport onRequest={async () => SKELETON} copy={async () => true} />, 'de');
  fireEvent.click(screen.getByRole('button', { name: 'Fehler beim Lesen melden' }));
  expect(await screen.findByRole('textbox', { name: 'Seitenaufbau' })).toBeTruthy();
  expect(screen.getByRole('status').textContent).toMatch(/^Kopiert\. Fügen Sie es in eine E-Mail an uns ein/);
});
