import { useLocale } from '../i18n/context';
import type { MessageKey, Substitutions } from '../i18n/translate';

export interface BackupMessage {
  key: MessageKey;
  substitutions?: Substitutions;
}

interface Props {
  /** preview of a chosen file waiting for confirmation */
  preview: BackupMessage | null;
  /** result of the last export or import */
  result: BackupMessage | null;
  error: BackupMessage | null;
  busy: boolean;
  onExportJson: () => void;
  onExportCsv: () => void;
  onChooseFile: (file: File) => void;
  onConfirmImport: () => void;
  onCancelImport: () => void;
}

/** Export to JSON/CSV and import with a preview; nothing is written before the user confirms. */
export function BackupSection(props: Props) {
  const { t } = useLocale();
  const status = props.preview ?? props.result;
  return (
    <section id="backup-section" class="backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="hint">{t('backupHelp')}</p>
      <div class="actions">
        <button type="button" onClick={props.onExportJson} disabled={props.busy}>
          {t('exportJson')}
        </button>
        <button type="button" class="secondary" onClick={props.onExportCsv} disabled={props.busy}>
          {t('exportCsv')}
        </button>
      </div>
      <label class="field file">
        <span class="field-label">{t('importLabel')}</span>
        <input
          type="file"
          accept=".json,application/json"
          disabled={props.busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) props.onChooseFile(file);
            input.value = '';
          }}
        />
      </label>
      <p class="hint">{t('importHelp')}</p>
      {props.error && (
        <p class="error" role="alert">
          {t(props.error.key, props.error.substitutions)}
        </p>
      )}
      {status && (
        <p class="ok" role="status">
          {t(status.key, status.substitutions)}
        </p>
      )}
      {props.preview && (
        <div class="actions">
          <button type="button" onClick={props.onConfirmImport} disabled={props.busy}>
            {t('confirmImport')}
          </button>
          <button type="button" class="secondary" onClick={props.onCancelImport} disabled={props.busy}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
