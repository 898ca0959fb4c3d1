/**
 * The compact encoding of a record's merge state (format 2), for change files, snapshots and the sync
 * database. Format 1 wrote every register as `{"v":…,"t":1795165242000,"r":"f997c302eda4080d"}`: field
 * names, a 13-digit time and a 16-hex browser id repeated in every field of every record (about 45 MB
 * of JSON for 10k contacts with 50k touches), so writing, gzipping, encrypting, parsing and storing it
 * was most of an initial upload or join. Here each record lists its distinct stamps once (a record
 * written at once has one) and every register points at one by index; registers are flat arrays, not
 * objects. Pure; `unpack(pack(r))` equals `r` (tests/unit/sync-codec.test.ts).
 */
import type { Lww, Mv, MvValue, OrdValue, SyncRecord } from './crdt';

/**
 * `[table, id, stamps, del, lww, mv, sets, max, min]`:
 * - stamps: `[t0, r0, t1, r1, …]`, the record's distinct (time, browser) pairs;
 * - del: `[v, s]` (s: index into stamps);
 * - lww: `[field, v, s, field, v, s, …]`;
 * - mv: `[field, values, ctx, …]`, values `[v, s, n, …]`, ctx `[browser, n, …]`;
 * - sets: `[field, list, …]`; max, min: the order registers as they are, or 0 when absent.
 */
export type PackedRecord = [
  string,
  string,
  Array<number | string>,
  [unknown, number],
  unknown[],
  unknown[],
  unknown[],
  Record<string, OrdValue> | 0,
  Record<string, OrdValue> | 0,
];

class Stamps {
  readonly flat: Array<number | string> = [];
  private readonly index = new Map<string, number>();
  of(t: number, r: string): number {
    const key = `${t}|${r}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.flat.length / 2;
      this.flat.push(t, r);
      this.index.set(key, i);
    }
    return i;
  }
}

/**
 * Records are never changed in place (a merge or an edit makes a new one), so a record's packed form
 * is kept beside it: a join stores exactly what it read, an upload stores what it sent, each packed once.
 */
const packed = new WeakMap<SyncRecord, PackedRecord>();

export function pack(r: SyncRecord): PackedRecord {
  const known = packed.get(r);
  if (known) return known;
  const out = packFresh(r);
  packed.set(r, out);
  return out;
}

function packFresh(r: SyncRecord): PackedRecord {
  const stamps = new Stamps();
  const lww: unknown[] = [];
  for (const [f, x] of Object.entries(r.lww)) lww.push(f, x.v, stamps.of(x.t, x.r));
  const mv: unknown[] = [];
  for (const [f, m] of Object.entries(r.mv)) {
    const vals: unknown[] = [];
    for (const x of m.vals) vals.push(x.v, stamps.of(x.t, x.r), x.n);
    const ctx: unknown[] = [];
    for (const [b, n] of Object.entries(m.ctx)) ctx.push(b, n);
    mv.push(f, vals, ctx);
  }
  const sets: unknown[] = [];
  for (const [f, list] of Object.entries(r.sets)) sets.push(f, list);
  const del: [unknown, number] = [r.del.v, stamps.of(r.del.t, r.del.r)];
  return [r.table, r.id, stamps.flat, del, lww, mv, sets, r.max ?? 0, r.min ?? 0];
}

/** Thrown for a packed record that is not one (a reader treats the file as not whole). */
export class PackError extends Error {}

function stampAt(stamps: ReadonlyArray<number | string>, s: unknown): { t: number; r: string } {
  const t = stamps[(s as number) * 2];
  const r = stamps[(s as number) * 2 + 1];
  if (typeof t !== 'number' || typeof r !== 'string') throw new PackError('stamp');
  return { t, r };
}

export function unpack(p: unknown): SyncRecord {
  if (!Array.isArray(p) || p.length < 9) throw new PackError('record');
  const [table, id, stamps, del, lwwFlat, mvFlat, setsFlat, max, min] = p as PackedRecord;
  if (typeof table !== 'string' || typeof id !== 'string' || !Array.isArray(stamps) || !Array.isArray(del))
    throw new PackError('record');
  // A field list of another kind would read as no fields at all: the record would lose them unnoticed.
  if (!Array.isArray(lwwFlat) || !Array.isArray(mvFlat) || !Array.isArray(setsFlat)) throw new PackError('record');
  const lww: Record<string, Lww> = {};
  for (let i = 0; i < lwwFlat.length; i += 3) {
    lww[lwwFlat[i] as string] = { v: lwwFlat[i + 1], ...stampAt(stamps, lwwFlat[i + 2]) };
  }
  const mv: Record<string, Mv> = {};
  for (let i = 0; i < mvFlat.length; i += 3) {
    const valsFlat = mvFlat[i + 1] as unknown[];
    const ctxFlat = mvFlat[i + 2] as unknown[];
    const vals: MvValue[] = [];
    for (let j = 0; j < valsFlat.length; j += 3) {
      vals.push({ v: valsFlat[j] as string, ...stampAt(stamps, valsFlat[j + 1]), n: valsFlat[j + 2] as number });
    }
    const ctx: Record<string, number> = {};
    for (let j = 0; j < ctxFlat.length; j += 2) ctx[ctxFlat[j] as string] = ctxFlat[j + 1] as number;
    mv[mvFlat[i] as string] = { vals, ctx };
  }
  const sets: Record<string, string[]> = {};
  for (let i = 0; i < setsFlat.length; i += 2) sets[setsFlat[i] as string] = setsFlat[i + 1] as string[];
  const out: SyncRecord = { table, id, lww, mv, sets, del: { v: del[0], ...stampAt(stamps, del[1]) } };
  if (max) out.max = max;
  if (min) out.min = min;
  packed.set(out, p as PackedRecord);
  return out;
}
