/**
 * Behaviour specific to the embedded dev server (refusals of what it does not implement, wire-protocol details,
 * TTL, persistence across restarts). Skipped when MONGODB_URI points the suite at a real MongoDB.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serialize, deserialize } from 'bson';
import mongoose from 'mongoose';
import { startDevServer, type DevServer } from '../../src/db/devserver';
import { usingExternalMongo } from '../helpers/db';

const describeDev = usingExternalMongo ? describe.skip : describe;

describeDev('dev server refusals (never a silent no-op)', () => {
  let server: DevServer;
  let client: mongoose.mongo.MongoClient;
  let coll: mongoose.mongo.Collection;

  beforeAll(async () => {
    server = await startDevServer();
    client = await new mongoose.mongo.MongoClient(server.uri).connect();
    coll = client.db('refusals').collection('c');
    await coll.insertMany([{ a: 1, loc: [0, 0], s: 'x' }, { a: 2 }]);
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('refuses transactions with code 20', async () => {
    const session = client.startSession();
    session.startTransaction();
    const err = await coll.findOne({}, { session }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 20 });
    expect((err as Error).message).toMatch(/Transaction numbers are only allowed on a replica set member or mongos/);
    await session.abortTransaction().catch(() => undefined);
    session.startTransaction();
    // for writes the driver rewrites code 20 into its "does not support retryable writes" error, as with mongod
    const writeErr = await coll.insertOne({ t: 1 }, { session }).catch((e: unknown) => e);
    expect(writeErr).toBeInstanceOf(mongoose.mongo.MongoServerError);
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
    expect(await coll.countDocuments({ t: 1 })).toBe(0);
  });

  it('makes mongoose transactions fail rather than run without isolation', async () => {
    const conn = await mongoose.createConnection(server.uri, { dbName: 'refusals' }).asPromise();
    try {
      const M = conn.model('Txn', new mongoose.Schema({ v: Number }));
      await expect(
        conn.transaction(async (session) => {
          await M.create([{ v: 1 }], { session });
        }),
      ).rejects.toThrow();
      expect(await M.countDocuments()).toBe(0);
    } finally {
      await conn.close();
    }
  });

  it.each([
    ['$where', { $where: 'this.a == 1' }],
    ['$text', { $text: { $search: 'x' } }],
    ['$near', { loc: { $near: [0, 0] } }],
    ['$geoWithin', { loc: { $geoWithin: { $center: [[0, 0], 1] } } }],
    ['$jsonSchema', { $jsonSchema: {} }],
  ])('refuses query operator %s by name', async (name, filter) => {
    const err = await coll.findOne(filter).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect((err as Error).message).toContain(name);
  });

  it('refuses unknown top-level operators with code 2', async () => {
    await expect(coll.findOne({ $foo: 1 })).rejects.toMatchObject({ code: 2, message: 'unknown top level operator: $foo' });
  });

  it.each(['$out', '$merge', '$geoNear', '$changeStream', '$collStats'])('refuses pipeline stage %s by name', async (stage) => {
    const err = await coll
      .aggregate([{ [stage]: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect((err as Error).message).toContain(stage);
  });

  it('refuses change streams', async () => {
    const stream = coll.watch();
    const err = await stream.tryNext().catch((e: unknown) => e);
    expect((err as Error).message).toContain('$changeStream');
    await stream.close();
  });

  it('refuses unsupported index types, options and collations', async () => {
    await expect(coll.createIndex({ s: 'text' })).rejects.toThrow(/index type 'text'/);
    await expect(coll.createIndex({ loc: '2dsphere' })).rejects.toThrow(/2dsphere/);
    await expect(coll.createIndex({ s: 1 }, { collation: { locale: 'th' } })).rejects.toThrow(/collation/);
    await expect(coll.find({}, { collation: { locale: 'th' } }).toArray()).rejects.toThrow(/collation/);
    await expect(client.db('refusals').createCollection('capped', { capped: true, size: 1000 })).rejects.toThrow(/capped/);
  });

  it('refuses server-side JavaScript in expressions and unknown expressions', async () => {
    await expect(
      coll.aggregate([{ $project: { x: { $function: { body: 'function(){return 1}', args: [], lang: 'js' } } } }]).toArray(),
    ).rejects.toThrow(/\$function/);
    await expect(coll.aggregate([{ $project: { x: { $frob: 1 } } }]).toArray()).rejects.toMatchObject({ code: 168 });
  });

  it('refuses explain and unknown command fields', async () => {
    await expect(coll.find({}).explain()).rejects.toThrow(/explain/);
    await expect(client.db('refusals').command({ find: 'c', frobnicate: true })).rejects.toMatchObject({ code: 40415 });
  });

  it('raises mongod type errors mingo would ignore', async () => {
    await expect(coll.updateOne({ a: 1 }, { $push: { s: 1 } } as never)).rejects.toMatchObject({ code: 2 });
    await expect(coll.updateOne({ a: 1 }, { $inc: { a: 'x' } } as never)).rejects.toMatchObject({ code: 14 });
    await expect(coll.updateOne({ a: 1 }, { $inc: { s: 1 } })).rejects.toMatchObject({ code: 14 });
    expect(await coll.findOne({ a: 1 }, { projection: { _id: 0, loc: 0 } })).toEqual({ a: 1, s: 'x' });
  });

  it('accepts unacknowledged (w:0, moreToCome) writes', async () => {
    await coll.insertOne({ w0: true }, { writeConcern: { w: 0 } });
    let n = 0;
    for (let i = 0; i < 50 && n === 0; i++) {
      n = await coll.countDocuments({ w0: true });
      // eslint-disable-next-line no-restricted-syntax -- an unacknowledged write has no signal: look again shortly
      if (n === 0) await new Promise((r) => setTimeout(r, 10));
    }
    expect(n).toBe(1);
  });
});

/** Sends one legacy OP_QUERY and returns the OP_REPLY document. */
function opQuery(port: number, ns: string, query: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(serialize(query));
    const nsBuf = Buffer.from(`${ns}\0`, 'utf8');
    const msg = Buffer.alloc(16 + 4 + nsBuf.length + 8 + body.length);
    let o = 0;
    o = msg.writeInt32LE(msg.length, o);
    o = msg.writeInt32LE(7, o);
    o = msg.writeInt32LE(0, o);
    o = msg.writeInt32LE(2004, o);
    o = msg.writeInt32LE(0, o);
    nsBuf.copy(msg, o);
    o += nsBuf.length;
    o = msg.writeInt32LE(0, o);
    o = msg.writeInt32LE(-1, o);
    body.copy(msg, o);
    const sock = net.connect(port, '127.0.0.1', () => sock.write(msg));
    let got = Buffer.alloc(0);
    sock.on('data', (d) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 4 && got.length >= got.readInt32LE(0)) {
        sock.destroy();
        expect(got.readInt32LE(8)).toBe(7);
        expect(got.readInt32LE(12)).toBe(1);
        resolve(deserialize(got.subarray(36)) as Record<string, unknown>);
      }
    });
    sock.on('error', reject);
  });
}

