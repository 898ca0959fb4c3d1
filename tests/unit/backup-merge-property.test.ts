/**
 * Properties of the import merge (storage/backup/import.ts), on random notebooks and random files:
 * importing a file twice is importing it once; the order of two imports does not change the result;
 * no note text is lost. Planned with the pure `computeImportPlan` and applied to an in-memory copy
 * (the writes `applyImport` makes), so hundreds of cases run in seconds; one property runs on the
 * real database to tie the two together.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ExportedContact, ExportedKeyDate, ExportedPromise, ExportedTouch, ExportFileV2 } from '../../storage/backup/format';
import { applyImport, computeImportPlan, type DbSnapshot, type ImportPlan, planImport } from '../../storage/backup/import';
import { validateExportValue } from '../../storage/backup/validate';
import { addDays } from '../../storage/dates';
import { computeNextDueAt } from '../../storage/rules';
import { CHANNELS, DEFAULT_SETTINGS, type KeyDate, type PromiseRecord, type Settings, TIERS } from '../../storage/types';
import { dump, freshDb } from '../fixtures/backup/helpers';

vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const NOW = Date.UTC(2026, 0, 20, 9, 0);
const DAY = 86_400_000;
const KEYS = ['linkedin:anna', 'linkedin:ben', 'xing:Cem_Demir', 'linkedin:dora'] as const;
const OWN: Settings = {
  ...DEFAULT_SETTINGS,
  id: 'main',
  cadenceDays: { A: 20, B: 50, C: 100 },
  firstFollowUpDays: 4,
  language: 'de',
};

/** Few distinct values, so ties, equal texts and one text containing another come up often. */
const note = fc.constantFrom('', 'Tee', 'mag Tee', 'Kaffee', 'Kinder: 2 🎉', 'Messe\n2024', '\uD800 lone');
const time = fc.integer({ min: 0, max: 4 }).map((n) => NOW - 10 * DAY + n * DAY);
const day = fc.option(fc.integer({ min: 0, max: 40 }).map((n) => addDays('2025-12-01', n)));

/**
 * A contact of `key`. Its only possible alias is derived from its own key: no two people share an
 * identity, so which stored contact a file contact is never depends on the order of imports (the
 * identity rules by shared aliases are order-dependent by nature and tested by example elsewhere).
 */
function contactOf(key: string): fc.Arbitrary<ExportedContact> {
  const site = key.startsWith('xing:') ? 'xing' : 'linkedin';
  return fc.record({
    key: fc.constant(key),
    site: fc.constant(site),
    profileUrl: fc.constantFrom('', site === 'xing' ? 'https://www.xing.com/profile/x' : 'https://www.linkedin.com/in/x/'),
    aliases: fc.boolean().map((has) => (has ? [`${key}-old`] : [])),
    name: fc.constantFrom('Anna', 'Ben', 'Zoë'),
    headline: fc.constantFrom('', 'CEO'),
    company: fc.constantFrom('', 'Muster GmbH'),
    location: fc.constant(''),
    photoUrl: fc.constant(''),
    tier: fc.constantFrom(...TIERS),
    notes: note,
    howWeMet: note,
    preferredChannel: fc.constantFrom('' as const, 'call' as const),
    lastContactAt: day,
    snoozedUntil: day,
    connectedOn: day,
    email: fc.constantFrom('', 'a@example.org'),
    phone: fc.constantFrom('', '+49 30 1234'),
    // sorted, as a merge that adds keys leaves them
    notSameAs: fc.subarray(KEYS.filter((k) => k !== key).sort()),
    createdAt: time,
    updatedAt: time,
    deletedAt: fc.constant(null),
    id: fc.constant(`id:${key}`),
  });
}

const contacts: fc.Arbitrary<ExportedContact[]> = fc
  .subarray([...KEYS])
  .chain((keys) => (keys.length === 0 ? fc.constant([]) : fc.tuple(...keys.map(contactOf))));

/**
 * Touches from a fixed pool: the same id always means the same touch, so a duplicate is recognised
 * by id whichever file brought it first (two different touches with equal content would be
 * deduplicated into whichever came first, by design).
 */
const POOL: ExportedTouch[] = KEYS.flatMap((k, i) =>
  [0, 1].map((j) => ({
    id: `t-${i}-${j}`,
    contactKey: k,
    date: addDays('2025-12-01', i * 3 + j),
    channel: CHANNELS[(i + j) % CHANNELS.length] ?? 'call',
    direction: 'mutual' as const,
    note: j === 0 ? '' : `Notiz ${i}`,
    createdAt: NOW - DAY,
    updatedAt: NOW - DAY,
    deletedAt: null,
  })),
);

/**
 * Key dates and promises: versions of a few ids, each version (edit or deletion) decided by its
 * `updatedAt`, so two copies with the same id and time are the same copy (as on real devices).
 */
