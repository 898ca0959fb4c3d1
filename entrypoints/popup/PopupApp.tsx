import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { openReviewPage } from '../../background/reminder';
import type { ChecklistFilter } from '../../components/Checklist';
import { CHECKLIST_PAGE } from '../../components/page-sizes';
import { browserLocale, loadLocale } from '../../i18n/load';
import type { Locale, MessageKey } from '../../i18n/translate';
import { changedKeys, notifyDataChanged } from '../../messaging/client';
import {
  type Checklist as ChecklistData,
  type ChecklistRow,
  latestTouches,
  loadChecklist,
  undoAction,
} from '../../storage/checklist';
import { logTouch, snoozeContact } from '../../storage/contacts';
import { addDays, localToday } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { contactedTodayTouch } from '../../storage/rules';
import { getSettings } from '../../storage/settings';
import type { Channel, Contact, Settings } from '../../storage/types';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { PopupScreen } from './PopupScreen';
import { checklistOf, type FirstScreen } from './summary';
import { PopupOccasions } from './PopupOccasions';

const UNDO_MS = 6000;

interface Undoable {
  message: MessageKey;
  name: string;
  before: Contact;
  touchId: string | null;
}

interface Props {
  /** the one database: the popup reads it directly (a top-level extension page always has IndexedDB) */
  db: KontaktDb;
  /**
   * the worker's summary the first script painted: the first render shows exactly it, so the app takes over
   * that DOM (hydration) before reading the database
   */
  initial?: FirstScreen | null;
  /** without a summary: the first screen as the entry reads it, shown as soon as it is read */
  firstScreen?: Promise<FirstScreen>;
  /** the language the first screen was painted in */
  locale?: Locale;
}

