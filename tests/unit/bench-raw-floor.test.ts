/**
 * The import's floor (bench/big-db.ts) must write into the stores and indexes the import writes into,
 * or the ratio import / floor flatters or wrongs the import: it is built from the live schema.
 */
import { expect, it } from 'vitest';
import { rawStores } from '../../bench/big-db';
import { SCHEMA_V2 } from '../../storage/db';

it('the floor database has every store and index of SCHEMA_V2, compound, multi-entry and unique ones as such', () => {
  const stores = rawStores(SCHEMA_V2);
  expect(stores.map((s) => [s.name, s.keyPath])).toEqual([
    ['contacts', 'key'],
    ['touches', 'id'],
    ['keyDates', 'id'],
    ['promises', 'id'],
    ['settings', 'id'],
  ]);
  expect(stores[0]?.indexes).toEqual([
    { name: 'nextDueAt', keyPath: 'nextDueAt', unique: false, multiEntry: false },
    { name: '[tier+nextDueAt]', keyPath: ['tier', 'nextDueAt'], unique: false, multiEntry: false },
    { name: 'aliases', keyPath: 'aliases', unique: false, multiEntry: true },
    { name: 'id', keyPath: 'id', unique: true, multiEntry: false },
  ]);
  expect(stores[1]?.indexes.map((i) => i.keyPath)).toEqual([['contactKey', 'date'], 'deletedAt']);
});
