/**
 * The import's merge decisions, made by sync's merge (`sync/crdt.ts`, `mergeRecords`): one code path
 * for import and sync (issue 14). A record of a file, or of the notebook, becomes a sync record whose
 * every field is stamped with the record's `updatedAt`: a file is one more replica that carries one
 * time per record, not per field. So the import inherits the merge's properties (commutative,
 * associative, idempotent, no text lost); what it cannot have is sync's per-field times: a file does
 * not say which of a record's fields were edited, so the newer record's values win every field.
 *
 * The stamp's tie-breaker (`r`) is the record's values (`tieBreakSignature`): on equal times the side
 * whose values sort later wins as a whole, whichever side is stored. Two different note texts are both
 * kept; the same text from both sides is shown once.
 */
import { type Lww, mergeRecords, type Mv, mvKept, mvText, type SyncRecord, stableJson } from '../../sync/crdt';
import type { IsoDay } from '../types';
import type { ExportedContact } from './format';

/** What the contact merge reads of either side: the stored contact or the file's. */
export type ContactSide = Omit<ExportedContact, 'site'>;

/** Fields the newer side decides. */
const LWW_FIELDS = [
  'profileUrl',
  'name',
  'headline',
  'company',
  'location',
  'photoUrl',
  'tier',
  'preferredChannel',
  'snoozedUntil',
  'email',
  'phone',
] as const;

/** The values the side with the newer `updatedAt` brings; on a tie they decide which side that is. */
export function tieBreakSignature(c: ContactSide): string {
  return JSON.stringify([
    c.profileUrl,
    c.name,
    c.headline,
    c.company,
    c.location,
    c.photoUrl,
    c.tier,
    c.preferredChannel,
    c.snoozedUntil,
    c.notes,
    c.howWeMet,
    c.email,
    c.phone,
  ]);
}

/**
 * A text register holding one side's text, stamped `t`. The value's identity (its "dot") is its time
 * and text: one write. The same text written at two times is two values, shown once.
 */
export function textRegister(text: string, t: number): Mv {
  return { vals: text === '' ? [] : [{ v: text, t, r: `${t}|${text}`, n: 1 }], ctx: {} };
}

const ALIVE: Lww = { v: null, t: 0, r: '' };

/** A contact as a sync record stamped with its `updatedAt` (its existence is the plan's business). */
export function contactRecord(c: ContactSide): SyncRecord {
  const r = tieBreakSignature(c);
  const lww: Record<string, Lww> = {};
  for (const f of LWW_FIELDS) lww[f] = { v: c[f], t: c.updatedAt, r };
  return {
    table: 'contacts',
    id: c.key,
    lww,
    mv: { notes: textRegister(c.notes, c.updatedAt), howWeMet: textRegister(c.howWeMet, c.updatedAt) },
    // sets in their canonical (sorted) form, as the merge leaves them: merging a copy with itself changes nothing
    sets: { aliases: [...c.aliases].sort(), notSameAs: [...c.notSameAs].sort() },
    // "last contact" and "updated": the later of both; "connected since" and "created": the earlier.
    max: { lastContactAt: c.lastContactAt, updatedAt: c.updatedAt },
    min: { connectedOn: c.connectedOn, createdAt: c.createdAt },
    del: ALIVE,
  };
}

export interface MergedFields {
  lww: Pick<ContactSide, (typeof LWW_FIELDS)[number]>;
  notes: string;
  howWeMet: string;
  /** the unions, sorted */
  aliases: string[];
  notSameAs: string[];
  lastContactAt: IsoDay | null;
  connectedOn: IsoDay | null;
  createdAt: number;
  updatedAt: number;
  /** texts of both sides kept */
  conflicts: Array<'notes' | 'howWeMet'>;
}

/** Two copies of one person merged by `mergeRecords`; the separator line names the import's day. */
export function mergeContactFields(stored: ContactSide, incoming: ContactSide, separator: string): MergedFields {
  const m = mergeRecords(contactRecord(stored), contactRecord(incoming));
  const sep = () => separator;
  const lww = Object.fromEntries(LWW_FIELDS.map((f) => [f, m.lww[f]?.v])) as MergedFields['lww'];
  const conflicts: MergedFields['conflicts'] = [];
  if (mvKept(m.mv.notes).length > 1) conflicts.push('notes');
  if (mvKept(m.mv.howWeMet).length > 1) conflicts.push('howWeMet');
  return {
    lww,
    notes: mvText(m.mv.notes, sep),
    howWeMet: mvText(m.mv.howWeMet, sep),
    aliases: m.sets.aliases ?? [],
    notSameAs: m.sets.notSameAs ?? [],
    lastContactAt: (m.max?.lastContactAt ?? null) as IsoDay | null,
    updatedAt: m.max?.updatedAt as number,
    connectedOn: (m.min?.connectedOn ?? null) as IsoDay | null,
    createdAt: m.min?.createdAt as number,
    conflicts,
  };
}

/**
 * Two texts of one field merged as a text register: `newer` first (it is stamped later), the other
 * after `separator`; one empty, equal, or contained in the other: one text. `conflict`: both kept.
 */
export function mergeTexts(newer: string, older: string, separator: string): { text: string; conflict: boolean } {
  const reg = mergeRecords(
    { table: '', id: '', lww: {}, mv: { t: textRegister(newer, 1) }, sets: {}, del: ALIVE },
    { table: '', id: '', lww: {}, mv: { t: textRegister(older, 0) }, sets: {}, del: ALIVE },
  ).mv.t;
  return { text: mvText(reg, () => separator), conflict: mvKept(reg).length > 1 };
}

/** A record that carries one time for all its fields. */
export interface VersionedRow {
  readonly id: string;
  readonly updatedAt: number;
}

/**
 * A whole record (key date, promise) that only the later `updatedAt` decides, as a sync record: every
 * field a register stamped with that time, ties broken by the record's values, so either side's order
 * gives the same winner. `derived` fields are recomputed by the importer and left out.
 */
export function wholeRecord(table: string, row: VersionedRow, derived: readonly string[]): SyncRecord {
  const fields = Object.entries(row).filter(([f]) => !derived.includes(f));
  const r = stableJson(Object.fromEntries(fields));
  const lww: Record<string, Lww> = {};
  for (const [f, v] of fields) if (f !== 'id') lww[f] = { v, t: row.updatedAt, r };
  return { table, id: row.id, lww, mv: {}, sets: {}, del: ALIVE };
}

/** Which of two copies of one record the merge keeps (whole-record registers: one side wins every field). */
export function newerCopy(
  table: string,
  stored: VersionedRow,
  incoming: VersionedRow,
  derived: readonly string[],
): 'stored' | 'incoming' {
  const a = wholeRecord(table, stored, derived);
  const b = wholeRecord(table, incoming, derived);
  const m = mergeRecords(a, b);
  const winner = m.lww.updatedAt as Lww | undefined;
  return winner && winner.r === (b.lww.updatedAt as Lww).r && winner.r !== (a.lww.updatedAt as Lww).r ? 'incoming' : 'stored';
}
