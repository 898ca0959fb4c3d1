/**
 * Issue 11: the weekly review's and the insights page's first render at 10,000 contacts and 50,000
 * touches (the big-db seed, imported before). Timed in a dashboard tab from navigation start until the
 * page first shows its sections: the review's "Review done" button below rendered rows (the due index's
 * sections, occasions and promises), then the review complete (the touch-based sections counted, no
 * "still counting" status), and all five insight figures with their charts drawn (a canvas with a size)
 * or their empty-state text.
 */
import type { ExtensionBrowser } from '../tests/e2e/harness';
import { figure, median, series } from './report';

async function timeView(ext: ExtensionBrowser, hash: string, ready: () => number | false, runs: number): Promise<number[]> {
  const page = await ext.context.newPage();
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await page.goto(ext.extensionUrl(`options.html#${hash}`));
      // `ready` is checked every animation frame: the figure is when the page first shows its final state
      const t = await page.waitForFunction(ready, undefined, { timeout: 60_000, polling: 'raf' });
      times.push((await t.jsonValue()) as number);
      await page.goto('about:blank');
    }
  } finally {
    await page.close();
  }
  return times;
}

// Functions, not strings: the extension page's CSP refuses eval.
export function REVIEW_READY(): number | false {
  const done = [...document.querySelectorAll('button')].some(
    (b) => b.textContent === 'Review done' || b.textContent === 'Wochenrückblick abschließen',
  );
  return done && document.querySelectorAll('.review-list li').length > 0 ? performance.now() : false;
}

/** The review with every section filled in: the "still counting touches" status is gone. */
export function REVIEW_COMPLETE(): number | false {
  const done = [...document.querySelectorAll('button')].some(
    (b) => b.textContent === 'Review done' || b.textContent === 'Wochenrückblick abschließen',
  );
  return done && document.querySelector('.review [role="status"]') === null ? performance.now() : false;
}

function INSIGHTS_READY(): number | false {
  const figures = [...document.querySelectorAll('figure.insight')];
  const drawn = figures.filter((f) => {
    const c = f.querySelector('canvas');
    return !c || (c.width > 0 && c.height > 0);
  });
  return figures.length === 5 && drawn.length === 5 ? performance.now() : false;
}

/** The insights with fresh figures: no "updating" status (a same-day visit first shows the stored ones). */
export function INSIGHTS_FRESH(): number | false {
  // self-contained: the function is sent to the page as source
  const figures = [...document.querySelectorAll('figure.insight')];
  const drawn = figures.filter((f) => {
    const c = f.querySelector('canvas');
    return !c || (c.width > 0 && c.height > 0);
  });
  const updating = document.querySelector('.insights [role="status"]') !== null;
  return figures.length === 5 && drawn.length === 5 && !updating ? performance.now() : false;
}

export async function benchReviewAndInsights(ext: ExtensionBrowser, runs: number): Promise<void> {
  const review = await timeView(ext, 'review', REVIEW_READY, runs);
  figure('review-first-render-10k', median(review), 'ms');
  series('review-first-render-10k', review, 'ms');
  const complete = await timeView(ext, 'review', REVIEW_COMPLETE, runs);
  figure('review-complete-10k', median(complete), 'ms');
  series('review-complete-10k', complete, 'ms');
  const insights = await timeView(ext, 'insights', INSIGHTS_READY, runs);
  figure('insights-first-render-10k', median(insights), 'ms');
  series('insights-first-render-10k', insights, 'ms');
  const fresh = await timeView(ext, 'insights', INSIGHTS_FRESH, runs);
  figure('insights-fresh-10k', median(fresh), 'ms');
  series('insights-fresh-10k', fresh, 'ms');
}
