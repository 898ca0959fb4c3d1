import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ProfilePanel, type SaveState } from '../../components/ProfilePanel';
import { LocaleContext } from '../../i18n/context';
import { browserLocale, loadLocale } from '../../i18n/load';
import type { Locale, MessageKey } from '../../i18n/translate';
import { sendRequest } from '../../messaging/client';
import { COLLAPSED_STORAGE_KEY } from '../../messaging/panel-state';
import { type Broadcast, type ContactView, type PageProfile, QUOTA_EXCEEDED, type TouchInput } from '../../messaging/protocol';
import type { ContactPatch } from '../../storage/types';

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

  /** (Re)binds to the person the page shows now; until the content script announced one, shows nothing. */
  const boot = useCallback(() => {
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
  }, [token]);

  useEffect(() => {
    void browser.storage.local.get(COLLAPSED_STORAGE_KEY).then((stored) => setCollapsed(stored[COLLAPSED_STORAGE_KEY] === true));
    boot();
  }, [boot]);

  const refresh = useCallback(() => {
    const key = keyRef.current;
    if (!key || inFlight.current > 0) return;
    const current = generation.current;
    void sendRequest({ type: 'panel/get-contact', key }).then((next) => {
      if (inFlight.current === 0 && current === generation.current) setView(next);
    });
  }, []);

  // Another tab, the popup or the dashboard changed this person: show it (fields being typed into stay).
  useEffect(() => {
    const onMessage = (message: unknown) => {
      const broadcast = message as Broadcast;
      if (broadcast?.type === 'bg/contact-changed' && broadcast.key === keyRef.current) refresh();
      if (broadcast?.type === 'bg/profile-changed' && broadcast.token === token) boot();
    };
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    browser.runtime.onMessage.addListener(onMessage);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, boot, token]);

  /** Sends one write at once (never delayed, so nothing typed is lost when the page navigates away). */
  const write = useCallback((request: Promise<ContactView>, forGeneration: number) => {
    const id = ++latestRequest.current;
    inFlight.current += 1;
    setSaveState('saving');
    request
      .then((next) => {
        if (forGeneration !== generation.current) return; // saved for the previous person; the panel shows another now
        if (next.contact) keyRef.current = next.contact.key;
        if (id === latestRequest.current) setView(next);
        setSaveState(inFlight.current > 1 ? 'saving' : 'saved');
      })
      .catch((error: unknown) => setSaveState(error instanceof Error && error.message === QUOTA_EXCEEDED ? 'diskFull' : 'failed'))
      .finally(() => {
        inFlight.current -= 1;
      });
  }, []);

  // Writes go to the person whose fields the user typed into (this render's contact), never to whoever the
  // page shows by the time the keystroke is handled.
  const onPatch = (patch: ContactPatch) => {
    const key = view?.contact?.key;
    if (!key) return;
    setView((current) => (current?.contact?.key === key ? { ...current, contact: { ...current.contact, ...patch } } : current));
    write(sendRequest({ type: 'panel/update-contact', key, patch }), viewGeneration);
  };

  const onLogTouch = (touch: TouchInput) => {
    const key = view?.contact?.key;
    if (key) write(sendRequest({ type: 'panel/log-touch', key, touch }), viewGeneration);
  };

  const onAdd = () => {
    if (profile) write(sendRequest({ type: 'panel/add-contact', profile }), viewGeneration);
  };

  const onToggleCollapsed = () => {
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
        />
      ) : null}
    </LocaleContext.Provider>
  );
}
