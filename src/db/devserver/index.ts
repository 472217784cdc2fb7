/**
 * Embedded MongoDB-wire-compatible development server.
 *
 * The unmodified mongodb driver / mongoose connect to it over TCP as to a standalone mongod 7.0. Storage is in
 * memory, or with `dbpath` made durable by a write-ahead journal (fdatasync before every acknowledgement).
 * It is for development and tests, not production: see README.md in this folder for what it does not do.
 *
 * Imports only node built-ins, bson and mingo (nothing from the application).
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { runCommand, CursorRegistry, helloReply, type ConnectionInfo, type ServerState } from './commands';
import { toCommandError, MongoCommandError } from './errors';
import { Journal, pidAlive } from './journal';
import { Store } from './storage';
import { buildMsgReply, buildOpReply, parseMessage, MAX_MESSAGE_SIZE, MSG_MORE_TO_COME, type IncomingMessage } from './wire';
import { isPlainObject, type Doc } from './values';

export interface DevServerOptions {
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Directory for durable storage; undefined = in memory only. */
  dbpath?: string;
  /** How often expired TTL-index documents are deleted; default 60 000 ms like mongod. */
  ttlMonitorIntervalMs?: number;
  /** Called after each pass of the TTL monitor with how many documents it deleted (tests wait on it). */
  onTtlSweep?: (deleted: number) => void;
  /** Receives warnings (e.g. a torn journal record ignored at start-up). Default: none. */
  onWarning?: (message: string) => void;
}

export interface DevServer {
  host: string;
  port: number;
  /** mongodb://HOST:PORT (no database name). */
  uri: string;
  /** Absolute dbpath, when persistent. */
  dbpath?: string;
  /** Closes the listener and every connection, flushes the journal and writes a final snapshot. */
  close(): Promise<void>;
}

/** Starts a server; resolves once it is listening (and, with a dbpath, once the data is loaded). */
const ADDRESS_FILE = 'devserver.address';

/**
 * The dev server another live process is running on `dbpath`, if any (its address file names it), so a second
 * program can connect to it instead of failing on the directory's lock.
 */
