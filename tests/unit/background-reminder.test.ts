/**
 * The weekly reminder in the worker: plans the alarm, shows one notification when its time passed
 * (never twice), counts from now when first switched on, and a click opens the review page.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { catalogTranslator } from '../../i18n/translate';
import { type KontaktDb, openDb } from '../../storage/db';
import { saveReviewPrefs } from '../../storage/review-prefs';
import { buildNotebook, buildOccasions } from '../support/notebook';

const fake = vi.hoisted(() => {
  const state = {
    local: {} as Record<string, unknown>,
    alarms: new Map<string, number>(),
    notifications: [] as { id: string; message: string; title: string; iconUrl: string }[],
    tabs: [] as string[],
    db: null as unknown,
    lang: 'en' as 'en' | 'de',
  };
  const browser = {
    storage: {
      local: {
        get: async (key: string) => (key in state.local ? { [key]: state.local[key] } : {}),
        set: async (items: Record<string, unknown>) => Object.assign(state.local, items),
      },
    },
    alarms: {
      create: async (name: string, info: { when: number }) => void state.alarms.set(name, info.when),
      clear: async (name: string) => state.alarms.delete(name),
    },
    notifications: {
      create: async (id: string, options: { message: string; title: string; iconUrl: string }) => {
        state.notifications.push({ id, ...options });
        return id;
      },
      clear: async () => true,
    },
    runtime: { getURL: (path: string) => `chrome-extension://test${path}` },
    tabs: { create: async ({ url }: { url: string }) => void state.tabs.push(url) },
    i18n: {
      getUILanguage: () => state.lang,
      getMessage: (key: string, subs?: string[]) => catalogTranslator(state.lang === 'de' ? de : en)(key as never, subs),
    },
  };
  return { state, browser };
});

vi.mock('wxt/browser', () => ({ browser: fake.browser }));
vi.mock('../../background/database', () => ({ workerDb: () => fake.state.db }));

const { checkReminder, onReminderClicked, rearmReminder, REMINDER_ALARM, reminderText } = await import(
  '../../background/reminder'
);

// local wall-clock instants: the worker plans in the machine's own zone
const MONDAY_10 = new Date(2026, 10, 23, 10, 0);
const LAST_MONDAY_9 = new Date(2026, 10, 16, 9, 0).getTime();
const NEXT_MONDAY_9 = new Date(2026, 10, 30, 9, 0).getTime();
let db: KontaktDb;

beforeEach(async () => {
  db = openDb(`reminder-${Math.random().toString(36).slice(2)}`, { indexedDB, IDBKeyRange });
  fake.state.db = db;
  fake.state.local = {};
  fake.state.alarms.clear();
  fake.state.notifications = [];
  fake.state.tabs = [];
  fake.state.lang = 'en';
  const { contacts, touches } = buildNotebook();
  await db.contacts.bulkPut(contacts);
  await db.touches.bulkPut(touches);
});
afterEach(() => db.close());

test('first start: nothing shown (counts from now), the alarm set for Monday 09:00', async () => {
  await checkReminder(MONDAY_10);
  expect(fake.state.notifications).toEqual([]);
  expect(fake.state.alarms.get(REMINDER_ALARM)).toBe(NEXT_MONDAY_9);
});

test('the time passed while the worker or browser was stopped: one notification, then never again', async () => {
  fake.state.local.reminderLastFiredAt = LAST_MONDAY_9;
  await checkReminder(MONDAY_10);
  // on 23 Nov 2026 the notebook has Kai, Ivo, Lea, Ada, Emil and Ben due (Ben from 19 Nov)
  expect(fake.state.notifications.map((n) => [n.id, n.message])).toEqual([['weekly-review', 'Your weekly review: 6 people due']]);
  expect(fake.state.notifications[0]?.iconUrl).toBe('chrome-extension://test/reminder-icon.png');
  await checkReminder(new Date(MONDAY_10.getTime() + 60_000));
  await checkReminder(new Date(MONDAY_10.getTime() + 3_600_000));
  expect(fake.state.notifications).toHaveLength(1);
  expect(fake.state.alarms.get(REMINDER_ALARM)).toBe(NEXT_MONDAY_9);
});

test('changing the setting counts from the change: no notification for a day before it', async () => {
  fake.state.local.reminderLastFiredAt = LAST_MONDAY_9;
  await saveReviewPrefs(db, { reminderDay: 1, reminderTime: '08:00' });
  await rearmReminder(MONDAY_10);
  expect(fake.state.notifications).toEqual([]);
  expect(fake.state.alarms.get(REMINDER_ALARM)).toBe(new Date(2026, 10, 30, 8, 0).getTime());
});

test('off: the alarm is removed and nothing is shown', async () => {
  fake.state.local.reminderLastFiredAt = LAST_MONDAY_9;
  fake.state.alarms.set(REMINDER_ALARM, NEXT_MONDAY_9);
  await saveReviewPrefs(db, { reminderDay: 'off' });
  await checkReminder(MONDAY_10);
  expect(fake.state.notifications).toEqual([]);
  expect(fake.state.alarms.has(REMINDER_ALARM)).toBe(false);
});

test('a click on the reminder opens the weekly review; other notifications are not ours', () => {
  onReminderClicked('something-else');
  expect(fake.state.tabs).toEqual([]);
  onReminderClicked('weekly-review');
  expect(fake.state.tabs).toEqual(['chrome-extension://test/options.html#review']);
});

test('the message in both languages, with plural forms', () => {
  const enT = catalogTranslator(en);
  const deT = catalogTranslator(de);
  expect(reminderText({ due: 7, occasions: 2, promises: 1 }, enT, 'en')).toBe(
    'Your weekly review: 7 people due, 2 occasions, 1 promise',
  );
  expect(reminderText({ due: 1, occasions: 0, promises: 3 }, enT, 'en')).toBe('Your weekly review: 1 person due, 3 promises');
  expect(reminderText({ due: 7, occasions: 2, promises: 1 }, deT, 'de')).toBe(
    'Ihr Wochenrückblick: 7 Kontakte fällig, 2 Anlässe und 1 Zusage',
  );
  expect(reminderText({ due: 1, occasions: 1, promises: 0 }, deT, 'de')).toBe('Ihr Wochenrückblick: 1 Kontakt fällig, 1 Anlass');
});

test('the notification counts the occasions and promises the review shows, in German when the browser is', async () => {
  const { keyDates, promises } = buildOccasions();
  await db.keyDates.bulkPut(keyDates);
  await db.promises.bulkPut(promises);
  // Mon 23 Nov 2026, occasions to 7 Dec: Fay's birthday (25 Nov), Jule's Jubiläum (2 Dec), Ada's birthday
  // (3 Dec), Hana's one-off (5 Dec); Dora's (27 Nov) is congratulated already. Promises due by then:
  // Ada's (20 Nov) only, Ben's (10 Dec) is further off
  fake.state.local.reminderLastFiredAt = LAST_MONDAY_9;
  await checkReminder(MONDAY_10);
  expect(fake.state.notifications.map((n) => n.message)).toEqual(['Your weekly review: 6 people due, 4 occasions, 1 promise']);
  fake.state.lang = 'de';
  fake.state.local.reminderLastFiredAt = LAST_MONDAY_9;
  await checkReminder(MONDAY_10);
  expect(fake.state.notifications[1]?.message).toBe('Ihr Wochenrückblick: 6 Kontakte fällig, 4 Anlässe und 1 Zusage');
});
