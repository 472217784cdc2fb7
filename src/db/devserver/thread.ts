/**
 * The embedded dev server on a thread of its own (a `worker_threads` Worker in the same process), so its
 * command handling, BSON and journal writes do not take the application's event loop: on a multi-core
 * machine the bot and its database then run in parallel, as they would with a separate mongod, while `npm
 * start` stays one process (a kill -9 takes both; the journal makes every acknowledged write survive it).
 * Same options and result as `startDevServer`; warnings are passed back to the caller's thread.
 */
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startDevServer, type DevServer, type DevServerOptions } from './index';

type ToMain =
  | { type: 'ready'; port: number; uri: string; host: string; dbpath?: string }
  | { type: 'warning'; message: string }
  | { type: 'error'; message: string }
  | { type: 'closed' };

/**
 * A young generation larger than V8's default (16 MB semi-spaces) for the database thread: each inserted document
 * survives its first collections, and with a store of a million documents every young collection also walks the
 * big maps' pointers to new objects. Measured in the benchmark's growth phase (`--growth`, `BENCH_TRACE_GC=1`):
 * young collections on this thread cost, per event on the large store (empty store), 0.26 ms (0.09) with the
 * default, 0.14 ms (0.06) with 96 MB and 0.10 ms (0.05) with 192 MB; 128 MB is between the two, since the thread
 * holds that memory all the time. The old generation keeps V8's default limit.
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 128 };

/** Starts the dev server on a worker thread; resolves once it listens (with a dbpath: once the data is loaded). */
export function startDevServerThread(opts: DevServerOptions = {}): Promise<DevServer> {
  const { onWarning, ...plain } = opts;
  // Runs this same file on the new thread: compiled JavaScript as is; TypeScript (npm start runs src/ under tsx)
  // through tsx's require hook, since a worker thread does not inherit tsx's loader.
  const file = path.join(__dirname, `thread${path.extname(__filename)}`);
  const worker = file.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData: plain, resourceLimits: RESOURCE_LIMITS })
    : new Worker(file, { workerData: plain, resourceLimits: RESOURCE_LIMITS });
  return new Promise<DevServer>((resolve, reject) => {
    let closed: (() => void) | undefined;
    let started = false;
    worker.on('message', (m: ToMain) => {
      if (m.type === 'warning') onWarning?.(m.message);
      else if (m.type === 'error') {
        if (!started) reject(new Error(m.message));
      } else if (m.type === 'closed') closed?.();
      else if (m.type === 'ready') {
        started = true;
        let closing: Promise<void> | undefined;
        resolve({
          host: m.host,
          port: m.port,
          uri: m.uri,
          dbpath: m.dbpath,
          close() {
            closing ??= new Promise<void>((done) => {
              closed = done;
              worker.once('exit', () => done());
              worker.postMessage('close');
            }).then(() => worker.terminate().then(() => undefined));
            return closing;
          },
        });
      }
    });
    worker.once('error', (err) => {
      if (!started) reject(err);
    });
    worker.once('exit', (code) => {
      if (!started) reject(new Error(`dev server thread exited (${code}) before it listened`));
    });
  });
}

if (!isMainThread && parentPort && workerData !== undefined && workerData !== null) {
  const port = parentPort;
  const post = (m: ToMain) => port.postMessage(m);
  startDevServer({ ...(workerData as DevServerOptions), onWarning: (message) => post({ type: 'warning', message }) }).then(
    (server) => {
      post({ type: 'ready', port: server.port, uri: server.uri, host: server.host, dbpath: server.dbpath });
      port.on('message', (m) => {
        if (m !== 'close') return;
        server.close().then(
          () => {
            post({ type: 'closed' });
            port.close();
          },
          (err) => post({ type: 'error', message: (err as Error).message }),
        );
      });
    },
    (err) => post({ type: 'error', message: (err as Error).message }),
  );
}
