/**
 * A real WebDAV server for the sync tests: Apache httpd with mod_dav_fs, unprivileged on a free local
 * port, serving a fresh temporary folder behind basic auth. Chosen over `rclone serve webdav` because
 * mod_dav answers `If-Match` / `If-None-Match: *` with 412 as RFC 4918 asks (the sync's safe writes
 * rely on it) and starts in well under a second. `scripts/test.mjs` installs it (`ensureWebdavServer`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

export interface WebdavServer {
  /** the WebDAV folder's address, ending in `/` */
  url: string;
  user: string;
  password: string;
  /** the folder on disk the server writes to (to scan what the server operator sees) */
  root: string;
  port: number;
  stop(): Promise<void>;
  /** starts it again on the same port and folder (after `stop`), for "the server went away" tests */
  restart(): Promise<void>;
  /** every file under `root`, with its bytes */
  files(): Array<{ path: string; bytes: Buffer }>;
}

export function webdavServerAvailable(): boolean {
  return existsSync(APACHE) && existsSync(join(MODULES, 'mod_dav_fs.so'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, proc: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`apache2 exited: ${readLog(log)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS' });
      await res.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`apache2 did not listen on ${port}: ${readLog(log)}`);
}

function readLog(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-2000) : '(no log)';
}

/** Starts a server; `stop()` it in `afterAll`. */
export async function startWebdavServer(): Promise<WebdavServer> {
  const base = mkdtempSync(join(tmpdir(), 'kp-webdav-'));
  const root = join(base, 'dav');
  const run = join(base, 'run');
  mkdirSync(root);
  mkdirSync(run);
  const user = 'anna';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  execFileSync('htpasswd', ['-bc', join(base, 'htpasswd'), user, password], { stdio: 'ignore' });
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // httpd drops root for its workers; they must be able to write the folder and the lock database.
    execFileSync('chown', ['-R', 'nobody:nogroup', base]);
  }
  const log = join(base, 'error.log');
  const conf = join(base, 'httpd.conf');
  writeFileSync(
    conf,
    [
      `ServerRoot "${base}"`,
      `PidFile "${join(run, 'httpd.pid')}"`,
      `Listen 127.0.0.1:${port}`,
      'ServerName localhost',
      ...(asRoot ? ['User nobody', 'Group nogroup'] : []),
      ...['mpm_event', 'authn_core', 'authn_file', 'auth_basic', 'authz_core', 'authz_user', 'dav', 'dav_fs'].map(
        (m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`,
      ),
      `ErrorLog "${log}"`,
      'LogLevel warn',
      `DavLockDB "${join(run, 'DavLock')}"`,
      `Mutex file:${run} default`,
      `DocumentRoot "${root}"`,
      `<Directory "${root}">`,
      '  Dav On',
      '  AuthType Basic',
      '  AuthName "kontaktpflege test"',
      `  AuthUserFile "${join(base, 'htpasswd')}"`,
      '  Require valid-user',
      '</Directory>',
      '',
    ].join('\n'),
  );
  let proc: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const p = spawn(APACHE, ['-f', conf, '-DFOREGROUND'], { stdio: 'ignore', env: { ...process.env, APACHE_RUN_DIR: run } });
    proc = p;
    await waitForPort(port, p, log);
  };
  const stop = async (): Promise<void> => {
    const p = proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGTERM');
    await exited;
    proc = null;
  };
  await start();
  const files = (): Array<{ path: string; bytes: Buffer }> => {
    const out: Array<{ path: string; bytes: Buffer }> = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push({ path, bytes: readFileSync(path) });
      }
    };
    walk(root);
    return out;
  };
  return {
    url: `http://127.0.0.1:${port}/`,
    user,
    password,
    root,
    port,
    files,
    restart: start,
    stop: async () => {
      await stop();
    },
  };
}

/** Stops the server and removes its folder. */
export async function disposeWebdavServer(server: WebdavServer): Promise<void> {
  await server.stop();
  rmSync(join(server.root, '..'), { recursive: true, force: true });
}