describeDev('dev server wire protocol and lifecycle', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY', async () => {
    const server = await startDevServer();
    try {
      const reply = await opQuery(server.port, 'admin.$cmd', { isMaster: 1 });
      expect(reply).toMatchObject({ ismaster: true, ok: 1, minWireVersion: 0 });
      expect(reply.maxWireVersion as number).toBeGreaterThanOrEqual(8);
      const ping = await opQuery(server.port, 'admin.$cmd', { $query: { ping: 1 } });
      expect(ping).toMatchObject({ ok: 1 });
    } finally {
      await server.close();
    }
  });

  it('refuses credentials (no authentication) with a clear error', async () => {
    const server = await startDevServer();
    try {
      const client = new mongoose.mongo.MongoClient(`mongodb://u:p@127.0.0.1:${server.port}/x`, { serverSelectionTimeoutMS: 1000 });
      await expect(client.connect()).rejects.toThrow(/Authentication is not supported/);
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('close() ends client connections and the listener', async () => {
    const server = await startDevServer();
    const client = await new mongoose.mongo.MongoClient(server.uri, { serverSelectionTimeoutMS: 500 }).connect();
    await client.db('x').command({ ping: 1 });
    await server.close();
    await expect(client.db('x').command({ ping: 1 })).rejects.toThrow();
    await client.close();
    await expect(
      new Promise((resolve, reject) => net.connect(server.port, '127.0.0.1').on('connect', resolve).on('error', reject)),
    ).rejects.toThrow();
  });

  it('deletes expired documents of TTL indexes', async () => {
    let inserted = false;
    let swept!: () => void;
    const sweptAfterInsert = new Promise<void>((r) => (swept = r));
    const server = await startDevServer({ ttlMonitorIntervalMs: 50, onTtlSweep: () => inserted && swept() });
    const client = await new mongoose.mongo.MongoClient(server.uri).connect();
    try {
      const c = client.db('ttl').collection('sessions');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      await c.insertMany([{ at: new Date(Date.now() - 120_000) }, { at: new Date() }, { at: 'not a date' }]);
      inserted = true;
      await sweptAfterInsert; // a whole pass of the monitor after the documents were stored
      expect(await c.countDocuments()).toBe(2);
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describeDev('dev server persistence (in process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'devserver-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function withServer<T>(fn: (c: mongoose.mongo.Db, s: DevServer) => Promise<T>, warnings?: string[]): Promise<T> {
    const server = await startDevServer({ dbpath: dir, onWarning: (m) => warnings?.push(m) });
    const client = await new mongoose.mongo.MongoClient(server.uri).connect();
    try {
      return await fn(client.db('app'), server);
    } finally {
      await client.close();
      await server.close();
    }
  }

  it('keeps documents, updates, deletes and indexes across a restart', async () => {
    await withServer(async (db) => {
      const c = db.collection('people');
      await c.createIndex({ email: 1 }, { unique: true });
      await c.insertMany([
        { email: 'a', n: 1 },
        { email: 'b', n: 2 },
        { email: 'c', n: 3 },
      ]);
      await c.updateOne({ email: 'a' }, { $inc: { n: 10 } });
      await c.deleteOne({ email: 'b' });
      await db.collection('gone').insertOne({ x: 1 });
      await db.collection('gone').drop();
    });
    await withServer(async (db) => {
      const c = db.collection('people');
      expect(
        await c
          .find({}, { projection: { _id: 0 } })
          .sort({ email: 1 })
          .toArray(),
      ).toEqual([
        { email: 'a', n: 11 },
        { email: 'c', n: 3 },
      ]);
      await expect(c.insertOne({ email: 'a' })).rejects.toMatchObject({ code: 11000 });
      const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
      expect(names).toEqual(['people']);
    });
  });

  it('ignores a torn last journal record', async () => {
    await withServer(async (db) => {
      await db.collection('t').insertOne({ keep: 1 });
    });
    // simulate a crash in the middle of appending: a journal with one good record and a torn one
    const { frame } = await import('../../src/db/devserver/journal');
    const good = frame({ op: 'i', db: 'app', c: 't', doc: { _id: 'j1', keep: 2 } });
    const torn = frame({ op: 'i', db: 'app', c: 't', doc: { _id: 'j2', keep: 3 } }).subarray(0, 20);
    const journals = fs.readdirSync(dir).filter((f) => f.startsWith('journal-'));
    expect(journals).toHaveLength(1);
    fs.writeFileSync(path.join(dir, journals[0]), Buffer.concat([good, torn]));
    const warnings: string[] = [];
    await withServer(async (db) => {
      const docs = await db
        .collection('t')
        .find({}, { projection: { _id: 0 } })
        .toArray();
      expect(docs).toEqual([{ keep: 1 }, { keep: 2 }]);
    }, warnings);
    expect(warnings.join('\n')).toMatch(/torn/);
  });

  it('refuses a dbpath another live server is using', async () => {
    const a = await startDevServer({ dbpath: dir });
    try {
      fs.writeFileSync(path.join(dir, 'devserver.lock'), String(process.ppid));
      await expect(startDevServer({ dbpath: dir })).rejects.toThrow(/in use/);
    } finally {
      await a.close();
    }
  });
});
