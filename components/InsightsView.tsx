import { useMemo } from 'preact/hooks';
import { useLocale } from '../i18n/context';
import { dateTimeFormat, formatCount, numberFormat } from '../i18n/formatters';
import type { Translate } from '../i18n/translate';
import type { Insights } from '../storage/insights';
import type { Tier } from '../storage/types';
import { channelKey } from './ChannelSelect';
import { type ChartSpec, InsightChart, type ThemeColor } from './InsightChart';

const TIER_COLORS: Record<Tier, ThemeColor> = { A: 'tier-a', B: 'tier-b', C: 'tier-c', none: 'muted' };
const TIER_ORDER: readonly Tier[] = ['A', 'B', 'C', 'none'];

function tierWord(tier: Tier, t: Translate): string {
  return tier === 'none' ? t('tierNone') : t('tierName', tier);
}

/** "Dec 25" / "Dez. 25": the month in the UI language. */
function monthLabel(month: string, lang: string, style: 'short' | 'long' = 'short'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return dateTimeFormat(lang, { month: style, year: style === 'short' ? '2-digit' : 'numeric', timeZone: 'UTC' }).format(
    Date.UTC(y, m - 1, 1),
  );
}

/** The five charts' specs from the figures: titles, takeaways, series and table rows in the UI language. */
export function chartSpecs(figures: Insights, t: Translate, lang: string): ChartSpec[] {
  const n = (value: number) => formatCount(value, lang);
  const percent = (part: number, whole: number) =>
    numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(whole === 0 ? 0 : part / whole);
  const { touches, health, channels, growth } = figures;

  const monthTotals = touches.counts.map((c) => c.A + c.B + c.C + c.none);
  const busiest = monthTotals.reduce((best, v, i) => (v > (monthTotals[best] ?? 0) ? i : best), 0);
  const touchSpec: ChartSpec = {
    id: 'chart-touches',
    title: t('chartTouches'),
    takeaway: t('takeTouches', [n(touches.total), monthLabel(touches.months[busiest] ?? '', lang, 'long')]),
    type: 'bar',
    stacked: true,
    labels: touches.months.map((m) => monthLabel(m, lang)),
    series: TIER_ORDER.map((tier) => ({
      label: tierWord(tier, t),
      data: touches.counts.map((c) => c[tier]),
      color: TIER_COLORS[tier],
    })),
    table: {
      head: [t('colMonth'), ...TIER_ORDER.map((tier) => tierWord(tier, t)), t('colTotal')],
      rows: touches.months.map((m, i) => [
        monthLabel(m, lang, 'long'),
        ...TIER_ORDER.map((tier) => n(touches.counts[i]?.[tier] ?? 0)),
        n(monthTotals[i] ?? 0),
      ]),
    },
    empty: touches.total === 0 ? t('emptyTouches') : null,
  };

  const tiered = health.reduce((sum, h) => sum + h.onSchedule + h.overdue, 0);
  const share = (h: (typeof health)[number]) => (h.onSchedule + h.overdue === 0 ? 1 : h.onSchedule / (h.onSchedule + h.overdue));
  const worst = health.filter((h) => h.onSchedule + h.overdue > 0).sort((a, b) => share(a) - share(b))[0];
  const healthSpec: ChartSpec = {
    id: 'chart-health',
    title: t('chartHealth'),
    takeaway:
      worst && worst.overdue > 0
        ? t('takeHealth', [worst.tier, percent(worst.onSchedule, worst.onSchedule + worst.overdue)])
        : t('takeHealthAll'),
    type: 'bar',
    stacked: true,
    horizontal: true,
    labels: health.map((h) => tierWord(h.tier, t)),
    series: [
      { label: t('colOnSchedule'), data: health.map((h) => h.onSchedule), color: 'tier-c' },
      { label: t('colOverdue'), data: health.map((h) => h.overdue), color: 'critical' },
    ],
    table: {
      head: [t('tierLabel'), t('colOnSchedule'), t('colOverdue'), t('colShareOnSchedule')],
      rows: health.map((h) => [
        tierWord(h.tier, t),
        n(h.onSchedule),
        n(h.overdue),
        percent(h.onSchedule, h.onSchedule + h.overdue),
      ]),
    },
    empty: tiered === 0 ? t('emptyTiered') : null,
  };

  const directions = [
    [t('direction_gave'), channels.gave],
    [t('direction_received'), channels.received],
    [t('direction_mutual'), channels.mutual],
  ] as const;
  const channelSpec: ChartSpec = {
    id: 'chart-channels',
    title: t('chartChannels'),
    takeaway: t('takeChannels', [
      channels.channels[0] ? t(channelKey(channels.channels[0].channel)) : '–',
      n(channels.gave),
      n(channels.received),
      n(channels.mutual),
    ]),
    type: 'bar',
    horizontal: true,
    labels: [...channels.channels.map((c) => t(channelKey(c.channel))), ...directions.map(([label]) => label)],
    series: [
      {
        label: t('chartChannels'),
        data: [...channels.channels.map((c) => c.count), ...directions.map(([, count]) => count)],
        color: [...channels.channels.map((): ThemeColor => 'accent'), 'tier-c', 'tier-b', 'muted'],
      },
    ],
    table: {
      head: [t('colChannelOrDirection'), t('colTouches')],
      rows: [
        ...channels.channels.map((c) => [t(channelKey(c.channel)), n(c.count)]),
        ...directions.map(([label, count]) => [label, n(count)]),
      ],
    },
    empty: channels.channels.length === 0 ? t('emptyTouches') : null,
  };

  const addedTotal = growth.added.reduce((a, b) => a + b, 0);
  const growthSpec: ChartSpec = {
    id: 'chart-growth',
    title: t('chartGrowth'),
    takeaway: t('takeGrowth', [n(addedTotal), n(growth.total)]),
    type: 'bar',
    labels: growth.months.map((m) => monthLabel(m, lang)),
    series: [{ label: t('colAdded'), data: growth.added, color: 'accent' }],
    table: {
      head: [t('colMonth'), t('colAdded')],
      rows: growth.months.map((m, i) => [monthLabel(m, lang, 'long'), n(growth.added[i] ?? 0)]),
    },
    empty: addedTotal === 0 ? (growth.total === 0 ? t('emptyContacts') : t('emptyAdded')) : null,
  };

  const tierSpec: ChartSpec = {
    id: 'chart-tiers',
    title: t('chartTiers'),
    takeaway: t('takeTiers', percent(growth.tiers.A + growth.tiers.B, growth.total)),
    type: 'doughnut',
    labels: TIER_ORDER.map((tier) => tierWord(tier, t)),
    series: [
      {
        label: t('colContacts'),
        data: TIER_ORDER.map((tier) => growth.tiers[tier]),
        color: TIER_ORDER.map((tier) => TIER_COLORS[tier]),
      },
    ],
    table: {
      head: [t('tierLabel'), t('colContacts')],
      rows: TIER_ORDER.map((tier) => [tierWord(tier, t), n(growth.tiers[tier])]),
    },
    empty: growth.total === 0 ? t('emptyContacts') : null,
  };

  return [touchSpec, healthSpec, channelSpec, growthSpec, tierSpec];
}

/** The insights page: five figures, each with its takeaway and table. */
export function InsightsPage({ figures, updating = false }: { figures: Insights; updating?: boolean }) {
  const { t, lang } = useLocale();
  const specs = useMemo(() => chartSpecs(figures, t, lang), [figures, t, lang]);
  return (
    <section class="insights" aria-labelledby="insights-heading">
      <h2 id="insights-heading">{t('navInsights')}</h2>
      <p class="hint">{t('insightsIntro')}</p>
      {updating && (
        <p class="hint" role="status">
          {t('insightsUpdating')}
        </p>
      )}
      <div class="insight-grid">
        {specs.map((spec) => (
          <InsightChart key={spec.id} spec={spec} />
        ))}
      </div>
    </section>
  );
}
