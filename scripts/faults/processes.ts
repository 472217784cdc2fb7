/**
 * The bot and the standalone dev database as separate processes, started the way production starts them
 * (`node --import tsx src/server.ts`, `scripts/db-dev.ts`), so the fault-load run can kill -9 either one,
 * freeze the database (SIGSTOP) and start them again on the same port and data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface Child {
  child: ChildProcess;
  port: number;
  /** Everything the process printed (for a failed run's report). */
  output(): string;
  /** kill -9, resolved when it is gone. */
  kill(): Promise<void>;
  /**
   * SIGTERM, resolved with the exit code and how long the stop took; after `timeoutMs` without an exit, kill -9
   * and code null.
   */
  stop(timeoutMs: number): Promise<{ code: number | null; ms: number }>;
}

async function startChild(args: string[], env: Record<string, string>, portPattern: RegExp, what: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const deadline = Date.now() + 30_000;
  while (!portPattern.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`${what} did not start:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  const port = Number(portPattern.exec(out)![1]);
  // 'close': the process has exited and its output pipes are closed (nothing of it is left in this process).
  const exited = once(child, 'close') as Promise<[number | null, string | null]>;
  return {
    child,
    port,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop(timeoutMs) {
      const t0 = Date.now();
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), timeoutMs)));
      const outcome = await Promise.race([exited, late]);
      clearTimeout(timer);
      if (outcome === 'late') {
        child.kill('SIGKILL');
        await exited;
        return { code: null, ms: Date.now() - t0 };
      }
      return { code: outcome[0], ms: Date.now() - t0 };
    },
  };
}

/**
 * A free port below the system's ephemeral range, for a server that is killed and started again on the same
 * port. A port picked by the system (port 0) comes from that range, and while the server is down the system may
 * hand the same number to any other socket (another test's server, an outgoing connection): the restart would
 * then fail with EADDRINUSE. Ports below the range are only ever taken by name.
 */
export async function portForRestarts(): Promise<number> {
  let low = 32768;
  try {
    low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || low;
  } catch {
    // not Linux: the usual lower bound
  }
  const from = Math.min(20_000, low - 1000);
  for (let tries = 0; tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * (low - from));
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port between ${from} and ${low}`);
}

/** The dev server alone (`npm run db:dev`), durable in `dbpath`; `port` 0 picks one. */
export function startDatabaseProcess(dbpath: string, port = 0): Promise<Child> {
  return startChild(['scripts/db-dev.ts', '--port', String(port), '--dbpath', dbpath], {}, /port=(\d+)/, 'dev database');
}

/** The bot (`npm start`) against `mongodbUri` and the fake LINE at `lineUrl`. */
export function startBotProcess(mongodbUri: string, lineUrl: string, env: Record<string, string> = {}): Promise<Child> {
  return startChild(
    ['src/server.ts'],
    {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      MONGODB_URI: mongodbUri,
      LINE_CHANNEL_SECRET: FAULT_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: 'fault-token',
      LINE_API_BASE_URL: lineUrl,
      LINE_DATA_API_BASE_URL: lineUrl,
      ...env,
    },
    /"port":(\d+).*"msg":"listening/,
    'bot',
  );
}

export const FAULT_SECRET = 'fault-load-secret';
