/**
 * Properties of the sync merge (sync/crdt.ts): random edits on two and three browsers, exchanged in
 * random orders, end in the same notebook on every browser; no note text written is lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestLocal, materialize, mergeRecords, nextClock, type SyncRecord, stableJson } from '../../sync/crdt';
import { CONTACTS } from '../../sync/tables';

type Local = Record<string, unknown>;

class Replica {
  local = new Map<string, Local | null>();
  shadow = new Map<string, SyncRecord>();
  clock = 0;
  constructor(
    readonly name: string,
    readonly skew: number,
  ) {}

  /** What the sync tick does first: stamp the user's edits. */
  ingest(now: number): void {
    const t = nextClock(this.clock, now + this.skew);
    this.clock = t;
    for (const [id, rec] of this.local) {
      const next = ingestLocal(this.shadow.get(id), rec, CONTACTS, id, { t, r: this.name });
      if (next) this.shadow.set(id, next);
    }
  }

  /** Reading another browser's records: join, then show the result locally. */
  receive(records: Iterable<SyncRecord>): void {
    for (const r of records) {
      const mine = this.shadow.get(r.id);
      const merged = mine ? mergeRecords(mine, r) : r;
      this.shadow.set(r.id, merged);
      this.clock = Math.max(this.clock, ...[merged.del.t, ...Object.values(merged.lww).map((x) => x.t)]);
      this.local.set(r.id, materialize(merged, CONTACTS));
    }
  }

  view(): string {
    const ids = [...this.shadow.keys()].sort();
    return stableJson(ids.map((id) => [id, this.local.get(id) ?? null]));
  }
}

const IDS = ['linkedin:anna', 'linkedin:ben'] as const;
type Op =
  | { kind: 'edit'; who: number; id: string; field: 'tier' | 'company' | 'name'; value: string }
  | { kind: 'note'; who: number; id: string; token: string }
  | { kind: 'delete'; who: number; id: string }
  | { kind: 'sync'; from: number; to: number };

function opArb(replicas: number, withDelete: boolean): fc.Arbitrary<Op> {
  const who = fc.integer({ min: 0, max: replicas - 1 });
  const id = fc.constantFrom(...IDS);
  const ops: fc.Arbitrary<Op>[] = [
    fc.record({
      kind: fc.constant('edit' as const),
      who,
      id,
      field: fc.constantFrom('tier' as const, 'company' as const, 'name' as const),
      value: fc.constantFrom('A', 'B', 'Muster GmbH', 'Zoë'),
    }),
    fc.record({ kind: fc.constant('note' as const), who, id, token: fc.constant('') }),
    fc.record({ kind: fc.constant('sync' as const), from: who, to: who }),
  ];
  if (withDelete) ops.push(fc.record({ kind: fc.constant('delete' as const), who, id }));
  return fc.oneof(...ops);
}

function freshContact(id: string): Local {
  return { key: id, name: '', tier: 'C', company: '', notes: '', howWeMet: '', aliases: [], nextDueAt: 0 };
}

/** Runs the edits; returns every note token written. */
function run(replicas: Replica[], ops: Op[]): string[] {
  const tokens: string[] = [];
  ops.forEach((op, step) => {
    const now = 1_000 + step * 10;
    if (op.kind === 'sync') {
      const from = replicas[op.from];
      const to = replicas[op.to];
      if (!from || !to || from === to) return;
      from.ingest(now);
      to.ingest(now);
      to.receive(from.shadow.values());
      return;
    }
    const r = replicas[op.who];
    if (!r) return;
    const current = r.local.get(op.id) ?? freshContact(op.id);
    if (op.kind === 'delete') r.local.set(op.id, null);
    else if (op.kind === 'edit') r.local.set(op.id, { ...current, [op.field]: op.value });
    else {
      const token = `t${step}${r.name}`;
      tokens.push(`${op.id}|${token}`);
      const notes = String(current.notes ?? '');
      r.local.set(op.id, { ...current, notes: notes ? `${notes} ${token}` : token });
    }
  });
  return tokens;
}

/** Every browser reads every other's records, in an order the test picks. */
function exchange(replicas: Replica[], order: number[][], end: number): void {
  for (const r of replicas) r.ingest(end);
  for (const [i, perm] of order.entries()) {
    const to = replicas[i];
    if (!to) continue;
    for (const j of perm) {
      const from = replicas[j];
      if (from && from !== to) to.receive([...from.shadow.values()]);
    }
  }
}

function converges(n: number, withDelete: boolean) {
  return fc.property(
    fc.array(opArb(n, withDelete), { maxLength: 30 }),
    fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }),
    fc.array(fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    (ops, skews, order) => {
      const replicas = skews.map((s, i) => new Replica(`r${i}`, s));
      run(replicas, ops);
      // Two rounds of everyone-reads-everyone in random orders: after the first, some have read
      // states that others only get in the second.
      const end = 1_000 + ops.length * 10 + 100;
      exchange(replicas, order, end);
      exchange(replicas, [...order].reverse(), end + 10);
      const views = replicas.map((r) => r.view());
      for (const v of views) expect(v).toBe(views[0]);
    },
  );
}

describe('sync merge: convergence', () => {
  it('two browsers editing and deleting the same people end with the same notebook', () => {
    fc.assert(converges(2, true), { numRuns: 300 });
  });

  it('three browsers exchanging in random orders end with the same notebook', () => {
    fc.assert(converges(3, true), { numRuns: 300 });
  });
});

describe('sync merge: no note text is lost', () => {
  it('every note written on any of three browsers is in the merged notes', () => {
    fc.assert(
      fc.property(fc.array(opArb(3, false), { maxLength: 30 }), (ops) => {
        const replicas = [0, 1, 2].map((i) => new Replica(`r${i}`, 0));
        const tokens = run(replicas, ops);
        exchange(
          replicas,
          [
            [1, 2],
            [2, 0],
            [0, 1],
          ],
          5_000,
        );
        exchange(
          replicas,
          [
            [1, 2],
            [2, 0],
            [0, 1],
          ],
          5_010,
        );
        const first = replicas[0];
        if (!first) return;
        for (const entry of tokens) {
          const [id, token] = entry.split('|') as [string, string];
          expect(String(first.local.get(id)?.notes ?? '')).toContain(token);
        }
      }),
      { numRuns: 300 },
    );
  });
});
