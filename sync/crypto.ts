/**
 * Encryption of every file sync puts on the server, on the Web Crypto API only.
 * - The key: PBKDF2-SHA256, 600,000 iterations (OWASP's 2023 floor), over the sync passphrase and a
 *   random per-notebook salt, as a non-extractable AES-GCM-256 key (kept as a CryptoKey in IndexedDB;
 *   the passphrase itself is never stored).
 * - Each file: `KPS1` + a fresh random 12-byte nonce + AES-GCM ciphertext and tag (of gzipped JSON). The associated data
 *   binds the notebook's id, the file's name and the format version, so a file copied to another name
 *   (a replayed old change), from another notebook, changed or cut short fails to decrypt.
 */

export const KDF_ITERATIONS = 600_000;
export const FORMAT_VERSION = 1;
const MAGIC = new TextEncoder().encode('KPS1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptError';
  }
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** Random lowercase hex, for notebook and browser ids that say nothing about anyone. */
export function randomId(bytes = 8): string {
  return [...randomBytes(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations = KDF_ITERATIONS,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function associatedData(notebookId: string, name: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`kontaktpflege-sync|${FORMAT_VERSION}|${notebookId}|${name}`);
}

export async function encryptFile(
  key: CryptoKey,
  notebookId: string,
  name: string,
  plaintext: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: associatedData(notebookId, name) }, key, plaintext),
  );
  const out = new Uint8Array(MAGIC.length + NONCE_BYTES + sealed.length);
  out.set(MAGIC, 0);
  out.set(nonce, MAGIC.length);
  out.set(sealed, MAGIC.length + NONCE_BYTES);
  return out;
}

/** The plaintext, or DecryptError when the file is not exactly what this notebook wrote under this name. */
export async function decryptFile(
  key: CryptoKey,
  notebookId: string,
  name: string,
  file: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  if (file.length < MAGIC.length + NONCE_BYTES + TAG_BYTES || !MAGIC.every((b, i) => file[i] === b)) {
    throw new DecryptError(`${name}: not a sync file or cut short`);
  }
  const nonce = file.slice(MAGIC.length, MAGIC.length + NONCE_BYTES);
  const sealed = file.slice(MAGIC.length + NONCE_BYTES);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce, additionalData: associatedData(notebookId, name) }, key, sealed),
    );
  } catch {
    throw new DecryptError(`${name}: changed, cut short, renamed or from another notebook`);
  }
}

async function transform(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/**
 * JSON, gzipped, then encrypted: the merge state repeats its field names and stamps in every record,
 * so gzip makes a 10k-contact notebook about a tenth of the size to upload, store and decrypt.
 */
export async function encryptJson(
  key: CryptoKey,
  notebookId: string,
  name: string,
  value: unknown,
): Promise<Uint8Array<ArrayBuffer>> {
  const packed = await transform(new TextEncoder().encode(JSON.stringify(value)), new CompressionStream('gzip'));
  return encryptFile(key, notebookId, name, packed);
}

export async function decryptJson(key: CryptoKey, notebookId: string, name: string, file: Uint8Array): Promise<unknown> {
  const packed = await decryptFile(key, notebookId, name, file);
  return JSON.parse(new TextDecoder().decode(await transform(packed, new DecompressionStream('gzip'))));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
