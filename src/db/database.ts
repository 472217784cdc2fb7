/**
 * Chooses the database the app talks to:
 *   1. `mongodbUri` given            → that server (production: a real MongoDB / Atlas);
 *   2. a real `mongod` binary found   → started as a child process on a free port, data in `<dataDir>/mongod`
 *      (the given binary path, `mongod` on PATH, or one in the mongodb-memory-server cache — never downloaded);
 *   3. otherwise                      → the embedded dev server in this process, on a worker thread of its own
 *      (measured faster than on the app's thread: `npm run bench`), data in `<dataDir>/db`
 *      (for development and tests, not production).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { findRunningDevServer, startDevServer } from './devserver';
import { startDevServerThread } from './devserver/thread';

export type DatabaseKind = 'uri' | 'mongod' | 'devserver';

export interface DatabaseChoice {
  kind: DatabaseKind;
  /** Connection string for mongoose.connect (includes the database name for mongod / devserver). */
  uri: string;
  /** Stops what startDatabase started (no-op for an external URI). */
  stop(): Promise<void>;
  description: string;
}

export interface DatabaseLog {
  info(o: object, msg?: string): void;
  warn(o: object, msg?: string): void;
}

export interface StartDatabaseOptions {
  mongodbUri?: string;
  /** Data directory, e.g. '.data' (mongod uses <dataDir>/mongod, the dev server <dataDir>/db). */
  dataDir: string;
  /** Path of a mongod binary (MONGOMS_SYSTEM_BINARY). */
  mongodBinary?: string;
  /** Downloading mongod is not supported offline; when true this is reported and the search goes on. */
  allowDownload?: boolean;
  log?: DatabaseLog;
  /** Database name appended to local server URIs; default 'chaeson'. */
  dbName?: string;
  /** Where the embedded dev server runs: on a worker thread (default) or on the caller's thread. */
  devServer?: 'thread' | 'same-thread';
}

const silentLog: DatabaseLog = { info: () => undefined, warn: () => undefined };

/** Hides the password of a connection string for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@/]*)@/, '//$1:***@');
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Locations searched for a mongod binary, in order; the first executable one wins. */
export function findMongod(given: string | undefined, log: DatabaseLog = silentLog): string | undefined {
  if (given) {
    if (isExecutable(given)) return given;
    log.warn({ mongodBinary: given }, 'configured mongod binary not found or not executable; looking elsewhere');
  }
  const exe = process.platform === 'win32' ? 'mongod.exe' : 'mongod';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) return candidate;
  }
  const caches = [
    process.env.MONGOMS_DOWNLOAD_DIR,
    path.join(process.env.HOME || os.homedir(), '.cache', 'mongodb-binaries'),
    path.join(process.cwd(), 'node_modules', '.cache', 'mongodb-memory-server'),
  ].filter((d): d is string => Boolean(d));
  for (const dir of caches) {
    const found = findInCache(dir);
    if (found) return found;
  }
  return undefined;
}

/** mongodb-memory-server keeps binaries as `<cache>/mongod-<arch>-<os>-<version>` or `<cache>/<version>/mongod`. */
function findInCache(dir: string): string | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e);
    if (e.startsWith('mongod') && isExecutable(p)) found.push(p);
    else if (isExecutable(path.join(p, 'mongod'))) found.push(path.join(p, 'mongod'));
  }
  return found.sort().pop();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts `binary` on a free port and waits until it accepts connections. */
export async function startMongod(
  binary: string,
  dbpath: string,
  timeoutMs = 30_000,
): Promise<{ port: number; child: ChildProcess; stop(): Promise<void> }> {
  fs.mkdirSync(dbpath, { recursive: true });
  const port = await freePort();
  const child = spawn(binary, ['--dbpath', dbpath, '--port', String(port), '--bind_ip', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const keep = (b: Buffer): void => {
    tail.push(...b.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 30) tail.splice(0, tail.length - 30);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  child.once('error', (err) => keep(Buffer.from(String(err))));
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill('SIGKILL');
      process.off('exit', killOnExit);
      throw new Error(`mongod ${binary} did not start (${exited ? `exit ${exited.code ?? exited.signal}` : 'timeout'}):\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    child,
    async stop() {
      process.off('exit', killOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

export async function startDatabase(opts: StartDatabaseOptions): Promise<DatabaseChoice> {
  const log = opts.log ?? silentLog;
  const dbName = opts.dbName ?? 'chaeson';
  if (opts.mongodbUri) {
    const shown = redactUri(opts.mongodbUri);
    log.info({ database: 'uri' }, `using MongoDB at ${shown}`);
    return { kind: 'uri', uri: opts.mongodbUri, stop: async () => undefined, description: `MongoDB at ${shown}` };
  }

  const binary = findMongod(opts.mongodBinary, log);
  if (binary) {
    const dbpath = path.resolve(opts.dataDir, 'mongod');
    const mongod = await startMongod(binary, dbpath);
    const uri = `mongodb://127.0.0.1:${mongod.port}/${dbName}`;
    log.info({ database: 'mongod', binary, dbpath, port: mongod.port }, `started mongod ${binary} on 127.0.0.1:${mongod.port}`);
    return { kind: 'mongod', uri, stop: () => mongod.stop(), description: `local mongod (${binary}) on port ${mongod.port}, data in ${dbpath}` };
  }
  if (opts.allowDownload) {
    log.warn(
      { allowDownload: true },
      'downloading mongod is not supported here (mongodb-memory-server is not installed, and there is no network); using the embedded dev server',
    );
  }

  const dbpath = path.resolve(opts.dataDir, 'db');
  const running = findRunningDevServer(dbpath);
  if (running) {
    log.info(
      { database: 'devserver', dbpath, pid: running.pid },
      `using the dev server already running on ${dbpath} (process ${running.pid}, ${running.uri})`,
    );
    return {
      kind: 'devserver',
      uri: `${running.uri}/${dbName}`,
      stop: async () => undefined,
      description: `embedded dev server of process ${running.pid} on ${running.uri}, data in ${dbpath} (development and tests only)`,
    };
  }
  const start = opts.devServer === 'same-thread' ? startDevServer : startDevServerThread;
  const server = await start({
    port: 0,
    dbpath,
    onWarning: (message) => log.warn({ database: 'devserver' }, message),
  });
  log.warn(
    { database: 'devserver', dbpath, port: server.port },
    `no MONGODB_URI and no mongod binary: using the embedded MongoDB-compatible dev server on ${server.uri} (${opts.devServer === 'same-thread' ? 'on this thread' : 'on a worker thread'}, data in ${dbpath}). It is for development and tests, NOT for production.`,
  );
  return {
    kind: 'devserver',
    uri: `${server.uri}/${dbName}`,
    stop: () => server.close(),
    description: `embedded dev server on ${server.uri}, data in ${dbpath} (development and tests only)`,
  };
}
