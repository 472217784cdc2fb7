/**
 * The embedded dev server in a process of its own (like a mongod next to the app), for `npm run bench -- --db-process`.
 * env BENCH_DB: 'disk' (a fresh temporary dbpath: journal + fdatasync) or 'memory'.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/db/devserver';
import { cpuMs, serve } from './ipc';

async function main(): Promise<void> {
  const dbpath = process.env.BENCH_DB === 'memory' ? undefined : mkdtempSync(join(tmpdir(), 'bench-db-'));
  const db = await startDevServer({ port: 0, dbpath });
  process.send!({ type: 'ready', uri: db.uri });
  serve({
    cpu: () => cpuMs(),
    async stop() {
      const used = cpuMs();
      await db.close();
      if (dbpath) rmSync(dbpath, { recursive: true, force: true });
      setTimeout(() => process.exit(0), 50);
      return { cpuMs: used };
    },
  });
}

main().catch((err) => {
  console.error('bench db failed to start:', err);
  process.exit(1);
});
