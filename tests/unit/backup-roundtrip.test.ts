import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildCsv, type CsvLabels, csvCell, exportCsv, exportJson } from '../../storage/backup/export';
import { MAX_FILE_BYTES } from '../../storage/backup/format';
import { applyImport, parseAndPlan } from '../../storage/backup/import';
import { validateExportText } from '../../storage/backup/validate';
import { addContact, deleteContact, deleteTouch, logTouch, snoozeContact, updateContact } from '../../storage/contacts';
import type { KontaktDb } from '../../storage/db';
import type { ProfileInput } from '../../storage/rules';
import { saveSettings } from '../../storage/settings';
import { acknowledgeKeyDate, addKeyDate, deleteKeyDate } from '../../storage/key-dates';
import { addPromise, completePromise, deletePromise } from '../../storage/promises';
import { CHANNELS, DEFAULT_SETTINGS, DIRECTIONS, NEVER_DUE, type Settings } from '../../storage/types';
import { DAY, dump, freshDb, storedContact, storedTouch } from '../fixtures/backup/helpers';
import { seedLargeDb } from '../support/seed';

// Created days are local days (rules.createdDayOf): pin the zone so due days are the same everywhere.
vi.stubEnv('TZ', 'Europe/Berlin');
afterAll(() => {
  vi.unstubAllEnvs();
});

/** 2025-06-15 14:00 in Berlin */
const NOW = Date.UTC(2025, 5, 15, 12, 0);
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  id: 'main',
  cadenceDays: { A: 21, B: 60, C: 150 },
  firstFollowUpDays: 5,
  language: 'de',
};
const MARKUP = '<img src=x onerror=alert(1)>';

