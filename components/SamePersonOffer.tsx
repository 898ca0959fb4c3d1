/**
 * "Same person as …?" in the panel (issue 10): right after the user adds a person whose name equals a
 * contact of the other site, one click merges the two, another says "not the same person" for good.
 */
import { useLocale } from '../i18n/context';

interface Props {
  name: string;
  onAnswer(same: boolean): void;
}

export function SamePersonOffer({ name, onAnswer }: Props) {
  const { t } = useLocale();
  return (
    <section class="same-person" aria-label={t('samePersonQuestion', [name])}>
      <p>{t('samePersonQuestion', [name])}</p>
      <div class="actions">
        <button type="button" onClick={() => onAnswer(true)}>
          {t('mergeConfirm')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('samePersonNo')}
        </button>
      </div>
    </section>
  );
}
