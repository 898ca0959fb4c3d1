/** The dashboard follows a change by replacing only the rows of the contacts that changed. */
import { describe, expect, it, vi } from 'vitest';
import type { ContactRow } from '../../components/ContactsTable';
import { newContact } from '../../storage/rules';
import { DEFAULT_SETTINGS } from '../../storage/types';

vi.mock('wxt/browser', () => ({ browser: {} }));
const { applyChangedRows } = await import('../../entrypoints/options/DashboardApp');

const NOW = Date.UTC(2026, 10, 21, 10);
function row(slug: string, name: string, touchCount = 0): ContactRow {
  const contact = newContact(
    { key: `linkedin:${slug}`, site: 'linkedin', profileUrl: `https://www.linkedin.com/in/${slug}/`, name },
    DEFAULT_SETTINGS,
    NOW,
  );
  return { contact, touchCount };
}

describe('applyChangedRows', () => {
  const anna = row('anna', 'Anna Arendt');
  const bruno = row('bruno', 'Bruno Berg', 2);
  const clara = row('clara', 'Clara Chen');

  it('replaces the changed row and keeps every other row object as it was', () => {
    const renamed = { ...bruno, contact: { ...bruno.contact, notes: 'new note' }, touchCount: 3 };
    const next = applyChangedRows([anna, bruno, clara], [{ key: bruno.contact.key, row: renamed }]);
    expect(next).toEqual([anna, renamed, clara]);
    expect(next[0]).toBe(anna);
    expect(next[2]).toBe(clara);
  });

  it('adds a new contact and drops one that is no longer stored', () => {
    const next = applyChangedRows(
      [anna, bruno],
      [
        { key: clara.contact.key, row: clara },
        { key: anna.contact.key, row: null },
      ],
    );
    expect(next).toEqual([bruno, clara]);
  });

  it('a change addressed by an alias replaces the row stored under the real key', () => {
    const updated = { ...anna, contact: { ...anna.contact, tier: 'A' as const } };
    const next = applyChangedRows([anna, bruno], [{ key: 'linkedin:id:ACoAAanna', row: updated }]);
    expect(next).toEqual([updated, bruno]);
  });

  it('a contact that was not listed and is not stored changes nothing', () => {
    expect(applyChangedRows([anna], [{ key: 'linkedin:nobody', row: null }])).toEqual([anna]);
  });
});
