import type { ComponentChildren } from 'preact';
import { useLocale } from '../i18n/context';
import type { MessageKey, Substitutions } from '../i18n/translate';
import type { SkippedRecord } from '../storage/backup/format';
import { fieldWord, skippedRecordText } from './skipped-record-words';
import { ProgressBar } from './ProgressBar';

export interface BackupMessage {
  key: MessageKey;
  substitutions?: Substitutions;
  /** technical text (a record path, an exception): shown untranslated in a details element, never inside the sentence */
  detail?: string;
}

/** A person and some of their fields (a field is a record property name such as `notes` or `aliases[2]`). */
export interface NamedFields {
  key: string;
  name: string;
  fields: readonly string[];
}

/** What an import changes, person by person: shown under the preview and under the result. */
export interface ImportDetails {
  /** contacts that change, and which fields */
  changes: readonly NamedFields[];
  /** contacts whose texts differed on both sides and are both kept (`notes`, `howWeMet`, `touchNote`) */
  conflicts: readonly NamedFields[];
  /** contacts whose times in the file lay more than a day ahead and were set back */
  clamped: readonly { key: string; name: string }[];
  /** records left out, and why */
  skipped: readonly SkippedRecord[];
}

/**
 * A running import: records written of all to write while the confirmed import writes; `unknown` while
 * a chosen file is read and checked (no amount to show yet, the bar says "working").
 */
export type ImportProgress = { done: number; total: number } | 'unknown';

interface Props {
  /** shown as the "Import progress" bar while set */
  progress?: ImportProgress | null;
  /** preview of a chosen file waiting for confirmation */
  preview: BackupMessage | null;
  /** result of the last export or import */
  result: BackupMessage | null;
  /** the preview's or the result's lists by name */
  details?: ImportDetails | null;
  error: BackupMessage | null;
  busy: boolean;
  onExportJson: () => void;
  onExportCsv: () => void;
  onChooseFile: (file: File) => void;
  onConfirmImport: () => void;
  onCancelImport: () => void;
  /** more exports shown beside JSON and CSV (the calendar) */
  children?: ComponentChildren;
}

/** Long lists (an import of 10 000 people) show this many entries and say how many more there are. */
export const DETAILS_SHOWN = 50;

function DetailList(props: { id: string; heading: string; items: readonly string[] }) {
  const { t } = useLocale();
  if (props.items.length === 0) return null;
  const shown = props.items.slice(0, DETAILS_SHOWN);
  const more = props.items.length - shown.length;
  return (
    <>
      <h3 id={props.id}>{props.heading}</h3>
      <ul aria-labelledby={props.id}>
        {shown.map((item, i) => (
          // Names may repeat (two people called Anna): the position keeps the items apart; the list is
          // rebuilt whole, never reordered.
          <li key={i}>{item}</li>
        ))}
        {more > 0 && <li>{t('importMore', more)}</li>}
      </ul>
    </>
  );
}

function Details({ details }: { details: ImportDetails }) {
  const { t, lang } = useLocale();
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const named = (n: NamedFields) => t('importNamedFields', [n.name, list.format(n.fields.map((f) => fieldWord(t, f)))]);
  const skipped = details.skipped.map((r) => skippedRecordText(r, t, lang));
  return (
    <div class="import-details">
      <DetailList id="import-changes" heading={t('importChangesHeading')} items={details.changes.map(named)} />
      <DetailList id="import-conflicts" heading={t('importConflictsHeading')} items={details.conflicts.map(named)} />
      <DetailList id="import-clamped" heading={t('importClampedHeading')} items={details.clamped.map((c) => c.name)} />
      <DetailList id="import-skipped" heading={t('importSkippedHeading')} items={skipped} />
    </div>
  );
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
      {props.children}
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
      {props.error?.detail && (
        <details>
          <summary>{t('errorDetails')}</summary>
          <code>{props.error.detail}</code>
        </details>
      )}
      {props.progress &&
        (props.progress === 'unknown' ? (
          <ProgressBar label={t('onboardingProgressLabel')} />
        ) : (
          <ProgressBar label={t('onboardingProgressLabel')} value={props.progress.done} max={props.progress.total} />
        ))}
      {status && (
        <p class="ok" role="status">
          {t(status.key, status.substitutions)}
        </p>
      )}
      {status && props.details && <Details details={props.details} />}
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