const opened: KontaktDb[] = [];
function track(d: KontaktDb): KontaktDb {
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

const PEOPLE: ProfileInput[] = [
  {
    key: 'linkedin:jürgen-müßig',
    site: 'linkedin',
    profileUrl: 'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BC%C3%9Fig/',
    aliases: ['linkedin:id:ACoAAB0123456789', 'linkedin:juergen-muessig-alt'],
    name: 'Jürgen Müßig',
    headline: 'Geschäftsführer · Bäckerei Groß KG',
    company: 'Bäckerei Groß KG',
    location: 'Köln, Nordrhein-Westfalen',
    photoUrl: 'https://media.licdn.com/dms/image/jm.jpg',
  },
  {
    key: 'linkedin:anna-party',
    site: 'linkedin',
    profileUrl: 'https://www.linkedin.com/in/anna-party/',
    name: 'Anna 🎉 Schmidt 👩🏽‍💻',
    headline: 'Projektleiterin 🚀',
    company: 'Muster GmbH',
    location: 'Berlin',
    photoUrl: null,
  },
  {
    key: 'xing:Li_Xiaolong',
    site: 'xing',
    profileUrl: 'https://www.xing.com/profile/Li_Xiaolong',
    name: '李小龙',
    headline: 'مهندس برمجيات',
    company: null,
    location: 'Zürich',
    photoUrl: null,
  },
  {
    key: 'linkedin:markup',
    site: 'linkedin',
    profileUrl: 'https://www.linkedin.com/in/markup/',
    name: MARKUP,
    headline: '<b>bold</b> & "quoted"',
    company: null,
    location: null,
    photoUrl: null,
  },
  {
    key: 'linkedin:nothing-read',
    site: 'linkedin',
    profileUrl: 'https://www.linkedin.com/in/nothing-read/',
    name: null,
    headline: null,
    company: null,
    location: null,
    photoUrl: null,
  },
  {
    key: 'linkedin:formula',
    site: 'linkedin',
    profileUrl: 'https://www.linkedin.com/in/formula/',
    name: '=HYPERLINK("http://evil.example","click")',
    headline: '-Leiter Einkauf',
    company: '+49 30 1234567',
    location: '@home',
    photoUrl: null,
  },
  {
    key: 'xing:Zoe_Weiss',
    site: 'xing',
    profileUrl: 'https://www.xing.com/profile/Zoe_Weiss',
    name: 'Zoë Weiß',
    headline: 'Office Managerin; Assistenz',
    company: 'Stadtwerke Süd',
    location: 'Wien',
    photoUrl: null,
  },
];

/** Someone added and deleted again: the notebook keeps a tombstone, and so does the backup. */
const GONE: ProfileInput = {
  key: 'linkedin:deleted-person',
  site: 'linkedin',
  profileUrl: 'https://www.linkedin.com/in/deleted-person/',
  name: 'Gelöschte Person',
  headline: null,
  company: null,
  location: null,
  photoUrl: null,
};

/** A notebook built through the app's own write functions. */
async function seedNotebook(db: KontaktDb): Promise<void> {
  await saveSettings(db, SETTINGS, NOW);
  for (const [i, p] of PEOPLE.entries()) await addContact(db, p, SETTINGS, NOW - (40 - i) * DAY);
  await updateContact(
    db,
    'linkedin:jürgen-müßig',
    {
      tier: 'A',
      notes: 'Mag Espresso ☕\nTochter: Lena; Sohn: "Max"\r\nZeile mit Tab\tEnde',
      howWeMet: 'Messe in Köln',
      preferredChannel: 'call',
    },
    NOW - 20 * DAY,
  );
  await updateContact(
    db,
    'linkedin:anna-party',
    { tier: 'B', notes: '=SUM(A1:A9) ist kein Witz', preferredChannel: 'message' },
    NOW - 19 * DAY,
  );
  await updateContact(db, 'xing:Li_Xiaolong', { tier: 'none', notes: '见面于柏林 — 🙏', howWeMet: 'Konferenz' }, NOW - 18 * DAY);
  await updateContact(db, 'linkedin:markup', { notes: `<script>alert(1)</script> ${MARKUP}` }, NOW - 17 * DAY);
  await updateContact(db, 'linkedin:formula', { tier: 'A', howWeMet: '@mention', notes: '-' }, NOW - 16 * DAY);
  await snoozeContact(db, 'xing:Zoe_Weiss', '2025-12-01', NOW - 15 * DAY);
  // Many touches, some backdated, some on the same day with the same content.
  const keys = ['linkedin:jürgen-müßig', 'linkedin:anna-party', 'linkedin:formula', 'xing:Zoe_Weiss', 'linkedin:markup'];
  for (let i = 0; i < 150; i++) {
    const key = keys[i % keys.length] as string;
    const day = `2025-0${1 + (Math.floor(i / 5) % 5)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    await logTouch(
      db,
      key,
      {
        date: day,
        channel: CHANNELS[i % CHANNELS.length] ?? 'other',
        direction: DIRECTIONS[i % DIRECTIONS.length] ?? 'mutual',
        note: i % 4 === 0 ? '' : `Notiz ${i}: Grüße, “Zitat”; ✨`,
      },
      NOW - 10 * DAY + i * 60_000,
    );
  }
  await logTouch(db, 'linkedin:anna-party', { date: '2025-06-01', channel: 'call', direction: 'mutual', note: '' }, NOW - DAY);
  const second = await logTouch(
    db,
    'linkedin:anna-party',
    { date: '2025-06-01', channel: 'call', direction: 'mutual', note: '' },
    NOW - DAY + 1,
  );
  // Schema v2: key dates, promises and deletions (tombstones), each written by the app's own functions.
  const today = '2025-06-15';
  const bday = await addKeyDate(
    db,
    'linkedin:jürgen-müßig',
    { kind: 'birthday', label: '', month: 10, day: 3, year: 1970, recurrence: 'yearly' },
    today,
    NOW - 9 * DAY,
  );
  await addKeyDate(
    db,
    'linkedin:anna-party',
    { kind: 'anniversary', label: 'Muster GmbH', month: 11, day: 1, year: null, recurrence: 'yearly' },
    today,
    NOW - 9 * DAY,
  );
  const gone = await addKeyDate(
    db,
    'xing:Zoe_Weiss',
    { kind: 'other', label: 'Einschulung Lena', month: 9, day: 1, year: 2025, recurrence: 'once' },
    today,
    NOW - 9 * DAY,
  );
  await deleteKeyDate(db, gone.id, NOW - 8 * DAY);
  await acknowledgeKeyDate(db, bday.id, today, NOW - 7 * DAY);
  const intro = await addPromise(
    db,
    'linkedin:anna-party',
    { direction: 'mine', text: 'Intro zu Nordlicht AG', dueDate: '2025-06-20' },
    NOW - 6 * DAY,
  );
  await addPromise(db, 'xing:Zoe_Weiss', { direction: 'theirs', text: 'Folien schicken', dueDate: null }, NOW - 6 * DAY);
  const done = await addPromise(
    db,
    'linkedin:formula',
    { direction: 'mine', text: 'Buch leihen', dueDate: '2025-06-01' },
    NOW - 6 * DAY,
  );
  await completePromise(db, done.id, NOW - 5 * DAY);
  await deletePromise(db, intro.id, NOW - 4 * DAY);
  await deleteTouch(db, second.touch.id, NOW - 3 * DAY);
  await addContact(db, GONE, SETTINGS, NOW - 30 * DAY);
  await deleteContact(db, GONE.key, NOW - 2 * DAY);
}

const LABELS: CsvLabels = {
  name: 'Name',
  site: 'Plattform',
  profileUrl: 'Profil-URL',
  tier: 'Kategorie',
  company: 'Firma',
  headline: 'Profil-Slogan',
  location: 'Ort',
  lastContact: 'Letzter Kontakt',
  nextDue: 'Wiedervorlage',
  preferredChannel: 'Bevorzugter Kanal',
  howWeMet: 'Woher wir uns kennen',
  notes: 'Notizen',
  touchCount: 'Anzahl Kontaktmomente',
};

/** RFC 4180 reader with `;`, for checking what a spreadsheet would see. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ';') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('last row without CRLF');
  return rows;
}

describe('round trip: export → wipe → import gives back the same database', () => {
  it('same contacts (every field, nextDueAt included), touches and settings', async () => {
    const db = track(freshDb());
    await seedNotebook(db);
    const before = await dump(db);
    expect(before.contacts).toHaveLength(PEOPLE.length + 1);
    expect(before.touches).toHaveLength(152);
    expect(before.contacts.filter((c) => c.deletedAt !== null).map((c) => c.key)).toEqual([GONE.key]);
    expect(before.touches.filter((t) => t.deletedAt !== null)).toHaveLength(1);
    expect(before.keyDates.map((k) => [k.kind, k.deletedAt !== null, k.acknowledgedAt !== null])).toEqual(
      expect.arrayContaining([
        ['birthday', false, true],
        ['anniversary', false, false],
        ['other', true, false],
      ]),
    );
    expect(before.promises.filter((p) => p.openDueAt !== undefined)).toHaveLength(0);
    expect(before.promises.filter((p) => p.deletedAt === null)).toHaveLength(2);
    expect(before.contacts.find((c) => c.key === 'xing:Li_Xiaolong')?.nextDueAt).toBe(NEVER_DUE);

    const { fileName, text } = await exportJson(db, new Date(NOW));
    expect(fileName).toBe('kontaktpflege-2025-06-15.json');

    // Readable and stable: 2-space indentation, fixed key order, sorted records, no derived field.
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n').every((line) => /^( {2})*(\S|$)/.test(line))).toBe(true);
    expect(text).not.toContain('nextDueAt');
    expect(text).not.toContain(String(NEVER_DUE));
    expect(text).toContain(`"name": "${MARKUP}"`); // markup is text, written as is
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual([
      'format',
      'version',
      'exportedAt',
      'contacts',
      'touches',
      'keyDates',
      'promises',
      'settings',
    ]);
    expect(parsed.version).toBe(2);
    // Derived values are recomputed on import, never taken from the file.
    expect(text).not.toContain('nextOccurrenceAt');
    expect(text).not.toContain('openDueAt');
    expect(parsed.exportedAt).toBe(new Date(NOW).toISOString());
    expect(Object.keys(parsed.contacts[0])).toEqual([
      'key',
      'id',
      'site',
      'profileUrl',
      'aliases',
      'name',
      'headline',
      'company',
      'location',
      'photoUrl',
      'tier',
      'notes',
      'howWeMet',
      'preferredChannel',
      'lastContactAt',
      'snoozedUntil',
      'connectedOn',
      'email',
      'phone',
      'notSameAs',
      'createdAt',
      'updatedAt',
      'deletedAt',
    ]);
    expect(Object.keys(parsed.touches[0])).toEqual([
      'id',
      'contactKey',
      'date',
      'channel',
      'direction',
      'note',
      'createdAt',
      'updatedAt',
      'deletedAt',
    ]);
    const keys = parsed.contacts.map((c: { key: string }) => c.key);
    expect(keys).toEqual([...keys].sort());
    const touchOrder = parsed.touches.map((t: { contactKey: string; date: string; id: string }) =>
      [t.contactKey, t.date, t.id].join('\u0000'),
    );
    expect(touchOrder).toEqual([...touchOrder].sort());

    const byteLength = new TextEncoder().encode(text).length;
    expect(validateExportText(text, byteLength).ok).toBe(true);

    // Wipe: delete the database itself, then open a new, empty one under the same name.
    const name = db.name;
    await db.delete();
    const restored = track(freshDb(name));
    expect(await restored.contacts.count()).toBe(0);

    const r = await parseAndPlan(restored, text, byteLength, NOW + DAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan).toMatchObject({
      newContacts: PEOPLE.length, // the deleted one is restored as a tombstone, not as a new person
      updatedContacts: 0,
      touchesToAdd: 151,
      duplicateTouches: 0,
      keyDatesAdded: 2,
      promisesAdded: 2,
      applySettings: true,
    });
    await applyImport(restored, r.plan);

    expect(await dump(restored)).toEqual(before);
    expect((await restored.contacts.get('linkedin:markup'))?.name).toBe(MARKUP);

    // And the restored notebook exports to the very same text.
    expect((await exportJson(restored, new Date(NOW))).text).toBe(text);

    // Importing the backup again into the restored notebook changes nothing.
    const again = await parseAndPlan(restored, text, byteLength, NOW + 2 * DAY);
    expect(again.ok && again.plan).toMatchObject({
      newContacts: 0,
      updatedContacts: 0,
      unchangedContacts: PEOPLE.length,
      touchesToAdd: 0,
      duplicateTouches: 151,
      keyDatesToWrite: [],
      promisesToWrite: [],
    });
    if (again.ok) await applyImport(restored, again.plan);
    expect(await dump(restored)).toEqual(before);
  });

  it('the file name is the local day of the export', async () => {
    const db = track(freshDb());
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin.
    expect((await exportJson(db, new Date(Date.UTC(2024, 11, 31, 23, 30)))).fileName).toBe('kontaktpflege-2025-01-01.json');
    expect((await exportCsv(db, new Date(Date.UTC(2024, 11, 31, 23, 30)), LABELS)).fileName).toBe('kontaktpflege-2025-01-01.csv');
  });

  it('an empty notebook exports a valid file with its (default) settings', async () => {
    const db = track(freshDb());
    const { text } = await exportJson(db, new Date(NOW));
    const r = validateExportText(text, text.length);
    expect(r.ok && r.file).toMatchObject({
      contacts: [],
      touches: [],
      settings: { cadenceDays: { A: 30, B: 90, C: 180 }, firstFollowUpDays: 3, language: 'auto' },
    });
  });

  it('touches of a contact that no longer exists are not exported (the file must import on its own)', async () => {
    const db = track(freshDb());
    await db.contacts.put(storedContact('linkedin:a'));
    await db.touches.bulkPut([
      storedTouch('t1', 'linkedin:a', { date: '2025-01-01', createdAt: 1 }),
      storedTouch('t2', 'linkedin:gone', { date: '2025-01-01', createdAt: 1 }),
    ]);
    const { text } = await exportJson(db, new Date(NOW));
    const r = validateExportText(text, text.length);
    expect(r.ok && r.file.touches.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('CSV', () => {
  it('BOM, semicolons, CRLF, RFC 4180 quoting, formula guard, one row per contact', async () => {
    const db = track(freshDb());
    await seedNotebook(db);
    const { fileName, text } = await exportCsv(db, new Date(NOW), LABELS);
    expect(fileName).toBe('kontaktpflege-2025-06-15.csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);

    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual(Object.values(LABELS));
    expect(rows).toHaveLength(1 + PEOPLE.length); // headers, and every person but the deleted one
    for (const row of rows) expect(row).toHaveLength(13);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));

    const juergen = byName.get('Jürgen Müßig');
    const stored = await db.contacts.get('linkedin:jürgen-müßig');
    expect(juergen).toBeDefined();
    expect(stored?.lastContactAt).toMatch(/^2025-0[1-5]-\d\d$/);
    expect(juergen?.slice(1, 9)).toEqual([
      'linkedin',
      'https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BC%C3%9Fig/',
      'A',
      'Bäckerei Groß KG',
      'Geschäftsführer · Bäckerei Groß KG',
      'Köln, Nordrhein-Westfalen',
      stored?.lastContactAt,
      new Date(stored?.nextDueAt ?? 0).toISOString().slice(0, 10),
    ]);
    expect(stored?.nextDueAt).toBe(Date.parse(`${stored?.lastContactAt}T00:00:00Z`) + 21 * DAY); // tier A: 21 days
    expect(juergen?.[9]).toBe('call');
    expect(juergen?.[11]).toBe('Mag Espresso ☕\nTochter: Lena; Sohn: "Max"\r\nZeile mit Tab\tEnde');
    expect(juergen?.[12]).toBe('30');
    // The raw text quotes it and doubles the quotes.
    expect(text).toContain('"Mag Espresso ☕\nTochter: Lena; Sohn: ""Max""\r\nZeile mit Tab\tEnde"');

    // Formula guard: cells starting with = + - @ get a leading apostrophe.
    const formula = byName.get(`'=HYPERLINK("http://evil.example","click")`);
    expect(formula).toBeDefined();
    expect(formula?.[4]).toBe("'+49 30 1234567");
    expect(formula?.[5]).toBe("'-Leiter Einkauf");
    expect(formula?.[6]).toBe("'@home");
    expect(formula?.[10]).toBe("'@mention");
    expect(formula?.[11]).toBe("'-");
    expect(byName.get('Anna 🎉 Schmidt 👩🏽‍💻')?.[11]).toBe("'=SUM(A1:A9) ist kein Witz");

    // Tier none: next due empty. Empty fields stay empty. Markup is text.
    const li = byName.get('李小龙');
    expect(li?.[3]).toBe('none');
    expect(li?.[8]).toBe('');
    expect(li?.[12]).toBe('0');
    const nothing = byName.get('');
    expect(nothing?.slice(4, 8)).toEqual(['', '', '', '']);
    expect(byName.get(MARKUP)?.[5]).toBe('<b>bold</b> & ""quoted""'.replaceAll('""', '"'));
    // Snoozed: next due is the snooze day.
    expect(byName.get('Zoë Weiß')?.[8]).toBe('2025-12-01');
    expect(byName.get('Zoë Weiß')?.[5]).toBe('Office Managerin; Assistenz');
  });

  it('csvCell: quoting and the formula guard', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('')).toBe('');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1;2')).toBe(`"'-1;2"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('coded values can be given words in the UI language', () => {
    const c = storedContact('linkedin:a', { tier: 'none', preferredChannel: 'meeting', name: 'A' });
    const text = buildCsv([c], new Map(), LABELS, {
      tier: { none: 'keine' },
      channel: { meeting: 'Treffen' },
      site: { linkedin: 'LinkedIn' },
    });
    const row = readCsv(text.slice(1))[1];
    expect(row?.[1]).toBe('LinkedIn');
    expect(row?.[3]).toBe('keine');
    expect(row?.[9]).toBe('Treffen');
  });
});