const VERSIONS = [0, 1, 2, 3];
const KEY_DATE_POOL: ExportedKeyDate[] = KEYS.flatMap((k, i) =>
  VERSIONS.map((v) => ({
    id: `k-${i}`,
    contactKey: k,
    kind: 'birthday' as const,
    label: '',
    month: 1 + ((i + v) % 12),
    day: 29,
    year: v % 2 === 0 ? null : 1980 + v,
    recurrence: 'yearly' as const,
    acknowledgedAt: null,
    createdAt: NOW - 20 * DAY,
    updatedAt: NOW - 20 * DAY + v * DAY,
    deletedAt: v === 3 ? NOW - 20 * DAY + v * DAY : null,
  })),
).filter((k) => !(k.month === 2 && k.year !== null));
const PROMISE_POOL: ExportedPromise[] = KEYS.flatMap((k, i) =>
  VERSIONS.map((v) => ({
    id: `p-${i}`,
    contactKey: k,
    direction: v % 2 === 0 ? ('mine' as const) : ('theirs' as const),
    text: `Versprechen ${i}.${v}`,
    dueDate: v === 1 ? null : addDays('2026-01-10', i + v),
    doneAt: v === 2 ? NOW - 5 * DAY : null,
    createdAt: NOW - 20 * DAY,
    updatedAt: NOW - 20 * DAY + v * DAY,
    deletedAt: v === 3 ? NOW - 20 * DAY + v * DAY : null,
  })),
);

/** At most one version of each id. */
function versionsOf<T extends { id: string }>(pool: readonly T[], known: ReadonlySet<string>, owner: (r: T) => string) {
  return fc.subarray(pool.filter((r) => known.has(owner(r)))).map((rs) => {
    const byId = new Map<string, T>();
    for (const r of rs) byId.set(r.id, r);
    return [...byId.values()];
  });
}

function fileOf(
  cs: ExportedContact[],
  touches: ExportedTouch[],
  keyDates: ExportedKeyDate[] = [],
  promises: ExportedPromise[] = [],
  settings = OWN,
): ExportFileV2 {
  const { id: _id, ...rest } = settings;
  return {
    format: 'kontaktpflege',
    version: 2,
    exportedAt: new Date(NOW).toISOString(),
    contacts: cs,
    touches,
    keyDates,
    promises,
    settings: rest,
  };
}

/** A file whose touches belong to its own contacts or to the notebook's. */
function fileFor(state: DbSnapshot): fc.Arbitrary<ExportFileV2> {
  return contacts.chain((cs) => {
    const known = new Set([...cs.map((c) => c.key), ...state.contacts.map((c) => c.key)]);
    return fc
      .tuple(
        fc.subarray(POOL.filter((t) => known.has(t.contactKey))),
        versionsOf(KEY_DATE_POOL, known, (k) => k.contactKey),
        versionsOf(PROMISE_POOL, known, (p) => p.contactKey),
      )
      .map(([ts, ks, ps]) => fileOf(cs, ts, ks, ps));
  });
}

function snapshotOf(
  cs: ExportedContact[],
  touches: ExportedTouch[],
  storedSettings: Settings | undefined,
  keyDates: KeyDate[] = [],
  promises: PromiseRecord[] = [],
): DbSnapshot {
  const settings = storedSettings ?? DEFAULT_SETTINGS;
  return {
    contacts: cs.map((c) => ({ ...c, nextDueAt: computeNextDueAt(c, settings) })),
    touches,
    keyDates,
    promises,
    storedSettings,
    settings,
  };
}

const state: fc.Arbitrary<DbSnapshot> = contacts.chain((cs) =>
  fc
    .tuple(fc.subarray(POOL.filter((t) => cs.some((c) => c.key === t.contactKey))), fc.boolean())
    .map(([ts, hasSettings]) => snapshotOf(cs, ts, hasSettings ? OWN : undefined)),
);

/** What `applyImport` writes, applied to an in-memory notebook. */
function applied(s: DbSnapshot, plan: ImportPlan): DbSnapshot {
  const byKey = new Map(s.contacts.map((c) => [c.key, c]));
  for (const c of plan.contactsToWrite) byKey.set(c.key, c);
  const byId = new Map(s.touches.map((t) => [t.id, t]));
  for (const t of plan.touchesToWrite) {
    if (byId.has(t.id)) throw new Error(`bulkAdd would fail: ${t.id}`);
    byId.set(t.id, t);
  }
  for (const t of plan.touchesToUpdate) byId.set(t.id, t);
  const keyDates = new Map(s.keyDates.map((k) => [k.id, k]));
  for (const k of plan.keyDatesToWrite) keyDates.set(k.id, k);
  const promises = new Map(s.promises.map((p) => [p.id, p]));
  for (const p of plan.promisesToWrite) promises.set(p.id, p);
  const sortBy = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  const storedSettings = plan.settingsToWrite ?? s.storedSettings;
  return {
    contacts: sortBy(byKey),
    touches: sortBy(byId),
    keyDates: sortBy(keyDates),
    promises: sortBy(promises),
    storedSettings,
    settings: storedSettings ?? DEFAULT_SETTINGS,
  };
}

