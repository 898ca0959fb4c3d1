/**
 * The sync merge: every record as a small state-based CRDT, so that merging is commutative,
 * associative and idempotent. Two or three browsers that exchange their files in any order, any
 * number of times, end with the same notebook, record for record; a file read twice changes nothing.
 *
 * Per field, by kind:
 * - most fields: a last-writer-wins register stamped with a hybrid logical clock (`t`, never earlier
 *   than any stamp the browser has seen, so a computer whose clock runs behind still orders its new
 *   edits after what it has read) and the writing browser's id to break ties;
 * - notes-like texts (`notes`, `howWeMet`, a touch's `note`): a multi-value register. Concurrent edits
 *   (neither browser had seen the other's) are all kept, shown newest first with a separator line as
 *   the import does; an edit that saw them replaces them. No note text is lost in a conflict;
 * - alias lists: the union (a grow-only set), as the import does;
 * - order registers (`max`, `min`): the later / earlier of all values seen, e.g. the import's "last
 *   contact is the later day of both" (sync's own tables use none, so their files never carry them);
 * - the record's existence: a tombstone register. A deletion wins over older edits and loses to a
 *   newer one (an edit stamped after it brings the record back).
 *
 * One merge for import and sync: the JSON import merges through this same `mergeRecords`
 * (storage/backup/record-merge.ts), a file's record being one more replica whose every field carries
 * the record's `updatedAt` (a file has no per-field times). The import's former whole-record merge
 * was not associative for three computers (A then B then C could order the kept notes differently
 * from C then A then B). The separator line and the containment rule are the import's, so a user sees
 * the same kind of result from either.
 */

export interface Lww {
  v: unknown;
  t: number;
  r: string;
}

export interface MvValue {
  v: string;
  t: number;
  r: string;
  /** per-browser counter of this register's writes: the value's "dot" is (r, n) */
  n: number;
}

export interface Mv {
  vals: MvValue[];
  /** per browser, the highest `n` this register's state has seen */
  ctx: Record<string, number>;
}

export interface SyncRecord {
  /** the local table (`contacts`, `touches`, …) */
  table: string;
  /** the record's identity across browsers: a contact's key, else its id */
  id: string;
  lww: Record<string, Lww>;
  mv: Record<string, Mv>;
  sets: Record<string, string[]>;
  /** order registers: the greatest value seen (null: none known) */
  max?: Record<string, OrdValue>;
  /** order registers: the least value seen (null: none known) */
  min?: Record<string, OrdValue>;
  /** existence: `v` null while the record exists, else the deletion time */
  del: Lww;
}

/** How one table's records map to sync records. */
export interface TableShape {
  table: string;
  idField: string;
  /** texts kept from both sides in a conflict */
  mvFields: readonly string[];
  /** lists merged as a union */
  setFields: readonly string[];
  /** fields computed locally from others (due days): never synced */
  derivedFields: readonly string[];
  /** the record stores its tombstone as `deletedAt` (schema v2); else a deleted record is absent */
  hasDeletedAt: boolean;
}

/** A value an order register compares: ISO days compare as text, instants as numbers. */
export type OrdValue = string | number | null;

export interface Stamp {
  t: number;
  r: string;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  return a.r < b.r ? -1 : a.r > b.r ? 1 : 0;
}