export function PopupApp({ db, initial = null, firstScreen, locale: firstLocale }: Props) {
  const [locale, setLocale] = useState<Locale>(() => firstLocale ?? browserLocale());
  const [data, setData] = useState<ChecklistData | null>(() => (initial ? checklistOf(initial) : null));
  const [settings, setSettings] = useState<Settings>(initial?.settings ?? DEFAULT_SETTINGS);
  const [filter, setFilter] = useState<ChecklistFilter>({ tiers: [], sites: [], query: '' });
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  const [failed, setFailed] = useState(false);
  const today = localToday(new Date());
  const dataRef = useRef(data);
  dataRef.current = data;
  // The people the checklist renders: a reload reads their latest touches with the lists.
  const shownKeys = useRef<string[]>([]);
  const touchesInFlight = useRef(new Set<string>());
  // A tier filter reads only those tiers' people from `[tier+nextDueAt]` (search and site filter apply in memory).
  const tiers = useRef(filter.tiers);
  tiers.current = filter.tiers;
  const lang = useRef(locale.lang);
  lang.current = locale.lang;

  /** `first`: shows the first rows as soon as they are read, then reads everyone due. */
  const reload = useCallback(
    async (first?: Promise<[ChecklistData, Settings]>) => {
      try {
        const early = await first?.catch(() => null); // the whole read below says whether storage works
        if (early) {
          setSettings(early[1]);
          setData((current) => current ?? early[0]);
        }
        const [checklist, currentSettings] = await Promise.all([
          loadChecklist(db, today, {
            firstRows: CHECKLIST_PAGE,
            alsoTouchesOf: shownKeys.current,
            tiers: tiers.current,
            lang: lang.current,
          }),
          getSettings(db),
        ]);
        setData(checklist);
        setSettings(currentSettings);
        return currentSettings;
      } catch {
        setFailed(true);
        return null;
      }
    },
    [db, today],
  );

  /**
   * `reload` for changes: at most one read in flight and one after it, however many broadcasts arrive
   * meanwhile (an action in the popup brings its own reload and, through the worker, a broadcast). The read
   * after starts once the one in flight is done, so it sees every write announced before it began.
   */
  const inFlight = useRef<Promise<Settings | null> | null>(null);
  const readAgain = useRef(false);
  const reloadLatest = useCallback(
    (first?: Promise<[ChecklistData, Settings]>): Promise<Settings | null> => {
      if (inFlight.current) {
        readAgain.current = true;
        return inFlight.current;
      }
      const run = async () => {
        let result = await reload(first);
        while (readAgain.current) {
          readAgain.current = false;
          result = await reload();
        }
        inFlight.current = null;
        return result;
      };
      inFlight.current = run();
      return inFlight.current;
    },
    [reload],
  );

  /** Reads the latest touch of rendered people `loadChecklist` did not read it for ("Show more", a search). */
  const onRowsShown = useCallback(
    (keys: string[]) => {
      shownKeys.current = keys;
      const known = dataRef.current?.lastTouches;
      const inFlight = touchesInFlight.current;
      const wanted = keys.filter((key) => !known?.has(key) && !inFlight.has(key));
      if (wanted.length === 0) return;
      for (const key of wanted) inFlight.add(key);
      void latestTouches(db, wanted)
        .then((found) =>
          // What a reload read meanwhile is newer: it wins.
          setData((list) => list && { ...list, lastTouches: new Map([...found, ...list.lastTouches]) }),
        )
        .catch(() => undefined) // the rows just do not say how the person was last touched
        .finally(() => {
          for (const key of wanted) inFlight.delete(key);
        });
    },
    [db],
  );

  // A layout effect runs as soon as the popup is mounted; a plain effect would wait for the next frame,
  // and the first rows may be read by then.
  useLayoutEffect(() => {
    // Ask the browser not to evict the notebook under storage pressure (only a top-level page can ask).
    void navigator.storage?.persist?.();
    const firstPaint = firstScreen?.then((s): [ChecklistData, Settings] => [checklistOf(s), s.settings]);
    void reloadLatest(firstPaint).then((loaded) => {
      if (loaded && loaded.language !== 'auto') void loadLocale(loaded.language).then(setLocale);
    });
    const onMessage = (message: unknown) => {
      // Anyone's change can move people onto or off the lists.
      if (changedKeys(message) !== undefined) void reloadLatest();
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, [reloadLatest, firstScreen]);

  const tierKey = filter.tiers.join();
  const loadedTiers = useRef(tierKey);
  useEffect(() => {
    if (tierKey === loadedTiers.current) return;
    loadedTiers.current = tierKey;
    void reloadLatest();
  }, [tierKey, reloadLatest]);

  useEffect(() => {
    if (!undoable) return;
    const timer = setTimeout(() => setUndoable(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [undoable]);

  /** Drops the row at once, writes, then re-reads; the badge and every open panel follow through the worker. */
  const act = async (row: ChecklistRow, message: MessageKey, write: () => Promise<string | null>) => {
    setData(
      (current) =>
        current && {
          ...current,
          due: current.due.filter((contact) => contact.key !== row.contact.key),
          upcoming: current.upcoming.filter((contact) => contact.key !== row.contact.key),
          // first rows only: the index-counted totals drop with the row too
          ...(current.totals && {
            totals: {
              due: current.totals.due - (current.due.some((c) => c.key === row.contact.key) ? 1 : 0),
              upcoming: current.totals.upcoming - (current.upcoming.some((c) => c.key === row.contact.key) ? 1 : 0),
            },
          }),
        },
    );
    const touchId = await write();
    notifyDataChanged({ keys: [row.contact.key] });
    setUndoable({ message, name: row.contact.name || row.contact.key, before: row.contact, touchId });
    await reloadLatest();
  };

  const onContacted = (row: ChecklistRow, channel: Channel) =>
    void act(row, 'undoContacted', async () => {
      const { touch } = await logTouch(db, row.contact.key, contactedTodayTouch(row.contact, today, channel), Date.now());
      return touch.id;
    });

  const onSnooze = (row: ChecklistRow, days: number) =>
    void act(row, 'undoSnoozed', async () => {
      await snoozeContact(db, row.contact.key, addDays(today, days), Date.now());
      return null;
    });

  const onUndo = async () => {
    if (!undoable) return;
    setUndoable(null);
    await undoAction(db, undoable.before, undoable.touchId);
    notifyDataChanged({ keys: [undoable.before.key] });
    await reloadLatest();
  };

  const onOpenDetails = (row: ChecklistRow) =>
    void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#contact=${encodeURIComponent(row.contact.key)}`) });

  return (
    <PopupScreen
      locale={locale}
      today={today}
      filter={filter}
      onFilter={setFilter}
      onOpenDashboard={() => void browser.runtime.openOptionsPage()}
      onOpenWho={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#who') })}
      onOpenReview={openReviewPage}
      failed={failed}
      sections={<PopupOccasions db={db} today={today} initial={initial} first={firstScreen} />}
      data={data}
      settings={settings}
      onContacted={onContacted}
      onSnooze={onSnooze}
      onOpenDetails={onOpenDetails}
      onRowsShown={onRowsShown}
      undo={undoable && { message: undoable.message, name: undoable.name, onUndo: () => void onUndo() }}
    />
  );
}
