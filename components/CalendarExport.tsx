import { useState } from 'preact/hooks';
import { useLocale } from '../i18n/context';

interface Props {
  /** builds the file and hands it to the browser's download; resolves to the number of events */
  onExport: () => Promise<number>;
}

type Status = { kind: 'done'; events: number } | { kind: 'failed' } | null;

/** "Export calendar (ICS)" in the backup section, with the advice to import into a calendar of its own. */
export function CalendarExport({ onExport }: Props) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const run = () =>
    void (async () => {
      setBusy(true);
      try {
        setStatus({ kind: 'done', events: await onExport() });
      } catch {
        setStatus({ kind: 'failed' });
      } finally {
        setBusy(false);
      }
    })();
  return (
    <div class="calendar-export">
      <div class="actions">
        <button type="button" class="secondary" onClick={run} disabled={busy}>
          {t('exportIcs')}
        </button>
      </div>
      <p class="hint">{t('exportIcsHint')}</p>
      {status?.kind === 'done' && (
        <p class="ok" role="status">
          {t('exportIcsDone', status.events)}
        </p>
      )}
      {status?.kind === 'failed' && (
        <p class="error" role="alert">
          {t('exportIcsFailed')}
        </p>
      )}
    </div>
  );
}
