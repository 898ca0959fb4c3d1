import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ProfilePanel, type SaveState } from '../../components/ProfilePanel';
import { SamePersonOffer } from '../../components/SamePersonOffer';
import { LocaleContext } from '../../i18n/context';
import { browserLocale, loadLocale } from '../../i18n/load';
import type { Locale, MessageKey } from '../../i18n/translate';
import { contactChanged, sendRequest } from '../../messaging/client';
import { COLLAPSED_STORAGE_KEY } from '../../messaging/panel-state';
import type { ContactOccasionsProps } from '../../components/ContactOccasions';
import {
  type Broadcast,
  type ContactView,
  type PageProfile,
  QUOTA_EXCEEDED,
  type Request,
  type TouchInput,
} from '../../messaging/protocol';
import type { ContactPatch } from '../../storage/types';

/**
 * How long typing may pause before the text is written: one write per pause, not one per keystroke (each
 * write also reaches every open popup and dashboard). Pending text is flushed early whenever it could be lost.
 */
const TYPING_PAUSE_MS = 400;

/** Free text the user types character by character; every other field is a single choice. */
const TYPED_FIELDS: ReadonlyArray<keyof ContactPatch> = ['name', 'notes', 'howWeMet', 'headline', 'company', 'location'];

function isTyping(patch: ContactPatch): boolean {
  return Object.keys(patch).every((field) => TYPED_FIELDS.includes(field as keyof ContactPatch));
}

