/**
 * Issue 13: the JSON import writes in chunks with a progress report after each, and stays all or
 * nothing (storage/backup/write.ts, called by applyImport).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyImport, planImport } from '../../storage/backup/import';
import { IMPORT_CHUNK, importWriteTotal } from '../../storage/backup/write';
import type { KontaktDb } from '../../storage/db';
import { DEFAULT_SETTINGS } from '../../storage/types';
import {
  dump,
  exportedContact,
  exportFile,
  freshDb,
  keyDate,
  promise,
  storedContact,
  T0,
  touch,
} from '../fixtures/backup/helpers';

const NOW = Date.UTC(2025, 1, 1, 9, 0);

const opened: KontaktDb[] = [];
function db(): KontaktDb {
  const d = freshDb();
  opened.push(d);
  return d;
}
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
});

/** A file with 3 people, `touches` touches spread over them, one key date and one promise. */
function bigFile(touches: number) {
  const keys = ['linkedin:anna', 'linkedin:ben', 'xing:Cem_Yilmaz'];
  return exportFile(
    keys.map((k) => exportedContact(k)),
    Array.from({ length: touches }, (_, i) =>
      touch(`t-${String(i).padStart(5, '0')}`, keys[i % keys.length] ?? 'linkedin:anna', { note: `touch ${i}` }),
    ),
    undefined,
    [keyDate('k1', 'linkedin:anna')],
    [promise('p1', 'linkedin:ben')],
  );
}

describe('applyImport writes in chunks and reports progress', () => {
  it('reports 0 first, then after every chunk, ending at the total; everything is stored', async () => {
    const d = db();
    const touches = 2 * IMPORT_CHUNK + 500;
    const plan = await planImport(d, bigFile(touches), NOW);
    const progress: [number, number][] = [];
    const applied = await applyImport(d, plan, (done, total) => progress.push([done, total]));
    // settings (a fresh notebook takes the file's), 3 contacts, the touches in three chunks, key date, promise
    const total = 1 + 3 + touches + 1 + 1;
    expect(importWriteTotal(applied)).toBe(total);
    expect(progress.map(([done]) => done)).toEqual([
      0,
      1,
      4,
      4 + IMPORT_CHUNK,
      4 + 2 * IMPORT_CHUNK,
      4 + touches,
      total - 1,
      total,
    ]);
    expect(progress.every(([, t]) => t === total)).toBe(true);
    const stored = await dump(d);
    expect([stored.settings.length, stored.contacts.length, stored.touches.length]).toEqual([1, 3, touches]);
    expect([stored.keyDates.length, stored.promises.length]).toEqual([1, 1]);
    expect(stored.touches.find((t) => t.id === 't-02499')?.note).toBe('touch 2499');
  });

  it('an import that writes nothing reports 0 of 0 and leaves the notebook as it was', async () => {
    const d = db();
    const file = exportFile([exportedContact('linkedin:anna')]);
    await d.transaction('rw', d.contacts, d.settings, async () => {
      await d.settings.put({ ...DEFAULT_SETTINGS, id: 'main' });
      await d.contacts.put(storedContact('linkedin:anna'));
    });
    const before = await dump(d);
    const progress: [number, number][] = [];
    await applyImport(d, await planImport(d, file, NOW), (done, total) => progress.push([done, total]));
    expect(progress).toEqual([[0, 0]]);
    expect(await dump(d)).toEqual(before);
  });

  it('a failure halfway (in the second chunk of touches, after progress was reported) leaves the notebook unchanged', async () => {
    const d = db();
    await d.transaction('rw', d.contacts, d.settings, async () => {
      await d.settings.put({ ...DEFAULT_SETTINGS, id: 'main' });
      await d.contacts.put(storedContact('linkedin:anna', { notes: 'mine', updatedAt: T0 - 1 }));
    });
    const before = await dump(d);
    const plan = await planImport(d, bigFile(3 * IMPORT_CHUNK), NOW);
    let created = 0;
    d.touches.hook('creating', () => {
      created++;
      if (created === IMPORT_CHUNK + IMPORT_CHUNK / 2) throw new Error('disk full (simulated)');
    });
    const progress: number[] = [];
    await expect(applyImport(d, plan, (done) => progress.push(done))).rejects.toThrow();
    // The contacts and the first chunk of touches had been written (and reported) inside the transaction.
    expect(Math.max(...progress)).toBeGreaterThanOrEqual(3 + IMPORT_CHUNK);
    expect(await dump(d)).toEqual(before);
  });
});
