/**
 * Printing figures: one line per figure, `name: value unit`, and at the end a summary block of the
 * figures that have a target, `name: measured / target unit`, with "MISSED" when the figure is over its
 * target, not a number, or was not measured at all (a figure that is missing cannot count as met). A
 * missed target is printed, never turned into a failed run: only a part that could not run changes the
 * exit code.
 */

export interface Target {
  /** figure name the target applies to */
  name: string;
  /** the figure must be ≤ limit */
  limit: number;
  unit: string;
  /** where the target comes from, printed beside it */
  source?: string;
}

const figures = new Map<string, { value: number; unit: string }>();
const problems: string[] = [];

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 10 ? value.toFixed(1) : String(Math.round(value));
}

/** Fewest measured runs a series keeps even when its time is up. */
export const MIN_RUNS = 3;

/**
 * Keeps a full `npm run bench` bounded on a loaded machine: a series stops taking runs once its time is
 * up and it has MIN_RUNS measured runs, and says so (fewer runs are noisier, never faster).
 */
export function timeIsUp(series: string, stopAt: number, measured: number): boolean {
  if (measured < MIN_RUNS || Date.now() <= stopAt) return false;
  warn(`${series}: stopped after ${measured} measured runs, its time budget was used up (the machine is slow or loaded)`);
  return true;
}

/** The value of a figure printed so far (NaN when there is none). */
export function value(name: string): number {
  return figures.get(name)?.value ?? Number.NaN;
}

/** Prints one figure and remembers it for the summary. */
export function figure(name: string, value: number, unit: string): void {
  figures.set(name, { value, unit });
  console.log(`${name}: ${format(value)} ${unit}`);
}

/** Prints `<name>-median`, `-min`, `-max` (and `-runs`) of a series in one unit. */
export function series(name: string, values: readonly number[], unit: string): void {
  if (values.length === 0) return;
  figure(`${name}-median`, median(values), unit);
  figure(`${name}-min`, Math.min(...values), unit);
  figure(`${name}-max`, Math.max(...values), unit);
  figure(`${name}-runs`, values.length, 'runs');
}

/** A line that is not a figure: context for a reader (how something was measured, what looked odd). */
export function note(text: string): void {
  console.log(`note: ${text}`);
}

export function warn(text: string): void {
  console.log(`warning: ${text}`);
}

/** A part of the benchmark that could not run; the process exits non-zero at the end. */
export function failed(part: string, error: unknown): void {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  problems.push(part);
  console.log(`error: ${part} could not run: ${message}`);
}

export function failures(): readonly string[] {
  return problems;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  const lower = sorted[mid - 1] ?? upper;
  return sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
}

/** Met only by a finite figure at or under its limit: NaN, Infinity and a missing figure all miss. */
export function meets(measured: number | undefined, limit: number): boolean {
  return measured !== undefined && Number.isFinite(measured) && measured <= limit;
}

/** One summary line: `name: measured / target unit` and `ok` or `MISSED`. */
export function summaryLine(t: Target, measured: { value: number; unit: string } | undefined): string {
  const verdict = meets(measured?.value, t.limit) ? 'ok' : 'MISSED';
  const shown = measured ? format(measured.value) : 'not measured';
  const unit = measured && measured.unit !== t.unit ? ` (figure in ${measured.unit})` : '';
  const source = t.source ? `  [${t.source}]` : '';
  return `${verdict.padEnd(6)} ${t.name}: ${shown} / ${format(t.limit)} ${t.unit}${unit}${source}`;
}

/** The summary block: every target with the figure measured for it; returns how many were missed. */
export function printSummary(targets: readonly Target[]): number {
  console.log('');
  console.log('summary (measured / target; MISSED = over the target or not measured; nothing here fails the run):');
  let missed = 0;
  for (const t of targets) {
    const f = figures.get(t.name);
    if (!meets(f?.value, t.limit)) missed++;
    console.log(summaryLine(t, f));
  }
  console.log(`${missed} of ${targets.length} targets MISSED`);
  return missed;
}
