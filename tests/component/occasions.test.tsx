// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { GiveTake } from '../../components/GiveTake';
import { GiveTakeLists } from '../../components/GiveTakeLists';
import { KeyDates } from '../../components/KeyDates';
import type { KeyDateItem, PromiseItem } from '../../storage/types';
import { OccasionSettings, type OccasionSettingsValue } from '../../components/OccasionSettings';
import { type OccasionRow, OccasionsSection } from '../../components/OccasionsSection';
import { Promises } from '../../components/Promises';
import { type PromiseDueRow, PromisesDueSection } from '../../components/PromisesDueSection';
import { MAX_LEAD_DAYS, validateSettings } from '../../storage/settings';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { renderWithLocale } from './render';

const TODAY = '2026-11-27';

afterEach(cleanup);

function renderKeyDates(keyDates: KeyDateItem[] = [], lang: 'en' | 'de' = 'en') {
  const handlers = { onAdd: vi.fn(), onDelete: vi.fn() };
  renderWithLocale(<KeyDates keyDates={keyDates} today={TODAY} {...handlers} />, lang);
  return handlers;
}

function fillKeyDate(fields: { occasion?: string; label?: string; day?: string; month?: string; year?: string }) {
  fireEvent.click(screen.getByRole('button', { name: 'Add key date' }));
  if (fields.occasion) {
    fireEvent.change(screen.getByRole('combobox', { name: 'Occasion' }), { target: { value: fields.occasion } });
  }
  if (fields.label !== undefined)
    fireEvent.input(screen.getByRole('textbox', { name: 'Label' }), { target: { value: fields.label } });
  if (fields.day !== undefined)
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Day' }), { target: { value: fields.day } });
  if (fields.month !== undefined)
    fireEvent.change(screen.getByRole('combobox', { name: 'Month' }), { target: { value: fields.month } });
  if (fields.year !== undefined)
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Year' }), { target: { value: fields.year } });
}

