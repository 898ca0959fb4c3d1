import { openDb, type KontaktDb } from '../storage/db';

let db: KontaktDb | null = null;

/** The worker's connection to the one database; a cache only, reopened after the worker restarts. */
export function workerDb(): KontaktDb {
  db ??= openDb();
  return db;
}
