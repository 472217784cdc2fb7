/**
 * Request/answer over a forked child's IPC channel: `{ id, cmd, args }` → `{ id, result }` or `{ id, error }`.
 * Children also send `{ type: 'ready', ... }` once when they are listening.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface RpcRequest {
  id: number;
  cmd: string;
  args?: unknown;
}

export interface RpcAnswer {
  id: number;
  result?: unknown;
  error?: string;
}

let nextId = 1;

/** Sends a command to a child and resolves with its answer. */
export function rpc<T>(child: ChildProcess, cmd: string, args?: unknown, timeoutMs = 300_000): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`${cmd}: no answer from child within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: RpcAnswer) => {
      if (!m || m.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (m.error) reject(new Error(`${cmd}: ${m.error}`));
      else resolve(m.result as T);
    };
    child.on('message', onMessage);
    child.send({ id, cmd, args } satisfies RpcRequest);
  });
}

/** Waits for the child's `{ type: 'ready' }` message. */
export function ready<T>(child: ChildProcess, timeoutMs = 60_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child not ready within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before it was ready`));
    };
    child.once('exit', onExit);
    const onMessage = (m: { type?: string }) => {
      if (m?.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    child.on('message', onMessage);
  });
}

/** In a child: answers the parent's commands with these handlers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler names its own arguments; they arrive as JSON
export function serve(handlers: Record<string, (args: any) => unknown>): void {
  process.on('message', async (m: RpcRequest) => {
    if (!m || typeof m.id !== 'number') return;
    try {
      const h = handlers[m.cmd];
      if (!h) throw new Error(`unknown command ${m.cmd}`);
      const result = await h(m.args);
      process.send!({ id: m.id, result } satisfies RpcAnswer);
    } catch (err) {
      process.send!({ id: m.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies RpcAnswer);
    }
  });
}

/** CPU time used by this process so far (ms, user + system). */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Event-loop delay of this process since the last call (ms): what any request waiting on the loop also waited. */
export function loopDelay(): { p50: number; p99: number; max: number } {
  const h = loopMonitor;
  const r = { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  h.reset();
  return r;
}
const loopMonitor = monitorEventLoopDelay({ resolution: 5 });
loopMonitor.enable();

/**
 * CPU time per thread of this process (ms), from Linux's /proc (empty elsewhere): the main thread (whose id is the
 * process id), the threads named by `nameNewThreads`, and `other` (libuv's pool: fsync and crypto; V8's helpers:
 * concurrent marking and compilation). Resolution: the kernel's clock tick (10 ms).
 */
export function threadCpuMs(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of threadIds()) {
    let ticks: number;
    try {
      // Fields after the parenthesised name: state is the 1st, utime the 12th, stime the 13th.
      const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks = Number(f[11]) + Number(f[12]);
    } catch {
      continue; // the thread ended meanwhile
    }
    const name = Number(tid) === process.pid ? 'main' : (threadNames.get(tid) ?? 'other');
    out[name] = (out[name] ?? 0) + (ticks * 1000) / CLOCK_TICKS;
  }
  return out;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** The ids of this process's threads (none where there is no /proc). */
function threadIds(): string[] {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
}
const threadNames = new Map<string, string>();

/** Names the threads `start` creates (a worker thread: its one thread), for `threadCpuMs`. */
export async function nameNewThreads<T>(name: string, start: () => Promise<T>): Promise<T> {
  // libuv's pool starts its threads at its first use: have that happen before, or they would be named too.
  await stat(tmpdir());
  const before = new Set(threadIds());
  const result = await start();
  for (const tid of threadIds()) if (!before.has(tid)) threadNames.set(tid, name);
  return result;
}
