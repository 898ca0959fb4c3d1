/**
 * The dashboard's "Sync" section (issue 14): set up once per browser, then a status line and
 * "Sync now". Connecting runs here, in the page, because only a click may ask the browser for the
 * host permission; the rounds themselves run in the background worker (background/sync.ts).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useLocale } from '../../i18n/context';
import { relativeTimeFormat } from '../../i18n/formatters';
import type { MessageKey } from '../../i18n/translate';
import { sendRequest } from '../../messaging/client';
import { connect, deleteServerCopy, disconnect } from '../../sync/engine';
import { getConfig, getProgress, SyncDb } from '../../sync/state';
import { SyncError, type SyncProblem } from '../../sync/webdav';

/** Problems the form itself finds, before any request. */
type FormProblem = 'address' | 'permission' | 'missing';

const PROBLEM_MESSAGES: Record<SyncProblem | FormProblem, MessageKey> = {
  offline: 'syncProblemOffline',
  unreachable: 'syncProblemUnreachable',
  auth: 'syncProblemAuth',
  notWebdav: 'syncProblemNotWebdav',
  full: 'syncProblemFull',
  server: 'syncProblemServer',
  passphrase: 'syncProblemPassphrase',
  tampered: 'syncProblemTampered',
  newerFormat: 'syncProblemNewerFormat',
  address: 'syncProblemAddress',
  permission: 'syncProblemPermission',
  missing: 'syncProblemMissing',
};

/** The origin pattern for the one host sync talks to; null when the address is not http(s). */
export function hostPattern(address: string): string | null {
  try {
    const url = new URL(address.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.origin}/*`;
  } catch {
    return null;
  }
}

interface Status {
  connected: boolean;
  url: string;
  lastSyncAt: number | null;
  problem: SyncProblem | null;
}

export function SyncView() {
  const { t, lang } = useLocale();
  const [syncDb] = useState(() => new SyncDb());
  const [status, setStatus] = useState<Status | null>(null);
  const [form, setForm] = useState({ url: '', user: '', password: '', passphrase: '' });
  const [formProblem, setFormProblem] = useState<SyncProblem | FormProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(0);
  const [now, setNow] = useState(Date.now());

  const reload = useCallback(async () => {
    const [config, progress] = await Promise.all([getConfig(syncDb), getProgress(syncDb)]);
    setStatus({
      connected: config !== undefined,
      url: config?.url ?? '',
      lastSyncAt: progress.lastSyncAt,
      problem: progress.problem,
    });
    setNow(Date.now());
  }, [syncDb]);

  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 15_000);
    const onMessage = () => void reload();
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      clearInterval(timer);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [reload]);

  const syncNow = async () => {
    setBusy(true);
    try {
      await sendRequest({ type: 'page/sync-now' });
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const onConnect = async (event: Event) => {
    event.preventDefault();
    setFormProblem(null);
    const pattern = hostPattern(form.url);
    if (!pattern) return setFormProblem('address');
    if (!form.user || !form.password || !form.passphrase) return setFormProblem('missing');
    // First thing in the click: the browser shows its prompt only during the user's gesture.
    const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
    if (!granted) return setFormProblem('permission');
    setBusy(true);
    try {
      await connect(syncDb, { url: form.url.trim(), user: form.user, password: form.password, passphrase: form.passphrase });
      setForm({ url: '', user: '', password: '', passphrase: '' });
      await sendRequest({ type: 'page/sync-now' });
    } catch (e) {
      setFormProblem(e instanceof SyncError ? e.problem : 'server');
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const onStop = async () => {
    await disconnect(syncDb);
    await sendRequest({ type: 'page/sync-now' }); // stops the alarm
    setConfirmDelete(0);
    await reload();
  };

  const onDelete = async () => {
    if (confirmDelete < 2) return setConfirmDelete(confirmDelete + 1);
    setBusy(true);
    try {
      await deleteServerCopy(syncDb);
      await sendRequest({ type: 'page/sync-now' });
    } catch (e) {
      setFormProblem(e instanceof SyncError ? e.problem : 'server');
    } finally {
      setBusy(false);
      setConfirmDelete(0);
      await reload();
    }
  };

  const statusText = (): string => {
    if (!status?.connected) return formProblem ? t(PROBLEM_MESSAGES[formProblem]) : t('syncNotSetUp');
    if (status.problem) return t(PROBLEM_MESSAGES[status.problem]);
    if (status.lastSyncAt === null) return t('syncNotYet');
    const minutes = Math.max(0, Math.round((now - status.lastSyncAt) / 60_000));
    return t('syncLastSynced', relativeTimeFormat(lang, { numeric: 'auto' }).format(-minutes, 'minute'));
  };

  const field = (name: keyof typeof form, label: MessageKey, type: 'text' | 'url' | 'password') => (
    <label class="field">
      <span class="field-label">{t(label)}</span>
      <input
        type={type}
        value={form[name]}
        autocomplete={type === 'password' ? 'new-password' : 'off'}
        onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <section id="sync-section" aria-labelledby="sync-heading">
      <h2 id="sync-heading">{t('syncHeading')}</h2>
      <p role="status" aria-label={t('syncStatusLabel')} aria-live="polite">
        {status ? statusText() : ''}
      </p>
      {status && !status.connected && (
        <form onSubmit={(e) => void onConnect(e)}>
          <p class="hint">{t('syncIntro')}</p>
          {field('url', 'syncAddress', 'url')}
          {field('user', 'syncUser', 'text')}
          {field('password', 'syncPassword', 'password')}
          {field('passphrase', 'syncPassphrase', 'password')}
          <p class="hint">{t('syncPassphraseHint')}</p>
          <button type="submit" disabled={busy}>
            {t('syncConnect')}
          </button>
        </form>
      )}
      {status?.connected && (
        <div>
          <p class="hint">{t('syncConnectedTo', status.url)}</p>
          <button type="button" disabled={busy} onClick={() => void syncNow()}>
            {t('syncNow')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void onStop()}>
            {t('syncStop')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void onDelete()}>
            {confirmDelete === 0
              ? t('syncDeleteServer')
              : confirmDelete === 1
                ? t('syncDeleteConfirm1')
                : t('syncDeleteConfirm2')}
          </button>
          {confirmDelete > 0 && (
            <p class="warning" role="alert">
              {t(confirmDelete === 1 ? 'syncDeleteWarning1' : 'syncDeleteWarning2')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
