// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { OnboardingImportSection, type OnboardingPhase } from '../../components/OnboardingImportSection';
import { OnboardingWorkflow } from '../../entrypoints/options/OnboardingWorkflow';
import { type KontaktDb, openDb } from '../../storage/db';
import type { OnboardingPlan } from '../../storage/onboarding/plan';
import { renderWithLocale } from './render';

const dir = join(__dirname, '../fixtures/imports');

afterEach(cleanup);

const PLAN: OnboardingPlan = {
  source: 'linkedin',
  newContacts: 6,
  updatedContacts: 1,
  unchangedContacts: 0,
  touchesToAdd: 6,
  keyDatesToAdd: 0,
  changes: [{ key: 'linkedin:erika', name: 'Erika Mustermann', fields: ['headline', 'connectedOn'] }],
  skipped: [{ at: 9, name: '', reason: 'empty' }],
  duplicates: [{ at: 12, firstAt: 5, name: 'Erika Mustermann' }],
  contactsToWrite: [],
  touchesToWrite: [],
  keyDatesToWrite: [],
};

function renderSection(
  phase: OnboardingPhase,
  extra: Partial<Parameters<typeof OnboardingImportSection>[0]> = {},
  lang: 'en' | 'de' = 'en',
) {
  const handlers = {
    onChooseFile: vi.fn(),
    onTier: vi.fn(),
    onLogConnected: vi.fn(),
    onConfirm: vi.fn(),
    onCancel: vi.fn(),
  };
  renderWithLocale(
    <OnboardingImportSection
      phase={phase}
      tier="none"
      logConnected={false}
      result={null}
      error={null}
      {...handlers}
      {...extra}
    />,
    lang,
  );
  return handlers;
}

