/**
 * The dashboard's Web Worker for the heavy aggregates (issue 11): it opens the same IndexedDB as the page
 * (same origin) and reads the 50,000 touches there, so the page's main thread only receives the result.
 * The readers and rules are the ones the page used before (`review-read.ts`, `insights-read.ts`).
 */
import { type KontaktDb, openDb } from './db';
import type { FiguresReply, FiguresRequest } from './figures-off-thread';
import { readInsights } from './insights-read';
import { pickedTallies } from './review';
import { readTouchTallies } from './review-read';

/** Off the page's thread nothing waits for a breather, so one transaction reads this many rows. */
const WORKER_CHUNK = 10_000;

/** One connection per database name the page asks about (the dashboard has one; tests may name theirs). */
const connections = new Map<string, KontaktDb>();
function dbNamed(name: string): KontaktDb {
  let db = connections.get(name);
  if (!db) {
    db = openDb(name);
    connections.set(name, db);
  }
  return db;
}

async function answer(request: FiguresRequest): Promise<FiguresReply> {
  const db = dbNamed(request.db);
  if (request.kind === 'insights') {
    return { id: request.id, kind: 'insights', insights: await readInsights(db, request.today, WORKER_CHUNK) };
  }
  const tallies = await readTouchTallies(db, request.today, WORKER_CHUNK);
  // an action on someone re-reads their tally on the page, so the others never need theirs
  return { id: request.id, kind: 'tallies', tallies: [...pickedTallies(tallies)] };
}

self.addEventListener('message', (event: MessageEvent<FiguresRequest>) => {
  const request = event.data;
  void answer(request).then(
    (reply) => self.postMessage(reply),
    (error: unknown) => self.postMessage({ id: request.id, kind: 'error', message: String(error) } satisfies FiguresReply),
  );
});
