/**
 * A large, realistic notebook for benchmarks and load tests. Deterministic: the same options give
 * byte-identical records (a seeded PRNG, no clock, no crypto.randomUUID), so runs compare.
 */
import { addDays, dayNumber, dayStartMs, isoFromDayNumber } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { computeNextDueAt } from '../../storage/rules';
import {
  type Contact,
  DEFAULT_SETTINGS,
  DIRECTIONS,
  type IsoDay,
  PICKABLE_CHANNELS,
  type Settings,
  type Tier,
  type Touch,
} from '../../storage/types';

export interface SeedOptions {
  /** number of contacts (default 10 000) */
  contacts?: number;
  /** touches per contact, exactly (default 5) */
  touchesPerContact?: number;
  /** the day the notebook is seeded "on"; all dates lie on or before it, except snoozes */
  today: IsoDay;
  /** PRNG seed (default 1) */
  seed?: number;
  /** settings stored and used for `nextDueAt` (default `DEFAULT_SETTINGS`) */
  settings?: Settings;
}

export interface SeedSummary {
  contacts: number;
  touches: number;
  /** contacts with nextDueAt ≤ today: what `countDue(db, today)` must answer */
  due: number;
  /** contacts due after today and within 7 days: what `listDue(db, today).upcoming.length` must be */
  upcoming: number;
}

