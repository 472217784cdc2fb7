/**
 * The bot under test, as `npm start` runs it on a developer machine: the real runtime (webhook → inbox → worker →
 * conversation → outbox) with mongoose connected to the embedded dev server in this process, LINE's API at the
 * benchmark's stand-in. The configuration is the defaults of src/config.ts apart from addresses and log level.
 *
 * Forked by scripts/bench.ts: env BENCH_SECRET, BENCH_TOKEN, BENCH_LINE_API, BENCH_DB ('disk' | 'memory') or BENCH_DB_URI,
 * BENCH_LOG_LEVEL, and any INBOX_* / OUTBOX_* / LOADING_* overrides to try.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { createRuntime } from '../../src/runtime';
import { startProcessingThread, type ProcessingThread } from '../../src/processing/thread';
import { startDevServer } from '../../src/db/devserver';
import { startDevServerThread } from '../../src/db/devserver/thread';
import { prefill } from './prefill';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { Citizen } from '../../src/db/models/citizen';
import { cpuMs, loopDelay, nameNewThreads, serve, threadCpuMs } from './ipc';
import { groupCommitStats } from '../../src/db/groupCommit';

async function main(): Promise<void> {
  const overrides = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(INBOX|OUTBOX|LOADING|REPLY)_/.test(k)));
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    LINE_CHANNEL_SECRET: process.env.BENCH_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: process.env.BENCH_TOKEN,
    LINE_API_BASE_URL: process.env.BENCH_LINE_API,
    LINE_DATA_API_BASE_URL: process.env.BENCH_LINE_API,
    ...overrides,
  });
  const log = createLogger(config.logLevel);
  // The database: the dev server in this process (as `npm start` without MONGODB_URI), or the one at BENCH_DB_URI.
  const external = process.env.BENCH_DB_URI;
  const dbpath = external || process.env.BENCH_DB === 'memory' ? undefined : mkdtempSync(join(tmpdir(), 'bench-bot-db-'));
  // BENCH_DB_THREAD=1 (as `npm start`): the dev server on a worker thread of this process (src/db/devserver/thread.ts).
  const start = process.env.BENCH_DB_THREAD === '1' ? startDevServerThread : startDevServer;
  const db = external ? { uri: external, close: async () => {} } : await nameNewThreads('database', () => start({ port: 0, dbpath }));
  // Database operations by collection and method (BENCH_COUNT_OPS=1): what one event costs in round trips.
  const ops: Record<string, number> = {};
  if (process.env.BENCH_COUNT_OPS === '1') {
    mongoose.set('debug', (coll: string, method: string) => {
      ops[`${coll}.${method}`] = (ops[`${coll}.${method}`] ?? 0) + 1;
    });
  }
  await mongoose.connect(`${db.uri}/bench`);
  // BENCH_PROCESSING_THREAD=1 (as `npm start`): the webhook here, the processing on a thread of its own.
  let processing: ProcessingThread | undefined;
  // BENCH_ACK_ONLY=1: the webhook stores and acknowledges, nothing is processed (its capacity alone).
  const ackOnly = process.env.BENCH_ACK_ONLY === '1';
  const runtime = createRuntime(
    config,
    log,
    ackOnly
      ? { httpOnly: { onStored: () => {} } }
      : process.env.BENCH_PROCESSING_THREAD === '1'
        ? { httpOnly: { onStored: (lanes) => processing?.kick(lanes) } }
        : {},
  );
  await mongoose.connection.syncIndexes();
  runtime.start();
  if (process.env.BENCH_PROCESSING_THREAD === '1' && !ackOnly) {
    processing = await nameNewThreads('processing', () =>
      startProcessingThread(config, `${db.uri}/bench`, log, { countOps: process.env.BENCH_COUNT_OPS === '1' }),
    );
  }
  const idle = () => (processing ? processing.idle() : runtime.worker.idle());
  const server = runtime.app.listen(0, '127.0.0.1', () => {
    process.send!({ type: 'ready', port: (server.address() as AddressInfo).port, settings: { ...config.inbox, ...config.outbox } });
  });

  serve({
    cpu: () => cpuMs(),
    threads: () => threadCpuMs(),
    loop: () => loopDelay(),
    /** Resolves when every stored event has been processed and answered (between phases). */
    async idle() {
      await idle();
      return true;
    },
    /** Waits until the worker has nothing scheduled, then counts what the database holds. */
    /** Fills the store as a centre would after years (see prefill.ts); answers what it wrote and how long it took. */
    prefill: async (args: { requests: number; messages: number }) => {
      const filled = await prefill(args);
      return { ...filled, compactionSeconds: dbpath ? await storeAtRest(dbpath) : 0 };
    },
    /** The batched writes: webhook requests per inbox insert, events per done mark. */
    batching: async () => {
      const there = processing ? await processing.stats() : undefined;
      return {
        groups: { ...groupCommitStats(), ...there?.batching },
        leaseStops: there ? there.leaseStops : runtime.worker.leaseStopCount,
      };
    },
    async counts() {
      await idle();
      const mine = { prefill: { $ne: true } };
      const [events, done, pending, failed, outSent, outReply, outPush, outPending, outFailed, msgsIn, msgsOut, citizens] = await Promise.all([
        InboxEvent.countDocuments(mine),
        InboxEvent.countDocuments({ ...mine, status: 'done' }),
        InboxEvent.countDocuments({ ...mine, status: 'pending' }),
        InboxEvent.countDocuments({ ...mine, status: 'failed' }),
        OutgoingMessage.countDocuments({ ...mine, status: 'sent' }),
        OutgoingMessage.countDocuments({ ...mine, status: 'sent', via: 'reply' }),
        OutgoingMessage.countDocuments({ ...mine, status: 'sent', via: 'push' }),
        OutgoingMessage.countDocuments({ ...mine, status: 'pending' }),
        OutgoingMessage.countDocuments({ ...mine, status: 'failed' }),
        ConversationMessage.countDocuments({ ...mine, direction: 'in' }),
        ConversationMessage.countDocuments({ ...mine, direction: 'out' }),
        Citizen.countDocuments(mine),
      ]);
      // With the processing thread, its operations are counted there and added to this thread's (the webhook's).
      const all = { ...ops };
      if (processing) for (const [op, n] of Object.entries((await processing.stats()).ops)) all[op] = (all[op] ?? 0) + n;
      return { events, done, pending, failed, outSent, outReply, outPush, outPending, outFailed, msgsIn, msgsOut, citizens, ops: all };
    },
    async stop() {
      const used = cpuMs();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await processing?.stop();
      await runtime.stop();
      await mongoose.disconnect();
      await db.close();
      if (dbpath) rmSync(dbpath, { recursive: true, force: true });
      setTimeout(() => process.exit(0), 50);
      return { cpuMs: used };
    },
  });
}

main().catch((err) => {
  console.error('bench bot failed to start:', err);
  process.exit(1);
});

/**
 * Waits for the dev server's compaction of the freshly filled store (a snapshot written in the background,
 * while the old journal stays until it is in place: `snapshot.tmp` and two journals meanwhile). A centre's
 * store that holds this much has long been compacted; the growth phases measure that store, not the one-off
 * rewrite after a bulk fill. Answers how long it took (seconds).
 */
async function storeAtRest(dir: string): Promise<number> {
  const t0 = performance.now();
  const busy = () => existsSync(join(dir, 'snapshot.tmp')) || readdirSync(dir).filter((f) => /^journal-\d+\.bson$/.test(f)).length > 1;
  while (busy()) await new Promise((r) => setTimeout(r, 200));
  return (performance.now() - t0) / 1000;
}
