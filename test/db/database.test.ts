/** startDatabase: which database the app uses (MONGODB_URI, a local mongod binary, or the embedded dev server). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import mongoose from 'mongoose';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { findMongod, redactUri, startDatabase } from '../../src/db/database';
import { outputMatch } from '../helpers/otherProcess';

const root = path.resolve(__dirname, '../..');

function recordingLog(): { info: jest.Mock; warn: jest.Mock; text(): string } {
  const info = jest.fn();
  const warn = jest.fn();
  return {
    info,
    warn,
    text: () => [...info.mock.calls, ...warn.mock.calls].map((c) => String(c[1] ?? '')).join('\n'),
  };
}

describe('startDatabase', () => {
  let dir: string;
  const saved = { PATH: process.env.PATH, HOME: process.env.HOME, MONGOMS_DOWNLOAD_DIR: process.env.MONGOMS_DOWNLOAD_DIR };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'startdb-'));
    // no mongod anywhere: empty PATH and an empty home (mongodb-memory-server cache)
    process.env.PATH = '';
    process.env.HOME = dir;
    delete process.env.MONGOMS_DOWNLOAD_DIR;
  });

  afterEach(() => {
    process.env.PATH = saved.PATH;
    process.env.HOME = saved.HOME;
    if (saved.MONGOMS_DOWNLOAD_DIR !== undefined) process.env.MONGOMS_DOWNLOAD_DIR = saved.MONGOMS_DOWNLOAD_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uses MONGODB_URI when given and hides its password in logs', async () => {
    const log = recordingLog();
    const choice = await startDatabase({ mongodbUri: 'mongodb://user:secret@db.example:27017/app', dataDir: dir, log });
    expect(choice.kind).toBe('uri');
    expect(choice.uri).toBe('mongodb://user:secret@db.example:27017/app');
    expect(log.text()).not.toContain('secret');
    expect(redactUri('mongodb+srv://u:p@x/y')).toBe('mongodb+srv://u:***@x/y');
    await choice.stop();
  });

  it('falls back to the dev server with data in <dataDir>/db and warns it is not for production', async () => {
    const log = recordingLog();
    const choice = await startDatabase({ dataDir: dir, log, allowDownload: true, mongodBinary: path.join(dir, 'missing') });
    try {
      expect(choice.kind).toBe('devserver');
      expect(choice.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/chaeson$/);
      expect(log.text()).toMatch(/not for production/i);
      expect(log.text()).toMatch(/download/i);
      const conn = await mongoose.createConnection(choice.uri).asPromise();
      await conn.collection('probe').insertOne({ ok: true });
      await conn.close();
      expect(fs.existsSync(path.join(dir, 'db', 'devserver.lock'))).toBe(true);
    } finally {
      await choice.stop();
    }
    expect(fs.existsSync(path.join(dir, 'db', 'snapshot.bson'))).toBe(true);
  });

  it('shares the dev server another process already runs on the same data directory', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/db-dev.ts', '--port', '0', '--dbpath', path.join(dir, 'db')], {
      cwd: path.join(__dirname, '..', '..'),
      env: { ...process.env, PATH: saved.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [, port] = await outputMatch(child, /port=(\d+)/, 10_000); // its readiness line
      const log = recordingLog();
      const choice = await startDatabase({ dataDir: dir, log });
      expect(choice.kind).toBe('devserver');
      expect(choice.uri).toBe(`mongodb://127.0.0.1:${port}/chaeson`);
      expect(log.text()).toContain(`process ${child.pid}`);
      await choice.stop(); // leaves the other process's server running
      const conn = await mongoose.createConnection(choice.uri).asPromise();
      await conn.collection('shared').insertOne({ by: 'second program' });
      expect(await conn.collection('shared').countDocuments()).toBe(1);
      await conn.close();
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    expect(fs.existsSync(path.join(dir, 'db', 'devserver.address'))).toBe(false);
  });

  it('starts a mongod binary when one is found, on a free port with --dbpath <dataDir>/mongod', async () => {
    // a stand-in "mongod": our dev server script accepts mongod's --dbpath/--port/--bind_ip flags
    fs.mkdirSync(path.join(dir, 'bin'));
    const fake = path.join(dir, 'bin', 'mongod');
    fs.writeFileSync(fake, `#!/bin/sh\ncd "${root}" && exec "${process.execPath}" --import tsx scripts/db-dev.ts "$@"\n`, { mode: 0o755 });
    expect(findMongod(fake)).toBe(fake);
    const log = recordingLog();
    const choice = await startDatabase({ dataDir: dir, log, mongodBinary: fake });
    try {
      expect(choice.kind).toBe('mongod');
      expect(log.text()).toContain(fake);
      const conn = await mongoose.createConnection(choice.uri).asPromise();
      await conn.collection('probe').insertOne({ ok: true });
      expect(await conn.collection('probe').countDocuments()).toBe(1);
      await conn.close();
    } finally {
      await choice.stop();
    }
    expect(fs.existsSync(path.join(dir, 'mongod', 'snapshot.bson'))).toBe(true);
  }, 30_000);

  it('finds mongod in the mongodb-memory-server cache', () => {
    const cache = path.join(dir, '.cache', 'mongodb-binaries');
    fs.mkdirSync(cache, { recursive: true });
    const bin = path.join(cache, 'mongod-x64-ubuntu-7.0.14');
    fs.writeFileSync(bin, '#!/bin/sh\n', { mode: 0o755 });
    expect(findMongod(undefined)).toBe(bin);
  });
});
