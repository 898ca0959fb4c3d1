import { useLocale } from '../i18n/context';
import { formatDayMs } from '../i18n/formatters';

interface Props {
  kind: 'noContacts' | 'caughtUp' | 'failed';
  nextDueAfter: number | null;
}

/** What the popup says when nobody is listed: how to start, or a calm "all caught up". */
export function EmptyChecklist({ kind, nextDueAfter }: Props) {
  const { t, lang } = useLocale();
  if (kind === 'failed') {
    return (
      <p class="empty" role="alert">
        {t('storageUnavailable')}
      </p>
    );
  }
  if (kind === 'noContacts') {
    return (
      <div class="empty" role="status">
        <p class="empty-title">{t('emptyNoContactsTitle')}</p>
        <p>{t('emptyNoContactsHelp')}</p>
      </div>
    );
  }
  const next = nextDueAfter === null ? null : formatDayMs(nextDueAfter, lang, 'long');
  return (
    <div class="empty" role="status">
      <p class="empty-title">{t('emptyCaughtUpTitle')}</p>
      <p>{next ? t('emptyCaughtUpNext', next) : t('emptyCaughtUpNoneScheduled')}</p>
    </div>
  );
}
