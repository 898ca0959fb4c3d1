import { useLocale } from '../i18n/context';
import { formatDue } from '../i18n/relative';
import { dueState } from '../storage/rules';
import type { IsoDay } from '../storage/types';

/** "Next touch: 3 weeks overdue" as a status, so screen readers hear it change. */
export function NextTouch({ nextDueAt, today }: { nextDueAt: number; today: IsoDay }) {
  const { t, lang } = useLocale();
  const state = dueState(nextDueAt, today);
  return (
    <p class={`next-touch due-${state.kind}`}>
      <span class="field-label" aria-hidden="true">
        {t('nextTouchLabel')}
      </span>{' '}
      <span role="status" aria-label={t('nextTouchLabel')}>
        {formatDue(state, t, lang)}
      </span>
    </p>
  );
}
