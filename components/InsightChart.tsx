import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { useLocale } from '../i18n/context';

// Only what the five charts use, so the rest of Chart.js is tree-shaken away.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, DoughnutController, ArcElement, Legend, Tooltip);

/** A colour from the page's theme (`components/base.css`), so the charts follow light and dark. */
export type ThemeColor = 'tier-a' | 'tier-b' | 'tier-c' | 'muted' | 'accent' | 'critical' | 'line';

export interface ChartSeries {
  label: string;
  data: number[];
  /** one colour for the series, or one per bar/slice */
  color: ThemeColor | ThemeColor[];
}

export interface ChartSpec {
  id: string;
  title: string;
  /** the one line a busy reader takes away */
  takeaway: string;
  type: 'bar' | 'doughnut';
  labels: string[];
  series: ChartSeries[];
  stacked?: boolean;
  horizontal?: boolean;
  /** the same numbers for screen readers (and anyone who prefers a table) */
  table: { head: string[]; rows: string[][] };
  /** shown instead of the chart when there is nothing to draw: what to do to fill it */
  empty?: string | null;
}

function themeColor(name: ThemeColor): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim() || 'gray';
}

function draw(canvas: HTMLCanvasElement, spec: ChartSpec, lang: string): Chart {
  const text = themeColor('muted');
  const grid = themeColor('line');
  const colors = (c: ThemeColor | ThemeColor[]) => (Array.isArray(c) ? c.map(themeColor) : themeColor(c));
  const axes = spec.type === 'bar';
  return new Chart(canvas, {
    type: spec.type,
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.data,
        backgroundColor: colors(s.color),
        borderColor: themeColor('line'),
      })),
    },
    options: {
      // German decimal comma and thousands dots on the axes and tooltips
      locale: lang,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      plugins: { legend: { display: spec.series.length > 1 || spec.type === 'doughnut', labels: { color: text } } },
      scales: axes
        ? {
            x: { stacked: spec.stacked, ticks: { color: text }, grid: { color: grid } },
            y: { stacked: spec.stacked, beginAtZero: true, ticks: { color: text, precision: 0 }, grid: { color: grid } },
          }
        : {},
    },
  });
}

/** One chart as a titled figure with its takeaway, and the same numbers as a table with the same title. */
export function InsightChart({ spec }: { spec: ChartSpec }) {
  const { lang } = useLocale();
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const element = canvas.current;
    // jsdom (component tests) has no canvas: the figure and its table still render
    if (!element || spec.empty || !element.getContext?.('2d')) return;
    let chart = draw(element, spec, lang);
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const redraw = () => {
      chart.destroy();
      chart = draw(element, spec, lang);
    };
    scheme?.addEventListener('change', redraw);
    return () => {
      scheme?.removeEventListener('change', redraw);
      chart.destroy();
    };
  }, [spec, lang]);

  const titleId = `${spec.id}-title`;
  return (
    <figure class="insight" aria-labelledby={titleId}>
      <figcaption>
        <h3 id={titleId}>{spec.title}</h3>
        <p class="takeaway">{spec.empty ?? spec.takeaway}</p>
      </figcaption>
      {!spec.empty && (
        <div class="chart-box">
          {/* the picture only: the table below carries the numbers for screen readers */}
          <canvas ref={canvas} />
        </div>
      )}
      {!spec.empty && (
        <table class="visually-hidden">
          <caption>{spec.title}</caption>
          <thead>
            <tr>
              {spec.table.head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.table.rows.map((row) => (
              <tr key={row[0]}>
                <th scope="row">{row[0]}</th>
                {row.slice(1).map((cell, i) => (
                  <td key={spec.table.head[i + 1]}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