/** The message a field points at through aria-describedby, which must also mark the field invalid. */
function messageOf(field: HTMLElement): string {
  expect(field.getAttribute('aria-invalid')).toBe('true');
  const ids = (field.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');
}

describe('key-date form', () => {
  test('31 April is refused with a message tied to the Day field, and nothing is saved', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ day: '31', month: '4' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Day' }))).toBe('April has no day 31.');
    expect(screen.getByRole('alert').textContent).toBe('April has no day 31.');
  });

  test('the German message for 31 April names the month in German', () => {
    renderKeyDates([], 'de');
    fireEvent.click(screen.getByRole('button', { name: 'Anlass hinzufügen' }));
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Tag' }), { target: { value: '31' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Monat' }), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Anlass speichern' }));
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Tag' }))).toBe('Den 31. April gibt es nicht.');
  });

  test('a day out of range (0 or 32) asks for 1 to 31', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ day: '32', month: '1' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Day' }))).toBe('Enter a day from 1 to 31.');
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Day' }), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Day' }))).toBe('Enter a day from 1 to 31.');
    expect(onAdd).not.toHaveBeenCalled();
  });

  test('29 February needs a leap year when the year is given, and is fine without one', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ day: '29', month: '2', year: '1977' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Day' }))).toBe('February has no day 29.');
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Year' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(onAdd).toHaveBeenCalledWith({ kind: 'birthday', label: '', day: 29, month: 2, year: null, recurrence: 'yearly' });
  });

  test('a birthday after today is refused at the Year field', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ day: '28', month: '11', year: '2026' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(messageOf(screen.getByRole('spinbutton', { name: 'Year' }))).toBe(
      'A birthday cannot lie in the future. | optional: without a year no age is shown',
    );
    expect(screen.getByRole('spinbutton', { name: 'Day' }).getAttribute('aria-invalid')).toBeNull();
  });

  test('a birthday with day, month and year is saved as yearly and the form closes', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ day: '2', month: '12', year: '1976' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(onAdd).toHaveBeenCalledWith({ kind: 'birthday', label: '', day: 2, month: 12, year: 1976, recurrence: 'yearly' });
    expect(screen.queryByRole('button', { name: 'Save key date' })).toBeNull();
  });

  test('"Other" needs a label and may be a one-off date', () => {
    const { onAdd } = renderKeyDates();
    fillKeyDate({ occasion: 'other', day: '3', month: '8' });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Label' }))).toContain('Say what the occasion is.');
    fireEvent.input(screen.getByRole('textbox', { name: 'Label' }), { target: { value: '  Einschulung Lena ' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Repeats' }), { target: { value: 'once' } });
    fireEvent.input(screen.getByRole('spinbutton', { name: 'Year' }), { target: { value: '2027' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save key date' }));
    expect(onAdd).toHaveBeenCalledWith({
      kind: 'other',
      label: 'Einschulung Lena',
      day: 3,
      month: 8,
      year: 2027,
      recurrence: 'once',
    });
  });

  test('the occasion and month pickers offer exactly the contract options', () => {
    renderKeyDates();
    fireEvent.click(screen.getByRole('button', { name: 'Add key date' }));
    const options = (name: string) =>
      within(screen.getByRole('combobox', { name }))
        .getAllByRole('option')
        .map((option) => option.textContent);
    expect(options('Occasion')).toEqual(['Birthday', 'Work anniversary', 'Other']);
    expect(options('Month')).toHaveLength(12);
    expect(options('Month')[0]).toBe('January');
    expect(options('Month')[11]).toBe('December');
    // yearly vs once only matters for own occasions
    expect(screen.queryByRole('combobox', { name: 'Repeats' })).toBeNull();
  });

  test('the list shows each key date with its label and date, and deletes one', () => {
    const dates: KeyDateItem[] = [
      { id: 'k2', kind: 'anniversary', label: 'Nordlicht AG', day: 1, month: 4, year: 2001, recurrence: 'yearly' },
      { id: 'k1', kind: 'birthday', label: '', day: 2, month: 12, year: null, recurrence: 'yearly' },
    ];
    const { onDelete } = renderKeyDates(dates);
    const items = within(screen.getByRole('list', { name: 'Key dates' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent?.replace(/Delete$/, ''))).toEqual([
      'Work anniversary · Nordlicht AG April 1, 2001',
      'Birthday December 2',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete key date Birthday' }));
    expect(onDelete).toHaveBeenCalledWith(dates[1]);
  });
});

describe('promises', () => {
  const mine: PromiseItem = {
    id: 'p1',
    direction: 'mine',
    text: 'Send the travel-expense checklist',
    dueDate: '2026-12-01',
    doneAt: null,
  };
  const theirs: PromiseItem = {
    id: 'p2',
    direction: 'theirs',
    text: 'Introduce me to the IHK contact',
    dueDate: null,
    doneAt: null,
  };

  function renderPromises(promises: PromiseItem[] = [mine, theirs]) {
    const handlers = { onAdd: vi.fn(), onDone: vi.fn(), onLogGave: vi.fn() };
    renderWithLocale(<Promises promises={promises} {...handlers} />);
    return handlers;
  }

  test('an empty or blank promise is refused with a message tied to the Promise field', () => {
    const { onAdd } = renderPromises([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add promise' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save promise' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Promise' }))).toBe('Write down what was promised.');
    fireEvent.input(screen.getByRole('textbox', { name: 'Promise' }), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save promise' }));
    expect(messageOf(screen.getByRole('textbox', { name: 'Promise' }))).toBe('Write down what was promised.');
    expect(onAdd).not.toHaveBeenCalled();
  });

  test('saves who promised, the trimmed text and the optional due date', () => {
    const { onAdd } = renderPromises([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add promise' }));
    const who = screen.getByRole('radiogroup', { name: 'Who promised' });
    expect((within(who).getByRole('radio', { name: 'I promised' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(who).getByRole('radio', { name: 'They promised' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Promise' }), { target: { value: ' Intro to IHK ' } });
    fireEvent.change(screen.getByLabelText('Promise due'), { target: { value: '2026-12-04' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save promise' }));
    expect(onAdd).toHaveBeenCalledWith({ direction: 'theirs', text: 'Intro to IHK', dueDate: '2026-12-04' });
  });

  test('ticking my promise done offers, but does not log, a touch marked "gave"', () => {
    const { onDone, onLogGave } = renderPromises();
    const list = screen.getByRole('list', { name: 'Open promises' });
    const row = within(list).getAllByRole('listitem')[0] as HTMLElement;
    expect(row.textContent).toContain('I promised: Send the travel-expense checklist');
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledWith(mine);
    expect(onLogGave).not.toHaveBeenCalled();
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Log a touch: I gave' }));
    expect(onLogGave).toHaveBeenCalledWith(mine);
    expect(screen.queryByRole('button', { name: 'Log a touch: I gave' })).toBeNull();
  });

  test('ticking their promise done offers no touch', () => {
    const { onDone } = renderPromises();
    const row = within(screen.getByRole('list', { name: 'Open promises' })).getAllByRole('listitem')[1] as HTMLElement;
    fireEvent.click(within(row).getByRole('checkbox', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledWith(theirs);
    expect(screen.queryByRole('button', { name: 'Log a touch: I gave' })).toBeNull();
  });
});

describe('give and take', () => {
  test('says the balance in words, in English and German', () => {
    renderWithLocale(<GiveTake gave={4} received={1} />);
    expect(screen.getByRole('status', { name: 'Give and take' }).textContent).toBe(
      'You gave 4 times, received once (last 12 months).',
    );
    cleanup();
    renderWithLocale(<GiveTake gave={1} received={0} />, 'de');
    expect(screen.getByRole('status', { name: 'Geben und Nehmen' }).textContent).toBe(
      'Sie haben einmal gegeben und nichts erhalten (letzte 12 Monate).',
    );
  });

  test('says so when nothing went either way', () => {
    renderWithLocale(<GiveTake gave={0} received={0} />);
    expect(screen.getByRole('status', { name: 'Give and take' }).textContent).toBe(
      'Nothing given or received in the last 12 months.',
    );
  });
});

describe('popup sections', () => {
  const occasions: OccasionRow[] = [
    {
      id: 'a',
      contactKey: 'linkedin:erika',
      name: 'Erika Muster',
      kind: 'birthday',
      label: '',
      date: '2026-11-27',
      daysAway: 0,
      years: 50,
      round: false,
    },
    {
      id: 'b',
      contactKey: 'linkedin:jan',
      name: 'Jan Nord',
      kind: 'anniversary',
      label: 'Nordlicht AG',
      date: '2026-12-02',
      daysAway: 5,
      years: 25,
      round: true,
    },
    {
      id: 'c',
      contactKey: 'xing:Lena',
      name: 'Lena Ost',
      kind: 'birthday',
      label: '',
      date: '2026-12-03',
      daysAway: 6,
      years: null,
      round: false,
    },
  ];

  test('"Occasions" lists person, occasion, when in words and age or years where known; round ones are marked', () => {
    const onCongratulated = vi.fn();
    renderWithLocale(<OccasionsSection rows={occasions} onCongratulated={onCongratulated} />);
    const items = within(screen.getByRole('list', { name: 'Occasions' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Erika Mustertoday · November 27Birthday · turns 50Congratulated',
      'Jan Nordin 5 days · December 2Work anniversary · 25 years at Nordlicht AG · round anniversaryCongratulated',
      'Lena Ostin 6 days · December 3BirthdayCongratulated',
    ]);
    fireEvent.click(within(items[1] as HTMLElement).getByRole('button', { name: 'Congratulated' }));
    expect(onCongratulated).toHaveBeenCalledWith(occasions[1]);
  });

  test('"Occasions" in German', () => {
    renderWithLocale(<OccasionsSection rows={occasions.slice(1, 2)} onCongratulated={vi.fn()} />, 'de');
    const item = within(screen.getByRole('list', { name: 'Anlässe' })).getByRole('listitem');
    expect(item.textContent).toBe(
      'Jan Nordin 5 Tagen · 2. DezemberJubiläum · 25 Jahre bei Nordlicht AG · rundes JubiläumGratuliert',
    );
  });

  test('a long "Occasions" list renders its first 10 rows, the count, and "Show more"', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...(occasions[2] as OccasionRow), id: `o${i}`, name: `Person ${i}` }));
    renderWithLocale(<OccasionsSection rows={many} onCongratulated={vi.fn()} />);
    const list = screen.getByRole('list', { name: 'Occasions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    expect(screen.getByText('12')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show 2 more' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(12);
    expect(screen.queryByRole('button', { name: /Show/ })).toBeNull();
  });

  test('no occasions: no section', () => {
    renderWithLocale(<OccasionsSection rows={[]} onCongratulated={vi.fn()} />);
    expect(screen.queryByRole('list', { name: 'Occasions' })).toBeNull();
  });

  test('"Promises due" lists person, who promised and the text, with "Done"', () => {
    const rows: PromiseDueRow[] = [
      {
        id: 'p1',
        contactKey: 'linkedin:erika',
        name: 'Erika Muster',
        direction: 'mine',
        text: 'Send the checklist',
        dueDate: '2026-11-24',
        daysAway: -3,
      },
      {
        id: 'p2',
        contactKey: 'linkedin:jan',
        name: 'Jan Nord',
        direction: 'theirs',
        text: 'Intro to IHK',
        dueDate: '2026-11-27',
        daysAway: 0,
      },
    ];
    const onDone = vi.fn();
    renderWithLocale(<PromisesDueSection rows={rows} onDone={onDone} />);
    const items = within(screen.getByRole('list', { name: 'Promises due' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Erika Muster3 days overdueI promised: Send the checklistDone',
      'Jan Norddue todayThey promised: Intro to IHKDone',
    ]);
    fireEvent.click(within(items[0] as HTMLElement).getByRole('button', { name: 'Done' }));
    expect(onDone).toHaveBeenCalledWith(rows[0]);
  });
});

describe('dashboard pieces', () => {
  const value: OccasionSettingsValue = { leadDays: { A: 7, B: 3, C: 0 }, feb29: 'mar1', icsFollowUps: false };

  test('occasion settings save lead days per tier (0 allowed), the 29 February choice and the calendar follow-ups', async () => {
    const onSave = vi.fn(async () => undefined);
    renderWithLocale(<OccasionSettings value={value} onSave={onSave} />);
    fireEvent.input(screen.getByRole('spinbutton', { name: 'B contacts: show occasions (days ahead)' }), {
      target: { value: '5' },
    });
    fireEvent.change(screen.getByRole('combobox', { name: '29 February in other years' }), { target: { value: 'feb28' } });
    fireEvent.click(screen.getByRole('checkbox', { name: "Include A contacts' follow-ups in the calendar" }));
    fireEvent.click(screen.getByRole('button', { name: 'Save occasion settings' }));
    await screen.findByRole('status');
    expect(onSave).toHaveBeenCalledWith({ leadDays: { A: 7, B: 5, C: 0 }, feb29: 'feb28', icsFollowUps: true });
  });

  test('occasion settings refuse a negative or fractional lead time', async () => {
    const onSave = vi.fn(async () => undefined);
    renderWithLocale(<OccasionSettings value={value} onSave={onSave} />);
    fireEvent.input(screen.getByRole('spinbutton', { name: 'A contacts: show occasions (days ahead)' }), {
      target: { value: '-1' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save occasion settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Please enter whole numbers from 0 to 365.');
    fireEvent.input(screen.getByRole('spinbutton', { name: 'A contacts: show occasions (days ahead)' }), {
      target: { value: '2.5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save occasion settings' }));
    expect(onSave).not.toHaveBeenCalled();
  });

  test('occasion settings allow the lead times the stored settings allow, and no more', async () => {
    const onSave = vi.fn(async (v: OccasionSettingsValue) => {
      validateSettings({ ...DEFAULT_SETTINGS, ...v });
    });
    renderWithLocale(<OccasionSettings value={value} onSave={onSave} />);
    const lead = screen.getByRole('spinbutton', { name: 'A contacts: show occasions (days ahead)' });
    fireEvent.input(lead, { target: { value: String(MAX_LEAD_DAYS + 1) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save occasion settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe(`Please enter whole numbers from 0 to ${MAX_LEAD_DAYS}.`);
    expect(() => validateSettings({ ...DEFAULT_SETTINGS, leadDays: { A: MAX_LEAD_DAYS + 1, B: 3, C: 0 } })).toThrow();
    fireEvent.input(lead, { target: { value: String(MAX_LEAD_DAYS) } });
    fireEvent.click(screen.getByRole('button', { name: 'Save occasion settings' }));
    expect((await screen.findByRole('status')).textContent).toBe('Settings saved. Due dates were updated.');
    expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ leadDays: { A: MAX_LEAD_DAYS, B: 3, C: 0 } }));
  });

  test('who only received and who only gave are listed by name and open the contact', () => {
    const onOpen = vi.fn();
    renderWithLocale(<GiveTakeLists takers={[{ key: 'linkedin:erika', name: 'Erika Muster' }]} givers={[]} onOpen={onOpen} />);
    const received = screen.getByRole('list', { name: 'Only received in the last 12 months' });
    fireEvent.click(within(received).getByRole('link', { name: 'Erika Muster' }));
    expect(onOpen).toHaveBeenCalledWith('linkedin:erika');
    expect(screen.queryByRole('list', { name: 'Only gave in the last 12 months' })).toBeNull();
    expect(screen.getByText('Nobody.')).toBeTruthy();
  });
});
