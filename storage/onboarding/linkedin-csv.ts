/**
 * LinkedIn's "Get a copy of your data" → Connections.csv, read with papaparse (quoted fields with commas,
 * doubled quotes and line breaks are its job, not ours). Two shapes are known:
 * - 2023–2026: BOM, CRLF, a `Notes:` preamble before the header
 *   `First Name,Last Name,URL,Email Address,Company,Position,Connected On`, dates `12 Mar 2024`;
 * - before about 2019: no preamble, no URL column, dates `Sep 14, 2018`.
 * Pure: a string in, people out. Comparing them with the notebook is `plan.ts`'s job.
 */
import Papa from 'papaparse';
import { profileFromUrl } from '../../sites';
import { isIsoDay } from '../dates';
import type { IsoDay } from '../types';
import type { ImportDuplicate, ImportedPerson, ImportSkip, ParseResult } from './types';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `12 Mar 2024` or `Sep 14, 2018` (LinkedIn writes English month names whatever the member's language). */
export function parseConnectedOn(text: string): IsoDay | null {
  const s = text.trim();
  const dayFirst = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})$/.exec(s);
  const monthFirst = /^([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})$/.exec(s);
  const [day, mon, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [undefined, undefined, undefined];
  if (day === undefined || mon === undefined || year === undefined) return null;
  const month = MONTHS.indexOf(mon.toLowerCase()) + 1;
  if (month === 0) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDay(iso) ? iso : null;
}

/** The columns this import reads, by their header in LinkedIn's file. */
const COLUMNS = {
  first: 'first name',
  last: 'last name',
  url: 'url',
  email: 'email address',
  company: 'company',
  position: 'position',
  connectedOn: 'connected on',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['first', 'last', 'connectedOn'];

/** The preamble is three lines; a header further down than this is not LinkedIn's. */
const HEADER_SEARCH_ROWS = 10;

function headerIndex(row: readonly string[]): Partial<Record<Column, number>> | null {
  const cells = row.map((c) => c.trim().toLowerCase());
  const index: Partial<Record<Column, number>> = {};
  for (const [column, title] of Object.entries(COLUMNS) as [Column, string][]) {
    const i = cells.indexOf(title);
    if (i >= 0) index[column] = i;
  }
  return REQUIRED.every((c) => index[c] !== undefined) ? index : null;
}

interface Row {
  cells: string[];
  line: number;
}

/** Every non-empty row with the line it starts on (1-based), so the preview can point into the file. */
function rowsWithLines(text: string): Row[] {
  const rows: Row[] = [];
  let counted = 0; // text[0..counted) has been scanned for line breaks
  let line = 1;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    step: (result) => {
      for (let i = text.indexOf('\n', counted); i !== -1 && i < rowStart; i = text.indexOf('\n', i + 1)) line += 1;
      counted = rowStart;
      const cells = result.data;
      if (cells.some((c) => c.trim() !== '')) rows.push({ cells, line });
      rowStart = result.meta.cursor;
    },
  });
  return rows;
}

/**
 * The people of a Connections.csv. A row with a profile URL is that profile's person; a row without a
 * URL (the older shape, or a member who hid it) keeps name and company only and is matched by the
 * planner. Skipped: rows with neither name nor URL, rows whose URL is no LinkedIn profile.
 * Duplicates (the same profile, or the same name and company without a URL) are imported once.
 */
export function parseLinkedInConnections(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: { code: 'empty' } };
  const rows = rowsWithLines(body);
  const headerAt = rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => headerIndex(r.cells) !== null);
  const header = headerAt >= 0 ? headerIndex(rows[headerAt]?.cells ?? []) : null;
  if (!header) {
    const firstRow = rows[0]?.cells.slice(0, 8).join(', ') ?? '';
    return { ok: false, error: { code: 'notConnections', detail: firstRow.slice(0, 200) } };
  }
  const people: ImportedPerson[] = [];
  const skipped: ImportSkip[] = [];
  const duplicates: ImportDuplicate[] = [];
  const firstSeen = new Map<string, number>();
  const cell = (r: Row, c: Column) => {
    const i = header[c];
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  for (const row of rows.slice(headerAt + 1)) {
    const name = `${cell(row, 'first')} ${cell(row, 'last')}`.trim();
    const url = cell(row, 'url');
    const company = cell(row, 'company');
    if (name === '' && url === '') {
      skipped.push({ at: row.line, name: '', reason: 'empty' });
      continue;
    }
    const profile = url === '' ? null : profileFromUrl(url);
    if (url !== '' && (profile === null || profile.site !== 'linkedin')) {
      skipped.push({ at: row.line, name, reason: 'badProfileUrl' });
      continue;
    }
    const identity = profile ? profile.key : `name:${name.toLowerCase()}\u0000${company.toLowerCase()}`;
    const first = firstSeen.get(identity);
    if (first !== undefined) {
      duplicates.push({ at: row.line, firstAt: first, name });
      continue;
    }
    firstSeen.set(identity, row.line);
    people.push({
      at: row.line,
      profiles: profile ? [profile] : [],
      name,
      headline: cell(row, 'position'),
      company,
      email: cell(row, 'email'),
      phone: '',
      note: '',
      connectedOn: parseConnectedOn(cell(row, 'connectedOn')),
      keyDates: [],
    });
  }
  if (people.length === 0) return { ok: false, error: { code: 'noPeople' } };
  return { ok: true, parsed: { source: 'linkedin', people, skipped, duplicates } };
}
