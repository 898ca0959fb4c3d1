import { useLocale } from '../i18n/context';
import { formatDay } from '../i18n/formatters';
import type { IsoDay } from '../storage/types';

/** "Connected since 7 Nov 2026": the day from LinkedIn's export, when the notebook knows it. */
export function ConnectedSince({ day }: { day: IsoDay | null }) {
  const { t, lang } = useLocale();
  if (day === null) return null;
  return <p class="person-connected">{t('connectedSince', formatDay(day, lang))}</p>;
}