test('the file input, the tier combobox (default none) and the "connected" option are labelled', () => {
  const handlers = renderSection({ kind: 'idle' });
  const input = screen.getByLabelText('Import contacts (LinkedIn export or vCard)') as HTMLInputElement;
  expect(input.type).toBe('file');
  const tier = screen.getByRole('combobox', { name: 'Tier for new contacts' }) as HTMLSelectElement;
  expect(tier.value).toBe('none');
  expect(
    within(tier)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['A contacts', 'B contacts', 'C contacts', 'None (in the notebook, no reminders)']);
  fireEvent.change(tier, { target: { value: 'B' } });
  expect(handlers.onTier).toHaveBeenCalledWith('B');
  fireEvent.click(screen.getByRole('checkbox', { name: 'Log “connected” as a first touch on the day you connected' }));
  expect(handlers.onLogConnected).toHaveBeenCalledWith(true);
  const file = new File(['x'], 'Connections.csv', { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
  expect(handlers.onChooseFile).toHaveBeenCalledWith(file);
  expect(screen.queryByRole('button', { name: 'Confirm import' })).toBeNull();
});

test('the preview says new, updated, skipped and why, duplicates, and waits for Confirm import', () => {
  const handlers = renderSection({ kind: 'preview', plan: PLAN, windows1252: false });
  expect(screen.getByRole('status').textContent).toBe(
    'LinkedIn export – contacts new: 6, updated: 1, unchanged: 0; skipped: 1; duplicates in the file: 1. Key dates: 0. “Connected” touches: 6.',
  );
  expect(within(screen.getByRole('list', { name: 'Contacts that get new details' })).getByRole('listitem').textContent).toBe(
    'Erika Mustermann: headline and connected since',
  );
  expect(within(screen.getByRole('list', { name: 'Skipped' })).getByRole('listitem').textContent).toBe(
    'Line 9: (no name) – no name and no profile link',
  );
  expect(
    within(screen.getByRole('list', { name: 'Duplicates in the file (imported once)' })).getByRole('listitem').textContent,
  ).toBe('Line 12: Erika Mustermann (as line 5)');
  fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
  expect(handlers.onConfirm).toHaveBeenCalledOnce();
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(handlers.onCancel).toHaveBeenCalledOnce();
});

test('a Windows-1252 file is said so in the preview', () => {
  renderSection({ kind: 'preview', plan: PLAN, windows1252: true });
  expect(screen.getByText(/read as Windows-1252/)).toBeTruthy();
});

test('while writing: the progress bar "Import progress" with its value, Cancel but no Confirm, inputs disabled', () => {
  const handlers = renderSection({ kind: 'writing', done: 500, total: 5000 });
  const bar = screen.getByRole('progressbar', { name: 'Import progress' }) as HTMLProgressElement;
  expect([bar.value, bar.max]).toEqual([500, 5000]);
  expect(screen.queryByRole('button', { name: 'Confirm import' })).toBeNull();
  expect((screen.getByLabelText('Import contacts (LinkedIn export or vCard)') as HTMLInputElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(handlers.onCancel).toHaveBeenCalledOnce();
});

test('German: labels and the preview in German', () => {
  renderSection({ kind: 'preview', plan: PLAN, windows1252: false }, {}, 'de');
  expect(screen.getByLabelText('Kontakte importieren (LinkedIn-Export oder vCard)')).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Kategorie für neue Kontakte' })).toBeTruthy();
  expect(screen.getByRole('status').textContent).toMatch(/^LinkedIn-Export – Kontakte neu: 6, aktualisiert: 1/);
  expect(screen.getByRole('button', { name: 'Import bestätigen' })).toBeTruthy();
});

describe('the workflow against a notebook', () => {
  let db: KontaktDb;
  let n = 0;
  beforeEach(() => {
    db = openDb(`onboarding-ui-${n++}`, { indexedDB, IDBKeyRange });
  });
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  function choose(name: string, bytes: Buffer) {
    const input = screen.getByLabelText('Import contacts (LinkedIn export or vCard)');
    fireEvent.change(input, { target: { files: [new File([Uint8Array.from(bytes)], name)] } });
  }

  test('choose → preview (nothing written) → Confirm → contacts stored with the chosen tier, dashboard reloads', async () => {
    const onImported = vi.fn(async () => {});
    renderWithLocale(<OnboardingWorkflow db={db} onImported={onImported} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Tier for new contacts' }), { target: { value: 'C' } });
    choose('Connections.csv', readFileSync(join(dir, 'linkedin-Connections.csv')));
    const status = await screen.findByRole('status', {}, { timeout: 15_000 });
    await waitFor(() => expect(status.textContent).toMatch(/^LinkedIn export – contacts new: 6,/), { timeout: 15_000 });
    expect(await db.contacts.count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm import' }));
    await waitFor(
      () => expect(screen.getByRole('status').textContent).toMatch(/^Import complete – contacts new: 6, updated: 0\./),
      { timeout: 15_000 },
    );
    expect(onImported).toHaveBeenCalledOnce();
    const stored = await db.contacts.toArray();
    expect(stored.map((c) => c.tier)).toEqual(['C', 'C', 'C', 'C', 'C', 'C']);
  });

  test('Cancel on the preview writes nothing and says so', async () => {
    renderWithLocale(<OnboardingWorkflow db={db} onImported={async () => {}} />);
    choose('contacts.vcf', readFileSync(join(dir, 'contacts.vcf')));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^vCard – contacts new: 4,/), { timeout: 15_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('status').textContent).toBe('Import cancelled. Nothing was changed.');
    expect(await db.contacts.count()).toBe(0);
  });

  test.each([
    [
      'bad/outlook-contacts.csv',
      /^This CSV is not LinkedIn’s Connections export: .*\(it starts with: First Name, Middle Name, Last Name/,
    ],
    ['bad/bank-statement.csv', /^This CSV is not LinkedIn’s Connections export/],
    ['bad/empty.csv', /^The file is empty\. Nothing was imported\.$/],
    ['bad/broken-folding.vcf', /^This vCard is damaged at “altet wurde: Umlaute äöü bleiben erhalten\.”/],
  ])('%s: its own alert, no Confirm, nothing written', async (name, message) => {
    renderWithLocale(<OnboardingWorkflow db={db} onImported={async () => {}} />);
    choose(name, readFileSync(join(dir, name)));
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert.textContent).toMatch(message);
    expect(screen.queryByRole('button', { name: 'Confirm import' })).toBeNull();
    expect(await db.contacts.count()).toBe(0);
  });

  test('a 60 MB file is refused from its size, without reading it', async () => {
    renderWithLocale(<OnboardingWorkflow db={db} onImported={async () => {}} />);
    const file = new File(['x'], 'Connections.csv');
    Object.defineProperty(file, 'size', { value: 60 * 1024 * 1024 });
    const read = vi.fn(() => Promise.reject(new Error('read')));
    Object.defineProperty(file, 'arrayBuffer', { value: read });
    fireEvent.change(screen.getByLabelText('Import contacts (LinkedIn export or vCard)'), { target: { files: [file] } });
    const alert = await screen.findByRole('alert', {}, { timeout: 15_000 });
    expect(alert.textContent).toBe('This file has 60.0 MB; a contacts export has at most 20 MB. Nothing was imported.');
    expect(read).not.toHaveBeenCalled();
  });
});
