/**
 * The bench's main-thread figures (bench/trace.ts) on hand-written traces: which thread is the page's, how
 * task time adds up, and what counts as the extension's.
 */
import {
  attributeTasks,
  documentThread,
  selfTimeByName,
  taskCpuMs,
  taskTimeMs,
  type TraceEvent,
  topLevelTasks,
} from '../../bench/trace';

const PAGE = { pid: 10, tid: 1 };
const OTHER = { pid: 20, tid: 1 };
const OURS = 'chrome-extension://abc/content-scripts/linkedin.js';
const THEIRS = 'https://static.licdn.com/app.js';

/** A complete event; times in ms for readability, stored in µs as Chrome does. */
function ev(name: string, startMs: number, durMs: number, at = PAGE, url?: string): TraceEvent {
  return {
    name,
    cat: 'devtools.timeline',
    ph: 'X',
    pid: at.pid,
    tid: at.tid,
    ts: startMs * 1000,
    dur: durMs * 1000,
    ...(url === undefined ? {} : { args: { data: { url } } }),
  };
}

function task(startMs: number, durMs: number, at = PAGE): TraceEvent {
  return { ...ev('ThreadControllerImpl::RunTask', startMs, durMs, at), cat: 'toplevel' };
}

function parse(startMs: number, durMs: number, url: string, at = PAGE): TraceEvent {
  return { ...ev('ParseHTML', startMs, durMs, at), args: { beginData: { url } } };
}

describe('documentThread', () => {
  it('is the thread that parsed the measured document, not the panel or another page', () => {
    const events = [
      parse(1, 1, 'chrome-extension://abc/panel.html?t=1', OTHER),
      parse(2, 1, 'https://www.linkedin.com/feed/', { pid: 30, tid: 1 }),
      parse(3, 1, 'https://www.linkedin.com/jobs/'),
    ];
    expect(documentThread(events, (u) => u === 'https://www.linkedin.com/jobs/')).toEqual(PAGE);
    expect(documentThread(events, (u) => u.endsWith('/nothing/'))).toBeNull();
  });
});

describe('task time', () => {
  it('adds the top-level tasks of the page thread once each: nested tasks and other threads do not count', () => {
    const events = [
      task(0, 10),
      task(2, 3), // a nested run loop inside the first task
      task(20, 5),
      task(0, 100, OTHER),
      ev('Layout', 21, 2), // inside a task: already in its duration
    ];
    expect(topLevelTasks(events, PAGE)).toHaveLength(2);
    expect(taskTimeMs(events, PAGE)).toBe(15);
  });
});

describe('attributeTasks', () => {
  it('counts a task in which only our script ran whole, style and layout included', () => {
    const events = [task(0, 10), ev('FunctionCall', 1, 4, PAGE, OURS), ev('Layout', 6, 3)];
    expect(attributeTasks(events, PAGE, 'chrome-extension://abc/')).toEqual({
      ownTasks: 10,
      sharedTaskScript: 0,
      ownTaskCount: 1,
      sharedTaskCount: 0,
      cpu: 0,
    });
  });

  it('counts only our outermost script events in a task the page parsed or ran script in', () => {
    const events = [
      task(0, 50),
      parse(0, 20, 'https://www.linkedin.com/in/x/'),
      ev('EvaluateScript', 5, 6, PAGE, OURS),
      ev('FunctionCall', 6, 2, PAGE, OURS), // inside our EvaluateScript: not twice
      ev('FunctionCall', 30, 10, PAGE, THEIRS),
      ev('FunctionCall', 42, 3, PAGE, OURS),
    ];
    expect(attributeTasks(events, PAGE, 'chrome-extension://abc/')).toEqual({
      ownTasks: 0,
      sharedTaskScript: 9,
      ownTaskCount: 0,
      sharedTaskCount: 1,
      cpu: 0,
    });
  });

  it('leaves the parser task in which the content script starts to the page, but for our script', () => {
    const events = [task(0, 40), parse(0, 30, 'https://www.linkedin.com/in/x/'), ev('EvaluateScript', 2, 7, PAGE, OURS)];
    expect(attributeTasks(events, PAGE, 'chrome-extension://abc/')).toMatchObject({ ownTasks: 0, sharedTaskScript: 7 });
  });

  it('gives the extension nothing for tasks where only the page ran, or on another thread', () => {
    const events = [
      task(0, 10),
      ev('FunctionCall', 1, 5, PAGE, THEIRS),
      task(0, 10, OTHER),
      ev('FunctionCall', 1, 5, OTHER, OURS),
    ];
    expect(attributeTasks(events, PAGE, 'chrome-extension://abc/')).toEqual({
      ownTasks: 0,
      sharedTaskScript: 0,
      ownTaskCount: 0,
      sharedTaskCount: 0,
      cpu: 0,
    });
  });
});

describe('CPU time (thread clock)', () => {
  const withCpu = (e: TraceEvent, cpuMs: number): TraceEvent => ({ ...e, tdur: cpuMs * 1000 });

  it('adds the CPU time of top-level tasks, not their wall time', () => {
    const events = [withCpu(task(0, 10), 4), withCpu(task(2, 3), 3), withCpu(task(20, 5), 1)];
    expect(taskCpuMs(events, PAGE)).toBe(5);
  });

  it('is not a number when the trace has no thread clock, never 0', () => {
    expect(taskCpuMs([task(0, 10)], PAGE)).toBeNaN();
  });

  it('gives the extension the CPU time of its own tasks and of its script in shared ones', () => {
    const events = [
      withCpu(task(0, 10), 6),
      withCpu(ev('FunctionCall', 1, 4, PAGE, OURS), 3),
      withCpu(task(20, 40), 30),
      parse(20, 20, 'https://www.linkedin.com/in/x/'),
      withCpu(ev('EvaluateScript', 22, 7, PAGE, OURS), 2),
    ];
    expect(attributeTasks(events, PAGE, 'chrome-extension://abc/').cpu).toBe(8);
  });
});

describe('selfTimeByName', () => {
  it("gives each event its duration minus its children's", () => {
    const events = [task(0, 10), ev('FunctionCall', 1, 6), ev('Layout', 2, 4), task(20, 2)];
    const self = selfTimeByName(events, PAGE);
    expect(self.get('ThreadControllerImpl::RunTask')).toBe(6); // 10 − 6 + 2
    expect(self.get('FunctionCall')).toBe(2);
    expect(self.get('Layout')).toBe(4);
  });
});
