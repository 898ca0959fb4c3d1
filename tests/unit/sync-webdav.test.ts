/** The WebDAV client (sync/webdav.ts) against a real Apache mod_dav server, and its error messages. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DavClient, parseMultistatus, SyncError } from '../../sync/webdav';
import { disposeWebdavServer, startWebdavServer, type WebdavServer } from '../support/webdav-server';

let server: WebdavServer;
let dav: DavClient;
beforeAll(async () => {
  server = await startWebdavServer();
  dav = new DavClient({ url: server.url, user: server.user, password: server.password });
});
afterAll(async () => {
  await disposeWebdavServer(server);
});

const bytes = (s: string) => new TextEncoder().encode(s);

async function problemOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof SyncError ? e.problem : `other: ${String(e)}`;
  }
}

/** A local HTTP server answering every request with `status` and `body`. */
async function plainServer(status: number, body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const s: Server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(body);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/dav/`, close: () => new Promise((resolve) => s.close(() => resolve())) };
}

describe('WebDAV client on a real server', () => {
  it('creates a file once and never overwrites it', async () => {
    await dav.mkcol('kp/');
    expect(await dav.create('kp/a.kps', bytes('first'))).toBe(true);
    expect(await dav.create('kp/a.kps', bytes('second'))).toBe(false);
    expect(new TextDecoder().decode((await dav.get('kp/a.kps')) ?? new Uint8Array())).toBe('first');
  });

  it('lists a folder with names and sizes, not the folder itself', async () => {
    await dav.mkcol('list/');
    await dav.create('list/one.kps', bytes('12345'));
    await dav.create('list/two words.kps', bytes('1'));
    const entries = await dav.list('list/');
    expect(entries?.map((e) => [e.name, e.size]).sort()).toEqual([
      ['one.kps', 5],
      ['two words.kps', 1],
    ]);
    expect(await dav.list('no-such-folder/')).toBeNull();
  });

  it('deletes files, and a file already gone is no error', async () => {
    await dav.mkcol('del/');
    await dav.create('del/x.kps', bytes('x'));
    await dav.remove('del/x.kps');
    expect(await dav.get('del/x.kps')).toBeNull();
    await dav.remove('del/x.kps');
    await dav.mkcol('del/'); // an existing folder is fine too
  });

  it('says "wrong password" for a wrong app password', async () => {
    const wrong = new DavClient({ url: server.url, user: server.user, password: 'nope' });
    expect(await problemOf(wrong.list(''))).toBe('auth');
  });

  it('says "not WebDAV" for an ordinary web page', async () => {
    const web = await plainServer(200, '<html>Willkommen</html>');
    try {
      expect(await problemOf(new DavClient({ url: web.url, user: 'a', password: 'b' }).list(''))).toBe('notWebdav');
    } finally {
      await web.close();
    }
  });

  it('says "server full" for 507 Insufficient Storage', async () => {
    const full = await plainServer(507, '');
    try {
      expect(await problemOf(new DavClient({ url: full.url, user: 'a', password: 'b' }).create('x.kps', bytes('x')))).toBe(
        'full',
      );
    } finally {
      await full.close();
    }
  });

  it('says "cannot reach the server" when nothing answers', async () => {
    const gone = await plainServer(200, '');
    await gone.close();
    expect(await problemOf(new DavClient({ url: gone.url, user: 'a', password: 'b' }).list(''))).toBe('unreachable');
  });
});

describe('multistatus reader', () => {
  it('reads responses whatever the namespace prefix, decoding names', () => {
    const xml = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">
      <d:response><d:href>/remote.php/dav/files/anna/kp/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop></d:propstat></d:response>
      <d:response><d:href>/remote.php/dav/files/anna/kp/c-%C3%BC%20x.kps</d:href><d:propstat><d:prop><d:resourcetype/><d:getcontentlength>42</d:getcontentlength></d:prop></d:propstat></d:response>
      <response xmlns="DAV:"><href>https://h/kp/a&amp;b.kps</href><propstat><prop><getcontentlength>7</getcontentlength></prop></propstat></response>
    </d:multistatus>`;
    expect(parseMultistatus(xml)).toEqual([
      { href: '/remote.php/dav/files/anna/kp/', collection: true, size: 0 },
      { href: '/remote.php/dav/files/anna/kp/c-%C3%BC%20x.kps', collection: false, size: 42 },
      { href: 'https://h/kp/a&b.kps', collection: false, size: 7 },
    ]);
  });
});
