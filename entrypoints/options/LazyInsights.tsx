import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { KontaktDb } from '../../storage/db';
import type { IsoDay } from '../../storage/types';

type InsightsProps = { db: KontaktDb; today: IsoDay };

/**
 * The insights view and Chart.js load only when the insights are opened: every other dashboard view,
 * the weekly review first of all, no longer parses the chart library before it can render.
 */
export function LazyInsightsView(props: InsightsProps) {
  const [View, setView] = useState<ComponentType<InsightsProps> | null>(null);
  useEffect(() => {
    let live = true;
    void import('./InsightsWorkflow').then((module) => {
      if (live) setView(() => module.InsightsView);
    });
    return () => {
      live = false;
    };
  }, []);
  return View ? <View {...props} /> : null;
}