/** A UUID-shaped id for the i-th record seeded with `seed`, unique across seeds (contacts' `id` index is unique). */
export function seedId(seed: number, i: number): string {
  return `${(seed >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Anna',
  'Jürgen',
  'Özlem',
  'Lukas',
  'Sophie',
  'Björn',
  'Marie',
  'Hans-Peter',
  'Zoë',
  'Ümit',
  'Katrin',
  'Jonas',
  'Élodie',
  'Maximilian',
  'Leonie',
  'Øystein',
];
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weiß',
  'Groß',
  'Köhler',
  'Yılmaz',
  'Nguyễn',
  'Becker',
  'Hoffmann',
  'Schäfer',
  'Krüger',
  'Zimmermann',
  'Braun',
  'Łukasiewicz',
];
const COMPANIES = [
  'Muster GmbH',
  'Beispiel AG',
  'Kanzlei Römer & Partner',
  'Stadtwerke Süd',
  'Nordlicht Consulting',
  'Bäckerei Groß KG',
  '',
];
const CITIES = ['Berlin', 'München', 'Köln', 'Düsseldorf', 'Hamburg', 'Zürich', 'Wien', ''];
const HEADLINES = [
  'Office Managerin',
  'Assistenz der Geschäftsführung',
  'Teamleiter Vertrieb',
  'Freelancer UX',
  'Projektleiterin',
  '',
];
const NOTE_BITS = [
  'Kennengelernt auf der Messe in Köln.',
  'Mag Espresso, keinen Filterkaffee.',
  'Tochter kommt im September in die Schule.',
  'Hat mir den Kontakt zu Frau Groß vermittelt ✨',
  'Fragt nach dem Angebot für Q3.',
  'Geburtstag im März 🎂',
  'Spricht lieber am Telefon als per Mail.',
];
const TIERS_WEIGHTED: readonly Tier[] = ['A', 'B', 'B', 'C', 'C', 'C', 'C', 'none', 'C', 'B'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  const v = list[Math.floor(rand() * list.length)];
  if (v === undefined) throw new Error('pick from an empty list');
  return v;
}

function int(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** A version-4-shaped UUID from four PRNG words. */
function uuid(rand: () => number): string {
  const w = () => (Math.floor(rand() * 4294967296) >>> 0).toString(16).padStart(8, '0');
  const a = w();
  const b = w();
  const c = w();
  const d = w();
  const variant = ((Number.parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

/** The records `seedLargeDb` writes, without writing them (for tests that want to inspect them). */
export function generateSeed(opts: SeedOptions): { contacts: Contact[]; touches: Touch[]; settings: Settings } {
  const count = opts.contacts ?? 10_000;
  const perContact = opts.touchesPerContact ?? 5;
  const settings = opts.settings ?? DEFAULT_SETTINGS;
  const rand = mulberry32(opts.seed ?? 1);
  const todayN = dayNumber(opts.today);
  const contacts: Contact[] = [];
  const touches: Touch[] = [];

  for (let i = 0; i < count; i++) {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const name = `${first} ${last}`;
    const onXing = rand() < 0.2;
    const key = onXing ? `xing:${slugify(first)}_${slugify(last)}${i}` : `linkedin:${slugify(name)}-${i.toString(36)}`;
    const profileUrl = onXing
      ? `https://www.xing.com/profile/${key.slice('xing:'.length)}`
      : `https://www.linkedin.com/in/${key.slice('linkedin:'.length)}/`;
    const aliases = !onXing && rand() < 0.3 ? [`linkedin:id:ACoAA${uuid(rand).replace(/-/g, '').slice(0, 20)}`] : [];
    const createdDayN = todayN - int(rand, 0, 730);
    const createdAt = dayStartMs(isoFromDayNumber(createdDayN)) + 12 * 3_600_000;
    const tier = pick(rand, TIERS_WEIGHTED);

    let lastContactN: number | null = null;
    for (let t = 0; t < perContact; t++) {
      const dN = int(rand, createdDayN, todayN);
      if (lastContactN === null || dN > lastContactN) lastContactN = dN;
      const id = uuid(rand);
      const date = isoFromDayNumber(dN);
      const channel = pick(rand, PICKABLE_CHANNELS);
      const direction = pick(rand, DIRECTIONS);
      const note = rand() < 0.5 ? pick(rand, NOTE_BITS) : '';
      const touchCreatedAt = dayStartMs(date) + int(rand, 8, 18) * 3_600_000;
      touches.push({
        id,
        contactKey: key,
        date,
        channel,
        direction,
        note,
        createdAt: touchCreatedAt,
        updatedAt: touchCreatedAt,
        deletedAt: null,
      });
    }
    const snoozedUntil = rand() < 0.05 ? addDays(opts.today, int(rand, 1, 30)) : null;
    const noteCount = int(rand, 0, 4);
    const dated = {
      tier,
      lastContactAt: lastContactN === null ? null : isoFromDayNumber(lastContactN),
      snoozedUntil,
      createdAt,
    };
    contacts.push({
      key,
      site: onXing ? 'xing' : 'linkedin',
      profileUrl,
      aliases,
      name,
      headline: pick(rand, HEADLINES),
      company: pick(rand, COMPANIES),
      location: pick(rand, CITIES),
      photoUrl: rand() < 0.6 ? `https://media.licdn.com/dms/image/seed-${i}.jpg` : '',
      notes: Array.from({ length: noteCount }, () => pick(rand, NOTE_BITS)).join('\n'),
      howWeMet: rand() < 0.4 ? pick(rand, NOTE_BITS) : '',
      preferredChannel: rand() < 0.3 ? pick(rand, PICKABLE_CHANNELS) : '',
      ...dated,
      nextDueAt: computeNextDueAt(dated, settings, isoFromDayNumber(createdDayN)),
      updatedAt: createdAt + int(rand, 0, 86_400_000),
      // derived from the index, not drawn from the PRNG, so the v1 fields stay what they were
      id: seedId(opts.seed ?? 1, i),
      connectedOn: null,
      email: '',
      phone: '',
      notSameAs: [],
      deletedAt: null,
    });
  }
  return { contacts, touches, settings };
}

/**
 * Fills `db` (expected empty) in one transaction with `bulkPut`: `contacts` contacts (default 10 000),
 * `touchesPerContact` touches each (default 5), and the settings. Returns what the due queries must answer.
 */
export async function seedLargeDb(db: KontaktDb, opts: SeedOptions): Promise<SeedSummary> {
  const { contacts, touches, settings } = generateSeed(opts);
  await db.transaction('rw', db.contacts, db.touches, db.settings, async () => {
    await db.settings.put(settings);
    await db.contacts.bulkPut(contacts);
    await db.touches.bulkPut(touches);
  });
  const todayMs = dayStartMs(opts.today);
  const horizonMs = dayStartMs(addDays(opts.today, 7));
  return {
    contacts: contacts.length,
    touches: touches.length,
    due: contacts.filter((c) => c.nextDueAt <= todayMs).length,
    upcoming: contacts.filter((c) => c.nextDueAt > todayMs && c.nextDueAt <= horizonMs).length,
  };
}
