/**
 * CDP tracing for the main-thread figures: record a browser-wide trace around one page load, find the
 * page's renderer main thread, and add up the tasks that ran on it.
 *
 * The analysis functions are pure (trace events in, numbers out) so that they can be tested on
 * hand-written traces (tests/unit/bench-trace.test.ts).
 */
import type { CDPSession } from 'playwright-core';

/** One Chrome trace event (the JSON Trace Event Format); only the fields used here. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  /** µs, complete events (`ph: 'X'`) only */
  dur?: number;
  /** µs of the thread's CPU time (thread clock) during the event, where the platform records it */
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string; frame?: string; processId?: number; stackTrace?: Array<{ url?: string }> };
    beginData?: { url?: string; frame?: string };
  };
}

/**
 * Categories: `toplevel` has the scheduler's task events (`ThreadControllerImpl::RunTask`), the devtools
 * timeline ones say what each task did (ParseHTML, EvaluateScript, FunctionCall, Layout, …) and which URL
 * a script came from. Not `disabled-by-default-devtools.timeline` (stack traces on every event: it doubled
 * the content script's own figures when tried), no sampling, no screenshots: the recording must cost little.
 */
export const TRACE_CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', '__metadata'];

/** The names Chrome gives a whole scheduler task on a thread (older builds: `RunTask`). */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask']);

export function isTask(e: TraceEvent): boolean {
  return e.ph === 'X' && typeof e.dur === 'number' && TASK_NAMES.has(e.name);
}

export interface Recorder {
  stop(): Promise<TraceEvent[]>;
}

/** Starts a trace on a browser-level CDP session (a trace always covers every process of the browser). */
export async function startTrace(cdp: CDPSession, categories: readonly string[] = TRACE_CATEGORIES): Promise<Recorder> {
  const events: TraceEvent[] = [];
  // CDP types the events as string maps; they are the Trace Event Format objects described above.
  const onData = (e: { value: object[] }) => {
    for (const ev of e.value) events.push(ev as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: [...categories] },
  });
  return {
    async stop() {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', onData);
      return events;
    },
  };
}

export interface ThreadId {
  pid: number;
  tid: number;
}

/**
 * The main thread of the renderer that parsed the document at `url` (its `ParseHTML` events carry the
 * document's URL): the page's own main thread, whichever process the navigation ended up in.
 */
export function documentThread(events: readonly TraceEvent[], matches: (url: string) => boolean): ThreadId | null {
  for (const e of events) {
    if (e.name !== 'ParseHTML') continue;
    const url = e.args?.beginData?.url;
    if (url !== undefined && matches(url)) return { pid: e.pid, tid: e.tid };
  }
  return null;
}

/** Complete events of one thread, sorted by start (parents before their children when they start together). */
function threadEvents(events: readonly TraceEvent[], thread: ThreadId): TraceEvent[] {
  return events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
}

/** Top-level tasks of a thread: a task nested in another (a nested run loop) is part of its parent. */
export function topLevelTasks(events: readonly TraceEvent[], thread: ThreadId): TraceEvent[] {
  const tasks: TraceEvent[] = [];
  let openUntil = Number.NEGATIVE_INFINITY;
  for (const e of threadEvents(events, thread)) {
    if (!isTask(e)) continue;
    if (e.ts < openUntil) continue;
    tasks.push(e);
    openUntil = e.ts + (e.dur ?? 0);
  }
  return tasks;
}

/** Sum of the top-level task durations on a thread, in ms. */
export function taskTimeMs(events: readonly TraceEvent[], thread: ThreadId): number {
  return topLevelTasks(events, thread).reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000;
}

/**
 * The same tasks' CPU time (thread clock), in ms; NaN when the trace has no thread clock. On a loaded
 * machine wall time also counts the moments the OS gave the core to another process; CPU time does not,
 * so it is the steadier companion figure (it leaves out waits, e.g. for a synchronous IPC answer).
 */
export function taskCpuMs(events: readonly TraceEvent[], thread: ThreadId): number {
  const tasks = topLevelTasks(events, thread);
  if (tasks.length > 0 && tasks.every((t) => t.tdur === undefined)) return Number.NaN;
  return tasks.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000;
}

function eventUrl(e: TraceEvent): string | undefined {
  return e.args?.data?.url ?? e.args?.beginData?.url ?? e.args?.data?.stackTrace?.[0]?.url;
}

