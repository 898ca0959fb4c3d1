/**
 * Property: whatever the app can write through its own write functions (addContact from a page,
 * updateContact from the panel or dashboard, logTouch, snoozeContact, saveSettings within the UI's
 * reach; any Unicode a page or a keyboard can produce, emoji and lone surrogates in free text
 * included) survives export → wipe → import exactly, and exporting again gives the same bytes.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { exportJson } from '../../storage/backup/export';
import { applyImport, parseAndPlan } from '../../storage/backup/import';
import { addContact, deleteContact, logTouch, snoozeContact, updateContact } from '../../storage/contacts';
import { addDays, localToday } from '../../storage/dates';
import { addKeyDate, deleteKeyDate } from '../../storage/key-dates';
import type { KeyDateInput, PromiseInput } from '../../storage/occasions';
import { addPromise, completePromise, deletePromise } from '../../storage/promises';
import { LIMITS } from '../../storage/limits';
import { StorageValidationError } from '../../storage/rules';
import { getSettings, MAX_DAYS, MIN_DAYS, saveSettings } from '../../storage/settings';
import {
  type ContactPatch,
  DEFAULT_SETTINGS,
  DIRECTIONS,
  KEY_DATE_KINDS,
  PICKABLE_CHANNELS,
  PROMISE_DIRECTIONS,
  RECURRENCES,
  type SiteId,
  TIERS,
} from '../../storage/types';
import { dump, freshDb } from '../fixtures/backup/helpers';

vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

const START = Date.UTC(2026, 0, 5, 9, 0);

/**
 * A slug as the URL parsers in `sites/` produce it: percent-decoded (so never a lone surrogate:
 * decodeURIComponent cannot make one), without whitespace, `/`, `?`, `#` or `\`. Mostly short; now
 * and then longer than a key may be (a 1,200-character slug), which the write path must refuse.
 */
const slugChar = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((ch) => !/[\s/?#\\]/.test(ch));
const slug = fc.oneof(
  { weight: 8, arbitrary: fc.array(slugChar, { minLength: 1, maxLength: 12 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.array(slugChar, { minLength: 400, maxLength: 1_200 }).map((a) => a.join('')) },
);

interface Page {
  site: SiteId;
  slug: string;
  alias: string | null;
  name: string | null;
  headline: string | null;
  photoUrl: string | null;
}

/** Page text: anything, lone surrogates included (a page's DOM text can hold them). */
const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max });

const page: fc.Arbitrary<Page> = fc.record({
  site: fc.constantFrom<SiteId>('linkedin', 'xing'),
  slug,
  alias: fc.option(fc.stringMatching(/^ACoAA[A-Za-z0-9_-]{4,12}$/)),
  name: fc.option(anyText(40)),
  headline: fc.option(anyText(40)),
  photoUrl: fc.option(fc.constantFrom('https://media.licdn.com/x.jpg', 'data:image/png;base64,AAAA', 'javascript:alert(1)')),
});

/** The key and URL the site modules build from a slug (sites/linkedin/detect.ts, sites/xing/detect.ts). */
function profileOf(p: Page) {
  const s = p.site === 'linkedin' ? p.slug.toLowerCase() : p.slug;
  const key = `${p.site}:${s}`;
  const profileUrl =
    p.site === 'linkedin'
      ? `https://www.linkedin.com/in/${encodeURIComponent(s)}/`
      : `https://www.xing.com/profile/${encodeURIComponent(s)}`;
  const aliases = p.alias && p.site === 'linkedin' ? [`linkedin:id:${p.alias}`] : [];
  return { key, site: p.site, profileUrl, aliases, name: p.name, headline: p.headline, photoUrl: p.photoUrl };
}

const day = fc.integer({ min: -800, max: 30 }).map((n) => addDays('2026-01-05', n));

const patch: fc.Arbitrary<ContactPatch> = fc.record(
  {
    name: anyText(40),
    company: anyText(20),
    location: anyText(20),
    notes: fc.oneof(anyText(200), fc.constant('x'.repeat(LIMITS.notes))),
    howWeMet: anyText(80),
    tier: fc.constantFrom(...TIERS),
    preferredChannel: fc.constantFrom('' as const, ...PICKABLE_CHANNELS),
    lastContactAt: fc.option(day),
    snoozedUntil: fc.option(day),
  },
  { requiredKeys: [] },
);

type Op =
  | { kind: 'add'; page: Page }
  | { kind: 'update'; who: number; patch: ContactPatch }
  | {
      kind: 'touch';
      who: number;
      date: string;
      channel: (typeof PICKABLE_CHANNELS)[number];
      direction: (typeof DIRECTIONS)[number];
      note: string;
    }
  | { kind: 'snooze'; who: number; until: string | null }
  | { kind: 'keyDate'; who: number; input: KeyDateInput; remove: boolean }
  | { kind: 'promise'; who: number; input: PromiseInput; done: boolean; remove: boolean }
  | { kind: 'delete'; who: number }
  | { kind: 'settings'; a: number; b: number; c: number; first: number; language: 'auto' | 'en' | 'de' };

const daysSetting = fc.integer({ min: MIN_DAYS, max: MAX_DAYS });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), page }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('update' as const), who: fc.nat(), patch }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('touch' as const),
      who: fc.nat(),
      date: day,
      channel: fc.constantFrom(...PICKABLE_CHANNELS),
      direction: fc.constantFrom(...DIRECTIONS),
      note: anyText(60),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snooze' as const), who: fc.nat(), until: fc.option(day) }) },
  {
    // Any numbers: the app refuses 31 April, month 13 or a birthday in the future, and stores the rest.
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('keyDate' as const),
      who: fc.nat(),
      input: fc.record({
        kind: fc.constantFrom(...KEY_DATE_KINDS),
        label: anyText(30),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        year: fc.option(fc.integer({ min: 1900, max: 2030 })),
        recurrence: fc.constantFrom(...RECURRENCES),
      }),
      remove: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('promise' as const),
      who: fc.nat(),
      input: fc.record({
        direction: fc.constantFrom(...PROMISE_DIRECTIONS),
        text: anyText(60),
        dueDate: fc.option(day),
      }),
      done: fc.boolean(),
      remove: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('settings' as const),
      a: daysSetting,
      b: daysSetting,
      c: daysSetting,
      first: daysSetting,
      language: fc.constantFrom('auto' as const, 'en' as const, 'de' as const),
    }),
  },
);

