import type { MessageKey, Translate } from '../../i18n/translate';
import type { CsvLabels } from '../../storage/backup/export';

/** Saves text as a file through the browser's own download (no permission needed from a page). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function csvLabels(t: Translate): CsvLabels {
  return {
    name: t('csvName'),
    site: t('csvSite'),
    profileUrl: t('csvProfileUrl'),
    tier: t('csvTier'),
    company: t('csvCompany'),
    headline: t('csvHeadline'),
    location: t('csvLocation'),
    lastContact: t('csvLastContact'),
    nextDue: t('csvNextDue'),
    preferredChannel: t('csvPreferredChannel'),
    howWeMet: t('csvHowWeMet'),
    notes: t('csvNotes'),
    touchCount: t('csvTouches'),
  };
}

/** A full disk shows up as QuotaExceededError, possibly wrapped by Dexie. */
export function describeWriteError(error: unknown): MessageKey {
  const names = [error, (error as { inner?: unknown })?.inner].map((e) => (e as { name?: string })?.name);
  return names.includes('QuotaExceededError') ? 'storageFull' : 'storageUnavailable';
}
