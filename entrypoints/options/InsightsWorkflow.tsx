import { useEffect, useState } from 'preact/hooks';
import { InsightsPage } from '../../components/InsightsView';
import { allContacts } from '../../storage/contacts';
import type { KontaktDb } from '../../storage/db';
import { type Insights, insights } from '../../storage/insights';
import type { IsoDay } from '../../storage/types';

/** Reads the notebook once and hands the figures to the page (one pass over the touches: see the bench). */
export function InsightsView({ db, today }: { db: KontaktDb; today: IsoDay }) {
  const [figures, setFigures] = useState<Insights | null>(null);
  useEffect(() => {
    void Promise.all([allContacts(db), db.touches.toArray()]).then(([contacts, touches]) =>
      setFigures(insights(contacts, touches, today)),
    );
  }, [db, today]);
  return figures ? <InsightsPage figures={figures} /> : null;
}
