/** The encryption of sync files (sync/crypto.ts): what the server could do to a file is detected and refused. */
import { describe, expect, it } from 'vitest';
import { DecryptError, decryptJson, deriveKey, encryptJson, KDF_ITERATIONS, randomBytes } from '../../sync/crypto';

// The full 600,000 iterations once (the setting users get); the other keys use fewer to keep the suite fast.
const salt = randomBytes(16);
const keyPromise = deriveKey('korrekt Pferd Batterie Heftklammer', salt, 1_000);
const NOTEBOOK = 'nb1';
const NAME = 'c-0a1b2c3d-000001.kps';
const payload = { records: [{ id: 'linkedin:anna', notes: 'mag Tee' }] };

describe('sync encryption', () => {
  it('round-trips a file and hides its text', async () => {
    const key = await keyPromise;
    const file = await encryptJson(key, NOTEBOOK, NAME, payload);
    expect(Buffer.from(file).toString('latin1')).not.toContain('mag Tee');
    expect(await decryptJson(key, NOTEBOOK, NAME, file)).toEqual(payload);
  });

  it('uses a fresh nonce for every file, so the same content never looks the same', async () => {
    const key = await keyPromise;
    const a = await encryptJson(key, NOTEBOOK, NAME, payload);
    const b = await encryptJson(key, NOTEBOOK, NAME, payload);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('refuses a file with one changed byte', async () => {
    const key = await keyPromise;
    const file = await encryptJson(key, NOTEBOOK, NAME, payload);
    file[file.length - 20] = (file[file.length - 20] ?? 0) ^ 1;
    await expect(decryptJson(key, NOTEBOOK, NAME, file)).rejects.toThrow(DecryptError);
  });

  it('refuses a file cut short (a half-written upload)', async () => {
    const key = await keyPromise;
    const file = await encryptJson(key, NOTEBOOK, NAME, payload);
    await expect(decryptJson(key, NOTEBOOK, NAME, file.slice(0, file.length - 1))).rejects.toThrow(DecryptError);
    await expect(decryptJson(key, NOTEBOOK, NAME, file.slice(0, 10))).rejects.toThrow(DecryptError);
  });

  it('refuses a file from another notebook, even under the same passphrase', async () => {
    const key = await keyPromise;
    const other = await encryptJson(key, 'nb2', NAME, payload);
    await expect(decryptJson(key, NOTEBOOK, NAME, other)).rejects.toThrow(DecryptError);
    const otherKey = await deriveKey('korrekt Pferd Batterie Heftklammer', randomBytes(16), 1_000);
    const fromOtherSalt = await encryptJson(otherKey, NOTEBOOK, NAME, payload);
    await expect(decryptJson(key, NOTEBOOK, NAME, fromOtherSalt)).rejects.toThrow(DecryptError);
  });

  it('refuses an old file replayed under a newer name', async () => {
    const key = await keyPromise;
    const old = await encryptJson(key, NOTEBOOK, 'c-0a1b2c3d-000001.kps', { records: [] });
    await expect(decryptJson(key, NOTEBOOK, 'c-0a1b2c3d-000002.kps', old)).rejects.toThrow(DecryptError);
  });

  it('refuses a file under a wrong passphrase', async () => {
    const key = await keyPromise;
    const file = await encryptJson(key, NOTEBOOK, NAME, payload);
    const wrong = await deriveKey('falsches Pferd', salt, 1_000);
    await expect(decryptJson(wrong, NOTEBOOK, NAME, file)).rejects.toThrow(DecryptError);
  });

  it('derives a key that cannot be read back out, with at least 600,000 PBKDF2 iterations by default', async () => {
    expect(KDF_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const key = await deriveKey('korrekt Pferd Batterie Heftklammer', salt);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // The same passphrase and salt give the same key: a second browser can open the notebook.
    const again = await deriveKey('korrekt Pferd Batterie Heftklammer', salt);
    const file = await encryptJson(key, NOTEBOOK, NAME, payload);
    expect(await decryptJson(again, NOTEBOOK, NAME, file)).toEqual(payload);
  });
});
