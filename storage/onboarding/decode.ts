/**
 * Bytes of an imported file to text. LinkedIn and vCard exports are UTF-8, but a CSV saved again by
 * Excel on a German Windows is Windows-1252: invalid UTF-8 is read as Windows-1252 (which decodes every
 * byte), and the preview says so, so "Müller" never becomes "M�ller" silently.
 */

/** Above this the file is refused before it is read: LinkedIn's 30,000-connection maximum is about 6 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export type TextEncoding = 'utf-8' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** The file's text; a UTF-8 byte-order mark is dropped. */
export function decodeImportBytes(bytes: Uint8Array): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
