import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ContactDetail } from '../../components/ContactDetail';
import type { ContactOccasionsProps } from '../../components/ContactOccasions';
import { GiveTakeLists } from '../../components/GiveTakeLists';
import { OccasionSettings } from '../../components/OccasionSettings';
import { type ContactRow, ContactsTable, filterRows, type TableFilter } from '../../components/ContactsTable';
import { rearmReminder } from '../../background/reminder';
import { MergeContact } from '../../components/MergeContact';
import { SettingsForm } from '../../components/SettingsForm';
import { WhoDoIKnow } from '../../components/WhoDoIKnow';
import { LocaleContext } from '../../i18n/context';
import { formatCount, formatDay } from '../../i18n/formatters';
import { browserLocale, loadLocale } from '../../i18n/load';
import type { Locale, MessageKey } from '../../i18n/translate';
import { patchMovesDue } from '../../messaging/changes';
import { changedKeys, notifyDataChanged } from '../../messaging/client';
import type { TouchInput } from '../../messaging/protocol';
import {
  allContacts,
  deleteTouch,
  getContact,
  listTouches,
  logTouch,
  touchCounts,
  updateContact,
  updateTouch,
} from '../../storage/contacts';
import { compareNames } from '../../storage/collation';
import { localToday } from '../../storage/dates';
import { openDb } from '../../storage/db';
import { readGiveTake, readGiveTakeAll } from '../../storage/give-take';
import { addKeyDate, deleteKeyDate, listKeyDates } from '../../storage/key-dates';
import { addPromise, completePromise, listPromises } from '../../storage/promises';
import { mergeContactsInDb, mergeMoves } from '../../storage/merge';
import { getSettings, saveSettings } from '../../storage/settings';
import type { Contact, ContactPatch, Settings, SiteId, Tier, Touch } from '../../storage/types';
import { DEFAULT_SETTINGS } from '../../storage/types';
import { describeWriteError } from './backup-io';
import { BackupWorkflow } from './BackupWorkflow';
import { OnboardingWorkflow } from './OnboardingWorkflow';
import { LazyInsightsView as InsightsView } from './LazyInsights';
import { ReminderSettingsView } from './ReminderWorkflow';
import { ReviewView } from './ReviewWorkflow';
import { SyncView } from './SyncView';

/**
 * One page: the contacts table, settings and backup; `#contact=<key>` shows one contact instead, and a
 * view of its own (`#review`, …) replaces the page.
 */
type View = { kind: 'contacts' } | { kind: 'contact'; key: string } | { kind: OwnView };

/** Views that are a page of their own, opened by `#<name>` (the popup and the reminder open `#review`). */
const OWN_VIEWS = ['review', 'insights', 'who'] as const;
type OwnView = (typeof OWN_VIEWS)[number];

