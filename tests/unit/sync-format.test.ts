/**
 * Formats across versions (sync/codec.ts, sync/engine.ts): a notebook folder that 0.2.0's sync wrote
 * (format 1, `tests/fixtures/sync-v1/`, made by that code with the passphrase below) still joins, and a
 * browser keeps syncing from it in format 2; a sync database saved by 0.2.0 keeps working; a file in
 * a format newer than this version stops the round with its own problem and is never skipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContact, listTouches, updateContact } from '../../storage/contacts';
import type { KontaktDb } from '../../storage/db';
import { pack, unpack } from '../../sync/codec';
import { materialize } from '../../sync/crdt';
import { encryptJson } from '../../sync/crypto';
import { connect, FOLDER, fileName, syncTick } from '../../sync/engine';
import { getConfig, getProgress, markDirty, type StoredRecord, SyncDb } from '../../sync/state';
import { shapeOf } from '../../sync/tables';
import { SyncError } from '../../sync/webdav';
import { freshDb } from '../fixtures/backup/helpers';
import { disposeWebdavServer, startWebdavServer, type WebdavServer } from '../support/webdav-server';

const FIXTURE = join(__dirname, '..', 'fixtures', 'sync-v1');
const PASSPHRASE = 'Fixture-Passphrase-1';
const ANNA = 'linkedin:anna-schmidt';
const BEN = 'xing:ben_meier';
const CARLA = 'linkedin:carla-vogt';
/** ids in the fixture: Anna's call (kept), Ben's e-mail (deleted on the writing browser) */
const ANNA_CALL = '5e42cfe7-a19f-44a5-8aef-bb431c1aa3b6';
const BEN_MAIL = '1ec7d936-0288-498f-b97a-6f3a80d08565';

let server: WebdavServer;
beforeAll(async () => {
  server = await startWebdavServer();
});
afterAll(async () => {
  await disposeWebdavServer(server);
});

let n = 0;
let clock = Date.UTC(2026, 10, 28, 9, 0);

interface Browser {
  db: KontaktDb;
  sync: SyncDb;
}

function browser(): Browser {
  n++;
  return {
    db: freshDb(`fmt-nb-${n}-${Math.random()}`),
    sync: new SyncDb(`fmt-state-${n}-${Math.random()}`, { indexedDB, IDBKeyRange }),
  };
}

