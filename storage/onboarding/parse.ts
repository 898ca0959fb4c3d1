/**
 * The onboarding import's entry point for a file: size check before reading, encoding, then the
 * parser its first line calls for. Pure apart from reading the bytes it is given.
 */
import { decodeImportBytes, MAX_IMPORT_BYTES, type TextEncoding } from './decode';
import { parseLinkedInConnections } from './linkedin-csv';
import type { ImportFileError, ParsedImport, ParseResult } from './types';
import { looksLikeVcard, parseVcards } from './vcard';

export type FileParseResult = { ok: true; parsed: ParsedImport; encoding: TextEncoding } | { ok: false; error: ImportFileError };

/** A file's size in MB with one decimal, for the "too large" message. */
function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** Refuses a file over `MAX_IMPORT_BYTES` from its size alone, before its bytes are read. */
export function checkImportSize(size: number): ImportFileError | null {
  return size > MAX_IMPORT_BYTES ? { code: 'tooLarge', detail: megabytes(size) } : null;
}

/** Text of an import file to people: a vCard when it starts with `BEGIN:VCARD`, else LinkedIn's CSV. */
export function parseImportText(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: { code: 'empty' } };
  if (/^\s*[[{]/.test(body)) return { ok: false, error: { code: 'unknownFormat' } };
  return looksLikeVcard(body) ? parseVcards(body) : parseLinkedInConnections(body);
}

/** The bytes of an import file (already size-checked) to people, noting a Windows-1252 file. */
export function parseImportBytes(bytes: Uint8Array): FileParseResult {
  const tooLarge = checkImportSize(bytes.byteLength);
  if (tooLarge) return { ok: false, error: tooLarge };
  const { text, encoding } = decodeImportBytes(bytes);
  const result = parseImportText(text);
  return result.ok ? { ok: true, parsed: result.parsed, encoding } : result;
}
