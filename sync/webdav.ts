/**
 * The few WebDAV requests sync needs (RFC 4918), straight on `fetch`: PROPFIND depth 1, GET, PUT
 * (`If-None-Match: *`, so a file is created once and never overwritten by accident), MKCOL, DELETE.
 * No library: the one on npm (`webdav` 5.x) pulls in 15 packages including node-fetch, and a service
 * worker has no DOMParser, so the multistatus answer is read with the small tolerant reader below.
 */

/** Why a request failed, each with its own message in the dashboard. */
export type SyncProblem =
  | 'offline' // the browser says it has no network
  | 'unreachable' // no answer from the host (down, wrong address, or a certificate the browser refuses)
  | 'auth' // 401/403: wrong user name or app password
  | 'notWebdav' // the address answers, but not as a WebDAV folder
  | 'full' // 507 Insufficient Storage
  | 'server' // any other server error
  | 'passphrase' // the notebook on the server does not open with this passphrase
  | 'tampered' // a file on the server fails authentication (changed, truncated or from elsewhere)
  | 'newerFormat'; // another browser wrote a file in a format newer than this version reads: update

export class SyncError extends Error {
  constructor(
    readonly problem: SyncProblem,
    detail = '',
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
    this.name = 'SyncError';
  }
}

export interface DavEntry {
  /** the entry's name inside the listed folder (no slashes), decoded */
  name: string;
  collection: boolean;
  size: number;
}

export interface DavConfig {
  /** the WebDAV folder, ending in `/` */
  url: string;
  user: string;
  password: string;
}

function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** The folder address with exactly one trailing slash. */
export function folderUrl(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function statusProblem(status: number): SyncProblem {
  if (status === 401 || status === 403) return 'auth';
  if (status === 507) return 'full';
  return 'server';
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return XML_ENTITIES[e.toLowerCase()] ?? '';
  });
}

/** The `<response>`s of a 207 multistatus body, whatever namespace prefix the server uses. Pure. */
export function parseMultistatus(xml: string): Array<{ href: string; collection: boolean; size: number }> {
  const out: Array<{ href: string; collection: boolean; size: number }> = [];
  const responses = xml.split(/<(?:[\w.-]+:)?response[\s>]/i).slice(1);
  for (const r of responses) {
    const href = /<(?:[\w.-]+:)?href>([^<]*)</i.exec(r)?.[1];
    if (href === undefined) continue;
    const collection = /<(?:[\w.-]+:)?collection\s*\/?>/i.test(r);
    const size = Number(/<(?:[\w.-]+:)?getcontentlength>\s*(\d+)\s*</i.exec(r)?.[1] ?? 0);
    out.push({ href: decodeXmlText(href.trim()), collection, size });
  }
  return out;
}

/** An href or path without scheme, host, trailing slash and percent-encoding, to compare two of them. */
function normalPath(href: string): string {
  const path = href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The last path segment of an href (`/dav/kp/c-1.kp` → `c-1.kp`; a folder's trailing slash ignored). */
function lastSegment(href: string): string {
  const path = href.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/\/+$/, '');
  const seg = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

export class DavClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    config: DavConfig,
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {
    this.base = folderUrl(config.url);
    this.auth = basicAuth(config.user, config.password);
  }

  url(path: string): string {
    return new URL(path, this.base).href;
  }

  private async request(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: BodyInit } = {},
  ): Promise<Response> {
    try {
      return await this.fetchFn(this.url(path), {
        method,
        body: init.body,
        headers: { authorization: this.auth, ...init.headers },
        credentials: 'omit', // never send the user's browser cookies for that host; basic auth only
        cache: 'no-store',
        redirect: 'follow',
      });
    } catch (e) {
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      throw new SyncError(offline ? 'offline' : 'unreachable', e instanceof Error ? e.message : String(e));
    }
  }

  /** The entries of a folder (depth 1), without the folder itself; null when the folder does not exist. */
  async list(path: string): Promise<DavEntry[] | null> {
    const res = await this.request('PROPFIND', path, {
      headers: { depth: '1', 'content-type': 'application/xml; charset=utf-8' },
      body: '<?xml version="1.0" encoding="utf-8"?><propfind xmlns="DAV:"><prop><resourcetype/><getcontentlength/></prop></propfind>',
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (res.status === 401 || res.status === 403 || res.status === 507 || res.status >= 500) {
      await res.body?.cancel();
      throw new SyncError(statusProblem(res.status), `PROPFIND ${res.status}`);
    }
    const text = await res.text();
    if (res.status !== 207 || !/multistatus/i.test(text)) throw new SyncError('notWebdav', `PROPFIND ${res.status}`);
    const folder = normalPath(new URL(path, this.base).pathname);
    return parseMultistatus(text)
      .filter((e) => normalPath(e.href) !== folder)
      .map((e) => ({ name: lastSegment(e.href), collection: e.collection, size: e.size }));
  }

  /** The file's bytes; null when it does not exist (anymore). */
  async get(path: string): Promise<Uint8Array | null> {
    const res = await this.request('GET', path);
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new SyncError(statusProblem(res.status), `GET ${res.status}`);
    }
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Creates a file that must not exist yet: false when it does (412), so nothing is overwritten. */
  async create(path: string, bytes: Uint8Array): Promise<boolean> {
    const res = await this.request('PUT', path, {
      headers: { 'if-none-match': '*', 'content-type': 'application/octet-stream' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    await res.body?.cancel();
    if (res.status === 412) return false;
    if (!res.ok) throw new SyncError(statusProblem(res.status), `PUT ${res.status}`);
    return true;
  }

  /** Writes a file whatever is there (only for files one browser alone writes). */
  async put(path: string, bytes: Uint8Array): Promise<void> {
    const res = await this.request('PUT', path, {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
    await res.body?.cancel();
    if (!res.ok) throw new SyncError(statusProblem(res.status), `PUT ${res.status}`);
  }

  /** Creates a folder; an existing one is fine. */
  async mkcol(path: string): Promise<void> {
    const res = await this.request('MKCOL', path);
    await res.body?.cancel();
    if (res.status === 405 || res.ok) return; // 405: it exists already
    if (res.status === 404 || res.status === 409 || res.status === 501 || res.status === 400)
      throw new SyncError('notWebdav', `MKCOL ${res.status}`);
    throw new SyncError(statusProblem(res.status), `MKCOL ${res.status}`);
  }

  /** Deletes a file or folder; one already gone is fine. */
  async remove(path: string): Promise<void> {
    const res = await this.request('DELETE', path);
    await res.body?.cancel();
    if (res.ok || res.status === 404) return;
    throw new SyncError(statusProblem(res.status), `DELETE ${res.status}`);
  }
}
