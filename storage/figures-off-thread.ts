/**
 * The page's side of `figures-worker.ts`: the review's touch tallies and the insights figures, computed
 * in a Web Worker so 50,000 touches never occupy the dashboard's main thread. Where no worker can start
 * (unit tests in Node, a worker that fails), the same readers run on the page in small chunks instead.
 */
import type { KontaktDb } from './db';
import type { Insights } from './insights';
import { readInsights } from './insights-read';
import type { TouchTally } from './review';
import { readTouchTallies } from './review-read';
import type { IsoDay } from './types';

export type FiguresRequest = { id: number; kind: 'tallies' | 'insights'; db: string; today: IsoDay };

export type FiguresReply =
  | { id: number; kind: 'tallies'; tallies: [string, TouchTally][] }
  | { id: number; kind: 'insights'; insights: Insights }
  | { id: number; kind: 'error'; message: string };

let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, (reply: FiguresReply) => void>();

function figuresWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    // The literal `new Worker(new URL(…, import.meta.url))` shape is what Vite bundles as a worker chunk.
    worker = new Worker(new URL('./figures-worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<FiguresReply>) => {
      waiting.get(event.data.id)?.(event.data);
      waiting.delete(event.data.id);
    });
    worker.addEventListener('error', () => {
      // a worker that cannot load answers nothing: everyone waiting gets the page's own path
      for (const [id, resolve] of waiting) resolve({ id, kind: 'error', message: 'worker failed' });
      waiting.clear();
      worker = null;
    });
  } catch {
    worker = null;
  }
  return worker;
}

function ask(db: KontaktDb, kind: FiguresRequest['kind'], today: IsoDay): Promise<FiguresReply> {
  const w = typeof Worker === 'undefined' ? null : figuresWorker();
  if (!w) return Promise.resolve({ id: 0, kind: 'error', message: 'no worker' });
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ id, kind, db: db.name, today } satisfies FiguresRequest);
  });
}

/**
 * The review's tallies of the people the touch rules pick (`picksByTouches`); people without one are
 * simply not picked, as with the full map.
 */
export async function tallyOffThread(db: KontaktDb, today: IsoDay): Promise<Map<string, TouchTally>> {
  const reply = await ask(db, 'tallies', today);
  return reply.kind === 'tallies' ? new Map(reply.tallies) : readTouchTallies(db, today);
}

/** The insights page's figures, fresh from the database. */
export async function insightsOffThread(db: KontaktDb, today: IsoDay): Promise<Insights> {
  const reply = await ask(db, 'insights', today);
  return reply.kind === 'insights' ? reply.insights : readInsights(db, today);
}
