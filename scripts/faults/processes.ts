/**
 * The bot and the standalone dev database as separate processes, started the way production starts them
 * (`node --import tsx src/server.ts`, `scripts/db-dev.ts`), so the fault-load run can kill -9 either one,
 * freeze the database (SIGSTOP) and start them again on the same port and data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface Child {
  child: ChildProcess;
  port: number;
  /** Everything the process printed (for a failed run's report). */
  output(): string;
  /** kill -9, resolved when it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, resolved with the exit code and how long the stop took. */
  stop(): Promise<{ code: number | null; ms: number }>;
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
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  return {
    child,
    port,
    output: () => out,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const t0 = Date.now();
      child.kill('SIGTERM');
      const [code] = await exited;
      return { code, ms: Date.now() - t0 };
    },
  };
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