/** JSON with object keys sorted, so equal values have equal text. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`)
    .join(',')}}`;
}

function mergeLww(a: Lww, b: Lww): Lww {
  const c = compareStamps(a, b);
  if (c !== 0) return c > 0 ? a : b;
  // Same stamp means the same write; should two ever differ, pick by value so both sides agree.
  return stableJson(a.v) >= stableJson(b.v) ? a : b;
}

function mergeMv(a: Mv, b: Mv): Mv {
  const seen = (ctx: Record<string, number>, x: MvValue) => (ctx[x.r] ?? 0) >= x.n;
  const inB = new Set(b.vals.map((x) => `${x.r}\u0000${x.n}`));
  const inA = new Set(a.vals.map((x) => `${x.r}\u0000${x.n}`));
  // A value survives when the other side has it too, or has not yet seen it (so did not overwrite it).
  const keepA = a.vals.filter((x) => inB.has(`${x.r}\u0000${x.n}`) || !seen(b.ctx, x));
  const keepB = b.vals.filter((x) => !inA.has(`${x.r}\u0000${x.n}`) && !seen(a.ctx, x));
  const ctx: Record<string, number> = { ...a.ctx };
  for (const [r, n] of Object.entries(b.ctx)) ctx[r] = Math.max(ctx[r] ?? 0, n);
  const vals = [...keepA, ...keepB].sort((x, y) => compareStamps(y, x) || y.n - x.n);
  return { vals, ctx };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

function mergeOrd(
  a: Record<string, OrdValue> | undefined,
  b: Record<string, OrdValue> | undefined,
  later: boolean,
): Record<string, OrdValue> | undefined {
  if (!a || !b) return a ?? b;
  const out: Record<string, OrdValue> = { ...a };
  for (const [f, x] of Object.entries(b)) {
    const y = out[f];
    if (y === undefined || y === null) out[f] = x;
    else if (x !== null && (later ? x > y : x < y)) out[f] = x;
  }
  return out;
}

/** The join of two states of one record. Pure; commutative, associative and idempotent. */
export function mergeRecords(a: SyncRecord, b: SyncRecord): SyncRecord {
  const lww: Record<string, Lww> = { ...a.lww };
  for (const [f, x] of Object.entries(b.lww)) lww[f] = lww[f] ? mergeLww(lww[f], x) : x;
  const mv: Record<string, Mv> = { ...a.mv };
  for (const [f, x] of Object.entries(b.mv)) mv[f] = mv[f] ? mergeMv(mv[f], x) : x;
  const sets: Record<string, string[]> = { ...a.sets };
  for (const [f, x] of Object.entries(b.sets)) sets[f] = union(sets[f] ?? [], x);
  const out: SyncRecord = { table: a.table, id: a.id, lww, mv, sets, del: mergeLww(a.del, b.del) };
  const max = mergeOrd(a.max, b.max, true);
  const min = mergeOrd(a.min, b.min, false);
  if (max) out.max = max;
  if (min) out.min = min;
  return out;
}

/** The newest stamp of any field but existence: an edit after a deletion brings the record back. */
function lastEdit(r: SyncRecord): Stamp {
  let last: Stamp = { t: Number.NEGATIVE_INFINITY, r: '' };
  for (const x of Object.values(r.lww)) if (compareStamps(x, last) > 0) last = x;
  for (const m of Object.values(r.mv)) for (const x of m.vals) if (compareStamps(x, last) > 0) last = x;
  return last;
}

