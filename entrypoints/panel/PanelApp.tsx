import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ProfilePanel, type SaveState } from '../../components/ProfilePanel';
import { LocaleContext } from '../../i18n/context';
import { browserLocale, loadLocale } from '../../i18n/load';
import type { Locale, MessageKey } from '../../i18n/translate';
import { sendRequest } from '../../messaging/client';
import { COLLAPSED_STORAGE_KEY } from '../../messaging/panel-state';
import type { Broadcast, ContactView, PageProfile, TouchInput } from '../../messaging/protocol';
import type { ContactPatch } from '../../storage/types';

/**
 * Wires the panel to the background worker: every read and write goes through it, because an extension
 * iframe inside linkedin.com may be refused IndexedDB (all cookies blocked), while the worker never is.
 */
export function PanelApp({ token }: { token: string }) {
  const [locale, setLocale] = useState<Locale>(browserLocale);
  const [profile, setProfile] = useState<PageProfile | null>(null);
  const [view, setView] = useState<ContactView | null>(null);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [collapsed, setCollapsed] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const inFlight = useRef(0);
  const latestRequest = useRef(0);
  const keyRef = useRef<string | null>(null);

  useEffect(() => {
    void browser.storage.local.get(COLLAPSED_STORAGE_KEY).then((stored) => setCollapsed(stored[COLLAPSED_STORAGE_KEY] === true));
    sendRequest({ type: 'panel/boot', token })
      .then((boot) => {
        if (!boot.profile) return setProblem('panelNoProfile');
        keyRef.current = boot.contact?.key ?? boot.profile.key;
        setProfile(boot.profile);
        setView(boot);
        if (boot.settings.language !== 'auto') void loadLocale(boot.settings.language).then(setLocale);
      })
      .catch(() => setProblem('storageUnavailable'));
  }, [token]);

  const refresh = useCallback(() => {
    const key = keyRef.current;
    if (!key || inFlight.current > 0) return;
    void sendRequest({ type: 'panel/get-contact', key }).then((next) => {
      if (inFlight.current === 0) setView(next);
    });
  }, []);

  // Another tab, the popup or the dashboard changed this person: show it (fields being typed into stay).
  useEffect(() => {
    const onMessage = (message: unknown) => {
      const broadcast = message as Broadcast;
      if (broadcast?.type === 'bg/contact-changed' && broadcast.key === keyRef.current) refresh();
    };
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    browser.runtime.onMessage.addListener(onMessage);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  /** Sends one write at once (never delayed, so nothing typed is lost when the page navigates away). */
  const write = useCallback((request: Promise<ContactView>) => {
    const id = ++latestRequest.current;
    inFlight.current += 1;
    setSaveState('saving');
    request
      .then((next) => {
        if (next.contact) keyRef.current = next.contact.key;
        if (id === latestRequest.current) setView(next);
        setSaveState(inFlight.current > 1 ? 'saving' : 'saved');
      })
      .catch(() => setSaveState('failed'))
      .finally(() => {
        inFlight.current -= 1;
      });
  }, []);

  const onPatch = (patch: ContactPatch) => {
    const key = keyRef.current;
    if (!key || !view?.contact) return;
    setView({ ...view, contact: { ...view.contact, ...patch } });
    write(sendRequest({ type: 'panel/update-contact', key, patch }));
  };

  const onLogTouch = (touch: TouchInput) => {
    const key = keyRef.current;
    if (key) write(sendRequest({ type: 'panel/log-touch', key, touch }));
  };

  const onAdd = () => {
    if (profile) write(sendRequest({ type: 'panel/add-contact', profile }));
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
        />
      ) : null}
    </LocaleContext.Provider>
  );
}