interface PendingEdit {
  key: string;
  generation: number;
  patch: ContactPatch;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Wires the panel to the background worker: every read and write goes through it, because an extension
 * iframe inside linkedin.com may be refused IndexedDB (all cookies blocked), while the worker never is.
 */
export function PanelApp({ token }: { token: string }) {
  const [locale, setLocale] = useState<Locale>(browserLocale);
  const [profile, setProfile] = useState<PageProfile | null>(null);
  const [view, setView] = useState<ContactView | null>(null);
  /** the generation `view` belongs to: handlers of a superseded person's fields write, but never redraw */
  const [viewGeneration, setViewGeneration] = useState(0);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const inFlight = useRef(0);
  const latestRequest = useRef(0);
  const keyRef = useRef<string | null>(null);
  /** bumped whenever the page moves to another person: answers about the previous one are dropped */
  const generation = useRef(0);

  /** the edit typed but not yet sent, with the person (and panel generation) it was typed for */
  const pending = useRef<PendingEdit | null>(null);

  /** Sends one write; its answer redraws the panel only if it still shows that person. */
  const write = useCallback((request: Promise<ContactView>, forGeneration: number) => {
    const id = ++latestRequest.current;
    inFlight.current += 1;
    setSaveState('saving');
    request
      .then((next) => {
        if (forGeneration !== generation.current) return; // saved for the previous person; the panel shows another now
        if (next.contact) keyRef.current = next.contact.key;
        // What was typed meanwhile is not stored yet: keep showing it over the stored copy.
        const typed = pending.current;
        const shown =
          typed && next.contact && typed.key === next.contact.key
            ? { ...next, contact: { ...next.contact, ...typed.patch } }
            : next;
        if (id === latestRequest.current) setView(shown);
        setSaveState(inFlight.current > 1 || pending.current ? 'saving' : 'saved');
      })
      .catch((error: unknown) => setSaveState(error instanceof Error && error.message === QUOTA_EXCEEDED ? 'diskFull' : 'failed'))
      .finally(() => {
        inFlight.current -= 1;
      });
  }, []);

  /**
   * Sends the pending edit now. Called when typing pauses and whenever the edit could otherwise be lost
   * or land on someone else: the page hides or navigates, the panel rebinds to another person, collapses
   * or unmounts. Sending is synchronous up to the message leaving the frame, so `pagehide` is early enough.
   */
  const flush = useCallback(() => {
    const edit = pending.current;
    if (!edit) return;
    pending.current = null;
    clearTimeout(edit.timer);
    write(sendRequest({ type: 'panel/update-contact', key: edit.key, patch: edit.patch }), edit.generation);
  }, [write]);

  /** (Re)binds to the person the page shows now; until the content script announced one, shows nothing. */
  const boot = useCallback(() => {
    flush(); // what was typed for the previous person goes to them, before the panel forgets them
    const current = ++generation.current;
    sendRequest({ type: 'panel/boot', token })
      .then((answer) => {
        if (current !== generation.current || !answer.profile) return;
        keyRef.current = answer.contact?.key ?? answer.profile.key;
        setProblem(null);
        setProfile(answer.profile);
        setView(answer);
        setViewGeneration(current);
        if (answer.settings.language !== 'auto') void loadLocale(answer.settings.language).then(setLocale);
      })
      .catch(() => setProblem('storageUnavailable'));
  }, [token, flush]);

  useEffect(() => {
    void browser.storage.local.get(COLLAPSED_STORAGE_KEY).then((stored) => setCollapsed(stored[COLLAPSED_STORAGE_KEY] === true));
    boot();
  }, [boot]);

  const refresh = useCallback(() => {
    const key = keyRef.current;
    if (!key || inFlight.current > 0 || pending.current) return;
    const current = generation.current;
    void sendRequest({ type: 'panel/get-contact', key }).then((next) => {
      if (inFlight.current === 0 && !pending.current && current === generation.current) setView(next);
    });
  }, []);

  // Another tab, the popup or the dashboard changed this person: show it (fields being typed into stay).
  useEffect(() => {
    const onMessage = (message: unknown) => {
      const broadcast = message as Broadcast;
      if (contactChanged(message, keyRef.current)) refresh();
      if (broadcast?.type === 'bg/profile-changed' && broadcast.token === token) boot();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') refresh();
      else flush();
    };
    browser.runtime.onMessage.addListener(onMessage);
    document.addEventListener('visibilitychange', onVisibility);
    // The tab navigates, reloads or closes, or the content script removes the panel.
    window.addEventListener('pagehide', flush);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [refresh, boot, flush, token]);

  // Writes go to the person whose fields the user typed into (this render's contact), never to whoever the
  // page shows by the time the keystroke is handled. Typed text waits for a pause; choices are sent at once.
  const onPatch = (patch: ContactPatch) => {
    const key = view?.contact?.key;
    if (!key) return;
    setView((current) => (current?.contact?.key === key ? { ...current, contact: { ...current.contact, ...patch } } : current));
    const earlier = pending.current;
    if (earlier && (earlier.key !== key || earlier.generation !== viewGeneration)) flush();
    const merged = { ...(pending.current?.patch ?? {}), ...patch };
    clearTimeout(pending.current?.timer);
    pending.current = { key, generation: viewGeneration, patch: merged, timer: setTimeout(flush, TYPING_PAUSE_MS) };
    if (isTyping(patch)) setSaveState('saving');
    else flush();
  };

  const onLogTouch = (touch: TouchInput) => {
    const key = view?.contact?.key;
    flush(); // the touch's answer redraws the panel: what was typed must be stored first
    if (key) write(sendRequest({ type: 'panel/log-touch', key, touch }), viewGeneration);
  };

  /** A key-date or promise write for the person shown; its answer redraws the panel like any other write. */
  const writeOccasion = (
    request: Extract<
      Request,
      { type: 'panel/add-key-date' | 'panel/delete-key-date' | 'panel/add-promise' | 'panel/complete-promise' }
    >,
  ) => {
    flush();
    write(sendRequest(request), viewGeneration);
  };

  const contact = view?.contact;
  const occasions: ContactOccasionsProps | undefined =
    view && contact
      ? {
          keyDates: view.keyDates,
          promises: view.promises,
          giveTake: view.giveTake,
          onAddKeyDate: (keyDate) => writeOccasion({ type: 'panel/add-key-date', key: contact.key, keyDate }),
          onDeleteKeyDate: (item) => writeOccasion({ type: 'panel/delete-key-date', key: contact.key, id: item.id }),
          onAddPromise: (promise) => writeOccasion({ type: 'panel/add-promise', key: contact.key, promise }),
          onCompletePromise: (item) => writeOccasion({ type: 'panel/complete-promise', key: contact.key, id: item.id }),
          onLogGave: (item) =>
            onLogTouch({ date: view.today, channel: contact.preferredChannel || 'message', direction: 'gave', note: item.text }),
        }
      : undefined;

  /** issue 10: after adding, a contact of the other site with the same name, to offer merging */
  const [samePerson, setSamePerson] = useState<{ key: string; name: string } | null>(null);

  const onAdd = () => {
    if (!profile) return;
    const added = sendRequest({ type: 'panel/add-contact', profile });
    write(added, viewGeneration);
    void added
      .then(() => sendRequest({ type: 'panel/same-person', token }))
      .then(
        (answer) => setSamePerson(answer.candidate),
        () => setSamePerson(null),
      );
  };

  const onSamePerson = (same: boolean) => {
    const offered = samePerson;
    setSamePerson(null);
    if (offered) write(sendRequest({ type: 'panel/same-person-answer', token, otherKey: offered.key, same }), viewGeneration);
  };

  const onToggleCollapsed = () => {
    flush();
    const next = !collapsed;
    setCollapsed(next);
    void browser.storage.local.set({ [COLLAPSED_STORAGE_KEY]: next });
  };

  return (
    <LocaleContext.Provider value={locale}>
      {view || problem ? (
        <ProfilePanel
          // a new person remounts every field, so nothing typed for the previous one lingers
          key={profile?.key ?? ''}
          profile={profile}
          contact={view?.contact ?? null}
          touches={view?.touches ?? []}
          today={view?.today ?? ''}
          collapsed={collapsed}
          saveState={saveState}
          problem={problem}
          onToggleCollapsed={onToggleCollapsed}
          onAdd={onAdd}
          onPatch={onPatch}
          onLogTouch={onLogTouch}
          onPageReport={() => sendRequest({ type: 'panel/page-skeleton', token }).then((answer) => answer.text)}
          occasions={occasions}
        />
      ) : null}
      {samePerson && view?.contact ? <SamePersonOffer name={samePerson.name} onAnswer={onSamePerson} /> : null}
    </LocaleContext.Provider>
  );
}
