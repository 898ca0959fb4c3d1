import { useState } from 'preact/hooks';
import { type BackupMessage, BackupSection, type ImportDetails, type ImportProgress } from '../../components/BackupSection';
import { CalendarExport } from '../../components/CalendarExport';
import { useLocale } from '../../i18n/context';
import type { MessageKey } from '../../i18n/translate';
import { exportCsv, exportJsonParts } from '../../storage/backup/export';
import { BackupFileError, MAX_FILE_BYTES } from '../../storage/backup/format';
import { applyImport, type ImportPlan, parseAndPlan } from '../../storage/backup/import';
import type { KontaktDb } from '../../storage/db';
import { csvLabels, csvValueLabels, describeWriteError, download } from './backup-io';
import { exportCalendar, icsLabels } from './calendar-export';

interface Props {
  db: KontaktDb;
  /** after an import wrote something: the dashboard reloads its data (once) */
  onImported: () => Promise<void>;
}

interface BackupState {
  preview: BackupMessage | null;
  result: BackupMessage | null;
  details: ImportDetails | null;
  error: BackupMessage | null;
}

const IDLE: BackupState = { preview: null, result: null, details: null, error: null };

/** The plan's lists by name, for the preview (and, from the applied plan, for the result). */
export function importDetails(plan: ImportPlan): ImportDetails {
  return { changes: plan.changes, conflicts: plan.conflicts, clamped: plan.clamped, skipped: plan.skipped };
}

/**
 * Export and import with their own state (busy, preview, result): an export or a preview re-renders this
 * section only, not the dashboard's contacts table.
 */
export function BackupWorkflow({ db, onImported }: Props) {
  const { t, lang } = useLocale();
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [state, setState] = useState<BackupState>(IDLE);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);

  const runExport = (kind: 'json' | 'csv') =>
    void (async () => {
      setBusy(true);
      try {
        const now = new Date();
        const file =
          kind === 'json'
            ? await exportJsonParts(db, now).then((f) => ({ fileName: f.fileName, text: f.parts }))
            : await exportCsv(db, now, csvLabels(t), csvValueLabels(t), lang);
        download(file.fileName, file.text, kind === 'json' ? 'application/json' : 'text/csv;charset=utf-8');
        setState({ ...IDLE, result: { key: 'exportDone', substitutions: file.fileName } });
      } catch (error) {
        setState({ ...IDLE, error: { key: 'exportFailed', detail: String(error) } });
      } finally {
        setBusy(false);
      }
    })();

  const onChooseFile = (file: File) =>
    void (async () => {
      setBusy(true);
      setPlan(null);
      setProgress('unknown');
      try {
        const text = file.size > MAX_FILE_BYTES ? '' : await file.text();
        const outcome = await parseAndPlan(db, text, file.size, Date.now(), {
          onProgress: ({ done, total }) => setProgress({ done, total }),
        });
        if (!outcome.ok) {
          const { code, detail } = outcome.error;
          setState({ ...IDLE, error: { key: `importError_${code}` as MessageKey, detail: detail ?? '' } });
          return;
        }
        setPlan(outcome.plan);
        const p = outcome.plan;
        setState({
          ...IDLE,
          preview: {
            key: 'importPreview',
            substitutions: [p.newContacts, p.updatedContacts, p.unchangedContacts, p.touchesToAdd],
          },
          details: importDetails(p),
        });
      } catch (error) {
        setState({ ...IDLE, error: { key: 'importError_write', detail: String(error) } });
      } finally {
        setBusy(false);
        setProgress(null);
      }
    })();

  const onConfirmImport = () =>
    void (async () => {
      if (!plan) return;
      setBusy(true);
      setProgress('unknown');
      try {
        // applyImport plans again inside its transaction, so report what it actually wrote.
        const done = await applyImport(db, plan, (written, total) => setProgress({ done: written, total }));
        setState({
          ...IDLE,
          result: { key: 'importDone', substitutions: [done.newContacts, done.updatedContacts, done.touchesToAdd] },
          details: importDetails(done),
        });
        setPlan(null);
        await onImported();
      } catch (error) {
        const key = describeWriteError(error);
        const message: BackupMessage =
          error instanceof BackupFileError
            ? { key: `importError_${error.code}` as MessageKey, detail: error.detail ?? '' }
            : key === 'storageFull'
              ? { key }
              : { key: 'importError_write', detail: String(error) };
        setState({ ...IDLE, error: message });
        setPlan(null);
      } finally {
        setBusy(false);
        setProgress(null);
      }
    })();

  const onCancelImport = () => {
    setPlan(null);
    setState({ ...IDLE, result: { key: 'importCancelled' } });
  };

  return (
    <BackupSection
      {...state}
      busy={busy}
      progress={progress}
      onExportJson={() => runExport('json')}
      onExportCsv={() => runExport('csv')}
      onChooseFile={onChooseFile}
      onConfirmImport={onConfirmImport}
      onCancelImport={onCancelImport}
    >
      <CalendarExport
        onExport={async () => {
          const file = await exportCalendar(db, new Date(), icsLabels(t));
          download(file.fileName, file.text, 'text/calendar;charset=utf-8');
          return file.events;
        }}
      />
    </BackupSection>
  );
}