export function isAlive(r: SyncRecord): boolean {
  return r.del.v === null || compareStamps(lastEdit(r), r.del) > 0;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The separator between texts two computers wrote at the same time (the import's, with "synced"). */
export function syncSeparator(ms: number): string {
  return `--- synced ${utcDay(ms)} ---`;
}

/**
 * The values a register shows: newest first, empty ones and a value contained in another left out
 * (a text already merged into a longer one is not repeated). A function of the set of values only.
 */
export function mvKept(m: Mv | undefined): MvValue[] {
  const kept: MvValue[] = [];
  if (!m) return kept;
  for (const x of m.vals) {
    if (x.v === '') continue;
    if (m.vals.some((y) => y !== x && y.v !== x.v && y.v.includes(x.v))) continue;
    if (kept.some((y) => y.v === x.v)) continue;
    kept.push(x);
  }
  return kept;
}

/**
 * A register's text: the kept values, each older one after a separator line (sync dates it by the
 * value's own write; the import names the day of the import). Every browser shows the same text.
 */
export function mvText(m: Mv | undefined, separator: (x: MvValue) => string = (x) => syncSeparator(x.t)): string {
  return mvKept(m)
    .map((x, i) => (i === 0 ? x.v : `${separator(x)}\n\n${x.v}`))
    .join('\n\n');
}

/** The local record a sync record stands for; null when it is deleted (and the table keeps no tombstones). */
export function materialize(r: SyncRecord, shape: TableShape): Record<string, unknown> | null {
  const alive = isAlive(r);
  if (!alive && !shape.hasDeletedAt) return null;
  const out: Record<string, unknown> = {};
  for (const [f, x] of Object.entries(r.lww)) out[f] = x.v;
  for (const f of shape.mvFields) out[f] = mvText(r.mv[f]);
  for (const f of shape.setFields) out[f] = [...(r.sets[f] ?? [])];
  for (const [f, v] of Object.entries(r.max ?? {})) out[f] = v;
  for (const [f, v] of Object.entries(r.min ?? {})) out[f] = v;
  out[shape.idField] = r.id;
  if (shape.hasDeletedAt) out.deletedAt = alive ? null : r.del.v;
  return out;
}

/** A local record that does not exist (absent, or a tombstone): what `syncedText` shows as 'null'. */
function isGone(record: Record<string, unknown> | null | undefined, shape: TableShape): boolean {
  return !record || (shape.hasDeletedAt && record.deletedAt !== null && record.deletedAt !== undefined);
}

/**
 * Whether two local records are the same to sync (`syncedText` equal), without writing either as text
 * when one exists and the other does not (a join writes 60k records that exist on one side only).
 */
export function sameSynced(
  a: Record<string, unknown> | null | undefined,
  b: Record<string, unknown> | null | undefined,
  shape: TableShape,
): boolean {
  const aGone = isGone(a, shape);
  if (aGone !== isGone(b, shape)) return false;
  return aGone || syncedText(a, shape) === syncedText(b, shape);
}

/** The fields of a local record that sync compares (no derived fields), as stable text. */
export function syncedText(record: Record<string, unknown> | null | undefined, shape: TableShape): string {
  if (!record || isGone(record, shape)) return 'null';
  const copy: Record<string, unknown> = {};
  for (const [f, v] of Object.entries(record)) {
    if (shape.derivedFields.includes(f) || f === 'deletedAt') continue;
    copy[f] = shape.setFields.includes(f) && Array.isArray(v) ? [...v].sort() : v;
  }
  return stableJson(copy);
}

function emptyRecord(shape: TableShape, id: string): SyncRecord {
  return { table: shape.table, id, lww: {}, mv: {}, sets: {}, del: { v: null, t: 0, r: '' } };
}

/**
 * The sync record after a local edit: `local` is the record as the user left it (null: deleted),
 * `base` the record as this browser last took it in or wrote it (default: what `shadow` shows).
 * Every field the user changed since `base` is stamped with `stamp`; a text register gets one new
 * value that replaces the ones the user saw. Fields the user did not touch keep their stamps, so a
 * merged value not yet written locally is never mistaken for an edit. Null when nothing changed. Pure.
 */
export function ingestLocal(
  shadow: SyncRecord | undefined,
  local: Record<string, unknown> | null,
  shape: TableShape,
  id: string,
  stamp: Stamp,
  base?: Record<string, unknown> | null,
): SyncRecord | null {
  const before = base !== undefined ? base : shadow ? materialize(shadow, shape) : null;
  const localGone = isGone(local, shape);
  const beforeAlive = !isGone(before, shape);
  // Only when both exist do their texts need comparing (a first upload compares nothing).
  if (localGone ? !beforeAlive : beforeAlive && syncedText(before, shape) === syncedText(local, shape)) return null;
  const prior = shadow ?? emptyRecord(shape, id);
  const next: SyncRecord = { ...prior, lww: { ...prior.lww }, mv: { ...prior.mv }, sets: { ...prior.sets } };
  if (localGone) {
    next.del = { v: shape.hasDeletedAt && local ? (local.deletedAt as number) : stamp.t, t: stamp.t, r: stamp.r };
    return next;
  }
  const row = local as Record<string, unknown>;
  if (!beforeAlive) next.del = { v: null, t: stamp.t, r: stamp.r };
  for (const [f, v] of Object.entries(row)) {
    if (f === shape.idField || f === 'deletedAt' || shape.derivedFields.includes(f) || v === undefined) continue;
    const unchanged = beforeAlive && before !== null && stableJson(before[f]) === stableJson(v);
    if (shape.setFields.includes(f)) {
      next.sets[f] = union(prior.sets[f] ?? [], Array.isArray(v) ? (v as string[]) : []);
    } else if (unchanged) {
    } else if (shape.mvFields.includes(f)) {
      const reg = prior.mv[f] ?? { vals: [], ctx: {} };
      const n = (reg.ctx[stamp.r] ?? 0) + 1;
      // Texts merged in but not yet shown to the user (not in `base`) were not replaced by this edit.
      const shown = typeof before?.[f] === 'string' ? (before[f] as string) : '';
      const unseen = beforeAlive ? reg.vals.filter((x) => !shown.includes(x.v)) : [];
      const value = { v: typeof v === 'string' ? v : '', t: stamp.t, r: stamp.r, n };
      next.mv[f] = { vals: [value, ...unseen], ctx: { ...reg.ctx, [stamp.r]: n } };
    } else {
      next.lww[f] = { v, t: stamp.t, r: stamp.r };
    }
  }
  return next;
}

/** The newest time stamped anywhere in a record: the hybrid clock moves past it when the record is read. */
export function maxStamp(r: SyncRecord): number {
  let t = r.del.t;
  for (const x of Object.values(r.lww)) t = Math.max(t, x.t);
  for (const m of Object.values(r.mv)) for (const x of m.vals) t = Math.max(t, x.t);
  return t;
}

/** The hybrid logical clock's next time: the wall clock, unless something already seen is later. */
export function nextClock(lastSeen: number, nowMs: number): number {
  return Math.max(nowMs, lastSeen + 1);
}
