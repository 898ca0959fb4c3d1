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
 * A macrotask, not a microtask (a resolved promise would run before the page handles a click): a
 * message to itself, queued behind whatever the page has waiting. Not `scheduler.yield`, whose
 * continuation goes ahead of other queued tasks (input aside), so timers, messages and DevTools' own
 * work waited for the whole check; not `setTimeout(0)`, which browsers stretch to 4 ms once nested.
 */
export function pauseForUi(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
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
