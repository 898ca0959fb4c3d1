import { useLocale } from '../i18n/context';

/** The popup's way into the weekly review (a dashboard page). */
export function ReviewLink({ onOpen }: { onOpen: () => void }) {
  const { t } = useLocale();
  return (
    <button type="button" class="link review-link" onClick={onOpen}>
      {t('navReview')}
    </button>
  );
}