const auth = () => ({ authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}` });

/** Puts a file on the server as any WebDAV client would. */
async function upload(url: string, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const res = await fetch(url, { method: 'PUT', headers: auth(), body: bytes });
  expect(res.ok).toBe(true);
}

/** A folder on the server holding the 0.2.0 notebook, as the user's WebDAV address. */
async function v1Folder(): Promise<string> {
  const url = `${server.url}v1-${++n}/`;
  for (const dir of [url, `${url}${FOLDER}`]) expect((await fetch(dir, { method: 'MKCOL', headers: auth() })).status).toBe(201);
  for (const name of readdirSync(FIXTURE))
    await upload(`${url}${FOLDER}${name}`, new Uint8Array(readFileSync(join(FIXTURE, name))));
  return url;
}

async function join0(b: Browser, url: string): Promise<void> {
  await connect(b.sync, { url, user: server.user, password: server.password, passphrase: PASSPHRASE });
}

async function tick(b: Browser) {
  clock += 1_000;
  return syncTick(b.db, b.sync, clock);
}

async function expectFixtureNotebook(b: Browser): Promise<void> {
  const anna = await getContact(b.db, ANNA);
  expect(anna?.notes).toBe('Mag grünen Tee. Tochter: Lena');
  expect(anna?.headline).toBe('Rolle 12');
  expect(anna?.tier).toBe('A');
  expect(anna?.company).toBe('Nordlicht AG');
  expect((await getContact(b.db, BEN))?.notes).toBe('Kennt Anna vom Segeln');
  expect((await getContact(b.db, BEN))?.tier).toBe('B');
  expect(await getContact(b.db, CARLA)).toBeUndefined();
  expect((await listTouches(b.db, ANNA)).map((t) => [t.id, t.note])).toEqual([[ANNA_CALL, 'Telefonat über Segeln']]);
  expect((await b.db.touches.get(BEN_MAIL))?.deletedAt).not.toBeNull();
  expect((await b.db.promises.get('p-fixture-1'))?.text).toBe('Buchtipp schicken');
}

describe('a notebook written by 0.2.0 (format 1)', () => {
  it('joins with every person, note, deletion and promise, and syncs on in format 2 with a newer browser', async () => {
    const url = await v1Folder();
    const b = browser();
    await join0(b, url);
    const first = await tick(b);
    expect(first?.filesRead).toBeGreaterThanOrEqual(2); // A's snapshot and change files, and B's change file
    await expectFixtureNotebook(b);

    clock += 1_000;
    await updateContact(b.db, BEN, { company: 'Werft Meier' }, clock);
    await markDirty(b.sync, [BEN]);
    expect((await tick(b))?.uploadedRecords).toBe(1);

    // A third browser reads the 0.2.0 files and the new one.
    const c = browser();
    await join0(c, url);
    await tick(c);
    await expectFixtureNotebook(c);
    expect((await getContact(c.db, BEN))?.company).toBe('Werft Meier');
  });

  it('a sync database saved by 0.2.0 (states as JSON objects) keeps working: no spurious upload, edits still go out', async () => {
    const url = await v1Folder();
    const b = browser();
    await join0(b, url);
    await tick(b);
    // Rewrite every saved state as 0.2.0 saved it: `{ record, base }` as JSON in `j`.
    const rows = await b.sync.records.toArray();
    expect(rows.length).toBeGreaterThan(5);
    const old: StoredRecord[] = rows.map((row) => {
      const [packed, base] = JSON.parse(row.p ?? '') as [unknown, unknown];
      const record = unpack(packed);
      const shape = shapeOf(record.table);
      if (!shape) throw new Error(record.table);
      const state = base === undefined ? { record } : { record, base: base === 0 ? materialize(record, shape) : base };
      return { k: row.k, j: JSON.stringify(state) };
    });
    await b.sync.records.clear();
    await b.sync.records.bulkPut(old);
    await markDirty(b.sync); // a start-up round: compares every record
    expect((await tick(b))?.uploadedRecords).toBe(0);

    clock += 1_000;
    await updateContact(b.db, ANNA, { company: 'Leuchtturm GmbH' }, clock);
    await markDirty(b.sync, [ANNA]);
    expect((await tick(b))?.uploadedRecords).toBe(1);
    const c = browser();
    await join0(c, url);
    await tick(c);
    expect((await getContact(c.db, ANNA))?.company).toBe('Leuchtturm GmbH');
    expect((await getContact(c.db, ANNA))?.notes).toBe('Mag grünen Tee. Tochter: Lena');
  });
});

describe('a format newer than this version', () => {
  it('stops the round with its own problem, and the file is not taken as read', async () => {
    const url = await v1Folder();
    const b = browser();
    await join0(b, url);
    await tick(b);
    const config = await getConfig(b.sync);
    if (!config) throw new Error('not connected');
    const other = 'abcdefabcdefabcd';
    const name = fileName('c', other, 1);
    const record = pack({
      table: 'contacts',
      id: 'linkedin:dora-neu',
      lww: { name: { v: 'Dora Neu', t: clock, r: other } },
      mv: {},
      sets: {},
      del: { v: null, t: 0, r: '' },
    });
    const bytes = await encryptJson(config.key, config.notebookId, name, { replica: other, seq: 1, format: 3, recs: [record] });
    await upload(`${url}${FOLDER}${name}`, bytes);
    let problem = 'none';
    try {
      await tick(b);
    } catch (e) {
      problem = e instanceof SyncError ? e.problem : String(e);
    }
    expect(problem).toBe('newerFormat');
    const progress = await getProgress(b.sync);
    expect(progress.problem).toBe('newerFormat');
    expect(progress.readUpTo[other]).toBeUndefined();
    expect(await getContact(b.db, 'linkedin:dora-neu')).toBeUndefined();
  });
});
