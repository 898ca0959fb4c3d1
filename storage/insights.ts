/**
 * The insights page's figures: pure functions of the records and the day (`today`, the user's calendar
 * day). Each walks its records once, so 50 000 touches cost one pass (measured in `npm run bench`).
 */
import { dayStartMs } from './dates';
import { createdDayOf } from './rules';
import { CHANNELS, type Channel, type Contact, type IsoDay, type Tier, type Touch } from './types';

export const INSIGHT_MONTHS = 12;

/** `YYYY-MM` of the last 12 months, oldest first, ending with today's month. */
export function lastMonths(today: IsoDay, count = INSIGHT_MONTHS): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    out.push(`${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

function isLive(record: object): boolean {
  return !('deletedAt' in record) || record.deletedAt === null || record.deletedAt === undefined;
}

export type PerTier = Record<Tier, number>;
const zeroTiers = (): PerTier => ({ A: 0, B: 0, C: 0, none: 0 });

export interface TouchesPerMonth {
  months: string[];
  /** per month (same order as `months`), touches by the person's tier */
  counts: PerTier[];
  total: number;
}

/** Touches per month over the last 12 months, stacked by each person's current tier. */
export function touchesPerMonth(contacts: readonly Contact[], touches: readonly Touch[], today: IsoDay): TouchesPerMonth {
  const months = lastMonths(today);
  const index = new Map(months.map((m, i) => [m, i]));
  const tierOf = new Map<string, Tier>();
  for (const c of contacts) if (isLive(c)) tierOf.set(c.key, c.tier);
  const counts = months.map(zeroTiers);
  let total = 0;
  for (const touch of touches) {
    if (!isLive(touch) || touch.date > today) continue;
    const i = index.get(touch.date.slice(0, 7));
    const tier = tierOf.get(touch.contactKey);
    if (i === undefined || tier === undefined) continue;
    (counts[i] as PerTier)[tier]++;
    total++;
  }
  return { months, counts, total };
}

export interface TierHealth {
  tier: Exclude<Tier, 'none'>;
  onSchedule: number;
  overdue: number;
}

/** For A, B and C: how many are on schedule (due today or later) and how many overdue. */
export function tierHealth(contacts: readonly Contact[], today: IsoDay): TierHealth[] {
  const todayMs = dayStartMs(today);
  const rows: TierHealth[] = (['A', 'B', 'C'] as const).map((tier) => ({ tier, onSchedule: 0, overdue: 0 }));
  for (const c of contacts) {
    if (!isLive(c) || c.tier === 'none') continue;
    const row = rows.find((r) => r.tier === c.tier) as TierHealth;
    if (c.nextDueAt < todayMs) row.overdue++;
    else row.onSchedule++;
  }
  return rows;
}

export interface ChannelUse {
  /** touches per channel in the last 12 months, most used first (channels never used left out) */
  channels: { channel: Channel; count: number }[];
  gave: number;
  received: number;
  mutual: number;
}

/** Channels used and the given/received balance over the last 12 months. */
export function channelUse(touches: readonly Touch[], today: IsoDay): ChannelUse {
  const from = `${lastMonths(today)[0]}-01`;
  const perChannel = new Map<Channel, number>();
  const balance = { gave: 0, received: 0, mutual: 0 };
  for (const touch of touches) {
    if (!isLive(touch) || touch.date < from || touch.date > today) continue;
    perChannel.set(touch.channel, (perChannel.get(touch.channel) ?? 0) + 1);
    balance[touch.direction]++;
  }
  const channels = CHANNELS.filter((ch) => perChannel.has(ch))
    .map((channel) => ({ channel, count: perChannel.get(channel) ?? 0 }))
    .sort((a, b) => b.count - a.count);
  return { channels, ...balance };
}

export interface NetworkGrowth {
  months: string[];
  /** contacts added per month (same order as `months`) */
  added: number[];
  /** everyone in the notebook by tier */
  tiers: PerTier;
  total: number;
}

/** Contacts added per month over the last 12 months, and the tier distribution today. */
export function networkGrowth(contacts: readonly Contact[], today: IsoDay): NetworkGrowth {
  const months = lastMonths(today);
  const index = new Map(months.map((m, i) => [m, i]));
  const added = months.map(() => 0);
  const tiers = zeroTiers();
  let total = 0;
  for (const c of contacts) {
    if (!isLive(c)) continue;
    tiers[c.tier]++;
    total++;
    const i = index.get(createdDayOf(c).slice(0, 7));
    if (i !== undefined) added[i] = (added[i] ?? 0) + 1;
  }
  return { months, added, tiers, total };
}

export interface Insights {
  touches: TouchesPerMonth;
  health: TierHealth[];
  channels: ChannelUse;
  growth: NetworkGrowth;
}

export function insights(contacts: readonly Contact[], touches: readonly Touch[], today: IsoDay): Insights {
  return {
    touches: touchesPerMonth(contacts, touches, today),
    health: tierHealth(contacts, today),
    channels: channelUse(touches, today),
    growth: networkGrowth(contacts, today),
  };
}
