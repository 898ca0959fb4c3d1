import { useEffect, useState } from 'preact/hooks';
import { InsightsPage } from '../../components/InsightsView';
import type { KontaktDb } from '../../storage/db';
import type { Insights } from '../../storage/insights';
import { insightsOffThread } from '../../storage/figures-off-thread';
import type { IsoDay } from '../../storage/types';

/**
 * Today's figures as last computed on this computer. Reading 50,000 touches takes seconds on a slow
 * machine, so the page shows these at once (counts only: no names, in the extension's own storage) and
 * says it is updating until the fresh ones replace them.
 */
const CACHE_KEY = 'kp-insights-v1';

function cachedFigures(today: IsoDay): Insights | null {
  try {
    const stored = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as { today?: string; figures?: Insights } | null;
    return stored?.today === today && stored.figures ? stored.figures : null;
  } catch {
    return null;
  }
}

/** Has the figures computed off the page's thread (`figures-off-thread.ts`) and hands them to the page. */
export function InsightsView({ db, today }: { db: KontaktDb; today: IsoDay }) {
  const [figures, setFigures] = useState<{ figures: Insights; fresh: boolean } | null>(() => {
    const cached = cachedFigures(today);
    return cached && { figures: cached, fresh: false };
  });
  useEffect(() => {
    let live = true;
    void insightsOffThread(db, today).then((read) => {
      if (!live) return;
      setFigures({ figures: read, fresh: true });
      try {
        localStorage.setItem(CACHE_KEY, JSON.stringify({ today, figures: read }));
      } catch {
        // a full disk only costs the next visit its head start
      }
    });
    return () => {
      live = false;
    };
  }, [db, today]);
  return figures ? <InsightsPage figures={figures.figures} updating={!figures.fresh} /> : null;
}
