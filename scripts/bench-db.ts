/**
 * Throughput of the embedded dev server through mongoose (what the app sees), in memory and with a dbpath
 * (journal + fdatasync per acknowledged write).
 *
 *   npm run bench:db -- [--n 5000] [--concurrency 16]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import mongoose from 'mongoose';
import { startDevServer } from '../src/db/devserver';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = arg('n', 5000);
const CONCURRENCY = arg('concurrency', 16);

async function timed(label: string, count: number, fn: () => Promise<void>): Promise<string> {
  const t0 = process.hrtime.bigint();
  await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rate = Math.round((count / ms) * 1000);
  return `${label.padEnd(44)} ${String(rate).padStart(8)} /s  (${count} in ${ms.toFixed(0)} ms)`;
}

async function inParallel(count: number, workers: number, op: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < count) await op(next++);
    }),
  );
}

async function run(mode: 'in memory' | 'dbpath'): Promise<string[]> {
  const dir = mode === 'dbpath' ? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-')) : undefined;
  const server = await startDevServer({ dbpath: dir });
  const conn = await mongoose.createConnection(`${server.uri}/bench`).asPromise();
  const Citizen = conn.model(
    'Citizen',
    new mongoose.Schema({ lineUserId: { type: String, unique: true }, name: String, village: String, visits: Number }),
  );
  await Citizen.init();
  const out: string[] = [`-- ${mode}${dir ? ` (${dir})` : ''}`];
  try {
    out.push(
      await timed('insert (create), one at a time', N, async () => {
        for (let i = 0; i < N; i++) await Citizen.create({ lineUserId: `U${i}`, name: `name ${i}`, village: 'v', visits: 0 });
      }),
    );
    out.push(
      await timed(`insert (create), ${CONCURRENCY} concurrent`, N, () =>
        inParallel(N, CONCURRENCY, (i) => Citizen.create({ lineUserId: `C${i}`, name: `c ${i}`, village: 'w', visits: 0 })),
      ),
    );
    out.push(
      await timed('findOne by unique key, one at a time', N, async () => {
        for (let i = 0; i < N; i++) {
          const d = await Citizen.findOne({ lineUserId: `U${(i * 7919) % N}` }).lean();
          if (!d) throw new Error('missing');
        }
      }),
    );
    out.push(
      await timed(`findOne by unique key, ${CONCURRENCY} concurrent`, N, () =>
        inParallel(N, CONCURRENCY, (i) => Citizen.findOne({ lineUserId: `C${(i * 7919) % N}` }).lean()),
      ),
    );
    out.push(
      await timed('updateOne $inc by unique key, one at a time', N, async () => {
        for (let i = 0; i < N; i++) await Citizen.updateOne({ lineUserId: `U${i}` }, { $inc: { visits: 1 } });
      }),
    );
    const scans = Math.max(1, Math.floor(N / 50));
    out.push(
      await timed(`find on an unindexed field (${2 * N} docs scanned)`, scans, async () => {
        for (let i = 0; i < scans; i++) await Citizen.find({ name: `name ${i}` }).lean();
      }),
    );
  } finally {
    await conn.close();
    await server.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function main(): Promise<void> {
  console.log(`dev server benchmark through mongoose ${mongoose.version}, node ${process.version}, ${os.cpus().length} CPUs, N=${N}`);
  for (const mode of ['in memory', 'dbpath'] as const) for (const line of await run(mode)) console.log(line);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
