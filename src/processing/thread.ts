/**
 * With `PROCESSING_THREAD=on`, the processing side of `npm start` on a thread of its own (a `worker_threads` Worker in the same process):
 * the inbox worker, the conversation, the outbox and the background jobs run there, while the main thread runs
 * the HTTP side — the webhook's acknowledgement, the staff console, the simulator. The two share nothing but the
 * database and one message: the lanes whose events the webhook has just stored. So under a flood of webhooks
 * the acknowledgement stays fast and processing keeps the share of the CPU the operating system gives its
 * thread, at a lower priority (`PROCESSING_NICE`): back-pressure by scheduling, not by refusing events; on a
 * multi-core machine both run at once.
 * The processing thread is one more instance in the sense of the README's Reliability section: leases and
 * unique keys make it safe beside the main thread's own writes (a staff reply's delivery, say).
 * Off by default: measured (scripts/bench/RESULTS.md, fifth pass), under a 5× flood it answers 234–258 events/s
 * instead of 126–143 with the acknowledgement's p50 at 0.09–0.16 s instead of 0.29–0.39 s, but its maximum rate
 * is about 10 % lower, its bursts 10–15 % slower, and it costs about a fifth more CPU per event.
 */
import * as path from 'node:path';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import mongoose from 'mongoose';
import type { Config } from '../config';
import { createLogger, type Logger } from '../log';
import { createRuntime } from '../runtime';
import { DATABASE_OPTIONS } from '../db/connectOptions';
import { groupCommitStats, type GroupCommitStats } from '../db/groupCommit';
import { StoredLanes, type StoredLane } from '../inbox/inbox';

/** What the main thread tells the processing thread to start with. */
interface Start {
  kind: 'processing';
  config: Config;
  /** The database the main thread connected to (the dev server's address is known only once it listens). */
  dbUri: string;
  pretty: boolean;
  /** Count database operations by collection and method (the benchmark's `--count-ops`). */
  countOps: boolean;
}

type ToThread = { type: 'kick'; lanes: StoredLane[] } | { type: 'idle'; id: number } | { type: 'stats'; id: number } | { type: 'stop' };

/** Statistics the benchmark reads: the thread's group commits, lease stops and the database operations counted. */
export interface ProcessingStats {
  batching: Record<string, GroupCommitStats>;
  leaseStops: number;
  ops: Record<string, number>;
}

type ToMain =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'idle'; id: number }
  | { type: 'stats'; id: number; stats: ProcessingStats }
  | { type: 'stopped' };

export interface ProcessingThread {
  /** New events were stored for these lanes. */
  kick(lanes: StoredLane[]): void;
  /** Resolves when every stored event the thread knows of has been processed and answered. */
  idle(): Promise<void>;
  stats(): Promise<ProcessingStats>;
  /** Finishes the events under way, hands back leases, closes the thread's database connection. */
  stop(): Promise<void>;
}

/**
 * Starts the processing thread; resolves once its workers run. If the thread dies later, `onExit` is called
 * (npm start then exits, so that a supervisor starts it again: every stored event is still pending).
 */
