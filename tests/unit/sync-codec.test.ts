/**
 * The packed merge state (sync/codec.ts, format 2): whatever a record's registers hold, packing it,
 * writing it as JSON and unpacking gives back the same record, so a file or a saved state loses no
 * stamp, text or deletion; and it is far smaller than format 1's objects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackError, pack, unpack } from '../../sync/codec';
import { ingestLocal, materialize, mergeRecords, type SyncRecord } from '../../sync/crdt';
import { CONTACTS } from '../../sync/tables';

const browserId = fc.constantFrom('f997c302eda4080d', '687d5f192e11d61b', 'abcdefabcdefabcd');
const time = fc.integer({ min: 0, max: 2_000_000_000_000 });
const field = fc.constantFrom('name', 'tier', 'company', 'headline', 'notes', 'howWeMet', 'aliases', 'lastContactAt');
const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }));

const recordArb: fc.Arbitrary<SyncRecord> = fc
  .record({
    table: fc.constantFrom('contacts', 'touches', 'keyDates', 'promises', 'settings'),
    id: fc.string({ minLength: 1 }),
    lww: fc.dictionary(field, fc.record({ v: value, t: time, r: browserId })),
    mv: fc.dictionary(
      field,
      fc.record({
        vals: fc.array(fc.record({ v: fc.string(), t: time, r: browserId, n: fc.nat() }), { maxLength: 3 }),
        ctx: fc.dictionary(browserId, fc.nat()),
      }),
    ),
    sets: fc.dictionary(field, fc.array(fc.string(), { maxLength: 3 })),
    del: fc.record({ v: fc.oneof(fc.constant(null), time), t: time, r: fc.oneof(browserId, fc.constant('')) }),
    max: fc.option(fc.dictionary(field, fc.oneof(fc.string(), fc.integer(), fc.constant(null))), { nil: undefined }),
    min: fc.option(fc.dictionary(field, fc.oneof(fc.string(), fc.integer(), fc.constant(null))), { nil: undefined }),
  })
  .map((r) => {
    const out: SyncRecord = { table: r.table, id: r.id, lww: r.lww, mv: r.mv, sets: r.sets, del: r.del };
    // An empty order register is written as absent (0), as format 1 leaves it out.
    if (r.max && Object.keys(r.max).length > 0) out.max = r.max;
    if (r.min && Object.keys(r.min).length > 0) out.min = r.min;
    return out;
  });

const roundTrip = (r: SyncRecord) => unpack(JSON.parse(JSON.stringify(pack(r))));

describe('packed merge state', () => {
  it('gives back every register, stamp, text and deletion of any record', () => {
    fc.assert(
      fc.property(recordArb, (r) => {
        expect(roundTrip(r)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('a record edited on two browsers and merged reads back as the same person, in well under the bytes of format 1', () => {
    const row = {
      key: 'linkedin:anna-schmidt',
      name: 'Anna Schmidt',
      company: 'Nordlicht AG',
      tier: 'A',
      notes: 'Mag grünen Tee',
      aliases: ['xing:anna_schmidt'],
      lastContactAt: '2026-11-20',
    };
    const a = ingestLocal(undefined, row, CONTACTS, row.key, { t: 1_795_000_000_000, r: 'f997c302eda4080d' });
    const b = ingestLocal(undefined, { ...row, notes: 'Segelt im Sommer', tier: 'B' }, CONTACTS, row.key, {
      t: 1_795_000_001_000,
      r: '687d5f192e11d61b',
    });
    if (!a || !b) throw new Error('no edit taken in');
    const merged = mergeRecords(a, b);
    const back = roundTrip(merged);
    expect(back).toEqual(merged);
    expect(materialize(back, CONTACTS)?.notes).toContain('Mag grünen Tee');
    expect(materialize(back, CONTACTS)?.notes).toContain('Segelt im Sommer');
    expect(JSON.stringify(pack(merged)).length).toBeLessThan(JSON.stringify(merged).length * 0.6);
  });

  it('refuses what is not a packed record, or points at a stamp it does not have', () => {
    expect(() => unpack({ table: 'contacts' })).toThrow(PackError);
    expect(() => unpack(['contacts', 'x', [1, 'r'], [null, 3], [], [], [], 0, 0])).toThrow(PackError);
    expect(() => unpack(['contacts', 'x', [1, 'r'], [null, 0], ['tier', 'A', 2], [], [], 0, 0])).toThrow(PackError);
    // every part of the wrong kind, one at a time (a well-formed record first, so only that part is wrong)
    const good: unknown[] = ['contacts', 'x', [1, 'r'], [null, 0], ['tier', 'A', 0], [], [], 0, 0];
    expect(unpack(good).lww.tier).toEqual({ v: 'A', t: 1, r: 'r' });
    const broken: Array<[number, unknown]> = [
      [0, 5],
      [1, 7],
      [2, 'stamps'],
      [2, ['1', 'r']],
      [2, [1, 2]],
      [3, null],
      [4, 'tier'],
      [5, { f: 1 }],
      [6, 3],
    ];
    for (const [at, value] of broken) {
      const record = [...good];
      record[at] = value;
      expect(() => unpack(record), `part ${at} = ${JSON.stringify(value)}`).toThrow(PackError);
    }
  });
});
