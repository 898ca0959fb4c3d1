/**
 * What the insights page reads: every live contact and the touches of the last 12 months, each table in
 * chunks (`read-chunks.ts`) so the page stays responsive, then the pure figures of `insights.ts` in one
 * pass. Older touches are dropped chunk by chunk, so they are never held all at once.
 */
import type { KontaktDb } from './db';
import { type Insights, insights, lastMonths } from './insights';
import { forEachChunk, READ_CHUNK } from './read-chunks';
import type { Contact, IsoDay, Touch } from './types';

export async function readInsights(db: KontaktDb, today: IsoDay, chunk = READ_CHUNK): Promise<Insights> {
  const from = `${lastMonths(today)[0]}-01`;
  const contacts: Contact[] = [];
  const recent: Touch[] = [];
  await Promise.all([
    forEachChunk(
      db.contacts,
      (rows) => {
        for (const c of rows) if (c.deletedAt === null) contacts.push(c);
      },
      (c) => c.key,
      chunk,
    ),
    forEachChunk(
      db.touches,
      (rows) => {
        for (const t of rows) if (t.deletedAt === null && t.date >= from && t.date <= today) recent.push(t);
      },
      (t) => t.id,
      chunk,
    ),
  ]);
  return insights(contacts, recent, today);
}
