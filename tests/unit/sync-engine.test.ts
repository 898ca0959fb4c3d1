/**
 * Sync between browsers (sync/engine.ts) against a real WebDAV server (Apache mod_dav): each
 * "browser" is its own notebook database and sync database in fake-indexeddb.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, deleteContact, deleteTouch, getContact, listTouches, logTouch, updateContact } from '../../storage/contacts';
import { dayStartMs } from '../../storage/dates';
import type { KontaktDb } from '../../storage/db';
import { DEFAULT_SETTINGS, NEVER_DUE, type PromiseRecord } from '../../storage/types';
import { COMPACT_AFTER, connect, deleteServerCopy, disconnect, FOLDER, syncTick } from '../../sync/engine';
import { getConfig, getProgress, markDirty, SyncDb } from '../../sync/state';
import { SyncError } from '../../sync/webdav';
import { freshDb } from '../fixtures/backup/helpers';
import { seedLargeDb } from '../support/seed';
import { disposeWebdavServer, startWebdavServer, type WebdavServer } from '../support/webdav-server';

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer();
});
afterAll(async () => {
  await disposeWebdavServer(server);
});

const ITERATIONS = 1_000; // the KDF's cost is tested in sync-crypto; here it would only slow every connect
let clock = Date.UTC(2026, 10, 27, 9, 0);
let n = 0;

interface Browser {
  db: KontaktDb;
  sync: SyncDb;
}

function browser(): Browser {
  n++;
  return {
    db: freshDb(`sync-nb-${n}-${Math.random()}`),
    sync: new SyncDb(`sync-state-${n}-${Math.random()}`, { indexedDB, IDBKeyRange }),
  };
}

/** A fresh notebook folder on the server for each test: a sub-folder as the user's WebDAV address. */
async function folder(): Promise<string> {
  const name = `t${++n}/`;
  const res = await fetch(`${server.url}${name}`, {
    method: 'MKCOL',
    headers: { authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}` },
  });
  expect(res.status).toBe(201);
  return `${server.url}${name}`;
}

async function connectTo(b: Browser, url: string, passphrase = 'Haselnuss-Tee-42'): Promise<void> {
  await connect(b.sync, { url, user: server.user, password: server.password, passphrase }, { iterations: ITERATIONS });
}

async function tick(b: Browser) {
  clock += 1_000;
  return syncTick(b.db, b.sync, clock);
}

const anna = {
  key: 'linkedin:anna-schmidt',
  site: 'linkedin' as const,
  profileUrl: 'https://www.linkedin.com/in/anna-schmidt/',
  name: 'Anna Schmidt',
};

async function add(b: Browser, profile = anna) {
  clock += 1_000;
  const c = await addContact(b.db, profile, DEFAULT_SETTINGS, clock);
  await markDirty(b.sync);
  return c;
}

async function edit(b: Browser, key: string, patch: Parameters<typeof updateContact>[2]) {
  clock += 1_000;
  await updateContact(b.db, key, patch, clock);
  await markDirty(b.sync);
}

async function problem(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof SyncError ? e.problem : `other: ${String(e)}`;
  }
}

function serverDir(url: string): string {
  return join(server.root, new URL(url).pathname, FOLDER);
}

describe('connecting', () => {
  it('the first browser creates the notebook, the next joins it with the same passphrase', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    expect((await getConfig(a.sync))?.notebookId).toBe((await getConfig(b.sync))?.notebookId);
  });

  it('refuses a wrong passphrase and stays unconnected', async () => {
    const url = await folder();
    await connectTo(browser(), url);
    const b = browser();
    expect(await problem(connectTo(b, url, 'falsch'))).toBe('passphrase');
    expect(await getConfig(b.sync)).toBeUndefined();
  });

  it('refuses a wrong app password and stays unconnected', async () => {
    const url = await folder();
    const b = browser();
    expect(
      await problem(connect(b.sync, { url, user: server.user, password: 'nope', passphrase: 'x' }, { iterations: ITERATIONS })),
    ).toBe('auth');
    expect(await getConfig(b.sync)).toBeUndefined();
  });
});

describe('two browsers', () => {
  it('a contact added on one reaches the other', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await edit(a, anna.key, { notes: 'Mag grünen Tee', tier: 'A' });
    await tick(a);
    const result = await tick(b);
    expect(result?.changedKeys).toEqual([anna.key]);
    const there = await getContact(b.db, anna.key);
    expect(there?.notes).toBe('Mag grünen Tee');
    expect(there?.tier).toBe('A');
    // Its due day is computed there, not copied.
    expect(there?.nextDueAt).toBe((await getContact(a.db, anna.key))?.nextDueAt);
  });

  it('edits of different fields on both merge; the same note edited on both keeps both texts', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await tick(a);
    await tick(b);
    await edit(a, anna.key, { company: 'Nordlicht AG', notes: 'Tochter: Lena' });
    await edit(b, anna.key, { tier: 'B', notes: 'Segelt im Sommer' });
    await tick(a);
    await tick(b);
    await tick(a);
    const onA = await getContact(a.db, anna.key);
    const onB = await getContact(b.db, anna.key);
    expect(onA).toEqual(onB);
    expect(onA?.company).toBe('Nordlicht AG');
    expect(onA?.tier).toBe('B');
    expect(onA?.notes).toContain('Tochter: Lena');
    expect(onA?.notes).toContain('Segelt im Sommer');
    expect(onA?.notes).toMatch(/--- synced \d{4}-\d\d-\d\d ---/);
  });

  it("an edit made while a round brings in another browser's edit of the same person keeps both", async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await tick(a);
    await tick(b);
    await edit(a, anna.key, { company: 'Nordlicht AG' });
    await tick(a);
    // On B the user types a note, and the round runs before the edit is noted as a change.
    clock += 1_000;
    await updateContact(b.db, anna.key, { notes: 'Segelt im Sommer' }, clock);
    await tick(b);
    expect((await getContact(b.db, anna.key))?.notes).toBe('Segelt im Sommer');
    await markDirty(b.sync);
    await tick(b);
    await tick(a);
    for (const x of [a, b]) {
      const c = await getContact(x.db, anna.key);
      expect(c?.company).toBe('Nordlicht AG');
      expect(c?.notes).toBe('Segelt im Sommer');
    }
  });

  it('a deleted touch stays deleted on the other browser', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    const { touch } = await logTouch(
      a.db,
      anna.key,
      { date: '2026-11-20', channel: 'call', direction: 'mutual', note: 'Telefonat' },
      clock,
    );
    await markDirty(a.sync);
    await tick(a);
    await tick(b);
    expect(await b.db.touches.get(touch.id)).toBeDefined();
    await deleteTouch(b.db, touch.id);
    await markDirty(b.sync);
    await tick(b);
    await tick(a);
    expect((await a.db.touches.get(touch.id))?.deletedAt).not.toBeNull();
    expect(await listTouches(a.db, anna.key)).toEqual([]);
  });

  it('a contact deleted on one browser is gone on the other, with its promise', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    const promise: PromiseRecord = {
      id: 'p-1',
      contactKey: anna.key,
      direction: 'mine',
      text: 'Buchtipp schicken',
      dueDate: '2026-12-01',
      doneAt: null,
      openDueAt: dayStartMs('2026-12-01'),
      createdAt: clock,
      updatedAt: clock,
      deletedAt: null,
    };
    await a.db.promises.put(promise);
    await markDirty(a.sync);
    await tick(a);
    await tick(b);
    // The open promise is on B, in the index the popup reads.
    expect((await b.db.promises.where('openDueAt').equals(dayStartMs('2026-12-01')).toArray()).map((p) => p.text)).toEqual([
      'Buchtipp schicken',
    ]);
    clock += 1_000;
    await deleteContact(b.db, anna.key, clock);
    await markDirty(b.sync);
    await tick(b);
    await tick(a);
    expect(await getContact(a.db, anna.key)).toBeUndefined();
    expect((await a.db.contacts.get(anna.key))?.nextDueAt).toBe(NEVER_DUE);
    expect((await a.db.promises.get('p-1'))?.deletedAt).not.toBeNull();
    expect(await a.db.promises.where('openDueAt').above(0).count()).toBe(0);
  });

  it("after an edit of one person, a round compares and uploads only that person's records", async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await add(a, { ...anna, key: 'linkedin:ben-meier', profileUrl: 'https://www.linkedin.com/in/ben-meier/', name: 'Ben Meier' });
    await tick(a);
    await tick(b);
    clock += 1_000;
    await updateContact(a.db, anna.key, { notes: 'Nur Anna' }, clock);
    await markDirty(a.sync, [anna.key]);
    const round = await tick(a);
    expect(round?.uploadedRecords).toBe(1);
    await tick(b);
    expect((await getContact(b.db, anna.key))?.notes).toBe('Nur Anna');
  });

  it('a tick with nothing changed makes one request', async () => {
    const url = await folder();
    const a = browser();
    await connectTo(a, url);
    await add(a);
    await tick(a);
    const quiet = await tick(a);
    expect(quiet?.requests).toBe(1);
    expect(quiet?.uploadedRecords).toBe(0);
  });

  it('the server holds no name, note or key in plain text', async () => {
    const url = await folder();
    const a = browser();
    await connectTo(a, url, 'Geheimer-Satz-77');
    await add(a);
    await edit(a, anna.key, { notes: 'Mag grünen Tee', company: 'Nordlicht AG' });
    await tick(a);
    const files = server.files().filter((f) => f.path.startsWith(serverDir(url)));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
        const text = f.bytes.toString(encoding);
        for (const secret of ['Anna', 'anna-schmidt', 'grünen Tee', 'Nordlicht', 'Geheimer-Satz-77'])
          expect(text).not.toContain(secret);
      }
      // File names tell nothing about people either.
      expect(f.path).not.toMatch(/anna|schmidt/i);
    }
  });
});

describe('failures', () => {
  it('a file cut short is not read until it is whole', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await tick(a);
    const dir = serverDir(url);
    const name = server.files().find((f) => f.path.startsWith(dir) && /\/c-/.test(f.path));
    if (!name) throw new Error('no change file');
    writeFileSync(name.path, name.bytes.subarray(0, name.bytes.length - 30));
    await tick(b);
    expect(await getContact(b.db, anna.key)).toBeUndefined();
    expect(Object.values((await getProgress(b.sync)).readUpTo)).toEqual([]);
    writeFileSync(name.path, name.bytes);
    await tick(b);
    expect((await getContact(b.db, anna.key))?.name).toBe('Anna Schmidt');
  });

  it('an old file replayed under a newer name is refused', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await edit(a, anna.key, { notes: 'alt' });
    await tick(a);
    await edit(a, anna.key, { notes: 'neu' });
    await tick(a);
    await tick(b);
    const dir = serverDir(url);
    const first = server.files().find((f) => f.path.startsWith(dir) && /\/c-[0-9a-f]+-00000001\.kps$/.test(f.path));
    if (!first) throw new Error('no first change file');
    writeFileSync(first.path.replace('-00000001.kps', '-00000003.kps'), first.bytes);
    await tick(b);
    expect((await getContact(b.db, anna.key))?.notes).toBe('neu');
  });

  it('a server that lost the last file gets it back from a snapshot', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await tick(a);
    await tick(b);
    await edit(a, anna.key, { company: 'Nordlicht AG' });
    await tick(a);
    const dir = serverDir(url);
    const second = server.files().find((f) => f.path.startsWith(dir) && /\/c-[0-9a-f]+-00000002\.kps$/.test(f.path));
    if (!second) throw new Error('no second change file');
    rmSync(second.path); // the server restored yesterday's backup
    await tick(a); // notices its file is gone and writes a snapshot
    await tick(b);
    expect((await getContact(b.db, anna.key))?.company).toBe('Nordlicht AG');
  });

  it('a server that goes away mid-sync: an error, nothing lost, nothing doubled after it is back', async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    await logTouch(a.db, anna.key, { date: '2026-11-20', channel: 'call', direction: 'mutual', note: 'Telefonat' }, clock);
    await markDirty(a.sync);
    await server.stop();
    try {
      expect(await problem(tick(a))).toBe('unreachable');
      expect((await getProgress(a.sync)).problem).toBe('unreachable');
    } finally {
      await server.restart();
    }
    await tick(a);
    await tick(b);
    await tick(b);
    expect(await b.db.touches.count()).toBe(1);
    expect(await b.db.contacts.count()).toBe(1);
    expect((await getProgress(a.sync)).problem).toBeNull();
  });

  it("compaction replaces a browser's many change files by one snapshot, and a new browser joins from it", async () => {
    const url = await folder();
    const a = browser();
    const b = browser();
    await connectTo(a, url);
    await connectTo(b, url);
    await add(a);
    for (let i = 0; i <= COMPACT_AFTER; i++) {
      await edit(a, anna.key, { headline: `Rolle ${i}` });
      await tick(a);
    }
    await tick(a);
    const dir = serverDir(url);
    const names = server
      .files()
      .filter((f) => f.path.startsWith(dir))
      .map((f) => f.path.slice(dir.length));
    expect(names.filter((x) => x.startsWith('c-')).length).toBeLessThan(COMPACT_AFTER);
    expect(names.some((x) => x.startsWith('s-'))).toBe(true);
    await tick(b);
    const c = browser();
    await connectTo(c, url);
    await tick(c);
    expect((await getContact(b.db, anna.key))?.headline).toBe(`Rolle ${COMPACT_AFTER}`);
    expect((await getContact(c.db, anna.key))?.headline).toBe(`Rolle ${COMPACT_AFTER}`);
  });
});

describe('leaving', () => {
  it('"Stop syncing" keeps the notebook; "Delete the server copy" removes the folder', async () => {
    const url = await folder();
    const a = browser();
    await connectTo(a, url);
    await add(a);
    await tick(a);
    await disconnect(a.sync);
    expect(await getContact(a.db, anna.key)).toBeDefined();
    expect(await tick(a)).toBeNull();
    await connectTo(a, url);
    await deleteServerCopy(a.sync);
    expect(server.files().filter((f) => f.path.startsWith(serverDir(url)))).toEqual([]);
    expect(await getContact(a.db, anna.key)).toBeDefined();
  });
});

describe('joining a large notebook in chunks', () => {
  const TODAY = '2026-11-27';

  async function largeNotebookOnServer(url: string, contacts: number): Promise<Browser> {
    const a = browser();
    await seedLargeDb(a.db, { contacts, touchesPerContact: 1, today: TODAY });
    await connectTo(a, url);
    await tick(a);
    return a;
  }

  async function allContacts(b: Browser) {
    return (await b.db.contacts.orderBy('key').toArray()).map(({ nextDueAt: _d, ...rest }) => rest);
  }

  it('a panel write during the join goes through between chunks, and both browsers end with the same notebook', async () => {
    const url = await folder();
    const a = await largeNotebookOnServer(url, 400);
    const b = browser();
    await add(b);
    await connectTo(b, url);
    const events: string[] = [];
    let panelWrite: Promise<unknown> | null = null;
    clock += 1_000;
    await syncTick(b.db, b.sync, clock, {
      chunkSize: 50,
      onChunk: (done, total) => {
        events.push(`chunk ${done}/${total}`);
        // What the panel does when the user saves a note while the join runs.
        panelWrite ??= updateContact(b.db, anna.key, { notes: 'Vom Panel' }, clock + 1).then(() => events.push('panel write'));
      },
    });
    events.push('join done');
    await panelWrite;
    const at = events.indexOf('panel write');
    expect(at).toBeGreaterThan(0);
    // The panel's write did not wait for the whole join: chunks of the join were still to come.
    expect(events.slice(at + 1).filter((e) => e.startsWith('chunk')).length).toBeGreaterThan(1);
    expect((await getContact(b.db, anna.key))?.notes).toBe('Vom Panel');
    await markDirty(b.sync);
    await tick(b);
    await tick(a);
    expect(await a.db.contacts.count()).toBe(401);
    expect(await allContacts(a)).toEqual(await allContacts(b));
    expect((await getContact(a.db, anna.key))?.notes).toBe('Vom Panel');
  });

  it('a join stopped after some chunks resumes: nothing half-written, nothing taken for an edit, same notebook', async () => {
    const url = await folder();
    const a = await largeNotebookOnServer(url, 300);
    const b = browser();
    await connectTo(b, url);
    clock += 1_000;
    const stop = new Error('the worker was stopped');
    const stopped = syncTick(b.db, b.sync, clock, {
      chunkSize: 100,
      onChunk: (done) => {
        if (done === 200) throw stop;
      },
    });
    await expect(stopped).rejects.toBe(stop);
    const partly = await b.db.contacts.count();
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(300);
    // The next round writes the rest and uploads nothing: the chunks written before the stop are no edits of B's.
    const resumed = await tick(b);
    expect(resumed?.uploadedRecords).toBe(0);
    expect(await allContacts(b)).toEqual(await allContacts(a));
    expect(await b.db.touches.count()).toBe(await a.db.touches.count());
  });
});