export function findRunningDevServer(dbpath: string): { pid: number; uri: string } | undefined {
  try {
    const found = JSON.parse(fs.readFileSync(path.join(path.resolve(dbpath), ADDRESS_FILE), 'utf8')) as { pid: number; uri: string };
    return found.pid !== process.pid && pidAlive(found.pid) ? found : undefined;
  } catch {
    return undefined;
  }
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const host = opts.host ?? '127.0.0.1';
  const warn = opts.onWarning ?? (() => undefined);
  const store = new Store();
  const dbpath = opts.dbpath ? path.resolve(opts.dbpath) : undefined;
  const journal = dbpath ? Journal.open(dbpath, store, warn).journal : undefined;

  const sockets = new Set<net.Socket>();
  let connectionCounter = 0;
  let requestCounter = 1;
  const state: ServerState = {
    store,
    cursors: new CursorRegistry(),
    startedAt: Date.now(),
    host,
    port: 0,
    dbpath,
    connections: () => sockets.size,
    totalConnections: () => connectionCounter,
  };

  /** Runs a command and waits until any write it made is durable. */
  async function execute(cmd: Doc, db: string, conn: ConnectionInfo): Promise<Doc> {
    const before = journal?.appendedCount ?? 0;
    let reply: Doc;
    try {
      reply = runCommand(cmd, db, state, conn);
    } catch (err) {
      reply = toCommandError(err).toReply();
    }
    if (journal && journal.appendedCount !== before) {
      try {
        await journal.sync();
      } catch (err) {
        reply = new MongoCommandError(1, (err as Error).message).toReply();
      }
    }
    return reply;
  }

  async function handle(msg: IncomingMessage, conn: ConnectionInfo): Promise<Buffer | undefined> {
    if (msg.kind === 'msg') {
      const db = msg.body.$db;
      const reply =
        typeof db === 'string' ? await execute(msg.body, db, conn) : new MongoCommandError(40571, 'OP_MSG requests require a $db argument').toReply();
      if (msg.flags & MSG_MORE_TO_COME) return undefined;
      return buildMsgReply(requestCounter++, msg.header.requestId, reply);
    }
    if (msg.kind === 'query') {
      if (!msg.collection.endsWith('.$cmd')) {
        const err = { $err: 'OP_QUERY is no longer supported except for commands', code: 5739101, ok: 0 };
        return buildOpReply(requestCounter++, msg.header.requestId, err, 2);
      }
      const db = msg.collection.slice(0, -'.$cmd'.length);
      const cmd = isPlainObject(msg.query.$query) ? msg.query.$query : msg.query;
      const name = Object.keys(cmd)[0];
      const reply = ['hello', 'isMaster', 'ismaster'].includes(name) ? helloReply(conn) : await execute(cmd, db, conn);
      return buildOpReply(requestCounter++, msg.header.requestId, reply);
    }
    return undefined;
  }

  function onConnection(socket: net.Socket): void {
    sockets.add(socket);
    socket.setNoDelay(true);
    const conn: ConnectionInfo = { id: ++connectionCounter, peer: `${socket.remoteAddress}:${socket.remotePort}` };
    let chunks: Buffer[] = [];
    let buffered = 0;
    const queue: Buffer[] = [];
    let busy = false;

    const pump = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        while (queue.length && !socket.destroyed) {
          const raw = queue.shift()!;
          let msg: IncomingMessage;
          try {
            msg = parseMessage(raw);
          } catch {
            socket.destroy();
            return;
          }
          if (msg.kind === 'unsupported') {
            socket.destroy(); // e.g. OP_COMPRESSED, which hello never offers
            return;
          }
          let out: Buffer | undefined;
          try {
            out = await handle(msg, conn);
          } catch (err) {
            // e.g. a reply that cannot be serialized: answer with an error rather than dropping the request
            const reply = toCommandError(err).toReply();
            out =
              msg.kind === 'msg'
                ? buildMsgReply(requestCounter++, msg.header.requestId, reply)
                : buildOpReply(requestCounter++, msg.header.requestId, reply);
            if (msg.kind === 'msg' && msg.flags & MSG_MORE_TO_COME) out = undefined;
          }
          if (out && !socket.destroyed) socket.write(out);
        }
      } finally {
        busy = false;
      }
    };

    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      buffered += chunk.length;
      while (buffered >= 4) {
        if (chunks[0].length < 4) chunks = [Buffer.concat(chunks)];
        const len = chunks[0].readInt32LE(0);
        if (len < 16 || len > MAX_MESSAGE_SIZE) {
          socket.destroy();
          return;
        }
        if (buffered < len) break; // wait for the rest without copying
        const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        queue.push(all.subarray(0, len));
        const rest = all.subarray(len);
        chunks = rest.length ? [rest] : [];
        buffered = rest.length;
      }
      void pump();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  }

  const server = net.createServer(onConnection);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (err) => {
    await journal?.close();
    throw err;
  });
  const address = server.address() as net.AddressInfo;
  state.port = address.port;
  const uriHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const uri = `mongodb://${uriHost}:${address.port}`;
  // Other tools on this machine (e.g. `npm run admin:create` while `npm start` runs) find and share this server.
  if (dbpath) fs.writeFileSync(path.join(dbpath, ADDRESS_FILE), JSON.stringify({ pid: process.pid, uri }));

  const ttlTimer = setInterval(() => {
    try {
      const before = journal?.appendedCount ?? 0;
      const deleted = store.sweepTtl(Date.now());
      if (journal && journal.appendedCount !== before) journal.sync().catch(() => undefined);
      opts.onTtlSweep?.(deleted);
    } catch (err) {
      warn(`TTL sweep failed: ${(err as Error).message}`);
    }
  }, opts.ttlMonitorIntervalMs ?? 60_000);
  ttlTimer.unref();
  const cursorTimer = setInterval(() => state.cursors.sweep(Date.now()), 60_000);
  cursorTimer.unref();

  let closing: Promise<void> | undefined;
  return {
    host,
    port: address.port,
    uri,
    dbpath,
    close() {
      closing ??= (async () => {
        clearInterval(ttlTimer);
        clearInterval(cursorTimer);
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of sockets) s.destroy();
        await closed;
        state.cursors.clear();
        if (dbpath) fs.rmSync(path.join(dbpath, ADDRESS_FILE), { force: true });
        await journal?.close();
      })();
      return closing;
    },
  };
}
