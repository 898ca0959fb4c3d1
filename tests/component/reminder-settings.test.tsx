// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { ReminderSettings } from '../../components/ReminderSettings';
import { DEFAULT_REVIEW_PREFS } from '../../storage/review-prefs';
import { renderWithLocale } from './render';

afterEach(cleanup);

test('"Reminder day" offers Off and Monday to Sunday; "Reminder time" defaults to Monday 09:00', () => {
  renderWithLocale(<ReminderSettings prefs={DEFAULT_REVIEW_PREFS} onChange={vi.fn()} />);
  const day = screen.getByRole('combobox', { name: 'Reminder day' }) as HTMLSelectElement;
  expect(
    within(day)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['Off', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  expect(day.selectedOptions[0]?.textContent).toBe('Monday');
  expect((screen.getByLabelText('Reminder time') as HTMLInputElement).value).toBe('09:00');
});

test('each change is saved at once with ISO weekday numbers; Off disables the time', async () => {
  const onChange = vi.fn(async () => undefined);
  renderWithLocale(<ReminderSettings prefs={DEFAULT_REVIEW_PREFS} onChange={onChange} />);
  fireEvent.change(screen.getByRole('combobox', { name: 'Reminder day' }), { target: { value: '7' } });
  expect(onChange).toHaveBeenLastCalledWith({ reminderDay: 7, reminderTime: '09:00' });
  fireEvent.change(screen.getByLabelText('Reminder time'), { target: { value: '17:30' } });
  expect(onChange).toHaveBeenLastCalledWith({ reminderDay: 7, reminderTime: '17:30' });
  await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reminder saved.'));
  fireEvent.change(screen.getByRole('combobox', { name: 'Reminder day' }), { target: { value: 'off' } });
  expect(onChange).toHaveBeenLastCalledWith({ reminderDay: 'off', reminderTime: '17:30' });
  expect((screen.getByLabelText('Reminder time') as HTMLInputElement).disabled).toBe(true);
});

test('German weekday names', () => {
  renderWithLocale(<ReminderSettings prefs={{ reminderDay: 3, reminderTime: '09:00' }} onChange={vi.fn()} />, 'de');
  const day = screen.getByRole('combobox', { name: 'Erinnerung am' }) as HTMLSelectElement;
  expect(day.selectedOptions[0]?.textContent).toBe('Mittwoch');
});