function viewFromHash(hash: string): View {
  const bare = hash.replace(/^#/, '');
  const own = OWN_VIEWS.find((name) => name === bare);
  if (own) return { kind: own };
  const key = new URLSearchParams(bare).get('contact');
  return key ? { kind: 'contact', key } : { kind: 'contacts' };
}

/**
 * The review and insights read what they need themselves; the contacts table's full read (every contact,
 * every touch for the give-and-take lists) waits until a view that shows it is opened.
 */
const needsTable = (view: View) => view.kind !== 'review' && view.kind !== 'insights';

function go(hash: string): void {
  location.hash = hash;
}

const openContact = (key: string) => go(`contact=${encodeURIComponent(key)}`);

/** Key dates, open promises and give-and-take of the contact shown in detail. */
type DetailOccasions = Pick<ContactOccasionsProps, 'keyDates' | 'promises' | 'giveTake'>;

/** A contact re-read after a change: its new row, or null when it is no longer stored. */
export interface ChangedRow {
  key: string;
  row: ContactRow | null;
}

/** The table's rows with the changed ones replaced, added or dropped; every other row object stays as it was. */
export function applyChangedRows(rows: readonly ContactRow[], changes: readonly ChangedRow[]): ContactRow[] {
  let next = [...rows];
  for (const { key, row } of changes) {
    const stored = row?.contact.key ?? key;
    const at = next.findIndex(({ contact }) => contact.key === stored || contact.key === key);
    if (!row) next = next.filter((_, i) => i !== at);
    else if (at >= 0) next[at] = row;
    else next.push(row);
  }
  return next;
}

/** The dashboard is a top-level extension page, so it reads and writes the database directly. */
export function DashboardApp() {
  const [db] = useState(openDb);
  const [locale, setLocale] = useState<Locale>(browserLocale);
  const [view, setView] = useState<View>(() => viewFromHash(location.hash));
  const [rows, setRows] = useState<ContactRow[] | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [filter, setFilter] = useState<TableFilter>({ tier: 'all', site: 'all', query: '' });
  const [detail, setDetail] = useState<{ contact: Contact; touches: Touch[]; occasions: DetailOccasions } | null>(null);
  const [oneSided, setOneSided] = useState<{ takers: Contact[]; givers: Contact[] } | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const today = localToday(new Date());
  const { t } = locale;

  const reload = useCallback(async () => {
    try {
      const [contacts, counts, current, sided] = await Promise.all([
        allContacts(db),
        touchCounts(db),
        getSettings(db),
        readGiveTakeAll(db, localToday(new Date())),
      ]);
      setRows(contacts.map((contact) => ({ contact, touchCount: counts.get(contact.key) ?? 0 })));
      setSettings(current);
      const byKey = new Map(contacts.map((c) => [c.key, c]));
      const byName = compareNames(locale.lang);
      const named = (keys: string[]) => keys.flatMap((k) => byKey.get(k) ?? []).sort((a, b) => byName(a.name, b.name));
      setOneSided({ takers: named(sided.takers), givers: named(sided.givers) });
      return current;
    } catch {
      setProblem('storageUnavailable');
      return null;
    }
  }, [db, locale.lang]);

  /** Re-reads only the changed contacts: a change to one person costs one row, not the whole notebook. */
  const reloadRows = useCallback(
    async (keys: string[]) => {
      try {
        const changes = await Promise.all(
          keys.map(async (key): Promise<ChangedRow> => {
            const contact = await getContact(db, key);
            return { key, row: contact ? { contact, touchCount: (await listTouches(db, contact.key)).length } : null };
          }),
        );
        setRows((current) => current && applyChangedRows(current, changes));
      } catch {
        setProblem('storageUnavailable');
      }
    },
    [db],
  );

  const reloadDetail = useCallback(
    async (key: string) => {
      const contact = await getContact(db, key);
      if (!contact) return setDetail(null);
      const [touches, keyDates, promises, giveTake] = await Promise.all([
        listTouches(db, contact.key),
        listKeyDates(db, contact.key),
        listPromises(db, contact.key),
        readGiveTake(db, contact.key, localToday(new Date())),
      ]);
      const open = promises.filter((p) => p.doneAt === null);
      setDetail({ contact, touches, occasions: { keyDates, promises: open, giveTake } });
    },
    [db],
  );

  const shownDetail = useRef<string[]>([]);
  shownDetail.current = view.kind === 'contact' ? [view.key, ...(detail ? [detail.contact.key] : [])] : [];

  /** After a change made here or anywhere else (`keys` null: any contact): the table and the open contact follow. */
  const refreshContacts = useCallback(
    async (keys: string[] | null) => {
      await (keys === null ? reload() : reloadRows(keys));
      const open = shownDetail.current[0];
      if (open !== undefined && (keys === null || shownDetail.current.some((key) => keys.includes(key)))) {
        await reloadDetail(open);
      }
    },
    [reload, reloadRows, reloadDetail],
  );

  useEffect(() => {
    // Ask the browser not to evict the notebook under storage pressure (only a top-level page can ask).
    void navigator.storage?.persist?.();
    let tableRead = needsTable(viewFromHash(location.hash));
    void (tableRead ? reload() : getSettings(db)).then((loaded) => {
      if (loaded && loaded.language !== 'auto') void loadLocale(loaded.language).then(setLocale);
    });
    const onHash = () => {
      const next = viewFromHash(location.hash);
      setView(next);
      if (!tableRead && needsTable(next)) {
        tableRead = true;
        void reload();
      }
    };
    const onMessage = (message: unknown) => {
      const keys = changedKeys(message);
      if (keys !== undefined) void refreshContacts(keys);
    };
    window.addEventListener('hashchange', onHash);
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      window.removeEventListener('hashchange', onHash);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [db, reload, refreshContacts]);

  useEffect(() => {
    if (view.kind === 'contact') void reloadDetail(view.key);
  }, [view, reloadDetail]);

  useEffect(() => {
    document.title = t('dashboardTitle');
  }, [t]);

  /** `key` absent: any contact may have changed (settings, an import). */
  const afterWrite = useCallback(
    async (key?: string, dueChanged = true) => {
      notifyDataChanged(key === undefined ? { dueChanged } : { keys: [key], dueChanged });
      await refreshContacts(key === undefined ? null : [key]);
    },
    [refreshContacts],
  );
  const afterImport = useCallback(() => afterWrite(), [afterWrite]);

  const guarded = async (work: () => Promise<void>) => {
    try {
      setProblem(null);
      await work();
    } catch (error) {
      setProblem(describeWriteError(error));
    }
  };

  const onPatch = (key: string, patch: ContactPatch) =>
    void guarded(async () => {
      if (detail) setDetail({ ...detail, contact: { ...detail.contact, ...patch } });
      await updateContact(db, key, patch, Date.now());
      await afterWrite(key, patchMovesDue(patch));
    });

  const onLogTouch = (key: string, touch: TouchInput) =>
    void guarded(async () => {
      await logTouch(db, key, touch, Date.now());
      await afterWrite(key);
    });

  const onUpdateTouch = (key: string, touch: Touch, patch: TouchInput) =>
    void guarded(async () => {
      await updateTouch(db, touch.id, patch, Date.now());
      await afterWrite(key);
    });

  const onDeleteTouch = (key: string, touch: Touch) => {
    if (!window.confirm(t('confirmDeleteTouch', formatDay(touch.date, locale.lang)))) return;
    void guarded(async () => {
      await deleteTouch(db, touch.id);
      await afterWrite(key);
    });
  };

  const occasionsOf = (key: string, shown: DetailOccasions, preferred: Contact['preferredChannel']): ContactOccasionsProps => ({
    ...shown,
    onAddKeyDate: (input) =>
      void guarded(async () => {
        await addKeyDate(db, key, input, today, Date.now());
        await afterWrite(key);
      }),
    onDeleteKeyDate: (item) =>
      void guarded(async () => {
        await deleteKeyDate(db, item.id, Date.now());
        await afterWrite(key);
      }),
    onAddPromise: (input) =>
      void guarded(async () => {
        await addPromise(db, key, input, Date.now());
        await afterWrite(key);
      }),
    onCompletePromise: (item) =>
      void guarded(async () => {
        await completePromise(db, item.id, Date.now());
        await afterWrite(key);
      }),
    onLogGave: (item) => onLogTouch(key, { date: today, channel: preferred || 'message', direction: 'gave', note: item.text }),
  });
  /** Issue 10: the other contact merged into the one shown; panel and popup follow the broadcast. */
  const onMerge = (key: string, otherKey: string) =>
    guarded(async () => {
      await mergeContactsInDb(db, key, otherKey, today, Date.now());
      notifyDataChanged({ keys: [key, otherKey], dueChanged: true });
      await refreshContacts(null);
      await reloadDetail(key);
    });

  const onSaveSettings = async (next: Settings) => {
    await saveSettings(db, next, Date.now());
    if (next.language !== settings.language) setLocale(await loadLocale(next.language));
    await afterWrite();
  };

  const shown = useMemo(() => (rows ? filterRows(rows, filter) : []), [rows, filter]);
  // The table renders again only when its rows (data, filter) or the day change: not on a saved setting,
  // an error message or a backup in progress.
  const table = useMemo(() => <ContactsTable rows={shown} today={today} onOpen={openContact} />, [shown, today]);
  const navItem = (target: string, label: MessageKey) => (
    <a
      href={`#${target}`}
      onClick={(event) => {
        event.preventDefault();
        if (view.kind !== 'contacts') go('');
        requestAnimationFrame(() => document.getElementById(target)?.scrollIntoView());
      }}
    >
      {t(label)}
    </a>
  );

  return (
    <LocaleContext.Provider value={locale}>
      <header class="top">
        <h1>{t('extName')}</h1>
        <nav>
          {navItem('contacts-section', 'navContacts')}
          {navItem('settings-section', 'navSettings')}
          {navItem('backup-section', 'navBackup')}
          <a href="#review">{t('navReview')}</a>
          <a href="#insights">{t('navInsights')}</a>
          {navItem('sync-section', 'navSync')}
          <a href="#who">{t('navWhoDoIKnow')}</a>
        </nav>
      </header>
      {problem && (
        <p class="error" role="alert">
          {t(problem)}
        </p>
      )}
      <main>
        {view.kind === 'contacts' && rows && (
          <section id="contacts-section">
            <div class="table-tools">
              <label class="field search">
                <span class="field-label">{t('searchLabel')}</span>
                <input
                  type="search"
                  placeholder={t('searchPlaceholder')}
                  value={filter.query}
                  onInput={(event) => setFilter({ ...filter, query: event.currentTarget.value })}
                />
              </label>
              <label class="field">
                <span class="field-label">{t('filterTier')}</span>
                <select
                  value={filter.tier}
                  onChange={(event) => setFilter({ ...filter, tier: event.currentTarget.value as Tier | 'all' })}
                >
                  <option value="all">{t('filterAll')}</option>
                  <option value="A">A</option>
                  <option value="B">B</option>
                  <option value="C">C</option>
                  <option value="none">{t('tierNone')}</option>
                </select>
              </label>
              <label class="field">
                <span class="field-label">{t('filterSite')}</span>
                <select
                  value={filter.site}
                  onChange={(event) => setFilter({ ...filter, site: event.currentTarget.value as SiteId | 'all' })}
                >
                  <option value="all">{t('filterAll')}</option>
                  <option value="linkedin">{t('siteLinkedIn')}</option>
                  <option value="xing">{t('siteXing')}</option>
                </select>
              </label>
              <span class="count">
                {t('contactCount', [formatCount(shown.length, locale.lang), formatCount(rows.length, locale.lang)])}
              </span>
            </div>
            {rows.length === 0 ? <p class="hint">{t('noContactsTable')}</p> : null}
            {table}
          </section>
        )}
        {view.kind === 'who' && rows && (
          <WhoDoIKnow contacts={rows.map((row) => row.contact)} today={today} onOpen={openContact} />
        )}
        {view.kind === 'contact' &&
          (detail ? (
            <ContactDetail
              contact={detail.contact}
              touches={detail.touches}
              today={today}
              onBack={() => go('')}
              onPatch={(patch) => onPatch(detail.contact.key, patch)}
              onLogTouch={(touch) => onLogTouch(detail.contact.key, touch)}
              onUpdateTouch={(touch, patch) => onUpdateTouch(detail.contact.key, touch, patch)}
              onDeleteTouch={(touch) => onDeleteTouch(detail.contact.key, touch)}
              occasions={occasionsOf(detail.contact.key, detail.occasions, detail.contact.preferredChannel)}
            />
          ) : (
            <p class="hint">{t('contactNotFound')}</p>
          ))}
        {view.kind === 'contact' && detail && (
          <MergeContact
            contact={detail.contact}
            contacts={rows?.map((row) => row.contact) ?? []}
            onPreview={(otherKey) => mergeMoves(db, detail.contact.key, otherKey)}
            onMerge={(otherKey) => onMerge(detail.contact.key, otherKey)}
          />
        )}
        {view.kind === 'contacts' && (
          <section id="settings-section" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t('settingsHeading')}</h2>
            <SettingsForm settings={settings} onSave={onSaveSettings} />
            <OccasionSettings value={settings} onSave={(value) => onSaveSettings({ ...settings, ...value })} />
            <ReminderSettingsView db={db} onSaved={() => rearmReminder()} />
          </section>
        )}
        {view.kind === 'contacts' && oneSided && (
          <GiveTakeLists takers={oneSided.takers} givers={oneSided.givers} onOpen={openContact} />
        )}
        {view.kind === 'contacts' && <BackupWorkflow db={db} onImported={afterImport} />}
        {view.kind === 'contacts' && <OnboardingWorkflow db={db} onImported={afterImport} />}
        {view.kind === 'insights' && <InsightsView db={db} today={today} />}
        {view.kind === 'review' && (
          <ReviewView
            db={db}
            today={today}
            onOpenContact={openContact}
            onChanged={(key) => notifyDataChanged({ keys: [key], dueChanged: true })}
          />
        )}
        {view.kind === 'contacts' && <SyncView />}
      </main>
    </LocaleContext.Provider>
  );
}
