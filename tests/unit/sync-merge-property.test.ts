/**
 * Properties of the sync merge (sync/crdt.ts): random edits on two and three browsers, exchanged in
 * random orders, end in the same notebook on every browser; no note text written is lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestLocal, materialize, mergeRecords, nextClock, type SyncRecord, stableJson } from '../../sync/crdt';
import { CONTACTS } from '../../sync/tables';
import { type ContactSide, contactRecord, mergeContactFields } from '../../storage/backup/record-merge';

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

/**
 * The import merges through the same `mergeRecords` (storage/backup/record-merge.ts): copies of one
 * person from three computers' export files, joined in any grouping and order, give one result, and
 * the notes the user sees keep every text.
 */
describe('the import uses the sync merge: copies of a person from three files', () => {
  const DAY = 86_400_000;
  const T0 = Date.UTC(2026, 0, 10);
  const copy: fc.Arbitrary<ContactSide> = fc.record({
    key: fc.constant('linkedin:anna'),
    id: fc.constant('id-anna'),
    profileUrl: fc.constant('https://www.linkedin.com/in/anna/'),
    aliases: fc.subarray(['linkedin:anna-old', 'linkedin:a2']),
    name: fc.constantFrom('Anna', 'Anna B.', 'Zoë'),
    headline: fc.constantFrom('', 'CEO'),
    company: fc.constantFrom('', 'Muster GmbH', 'Beispiel AG'),
    location: fc.constant(''),
    photoUrl: fc.constant(''),
    tier: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
    notes: fc.constantFrom('', 'Tee', 'mag Tee', 'Kaffee', 'Kinder: 2'),
    howWeMet: fc.constantFrom('', 'Messe', 'Messe 2024'),
    preferredChannel: fc.constantFrom('' as const, 'call' as const),
    lastContactAt: fc.option(fc.constantFrom('2025-12-01', '2026-01-05', '2026-01-09')),
    snoozedUntil: fc.constant(null),
    connectedOn: fc.option(fc.constantFrom('2020-01-01', '2022-06-30')),
    email: fc.constantFrom('', 'a@example.org'),
    phone: fc.constant(''),
    notSameAs: fc.subarray(['xing:Other']),
    createdAt: fc.integer({ min: 0, max: 3 }).map((n) => T0 - 30 * DAY + n * DAY),
    // few times: ties are common
    updatedAt: fc.integer({ min: 0, max: 2 }).map((n) => T0 + n * DAY),
    deletedAt: fc.constant(null),
  });
  const text = (r: SyncRecord) => stableJson(r);

  it('commutative, associative and idempotent on the import’s records', () => {
    fc.assert(
      fc.property(copy, copy, copy, (a, b, c) => {
        const [ra, rb, rc] = [contactRecord(a), contactRecord(b), contactRecord(c)];
        const left = mergeRecords(mergeRecords(ra, rb), rc);
        expect(text(mergeRecords(ra, mergeRecords(rb, rc)))).toBe(text(left));
        expect(text(mergeRecords(mergeRecords(rc, rb), ra))).toBe(text(left));
        expect(text(mergeRecords(rb, mergeRecords(rc, ra)))).toBe(text(left));
        expect(text(mergeRecords(left, rb))).toBe(text(left));
        expect(text(mergeRecords(ra, ra))).toBe(text(ra));
      }),
      { numRuns: 500 },
    );
  });

  it('the merged contact keeps every note text, the newer side’s fields, the later last contact', () => {
    fc.assert(
      fc.property(copy, copy, (stored, file) => {
        const m = mergeContactFields(stored, file, '--- imported 2026-01-20 ---');
        const other = mergeContactFields(file, stored, '--- imported 2026-01-20 ---');
        expect(m).toEqual(other);
        for (const side of [stored, file]) {
          expect(m.notes).toContain(side.notes);
          expect(m.howWeMet).toContain(side.howWeMet);
          for (const a of side.aliases) expect(m.aliases).toContain(a);
        }
        const days = [stored.lastContactAt, file.lastContactAt].filter((d): d is string => d !== null).sort();
        expect(m.lastContactAt).toBe(days.at(-1) ?? null);
        if (file.updatedAt > stored.updatedAt)
          expect(m.lww).toMatchObject({ name: file.name, tier: file.tier, company: file.company });
        if (stored.updatedAt > file.updatedAt)
          expect(m.lww).toMatchObject({ name: stored.name, tier: stored.tier, company: stored.company });
        expect(m.updatedAt).toBe(Math.max(stored.updatedAt, file.updatedAt));
        expect(m.createdAt).toBe(Math.min(stored.createdAt, file.createdAt));
      }),
      { numRuns: 500 },
    );
  });
});
