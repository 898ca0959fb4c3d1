/**
 * A DBCore middleware that records every read a query makes (table, index, range type, rows), so tests
 * can show a query goes through its index and reads only the rows it shows.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import type { KontaktDb } from '../../storage/db';

/** `DBCoreRangeType.Any` (a const enum in Dexie's types, so not importable as a value): no bound, the whole table. */
export const RANGE_ANY = 3;

export interface Read {
  table: string;
  op: 'query' | 'openCursor' | 'count' | 'get' | 'getMany';
  /** index name; null = primary key */
  index: string | null;
  rangeType: number | null;
  rows: number | null;
}

/** A DBCore middleware that records every read: which table, which index, which range, how many rows. */
export function recordReads(db: KontaktDb): Read[] {
  const reads: Read[] = [];
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'read-recorder',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const t = down.table(name);
        return {
          ...t,
          query: async (req) => {
            const res = await t.query(req);
            reads.push({
              table: name,
              op: 'query',
              index: req.query.index.name,
              rangeType: req.query.range.type,
              rows: res.result.length,
            });
            return res;
          },
          openCursor: (req) => {
            reads.push({
              table: name,
              op: 'openCursor',
              index: req.query.index.name,
              rangeType: req.query.range.type,
              rows: null,
            });
            return t.openCursor(req);
          },
          count: (req) => {
            reads.push({ table: name, op: 'count', index: req.query.index.name, rangeType: req.query.range.type, rows: null });
            return t.count(req);
          },
          get: (req) => {
            reads.push({ table: name, op: 'get', index: null, rangeType: null, rows: 1 });
            return t.get(req);
          },
          getMany: (req) => {
            reads.push({ table: name, op: 'getMany', index: null, rangeType: null, rows: req.keys.length });
            return t.getMany(req);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return reads;
}