/**
 * Time (ms) of the events on a thread whose script is from `urlPrefix` (compiling and running the content
 * script, calls into it from timers, observers and events), outermost only. A floor for what the extension
 * costs the thread: style, layout and paint its DOM changes cause later carry no URL and are not in it.
 */
export function scriptTimeFromMs(events: readonly TraceEvent[], thread: ThreadId, urlPrefix: string): number {
  let total = 0;
  let openUntil = Number.NEGATIVE_INFINITY;
  for (const e of threadEvents(events, thread)) {
    if (isTask(e) || e.ts < openUntil) continue;
    const url = eventUrl(e);
    if (url === undefined || !url.startsWith(urlPrefix)) continue;
    total += e.dur ?? 0;
    openUntil = e.ts + (e.dur ?? 0);
  }
  return total / 1000;
}

/**
 * Self time (ms) per event name on a thread, inside top-level tasks (a task's own self time is what no
 * instrumented event covers: scheduling, IPC, uninstrumented work).
 */
export function selfTimeByName(events: readonly TraceEvent[], thread: ThreadId): Map<string, number> {
  const totals = new Map<string, number>();
  const stack: Array<{ e: TraceEvent; end: number; children: number }> = [];
  const close = (until: number) => {
    for (let top = stack.at(-1); top && top.end <= until; top = stack.at(-1)) {
      stack.pop();
      const self = (top.e.dur ?? 0) - top.children;
      totals.set(top.e.name, (totals.get(top.e.name) ?? 0) + Math.max(0, self) / 1000);
      const parent = stack.at(-1);
      if (parent) parent.children += top.e.dur ?? 0;
    }
  };
  for (const e of threadEvents(events, thread)) {
    close(e.ts);
    const parent = stack.at(-1);
    const end = e.ts + (e.dur ?? 0);
    // Outside any task, or overlapping its parent's end (clock rounding): count from the next task on.
    if (!parent && !isTask(e)) continue;
    if (parent && end > parent.end) continue;
    stack.push({ e, end, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return totals;
}

/** Events that run or compile script and carry the script's URL (FunctionCall also for callbacks). */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule']);

export interface Attribution {
  /** ms: tasks in which only our script ran, whole (their style, layout, microtasks and IPC included) */
  ownTasks: number;
  /** ms: our outermost script events inside tasks shared with the page (the parser task at document_start, …) */
  sharedTaskScript: number;
  ownTaskCount: number;
  sharedTaskCount: number;
  /** the same two sums in CPU time (thread clock; 0 where the trace has none) */
  cpu: number;
}

/**
 * Main-thread task time attributable to the script at `urlPrefix`: a task in which our script ran and
 * the page neither parsed nor ran script counts whole; in a task shared with the page, only our outermost
 * script events count (the rest of that task is the page's). Work our DOM changes cause in the page's
 * later rendering tasks (style, layout, paint of the panel's host) carries no URL and is not in it.
 */
export function attributeTasks(events: readonly TraceEvent[], thread: ThreadId, urlPrefix: string): Attribution {
  const inThread = threadEvents(events, thread);
  const result: Attribution = { ownTasks: 0, sharedTaskScript: 0, ownTaskCount: 0, sharedTaskCount: 0, cpu: 0 };
  let i = 0;
  for (const task of topLevelTasks(events, thread)) {
    const end = task.ts + (task.dur ?? 0);
    let ours = 0;
    let oursCpu = 0;
    let oursUntil = Number.NEGATIVE_INFINITY;
    let page = false;
    for (; i < inThread.length; i++) {
      const e = inThread[i] as TraceEvent;
      if (e.ts < task.ts) continue;
      if (e.ts >= end) break;
      if (e.name === 'ParseHTML') page = true;
      if (!SCRIPT_EVENTS.has(e.name)) continue;
      const url = eventUrl(e);
      if (url === undefined || url === '') continue;
      if (!url.startsWith(urlPrefix)) page = true;
      else if (e.ts >= oursUntil) {
        ours += e.dur ?? 0;
        oursCpu += e.tdur ?? 0;
        oursUntil = e.ts + (e.dur ?? 0);
      }
    }
    if (oursUntil === Number.NEGATIVE_INFINITY) continue;
    if (!page) {
      result.ownTasks += (task.dur ?? 0) / 1000;
      result.cpu += (task.tdur ?? 0) / 1000;
      result.ownTaskCount++;
    } else {
      result.sharedTaskScript += ours / 1000;
      result.cpu += oursCpu / 1000;
      result.sharedTaskCount++;
    }
  }
  return result;
}
