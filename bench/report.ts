/**
 * Printing figures: one line per figure, `name: value unit`, and at the end a summary block of the
 * figures that have a target, `name: value unit (target ≤ X unit)`. Nothing here judges a figure: a slow
 * number is printed like any other and never changes the exit code.
 */

export interface Target {
  /** figure name the target applies to */
  name: string;
  limit: number;
  unit: string;
}

const figures = new Map<string, { value: number; unit: string }>();
const problems: string[] = [];

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) < 10 ? value.toFixed(1) : String(Math.round(value));
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

/** The summary block: every target, with the figure measured for it (or that it is missing). */
export function printSummary(targets: readonly Target[]): void {
  console.log('');
  console.log('summary (figures with a target; nothing here fails the run):');
  for (const t of targets) {
    const f = figures.get(t.name);
    const limit = `(target ≤ ${format(t.limit)} ${t.unit})`;
    console.log(f ? `${t.name}: ${format(f.value)} ${f.unit} ${limit}` : `${t.name}: not measured ${limit}`);
  }
}