export function startProcessingThread(
  config: Config,
  dbUri: string,
  log: Logger,
  opts: { pretty?: boolean; countOps?: boolean; onExit?: (code: number) => void } = {},
): Promise<ProcessingThread> {
  const start: Start = { kind: 'processing', config, dbUri, pretty: opts.pretty ?? false, countOps: opts.countOps ?? false };
  // This same file on the new thread: compiled JavaScript as is; TypeScript (npm start runs src/ under tsx)
  // through tsx's require hook, since a worker thread does not inherit tsx's loader.
  const file = path.join(__dirname, `thread${path.extname(__filename)}`);
  const worker = file.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData: start })
    : new Worker(file, { workerData: start });
  const answers = new Map<number, (m: ToMain) => void>();
  let nextId = 1;
  /** Lanes stored since the last message to the thread, with their earliest new event's time. */
  const kicked = new StoredLanes();
  let stopping = false;
  let stopped: (() => void) | undefined;
  const ask = <T>(type: 'idle' | 'stats', read: (m: ToMain) => T): Promise<T> =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      answers.set(id, (m) => resolve(read(m)));
      worker.postMessage({ type, id } satisfies ToThread);
    });
  return new Promise<ProcessingThread>((resolve, reject) => {
    let started = false;
    worker.on('message', (m: ToMain) => {
      if (m.type === 'ready') {
        started = true;
        resolve({
          kick: (lanes) => {
            // Lanes stored in the same turn of the event loop go in one message (one wake-up of the thread).
            if (kicked.size === 0) setImmediate(() => worker.postMessage({ type: 'kick', lanes: kicked.take() } satisfies ToThread));
            for (const { lane, firstTimestamp } of lanes) kicked.add(lane, firstTimestamp);
          },
          idle: () => ask('idle', () => undefined),
          stats: () => ask('stats', (a) => (a.type === 'stats' ? a.stats : { batching: {}, leaseStops: 0, ops: {} })),
          stop: () =>
            new Promise<void>((done) => {
              stopping = true;
              stopped = done;
              worker.once('exit', () => done());
              worker.postMessage({ type: 'stop' } satisfies ToThread);
            }),
        });
      } else if (m.type === 'error') {
        if (!started) reject(new Error(`processing thread did not start: ${m.message}`));
        else log.error({ err: m.message }, 'processing thread failed');
      } else if (m.type === 'stopped') {
        stopped?.();
      } else {
        answers.get(m.id)?.(m);
        answers.delete(m.id);
      }
    });
    worker.once('error', (err) => {
      if (!started) reject(err);
      else log.error({ err }, 'processing thread crashed');
    });
    worker.once('exit', (code) => {
      if (!started) reject(new Error(`processing thread exited (${code}) before it started`));
      else if (!stopping) opts.onExit?.(code);
    });
  });
}

/**
 * The processing thread's scheduling priority below the webhook's (Linux `nice`, the lowest there is). When both
 * want the CPU, the operating system runs the acknowledgement first and processing takes what is left; when the
 * CPU is free (any load short of a flood) it changes nothing.
 */
export const PROCESSING_NICE = 19;

/** Lowers the calling thread's priority: on Linux a thread's own id is a target of setpriority. Best effort. */
function lowerThisThreadsPriority(log: Logger): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, PROCESSING_NICE);
  } catch (err) {
    log.info({ err: (err as Error).message }, 'processing thread left at the normal priority (Linux only)');
  }
}

/** The thread's side: connect, run the runtime's background work, answer the main thread. */
async function runProcessing(start: Start, port: NonNullable<typeof parentPort>): Promise<void> {
  const post = (m: ToMain) => port.postMessage(m);
  const log = createLogger(start.config.logLevel, undefined, { pretty: start.pretty }).child({ thread: 'processing' });
  const ops: Record<string, number> = {};
  if (start.countOps) {
    mongoose.set('debug', (coll: string, method: string) => {
      ops[`${coll}.${method}`] = (ops[`${coll}.${method}`] ?? 0) + 1;
    });
  }
  lowerThisThreadsPriority(log);
  await mongoose.connect(start.dbUri, DATABASE_OPTIONS);
  const runtime = createRuntime(start.config, log);
  runtime.start();
  port.on('message', (m: ToThread) => {
    if (m.type === 'kick') runtime.worker.stored(m.lanes);
    else if (m.type === 'idle') void runtime.worker.idle().then(() => post({ type: 'idle', id: m.id }));
    else if (m.type === 'stats')
      post({ type: 'stats', id: m.id, stats: { batching: groupCommitStats(), leaseStops: runtime.worker.leaseStopCount, ops: { ...ops } } });
    else if (m.type === 'stop') {
      void (async () => {
        await runtime.stop();
        await mongoose.disconnect();
        post({ type: 'stopped' });
        port.close();
      })();
    }
  });
  log.info('processing thread started: inbox and outbox workers');
  post({ type: 'ready' });
}

if (!isMainThread && parentPort && (workerData as Start | undefined)?.kind === 'processing') {
  const port = parentPort;
  runProcessing(workerData as Start, port).catch((err) => port.postMessage({ type: 'error', message: (err as Error).message } satisfies ToMain));
}