function importInto(s: DbSnapshot, file: ExportFileV2): DbSnapshot {
  const checked = validateExportValue(file);
  if (!checked.ok) throw new Error(`generated an invalid file: ${JSON.stringify(checked.error)}`);
  expect(checked.skipped).toEqual([]);
  return applied(s, computeImportPlan(s, checked.file, NOW));
}

/** The texts merged like notes may come out in another order; every other field must be equal. */
function withoutMergedTexts(s: DbSnapshot) {
  return {
    ...s,
    contacts: s.contacts.map(({ notes: _n, howWeMet: _h, ...rest }) => rest),
  };
}

describe('property: the import merge', () => {
  it('importing a file twice is importing it once (nothing more is written the second time)', () => {
    fc.assert(
      fc.property(
        state.chain((s) => fc.tuple(fc.constant(s), fileFor(s))),
        ([s, file]) => {
          const once = importInto(s, file);
          const secondPlan = computeImportPlan(once, file, NOW);
          expect(secondPlan.contactsToWrite).toEqual([]);
          expect(secondPlan.touchesToWrite).toEqual([]);
          expect(secondPlan.touchesToUpdate).toEqual([]);
          expect(secondPlan.changes).toEqual([]);
          expect(secondPlan.keyDatesToWrite).toEqual([]);
          expect(secondPlan.promisesToWrite).toEqual([]);
          expect(applied(once, secondPlan)).toEqual(once);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the order of two imports does not change the result (texts merged like notes aside: no text is lost either way)', () => {
    fc.assert(
      fc.property(
        // The notebook has its own settings: else the first file's settings are taken over, by design.
        state
          .map((s) => ({ ...s, storedSettings: OWN, settings: OWN }))
          .chain((s) => fc.tuple(fc.constant(s), fileFor(s), fileFor(s))),
        ([s, a, b]) => {
          const ab = importInto(importInto(s, a), b);
          const ba = importInto(importInto(s, b), a);
          expect(withoutMergedTexts(ab)).toEqual(withoutMergedTexts(ba));
          // Two imports into an empty notebook commute exactly, texts included.
          if (s.contacts.length === 0) expect(ab).toEqual(ba);
          // The newest version of every key date and promise wins, whichever file brought it.
          for (const k of [...a.keyDates, ...b.keyDates]) {
            expect(ab.keyDates.find((x) => x.id === k.id)?.updatedAt).toBeGreaterThanOrEqual(k.updatedAt);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('no note text is lost: every text of the notebook and of the file is in the result', () => {
    // Here touches of the same id may carry different notes (another device edited the note).
    const touchNote = fc.constantFrom('', 'a', 'b', 'ab');
    const file = (s: DbSnapshot) =>
      fc.tuple(fileFor(s), fc.array(touchNote, { minLength: POOL.length, maxLength: POOL.length })).map(([f, notes]) => ({
        ...f,
        touches: f.touches.map((t) => ({ ...t, note: notes[POOL.findIndex((p) => p.id === t.id)] ?? t.note })),
      }));
    fc.assert(
      fc.property(
        state.chain((s) => fc.tuple(fc.constant(s), file(s))),
        ([s, f]) => {
          const after = importInto(s, f);
          for (const c of [...s.contacts, ...f.contacts]) {
            const result = after.contacts.find((x) => x.key === c.key);
            expect(result?.notes).toContain(c.notes);
            expect(result?.howWeMet).toContain(c.howWeMet);
          }
          for (const t of [...s.touches, ...f.touches]) {
            expect(after.touches.find((x) => x.id === t.id)?.note).toContain(t.note);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('the in-memory application is what applyImport writes to the database', async () => {
    await fc.assert(
      fc.asyncProperty(
        state.chain((s) => fc.tuple(fc.constant(s), fileFor(s))),
        async ([s, file]) => {
          const db = freshDb();
          try {
            await db.transaction('rw', [db.contacts, db.touches, db.keyDates, db.promises, db.settings], async () => {
              if (s.storedSettings) await db.settings.put(s.storedSettings);
              await db.contacts.bulkPut([...s.contacts]);
              await db.touches.bulkPut([...s.touches]);
            });
            await applyImport(db, await planImport(db, file, NOW));
            const expected = importInto(s, file);
            const got = await dump(db);
            expect(got.contacts).toEqual(expected.contacts);
            expect(got.touches).toEqual(expected.touches);
            expect(got.keyDates).toEqual(expected.keyDates);
            expect(got.promises).toEqual(expected.promises);
            expect(got.settings).toEqual(expected.storedSettings ? [expected.storedSettings] : []);
          } finally {
            await db.delete();
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
