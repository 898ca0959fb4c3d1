import { useEffect, useState } from 'preact/hooks';
import { InsightsPage } from '../../components/InsightsView';
import type { KontaktDb } from '../../storage/db';
import type { Insights } from '../../storage/insights';
import { readInsights } from '../../storage/insights-read';
import type { IsoDay } from '../../storage/types';

/** Reads the notebook in chunks and hands the figures to the page (one pass over the touches: see the bench). */
export function InsightsView({ db, today }: { db: KontaktDb; today: IsoDay }) {
  const [figures, setFigures] = useState<Insights | null>(null);
  useEffect(() => {
    let live = true;
    void readInsights(db, today).then((read) => live && setFigures(read));
    return () => {
      live = false;
    };
  }, [db, today]);
  return figures ? <InsightsPage figures={figures} /> : null;
}
