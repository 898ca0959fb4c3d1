import type { SiteId, Tier } from '../storage/types';
import { useLocale } from '../i18n/context';
import type { ChecklistFilter } from './Checklist';

interface Props {
  filter: ChecklistFilter;
  onFilter: (filter: ChecklistFilter) => void;
  onOpenDashboard: () => void;
  /** "Who do I know?" in the dashboard */
  onOpenWho?: () => void;
}

const FILTER_TIERS: Tier[] = ['A', 'B', 'C'];
const FILTER_SITES: Array<{ site: SiteId; label: 'siteLinkedIn' | 'siteXing' }> = [
  { site: 'linkedin', label: 'siteLinkedIn' },
  { site: 'xing', label: 'siteXing' },
];

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** Search and tier/site toggles above the checklist. */
export function ChecklistToolbar({ filter, onFilter, onOpenDashboard, onOpenWho }: Props) {
  const { t } = useLocale();
  return (
    <header class="toolbar">
      <div class="toolbar-top">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={onOpenDashboard}>
          {t('openDashboard')}
        </button>
        {onOpenWho && (
          <button type="button" class="link" onClick={onOpenWho}>
            {t('openWhoDoIKnow')}
          </button>
        )}
      </div>
      <input
        type="search"
        aria-label={t('searchLabel')}
        placeholder={t('searchPlaceholder')}
        value={filter.query}
        onInput={(event) => onFilter({ ...filter, query: event.currentTarget.value })}
      />
      <fieldset class="filters">
        <legend class="visually-hidden">{t('filterLabel')}</legend>
        {FILTER_TIERS.map((tier) => (
          <button
            key={tier}
            type="button"
            class="chip"
            aria-pressed={filter.tiers.includes(tier)}
            title={t('filterTierTitle', tier)}
            onClick={() => onFilter({ ...filter, tiers: toggle(filter.tiers, tier) })}
          >
            {tier}
          </button>
        ))}
        {FILTER_SITES.map(({ site, label }) => (
          <button
            key={site}
            type="button"
            class="chip"
            aria-pressed={filter.sites.includes(site)}
            onClick={() => onFilter({ ...filter, sites: toggle(filter.sites, site) })}
          >
            {t(label)}
          </button>
        ))}
      </fieldset>
    </header>
  );
}
