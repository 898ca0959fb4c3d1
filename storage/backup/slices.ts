/**
 * Long checks written as generators, run either to the end at once (a test, the sync) or in slices
 * that give the page's main thread back between them (the dashboard), from the same code. A step
 * yields how far it is; the runner decides when to pause.
 */

/** Work done of all work, as a step reports it. */
export interface SliceProgress {
  done: number;
  total: number;
}

export type Steps<R> = Generator<SliceProgress, R, void>;

/** Runs every step now, in one task. */
export function runToEnd<R>(steps: Steps<R>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SliceOptions {
  /** after each slice, with the last step's progress */
  onProgress?: (progress: SliceProgress) => void;
  /** main-thread time a slice may take before the runner pauses: short enough to answer a click in a frame */
  sliceMs?: number;
  /** the pause: by default a macrotask, so input, rendering and other tasks run in between */
  pause?: () => Promise<void>;
  clock?: () => number;
}

const SLICE_MS = 12;

/**
 * A macrotask, not a microtask (a resolved promise would run before the page handles a click).
 * `scheduler.yield` where the browser has it: it resumes ahead of other queued work, so the pauses
 * cost less, and input still goes first.
 */
export function pauseForUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs the steps in slices of about `sliceMs`, pausing between them; the result is `runToEnd`'s. */
export async function runInSlices<R>(steps: Steps<R>, options: SliceOptions = {}): Promise<R> {
  const { onProgress, sliceMs = SLICE_MS, pause = pauseForUi, clock = () => performance.now() } = options;
  let sliceStart = clock();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (clock() - sliceStart >= sliceMs) {
      onProgress?.(next.value);
      await pause();
      sliceStart = clock();
    }
  }
}
