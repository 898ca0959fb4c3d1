import type { Tier } from '../storage/types';
import { TIERS } from '../storage/types';
import { useLocale } from '../i18n/context';

interface Props {
  value: Tier;
  onChange: (tier: Tier) => void;
  name: string;
}

/** A/B/C/None as one radiogroup; arrow keys move between the options as with any radio group. */
export function TierPicker({ value, onChange, name }: Props) {
  const { t } = useLocale();
  return (
    <div class="tiers" role="radiogroup" aria-label={t('tierLabel')}>
      {TIERS.map((tier) => (
        <label key={tier} class={`tier tier-${tier}`} data-checked={tier === value}>
          <input type="radio" name={name} value={tier} checked={tier === value} onChange={() => onChange(tier)} />
          <span>{tier === 'none' ? t('tierNone') : tier}</span>
        </label>
      ))}
    </div>
  );
}
