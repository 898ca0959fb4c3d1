import type { MessageKey, Translate } from '../../i18n/translate';
import { channelKey } from '../../components/ChannelSelect';
import type { CsvLabels, CsvValueLabels } from '../../storage/backup/export';
import { CHANNELS } from '../../storage/types';
import { isQuotaExceeded } from '../../storage/quota';

/**
 * Saves text as a file through the browser's own download (no permission needed from a page). The text
 * may come in parts (the JSON backup), which the Blob takes as they are, without one string of the whole file.
 */
export function download(fileName: string, text: string | readonly string[], type: string): void {
  const url = URL.createObjectURL(new Blob(typeof text === 'string' ? [text] : [...text], { type }));
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

/**
 * The CSV's coded values in the UI language (a German export says „Treffen“, not `meeting`); the JSON
 * backup keeps the codes. Tiers A, B and C read the same in both languages.
 */
export function csvValueLabels(t: Translate): CsvValueLabels {
  return {
    site: { linkedin: t('siteLinkedIn'), xing: t('siteXing'), local: t('siteLocal') },
    tier: { none: t('tierNone') },
    channel: Object.fromEntries(CHANNELS.map((channel) => [channel, t(channelKey(channel))])),
  };
}

export function describeWriteError(error: unknown): MessageKey {
  return isQuotaExceeded(error) ? 'storageFull' : 'storageUnavailable';
}
