/**
 * What the onboarding parsers read from a LinkedIn Connections.csv or a vCard file, before anything is
 * compared with the notebook. Plain data, so the planner (`plan.ts`) and the tests see the same thing.
 */
import type { ProfileUrlInfo } from '../../sites/types';
import type { IsoDay } from '../types';

export type ImportSource = 'linkedin' | 'vcard';

/** A birthday or anniversary from a vCard; `year` null when the card does not say (`--MMDD`, Apple's 1604). */
export interface ImportedKeyDate {
  kind: 'birthday' | 'anniversary';
  month: number;
  day: number;
  year: number | null;
}

/** One person from the file. */
export interface ImportedPerson {
  /** where in the file: the CSV line number (1-based, as an editor shows it) or the card's number */
  at: number;
  /** every profile the row or card links to, distinct keys, in file order (LinkedIn first for vCards) */
  profiles: ProfileUrlInfo[];
  name: string;
  headline: string;
  company: string;
  email: string;
  phone: string;
  /** text to append to the notes ('' when none) */
  note: string;
  connectedOn: IsoDay | null;
  keyDates: ImportedKeyDate[];
}

/** Why a row or card is left out. */
export type ImportSkipReason = 'empty' | 'badProfileUrl' | 'noName';

export interface ImportSkip {
  at: number;
  /** who it is about, as far as the file says ('' when it says nothing) */
  name: string;
  reason: ImportSkipReason;
}

/** A row or card describing a person already met earlier in the same file: imported once. */
export interface ImportDuplicate {
  at: number;
  firstAt: number;
  name: string;
}

export interface ParsedImport {
  source: ImportSource;
  people: ImportedPerson[];
  skipped: ImportSkip[];
  duplicates: ImportDuplicate[];
}

/**
 * A file the import refuses as a whole (it changes nothing):
 * - `tooLarge`: over `MAX_IMPORT_BYTES`, refused before it is read;
 * - `empty`: nothing but white space;
 * - `notConnections`: a CSV without LinkedIn's columns (Outlook contacts, a bank statement);
 * - `noPeople`: LinkedIn's columns but not one row to import;
 * - `brokenVcard`: a vCard the parser cannot read (a folded line without its leading space, a card never ended);
 * - `unknownFormat`: neither CSV nor vCard (a JSON backup belongs in "Import (JSON)").
 */
export type ImportFileErrorCode = 'tooLarge' | 'empty' | 'notConnections' | 'noPeople' | 'brokenVcard' | 'unknownFormat';

export interface ImportFileError {
  code: ImportFileErrorCode;
  /** for the message: the size in MB, the columns found, the vCard line that broke */
  detail?: string;
}

export type ParseResult = { ok: true; parsed: ParsedImport } | { ok: false; error: ImportFileError };

/** The user cancelled a running import; the transaction was aborted, nothing was written. */
export class ImportCancelledError extends Error {
  override name = 'ImportCancelledError';
}
