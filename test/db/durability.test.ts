/**
 * Every acknowledged write survives `kill -9` of the dev server process (write-ahead journal + fdatasync before
 * the reply). Runs scripts/db-dev.ts as a child process. Dev-server specific: skipped when MONGODB_URI is set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import mongoose from 'mongoose';
import { usingExternalMongo } from '../helpers/db';

const describeDev = usingExternalMongo ? describe.skip : describe;
const root = path.resolve(__dirname, '../..');

interface Child {
  proc: ChildProcess;
  port: number;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx scripts/db-dev.ts --port 0 --dbpath DIR` and reads the port from its first line. */
async function startChild(dbpath: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-dev.ts', '--port', '0', '--dbpath', dbpath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    void exited.then((code) => reject(new Error(`db-dev exited (${code}): ${stderr}`)));
  });
  const m = /port=(\d+)/.exec(line);
  if (!m) throw new Error(`no port in first line: ${line}`);
  return { proc, port: Number(m[1]), exited };
}

describeDev('durability across kill -9', () => {
  let dir: string;
  let child: Child | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devserver-kill-'));
  });

  afterEach(async () => {
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    child = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write', async () => {
    child = await startChild(dir);
    let conn = await mongoose.createConnection(`mongodb://127.0.0.1:${child.port}/app`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const Booking = conn.model('Booking', new mongoose.Schema({ ref: { type: String, unique: true }, n: Number }));
    await Booking.init();
    await Booking.create({ ref: 'first', n: 1 });
    await Booking.updateOne({ ref: 'first' }, { $inc: { n: 41 } });
    await Booking.create({ ref: 'doomed', n: 0 });
    await Booking.deleteOne({ ref: 'doomed' });

    // many writes in flight; remember which were acknowledged before the kill
    const acked: string[] = [];
    let fiftyAcked!: () => void;
    const fifty = new Promise<void>((r) => (fiftyAcked = r));
    const pending = Array.from({ length: 300 }, (_, i) =>
      Booking.create({ ref: `r${i}`, n: i }).then(
        () => {
          if (acked.push(`r${i}`) === 50) fiftyAcked();
        },
        () => undefined,
      ),
    );
    await fifty;
    child.proc.kill('SIGKILL');
    await child.exited;
    await conn.close(true).catch(() => undefined);
    await Promise.allSettled(pending);
    // replies already sent before the kill count too: the server fsyncs before replying
    const ackedAtKill = [...acked];
    expect(ackedAtKill.length).toBeGreaterThanOrEqual(50);

    child = await startChild(dir);
    conn = await mongoose.createConnection(`mongodb://127.0.0.1:${child.port}/app`, { serverSelectionTimeoutMS: 5000 }).asPromise();
    const Again = conn.model('Booking', new mongoose.Schema({ ref: { type: String, unique: true }, n: Number }));
    expect(await Again.findOne({ ref: 'first' }).lean()).toMatchObject({ n: 42 });
    expect(await Again.findOne({ ref: 'doomed' })).toBeNull();
    const present = new Set((await Again.find({}, { ref: 1 }).lean()).map((d) => d.ref));
    for (const ref of ackedAtKill) expect(present.has(ref)).toBe(true);
    // the unique index came back too
    await expect(Again.create({ ref: 'first' })).rejects.toMatchObject({ code: 11000 });
    await conn.close();

    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
  }, 60_000);
});