describe('property: export → wipe → import restores whatever the app can write', () => {
  it('deep-equal contacts (nextDueAt included), touches and settings; the second export is byte-identical', async () => {
    let refusals = 0;
    let runs = 0;
    let keyDatesSeen = 0;
    let promisesSeen = 0;
    let tombstonesSeen = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        runs++;
        const db = freshDb();
        const restored = freshDb();
        try {
          const keys: string[] = [];
          let now = START;
          for (const o of ops) {
            now += 3_600_000 + (now % 7) * 1_000;
            const who = keys.length === 0 ? undefined : keys[('who' in o ? o.who : 0) % keys.length];
            try {
              if (o.kind === 'add') {
                const c = await addContact(db, profileOf(o.page), await getSettings(db), now);
                if (!keys.includes(c.key)) keys.push(c.key);
              } else if (o.kind === 'settings') {
                const cadenceDays = { A: o.a, B: o.b, C: o.c };
                await saveSettings(
                  db,
                  { ...DEFAULT_SETTINGS, cadenceDays, firstFollowUpDays: o.first, language: o.language },
                  now,
                );
              } else if (who !== undefined) {
                if (o.kind === 'update') await updateContact(db, who, o.patch, now);
                if (o.kind === 'touch') await logTouch(db, who, o, now);
                if (o.kind === 'snooze') await snoozeContact(db, who, o.until, now);
                if (o.kind === 'keyDate') {
                  const kd = await addKeyDate(db, who, o.input, localToday(new Date(now)), now);
                  if (o.remove) await deleteKeyDate(db, kd.id, now + 1);
                }
                if (o.kind === 'promise') {
                  const p = await addPromise(db, who, o.input, now);
                  if (o.done) await completePromise(db, p.id, now + 1);
                  if (o.remove) await deletePromise(db, p.id, now + 2);
                }
                if (o.kind === 'delete') {
                  await deleteContact(db, who, now);
                  keys.splice(keys.indexOf(who), 1);
                }
              }
            } catch (e) {
              // The app refuses what it could not restore (an over-long key); that write stores nothing.
              if (!(e instanceof StorageValidationError)) throw e;
              refusals++;
            }
          }
          const before = await dump(db);
          const settingsBefore = await getSettings(db);
          const exported = await exportJson(db, new Date(now));

          const planned = await parseAndPlan(restored, exported.text, new TextEncoder().encode(exported.text).length, now);
          if (!planned.ok) throw new Error(`refused: ${JSON.stringify(planned.error)}`);
          expect(planned.plan.skipped).toEqual([]);
          expect(planned.plan.clamped).toEqual([]);
          await applyImport(restored, planned.plan);

          const after = await dump(restored);
          expect(after.contacts).toEqual(before.contacts);
          expect(after.touches).toEqual(before.touches);
          expect(after.keyDates).toEqual(before.keyDates);
          expect(after.promises).toEqual(before.promises);
          keyDatesSeen += before.keyDates.length;
          promisesSeen += before.promises.length;
          tombstonesSeen += before.contacts.filter((c) => c.deletedAt !== null).length;
          // A notebook that never saved settings exports the defaults; the import stores them as a record.
          expect(await getSettings(restored)).toEqual(settingsBefore);
          expect((await exportJson(restored, new Date(now))).text).toBe(exported.text);
        } finally {
          await db.delete();
          await restored.delete();
        }
      }),
      { numRuns: 60 },
    );
    // The generator did reach the refusal (keys over the cap), so the property covers both paths.
    expect(refusals).toBeGreaterThan(0);
    expect(runs).toBe(60);
    // ...and stored key dates, promises and deleted contacts, so the new tables were carried too.
    expect(keyDatesSeen).toBeGreaterThan(0);
    expect(promisesSeen).toBeGreaterThan(0);
    expect(tombstonesSeen).toBeGreaterThan(0);
  }, 240_000);
});