// Timing lives in the bench (`npm run bench`); here only what a user with a large notebook relies on.
describe('10 000 contacts, 50 000 touches', () => {
  it('the export stays under the import limit, restores exactly into an empty notebook, and a re-import writes nothing', {
    timeout: 180_000,
  }, async () => {
    const db = track(freshDb());
    const summary = await seedLargeDb(db, { today: '2025-06-15', contacts: 10_000, touchesPerContact: 5, settings: SETTINGS });
    expect(summary).toMatchObject({ contacts: 10_000, touches: 50_000 });
    const before = await dump(db);

    const { text } = await exportJson(db, new Date(NOW));
    const csv = await exportCsv(db, new Date(NOW), LABELS);
    // a header and one row per contact
    expect(readCsv(csv.text.slice(1))).toHaveLength(10_001);

    const bytes = new TextEncoder().encode(text).length;
    expect(bytes).toBeLessThan(MAX_FILE_BYTES);
    expect(validateExportText(text, bytes).ok).toBe(true);

    const name = db.name;
    await db.delete();
    const restored = track(freshDb(name));
    const r = await parseAndPlan(restored, text, bytes, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await applyImport(restored, r.plan);
    expect(await dump(restored)).toEqual(before);

    // Re-import into the full notebook: every record compared, nothing written.
    const again = await parseAndPlan(restored, text, bytes, NOW);
    expect(again.ok && again.plan).toMatchObject({
      newContacts: 0,
      updatedContacts: 0,
      touchesToAdd: 0,
      duplicateTouches: 50_000,
    });
  });
});
