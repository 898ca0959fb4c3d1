interface Props {
  /** accessible name (the role is the native `progressbar` of `<progress>`) */
  label: string;
  /** done so far; omit for "working, amount unknown" */
  value?: number;
  max?: number;
}

/** A labelled progress bar for any long-running job (an import, a large export). */
export function ProgressBar({ label, value, max }: Props) {
  return value === undefined || max === undefined || max <= 0 ? (
    <progress aria-label={label} />
  ) : (
    <progress aria-label={label} value={value} max={max} />
  );
}
