// @vitest-environment jsdom
/** The dashboard's Sync view (entrypoints/options/SyncView.tsx): the form, its refusals, and leaving. */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithLocale } from './render';

const fake = vi.hoisted(() => ({
  request: vi.fn(async (_: { origins: string[] }) => false),
  sent: [] as unknown[],
}));

vi.mock('wxt/browser', () => ({
  browser: {
    permissions: { request: fake.request },
    runtime: {
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
      sendMessage: async (m: unknown) => {
        fake.sent.push(m);
        return { ok: true };
      },
    },
  },
}));

const { hostPattern, SyncView } = await import('../../entrypoints/options/SyncView');
const { getConfig, SyncDb } = await import('../../sync/state');

beforeEach(async () => {
  fake.request.mockClear();
  fake.sent.length = 0;
  await new SyncDb().delete();
});
afterEach(cleanup);

function fill(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

function status() {
  return screen.getByRole('status', { name: 'Sync status' });
}

describe('Sync view', () => {
  it('asks for the address, user name, app password and passphrase, and says sync is not set up', async () => {
    renderWithLocale(<SyncView />);
    await waitFor(() => expect(status().textContent).toBe('Sync is not set up.'), { timeout: 10_000 });
    expect(screen.getByRole('textbox', { name: 'WebDAV address' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'User name' })).toBeTruthy();
    expect((screen.getByLabelText('App password') as HTMLInputElement).type).toBe('password');
    expect((screen.getByLabelText('Sync passphrase') as HTMLInputElement).type).toBe('password');
  });

  it('refuses an address that is not http(s) without asking for any permission', async () => {
    renderWithLocale(<SyncView />);
    await waitFor(() => screen.getByRole('button', { name: 'Connect' }), { timeout: 10_000 });
    fill('WebDAV address', 'ftp://cloud.example.de/');
    fill('User name', 'anna');
    fill('App password', 'x');
    fill('Sync passphrase', 'y');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(status().textContent).toContain('starting with https://'));
    expect(fake.request).not.toHaveBeenCalled();
  });

  it('asks for that one host only, and when the user declines, says so and sets nothing up', async () => {
    renderWithLocale(<SyncView />);
    await waitFor(() => screen.getByRole('button', { name: 'Connect' }), { timeout: 10_000 });
    fill('WebDAV address', 'https://cloud.example.de/remote.php/dav/files/anna/');
    fill('User name', 'anna');
    fill('App password', 'x');
    fill('Sync passphrase', 'y');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(status().textContent).toBe('Kontaktpflege was not allowed to reach this server.'));
    expect(fake.request).toHaveBeenCalledWith({ origins: ['https://cloud.example.de/*'] });
    expect(await getConfig(new SyncDb())).toBeUndefined();
  });

  it('"Delete the server copy" asks twice before anything is deleted', async () => {
    const db = new SyncDb();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await db.meta.put({
      k: 'config',
      v: { url: 'https://cloud.example.de/dav/', user: 'anna', password: 'x', notebookId: 'n', replicaId: 'r', key },
    });
    renderWithLocale(<SyncView />);
    const first = await screen.findByRole('button', { name: 'Delete the server copy' });
    expect(screen.getByRole('button', { name: 'Sync now' })).toBeTruthy();
    fireEvent.click(first);
    await screen.findByRole('button', { name: 'Yes, delete the server copy' });
    expect(screen.getByRole('alert').textContent).toContain('The notebook in this browser stays');
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete the server copy' }));
    await screen.findByRole('button', { name: 'Delete it for good' });
    expect(await getConfig(db)).toBeDefined();
  });
});

describe('hostPattern', () => {
  it('is the origin of the address, for http(s) only', () => {
    expect(hostPattern(' https://cloud.example.de:8443/remote.php/dav/ ')).toBe('https://cloud.example.de:8443/*');
    expect(hostPattern('javascript:alert(1)')).toBeNull();
    expect(hostPattern('cloud.example.de')).toBeNull();
  });
});
