/**
 * Queries that pin only the leading fields of a compound index (by equality or `$in`) are answered from the
 * index: the results must be exactly those of a full scan, through inserts, updates that move a document between
 * keys, and deletes.
 */
import mongoose from 'mongoose';
import { connectTestDb, type TestDb } from '../helpers/db';

let db: TestDb;
beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

describe('compound index prefixes', () => {
  it('returns the same documents as a scan for leading-field equality filters', async () => {
    const c = mongoose.connection.collection('prefixed');
    await c.createIndex({ status: 1, lane: 1, timestamp: 1 });
    const docs = Array.from({ length: 60 }, (_, i) => ({
      i,
      status: i % 3 === 0 ? 'done' : 'pending',
      lane: `U${i % 4}`,
      timestamp: new Date(1_700_000_000_000 + i),
    }));
    docs.push({ i: 100, status: 'pending', lane: 'U9' } as never); // no timestamp
    await c.insertMany(docs);
    await c.updateMany({ lane: 'U1', status: 'pending' }, { $set: { status: 'done' } });
    await c.deleteMany({ lane: 'U2', i: { $lt: 20 } });

    const viaIndex = async (filter: object) => (await c.find(filter).sort({ i: 1 }).toArray()).map((d) => d.i);
    const viaScan = async (filter: Record<string, unknown>) =>
      (await c.find({}).sort({ i: 1 }).toArray()).filter((d) => Object.entries(filter).every(([k, v]) => d[k] === v)).map((d) => d.i);

    for (const filter of [
      { status: 'pending' },
      { status: 'pending', lane: 'U3' },
      { status: 'done', lane: 'U1' },
      { status: 'pending', lane: 'U9' },
      { status: 'gone' },
    ]) {
      expect({ filter, ids: await viaIndex(filter) }).toEqual({ filter, ids: await viaScan(filter) });
    }
    expect(await c.distinct('lane', { status: 'pending' })).toEqual(['U0', 'U2', 'U3', 'U9']);
  });

  it('returns the same documents as a scan for $in lists on indexed fields', async () => {
    const c = mongoose.connection.collection('listed');
    await c.createIndex({ user: 1 }, { unique: true });
    await c.createIndex({ lane: 1, status: 1 });
    await c.insertMany(
      Array.from({ length: 40 }, (_, i) => ({ i, user: `U${i}`, lane: `L${i % 5}`, status: i % 2 ? 'open' : 'closed', tags: [`t${i % 3}`] })),
    );
    await c.updateMany({ lane: 'L1' }, { $set: { status: 'open' } });
    await c.deleteMany({ i: { $in: [3, 4] } });
    const ids = async (filter: object) => (await c.find(filter).sort({ i: 1 }).toArray()).map((d) => d.i);
    const scan = async (test: (d: Record<string, unknown>) => boolean) => (await c.find({}).sort({ i: 1 }).toArray()).filter(test).map((d) => d.i);

    expect(await ids({ user: { $in: ['U1', 'U3', 'U7', 'U7', 'nobody'] } })).toEqual([1, 7]);
    expect(await ids({ lane: { $in: ['L1', 'L2'] }, status: 'open' })).toEqual(
      await scan((d) => ['L1', 'L2'].includes(d.lane as string) && d.status === 'open'),
    );
    expect(await ids({ lane: 'L0', status: { $in: ['open', 'closed'] } })).toEqual(await scan((d) => d.lane === 'L0'));
    expect(await ids({ lane: { $in: ['L4'] }, i: { $gt: 20 } })).toEqual(await scan((d) => d.lane === 'L4' && (d.i as number) > 20));
    expect(await ids({ user: { $in: [] } })).toEqual([]);
  });
});

describe('index keys held by one document, then several, then one again', () => {
  it('finds, rejects duplicates and frees keys exactly as the documents say', async () => {
    const c = mongoose.connection.collection('heldkeys');
    await c.createIndex({ ref: 1 }, { unique: true });
    await c.createIndex({ user: 1, at: 1 });
    await c.insertMany([
      { i: 1, ref: 'A', user: 'U1', at: 1 },
      { i: 2, ref: 'B', user: 'U1', at: 1 },
      { i: 3, ref: 'C', user: 'U2', at: 2 },
    ]);
    const ids = async (filter: object) => (await c.find(filter).toArray()).map((d) => d.i);

    // A key shared by two documents, in the order they were stored; then by one again, then by none.
    expect(await ids({ user: 'U1', at: 1 })).toEqual([1, 2]);
    await c.updateOne({ i: 1 }, { $set: { at: 5 } });
    expect(await ids({ user: 'U1', at: 1 })).toEqual([2]);
    expect(await ids({ user: 'U1' })).toEqual([2, 1]);
    await c.updateOne({ i: 1 }, { $set: { at: 1 } });
    expect(await ids({ user: 'U1', at: 1 })).toEqual([2, 1]);
    await c.deleteMany({ user: 'U1' });
    expect(await ids({ user: 'U1' })).toEqual([]);
    expect(await ids({ user: 'U2', at: 2 })).toEqual([3]);

    // A unique key is refused while one document holds it and free once it is gone.
    await expect(c.insertOne({ i: 4, ref: 'C' })).rejects.toMatchObject({ code: 11000 });
    await c.insertOne({ i: 5, ref: 'A' });
    expect(await ids({ ref: 'A' })).toEqual([5]);
    await c.updateOne({ i: 3 }, { $set: { ref: 'D' } });
    await c.insertOne({ i: 6, ref: 'C' });
    expect((await ids({ ref: { $in: ['C', 'D'] } })).sort()).toEqual([3, 6]);
    expect(await ids({ ref: 'D' })).toEqual([3]);
  });
});
