/**
 * Persistence behaviour through mongoose over TCP. Runs against the embedded dev server, or unchanged against a
 * real MongoDB when MONGODB_URI is set.
 */
import mongoose, { Schema, Types } from 'mongoose';
import { connectTestDb, type TestDb } from '../helpers/db';

let db: TestDb;

const Person = mongoose.model(
  'CrudPerson',
  new Schema({
    name: { type: String, required: true },
    age: Number,
    tags: [String],
    address: { city: String, zip: String },
    items: [{ sku: String, qty: Number }],
    born: Date,
    amount: Schema.Types.Decimal128,
    big: BigInt,
  }),
);

beforeAll(async () => {
  db = await connectTestDb();
  await Person.init();
});

afterAll(async () => {
  await db.close();
});

beforeEach(async () => {
  await Person.deleteMany({});
});

describe('insert and find', () => {
  it('creates documents with generated ObjectIds and reads them back', async () => {
    const p = await Person.create({ name: 'Somchai', age: 61, tags: ['elder'] });
    expect(p._id).toBeInstanceOf(Types.ObjectId);
    const found = await Person.findById(p._id).lean();
    expect(found).toMatchObject({ name: 'Somchai', age: 61, tags: ['elder'] });
    expect(String(found!._id)).toBe(String(p._id));
  });

  it('round-trips Date, Decimal128, BigInt (int64) and nested documents', async () => {
    const born = new Date('1960-04-13T00:00:00Z');
    const p = await Person.create({
      name: 'A',
      born,
      amount: Types.Decimal128.fromString('1234.50'),
      big: 9007199254740993n,
      address: { city: 'Lampang', zip: '52240' },
    });
    const found = await Person.findById(p._id);
    expect(found!.born!.toISOString()).toBe(born.toISOString());
    expect(found!.amount!.toString()).toBe('1234.50');
    expect(found!.big).toBe(9007199254740993n);
    expect(found!.address).toMatchObject({ city: 'Lampang', zip: '52240' });
    const raw = await db.connection.db!.collection('crudpeople').findOne({ _id: p._id });
    expect(raw!.big.toString()).toBe('9007199254740993');
    expect(await Person.countDocuments({ big: 9007199254740993n })).toBe(1);
    expect(await Person.countDocuments({ big: { $gt: 10n } })).toBe(1);
    expect(await Person.countDocuments({ amount: Types.Decimal128.fromString('1234.50') })).toBe(1);
    expect(await Person.countDocuments({ born: { $lt: new Date('1970-01-01') } })).toBe(1);
  });

  it('keeps a client-supplied _id and refuses a duplicate one with E11000', async () => {
    const coll = db.connection.db!.collection('raw_ids');
    await coll.insertOne({ _id: 'fixed' as unknown as Types.ObjectId, v: 1 });
    await expect(coll.insertOne({ _id: 'fixed' as unknown as Types.ObjectId, v: 2 })).rejects.toMatchObject({
      code: 11000,
      keyPattern: { _id: 1 },
      keyValue: { _id: 'fixed' },
    });
    expect(await coll.findOne({ _id: 'fixed' as unknown as Types.ObjectId })).toEqual({ _id: 'fixed', v: 1 });
  });

  it('filters, sorts, skips, limits and projects', async () => {
    await Person.insertMany([
      { name: 'a', age: 30, address: { city: 'X' } },
      { name: 'b', age: 70, address: { city: 'Y' } },
      { name: 'c', age: 65, address: { city: 'X' } },
      { name: 'd', age: 90, address: { city: 'X' } },
    ]);
    const older = await Person.find({ age: { $gte: 60 } })
      .sort({ age: -1 })
      .skip(1)
      .limit(2)
      .lean();
    expect(older.map((p) => p.name)).toEqual(['b', 'c']);
    const projected = await Person.find({ 'address.city': 'X' }, { name: 1, _id: 0 }).sort({ name: 1 }).lean();
    expect(projected).toEqual([{ name: 'a' }, { name: 'c' }, { name: 'd' }]);
    const excluded = await Person.findOne({ name: 'b' }).select('-address -__v').lean();
    expect(excluded).not.toHaveProperty('address');
    expect(excluded).toHaveProperty('age', 70);
    const either = await Person.find({ $or: [{ name: 'a' }, { age: { $gt: 80 } }] })
      .sort({ name: 1 })
      .lean();
    expect(either.map((p) => p.name)).toEqual(['a', 'd']);
    expect(await Person.find({ name: { $in: ['a', 'd'] } }).countDocuments()).toBe(2);
    expect(await Person.find({ name: /^[ab]$/ }).countDocuments()).toBe(2);
    expect(await Person.find({ age: { $exists: false } }).countDocuments()).toBe(0);
    expect(await Person.find({ $expr: { $gt: ['$age', 66] } }).countDocuments()).toBe(2);
  });

  it('does not let a projection change stored data', async () => {
    const p = await Person.create({ name: 'x', address: { city: 'C', zip: 'Z' } });
    await Person.findById(p._id).select('-address.zip').lean();
    expect((await Person.findById(p._id).lean())!.address).toEqual({ city: 'C', zip: 'Z' });
  });

  it('continues after an error in an unordered insert and stops in an ordered one', async () => {
    const coll = db.connection.db!.collection('unordered');
    await coll.createIndex({ k: 1 }, { unique: true });
    const unordered = await coll
      .insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 3 }], { ordered: false })
      .catch((e: { insertedCount: number; code: number; writeErrors: unknown[] }) => e);
    expect(unordered).toMatchObject({ code: 11000 });
    expect(await coll.countDocuments()).toBe(3);
    await coll.deleteMany({});
    const ordered = await coll.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]).catch((e: { code: number }) => e);
    expect(ordered).toMatchObject({ code: 11000 });
    expect(await coll.countDocuments()).toBe(1);
  });
});

describe('cursors', () => {
  beforeAll(async () => {
    const coll = db.connection.db!.collection('many');
    await coll.deleteMany({});
    await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i, even: i % 2 === 0 })));
  });

  it('returns more than 101 documents through getMore', async () => {
    const all = await db.connection.db!.collection('many').find({}).sort({ i: 1 }).toArray();
    expect(all).toHaveLength(250);
    expect(all[249].i).toBe(249);
  });

  it('honours batchSize and iterates lazily', async () => {
    const cursor = db.connection.db!.collection('many').find({ even: true }).batchSize(10);
    let n = 0;
    for await (const doc of cursor) {
      expect(doc.i % 2).toBe(0);
      n++;
    }
    expect(n).toBe(125);
  });

  it('streams aggregate results in batches and can be closed early', async () => {
    const cursor = db.connection.db!.collection('many').aggregate([{ $match: { i: { $gte: 100 } } }], { batchSize: 5 });
    const first = await cursor.next();
    expect(first!.i).toBe(100);
    await cursor.close();
    const total = await db.connection
      .db!.collection('many')
      .aggregate([{ $count: 'n' }])
      .toArray();
    expect(total).toEqual([{ n: 250 }]);
  });

  it('returns a single batch for a negative limit and honours $natural order', async () => {
    const coll = db.connection.db!.collection('many');
    const docs = await coll.find({}).limit(-150).toArray();
    expect(docs).toHaveLength(150);
    const last = await coll.find({}).sort({ $natural: -1 }).limit(1).toArray();
    expect(last[0].i).toBe(249);
  });

  it('moves 40 MB in both directions (split inserts, 16 MB reply batches)', async () => {
    const coll = db.connection.db!.collection('large');
    const big = 'x'.repeat(1024 * 1024);
    await coll.insertMany(Array.from({ length: 40 }, (_, i) => ({ i, big })));
    const docs = await coll.find({}).sort({ i: 1 }).toArray();
    expect(docs).toHaveLength(40);
    expect(docs[39].big).toHaveLength(1024 * 1024);
    await coll.drop();
  });

  it('counts with countDocuments and estimatedDocumentCount', async () => {
    const coll = db.connection.db!.collection('many');
    expect(await coll.countDocuments({ i: { $lt: 10 } })).toBe(10);
    expect(await coll.countDocuments({}, { skip: 240 })).toBe(10);
    expect(await coll.estimatedDocumentCount()).toBe(250);
  });
});

describe('updates', () => {
  it('applies update operators', async () => {
    const p = await Person.create({
      name: 'u',
      age: 60,
      tags: ['a', 'b', 'c'],
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 2 },
      ],
    });
    await Person.updateOne(
      { _id: p._id },
      { $inc: { age: 2 }, $push: { tags: 'd' }, $pull: { items: { sku: 'x' } }, $set: { 'address.city': 'Lampang' } },
    );
    await Person.updateOne({ _id: p._id }, { $addToSet: { tags: { $each: ['a', 'e'] } }, $unset: { 'address.city': '' } });
    await Person.updateOne({ _id: p._id }, { $max: { age: 50 } });
    await Person.updateOne({ _id: p._id }, { $min: { age: 61 } });
    const after = await Person.findById(p._id).lean();
    expect(after).toMatchObject({ age: 61, tags: ['a', 'b', 'c', 'd', 'e'], items: [{ sku: 'y', qty: 2 }] });
    expect(after!.address).toEqual({});
  });

  it('supports the positional $ operator and arrayFilters', async () => {
    const p = await Person.create({
      name: 'pos',
      items: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 2 },
        { sku: 'z', qty: 5 },
      ],
    });
    await Person.updateOne({ _id: p._id, 'items.sku': 'y' }, { $set: { 'items.$.qty': 20 } });
    await Person.updateOne({ _id: p._id }, { $inc: { 'items.$[big].qty': 100 } }, { arrayFilters: [{ 'big.qty': { $gte: 5 } }] });
    const after = await Person.findById(p._id).lean();
    expect(after!.items!.map((i) => i.qty)).toEqual([1, 120, 105]);
  });

  it('updates many and reports matched / modified counts', async () => {
    await Person.insertMany([
      { name: 'm', age: 1 },
      { name: 'm', age: 2 },
      { name: 'n', age: 3 },
    ]);
    const res = await Person.updateMany({ name: 'm' }, { $set: { age: 9 } });
    expect(res).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const again = await Person.updateMany({ name: 'm' }, { $set: { age: 9 } });
    expect(again).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
  });

  it('replaces a document and keeps its _id', async () => {
    const p = await Person.create({ name: 'old', age: 5 });
    await Person.replaceOne({ _id: p._id }, { name: 'new' });
    const after = await Person.findById(p._id).lean();
    expect(after).toMatchObject({ name: 'new' });
    expect(after).not.toHaveProperty('age');
  });

  it('upserts with $setOnInsert and copies the filter equality fields', async () => {
    const res = await Person.updateOne(
      { name: 'fresh', 'address.city': 'Lampang', age: { $gte: 60 } },
      { $setOnInsert: { tags: ['new'] }, $inc: { visits: 1 } },
      { upsert: true, strict: false },
    );
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedId).toBeInstanceOf(Types.ObjectId);
    const created = await db.connection.db!.collection('crudpeople').findOne({ _id: res.upsertedId! });
    expect(created).toMatchObject({ name: 'fresh', address: { city: 'Lampang' }, tags: ['new'], visits: 1 });
    expect(created).not.toHaveProperty('age');
    const second = await Person.updateOne(
      { name: 'fresh', 'address.city': 'Lampang' },
      { $setOnInsert: { tags: ['ignored'] }, $inc: { visits: 1 } },
      { upsert: true, strict: false },
    );
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const after = await db.connection.db!.collection('crudpeople').findOne({ _id: res.upsertedId! });
    expect(after).toMatchObject({ tags: ['new'], visits: 2 });
  });

  it('reports upserted ids with their index in a bulk write', async () => {
    const coll = db.connection.db!.collection('bulk');
    await coll.insertOne({ k: 'exists' });
    const res = await coll.bulkWrite([
      { updateOne: { filter: { k: 'exists' }, update: { $set: { v: 1 } }, upsert: true } },
      { updateOne: { filter: { k: 'new1' }, update: { $set: { v: 2 } }, upsert: true } },
      { insertOne: { document: { k: 'ins' } } },
      { replaceOne: { filter: { k: 'new2' }, replacement: { k: 'new2', v: 3 }, upsert: true } },
      { deleteOne: { filter: { k: 'ins' } } },
    ]);
    expect(res.upsertedCount).toBe(2);
    expect(Object.keys(res.upsertedIds).map(Number).sort()).toEqual([1, 3]);
    expect(res.matchedCount).toBe(1);
    expect(res.deletedCount).toBe(1);
    expect(await coll.countDocuments()).toBe(3);
  });

  it('upserts a replacement document with the _id from the filter', async () => {
    const coll = db.connection.db!.collection('repl_upsert');
    const res = await coll.replaceOne({ _id: 'key-1' as unknown as Types.ObjectId }, { v: 1 }, { upsert: true });
    expect(res.upsertedId).toBe('key-1');
    expect(await coll.findOne({})).toEqual({ _id: 'key-1', v: 1 });
  });

  it('supports pipeline-style updates', async () => {
    const coll = db.connection.db!.collection('pipe_upd');
    await coll.insertOne({ a: 2, b: 3 });
    await coll.updateOne({}, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await coll.findOne({}, { projection: { _id: 0 } })).toEqual({ a: 2, sum: 5 });
  });

  it('refuses to change _id', async () => {
    const p = await Person.create({ name: 'id' });
    await expect(db.connection.db!.collection('crudpeople').updateOne({ _id: p._id }, { $set: { _id: new Types.ObjectId() } })).rejects.toMatchObject(
      { code: 66 },
    );
  });
});

describe('findAndModify', () => {
  it('returns the document before or after, with projection and sort', async () => {
    await Person.insertMany([
      { name: 'q', age: 1 },
      { name: 'q', age: 2 },
    ]);
    const before = await Person.findOneAndUpdate({ name: 'q' }, { $inc: { age: 10 } }, { sort: { age: -1 } }).lean();
    expect(before!.age).toBe(2);
    const after = await db.connection
      .db!.collection('crudpeople')
      .findOneAndUpdate({ name: 'q' }, { $inc: { age: 10 } }, { sort: { age: 1 }, returnDocument: 'after', projection: { age: 1, _id: 0 } });
    expect(after).toEqual({ age: 11 });
  });

  it('upserts and reports it in lastErrorObject', async () => {
    const res = await db.connection
      .db!.collection('fam')
      .findOneAndUpdate(
        { key: 'k' },
        { $set: { v: 1 }, $setOnInsert: { created: true } },
        { upsert: true, returnDocument: 'after', includeResultMetadata: true },
      );
    expect(res.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(res.lastErrorObject!.upserted).toBeDefined();
    expect(res.value).toMatchObject({ key: 'k', v: 1, created: true });
    const again = await db.connection
      .db!.collection('fam')
      .findOneAndUpdate({ key: 'k' }, { $set: { v: 2 } }, { upsert: true, includeResultMetadata: true });
    expect(again.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
    expect(again.value).toMatchObject({ v: 1 });
  });

  it('removes with findOneAndDelete and returns null when nothing matches', async () => {
    const p = await Person.create({ name: 'del' });
    const gone = await Person.findOneAndDelete({ _id: p._id }).lean();
    expect(gone!.name).toBe('del');
    expect(await Person.findOneAndDelete({ _id: p._id })).toBeNull();
    expect(await Person.findOneAndUpdate({ name: 'nobody' }, { $set: { age: 1 } })).toBeNull();
  });

  it('lets only one of many concurrent conditional updates win', async () => {
    const coll = db.connection.db!.collection('seats');
    const { insertedId } = await coll.insertOne({ seats: 0 });
    const Slot = mongoose.models.CrudSlot ?? mongoose.model('CrudSlot', new Schema({ seats: Number }), 'seats');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        Slot.findOneAndUpdate({ _id: insertedId, seats: { $lt: 1 } }, { $inc: { seats: 1 } }, { returnDocument: 'after' }).lean(),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect((await coll.findOne({ _id: insertedId }))!.seats).toBe(1);
    const updates = await Promise.all(
      Array.from({ length: 20 }, () => coll.updateOne({ _id: insertedId, seats: { $lt: 2 } }, { $inc: { seats: 1 } })),
    );
    expect(updates.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
  });
});

describe('delete', () => {
  it('deletes one or many', async () => {
    await Person.insertMany([{ name: 'd' }, { name: 'd' }, { name: 'd' }, { name: 'e' }]);
    expect((await Person.deleteOne({ name: 'd' })).deletedCount).toBe(1);
    expect((await Person.deleteMany({ name: 'd' })).deletedCount).toBe(2);
    expect(await Person.countDocuments()).toBe(1);
  });
});

describe('aggregate and distinct', () => {
  beforeEach(async () => {
    const db_ = db.connection.db!;
    await db_.collection('orders').deleteMany({});
    await db_.collection('customers').deleteMany({});
    await db_.collection('customers').insertMany([
      { _id: 1 as unknown as Types.ObjectId, name: 'A', village: 'Ban Luang' },
      { _id: 2 as unknown as Types.ObjectId, name: 'B', village: 'Ban Pa' },
    ]);
    await db_.collection('orders').insertMany([
      { cust: 1, items: ['rice', 'oil'], total: 10 },
      { cust: 1, items: ['rice'], total: 5 },
      { cust: 2, items: ['milk'], total: 7 },
    ]);
  });

  it('runs $match $group $sort $project $limit $skip $unwind $count $addFields $set $replaceRoot', async () => {
    const orders = db.connection.db!.collection('orders');
    const byCust = await orders
      .aggregate([
        { $match: { total: { $gt: 0 } } },
        { $group: { _id: '$cust', sum: { $sum: '$total' }, n: { $sum: 1 } } },
        { $sort: { sum: -1 } },
        { $project: { _id: 0, cust: '$_id', sum: 1, n: 1 } },
      ])
      .toArray();
    expect(byCust).toEqual([
      { sum: 15, n: 2, cust: 1 },
      { sum: 7, n: 1, cust: 2 },
    ]);
    const items = await orders
      .aggregate([{ $unwind: '$items' }, { $group: { _id: '$items', c: { $sum: 1 } } }, { $sort: { c: -1, _id: 1 } }, { $skip: 1 }, { $limit: 1 }])
      .toArray();
    expect(items).toEqual([{ _id: 'milk', c: 1 }]);
    const count = await orders.aggregate([{ $match: { cust: 1 } }, { $count: 'n' }]).toArray();
    expect(count).toEqual([{ n: 2 }]);
    const shaped = await orders
      .aggregate([
        { $match: { cust: 2 } },
        { $addFields: { double: { $multiply: ['$total', 2] } } },
        { $set: { meta: { t: '$total' } } },
        { $replaceRoot: { newRoot: '$meta' } },
      ])
      .toArray();
    expect(shaped).toEqual([{ t: 7 }]);
  });

  it('joins with $lookup and splits with $facet', async () => {
    const orders = db.connection.db!.collection('orders');
    const joined = await orders
      .aggregate([
        { $match: { cust: 2 } },
        { $lookup: { from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' } },
        { $unwind: '$customer' },
        { $project: { _id: 0, name: '$customer.name', total: 1 } },
      ])
      .toArray();
    expect(joined).toEqual([{ total: 7, name: 'B' }]);
    const [facets] = await orders
      .aggregate([{ $facet: { big: [{ $match: { total: { $gte: 7 } } }, { $count: 'n' }], all: [{ $count: 'n' }] } }])
      .toArray();
    expect(facets).toEqual({ big: [{ n: 2 }], all: [{ n: 3 }] });
    const stored = await db.connection.db!.collection('customers').findOne({ _id: 2 as unknown as Types.ObjectId });
    expect(stored).toEqual({ _id: 2, name: 'B', village: 'Ban Pa' });
  });

  it('returns distinct values, flattening arrays', async () => {
    const orders = db.connection.db!.collection('orders');
    expect((await orders.distinct('items')).sort()).toEqual(['milk', 'oil', 'rice']);
    expect(await orders.distinct('cust', { total: { $lt: 8 } })).toEqual([1, 2]);
  });
});

describe('collections, databases and indexes', () => {
  it('creates, lists and drops collections', async () => {
    const d = db.connection.db!;
    await d.createCollection('made');
    await expect(d.createCollection('made')).rejects.toMatchObject({ code: 48 });
    const names = (await d.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain('made');
    const filtered = await d.listCollections({ name: 'made' }).toArray();
    expect(filtered).toHaveLength(1);
    expect(filtered[0]).toMatchObject({ name: 'made', type: 'collection' });
    expect(await d.collection('made').drop()).toBe(true);
    expect((await d.listCollections({ name: 'made' }).toArray()).length).toBe(0);
  });

  it('lists databases including this one', async () => {
    const { databases } = await db.connection.db!.admin().listDatabases();
    expect(databases.map((x) => x.name)).toContain(db.dbName);
  });

  it('creates, lists and drops indexes; identical re-creation is fine, conflicts are errors', async () => {
    const coll = db.connection.db!.collection('idx');
    await coll.insertOne({ a: 1, b: 1 });
    expect(await coll.createIndex({ a: 1 }, { unique: true })).toBe('a_1');
    expect(await coll.createIndex({ a: 1 }, { unique: true })).toBe('a_1');
    await coll.createIndex({ a: 1, b: -1 }, { name: 'ab' });
    await expect(coll.createIndex({ b: 1 }, { name: 'ab' })).rejects.toMatchObject({ code: 86 });
    await expect(coll.createIndex({ a: 1 }, { name: 'other', unique: true })).rejects.toMatchObject({ code: 85 });
    const idx = await coll.listIndexes().toArray();
    expect(idx.map((i) => i.name)).toEqual(['_id_', 'a_1', 'ab']);
    expect(idx[1]).toMatchObject({ key: { a: 1 }, unique: true });
    await coll.dropIndex('ab');
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('mongoose syncIndexes and autoIndex work', async () => {
    const schema = new Schema({ email: { type: String, unique: true }, x: Number });
    schema.index({ x: 1, email: 1 });
    const M = mongoose.model('CrudSync', schema);
    await M.init();
    await M.syncIndexes();
    const names = (await M.listIndexes()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'email_1', 'x_1_email_1']);
  });

  it('drops the database', async () => {
    const other = db.connection.useDb(`${db.dbName}_drop`);
    await other.collection('t').insertOne({ a: 1 });
    await other.dropDatabase();
    const { databases } = await db.connection.db!.admin().listDatabases();
    expect(databases.map((x) => x.name)).not.toContain(`${db.dbName}_drop`);
  });
});

describe('unique indexes', () => {
  const Citizen = mongoose.model(
    'CrudCitizen',
    new Schema({ lineUserId: { type: String, unique: true }, idCard: String, village: String, house: String }).index(
      { village: 1, house: 1 },
      { unique: true },
    ),
  );

  beforeAll(async () => {
    await Citizen.init();
  });

  it('raises MongoServerError E11000 with keyPattern and keyValue', async () => {
    await Citizen.create({ lineUserId: 'U1', village: 'v', house: '1' });
    const err = await Citizen.create({ lineUserId: 'U1', village: 'v', house: '2' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(err).toMatchObject({ code: 11000, keyPattern: { lineUserId: 1 }, keyValue: { lineUserId: 'U1' } });
    expect((err as Error).message).toMatch(
      /^E11000 duplicate key error collection: \S+\.crudcitizens index: lineUserId_1 dup key: \{ lineUserId: "U1" \}/,
    );
  });

  it('enforces compound unique indexes', async () => {
    await Citizen.create({ lineUserId: 'U2', village: 'w', house: '1' });
    await Citizen.create({ lineUserId: 'U3', village: 'w', house: '2' });
    const err = await Citizen.create({ lineUserId: 'U4', village: 'w', house: '1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { village: 1, house: 1 }, keyValue: { village: 'w', house: '1' } });
  });

  it('enforces uniqueness on update too', async () => {
    await Citizen.create({ lineUserId: 'U5', village: 'z', house: '1' });
    const b = await Citizen.create({ lineUserId: 'U6', village: 'z', house: '2' });
    await expect(Citizen.updateOne({ _id: b._id }, { $set: { lineUserId: 'U5' } })).rejects.toMatchObject({ code: 11000 });
    await expect(Citizen.findOneAndUpdate({ _id: b._id }, { $set: { house: '1' } })).rejects.toMatchObject({ code: 11000 });
    expect((await Citizen.findById(b._id).lean())!.lineUserId).toBe('U6');
  });

  it('supports sparse and partial unique indexes', async () => {
    const coll = db.connection.db!.collection('sparse');
    await coll.createIndex({ code: 1 }, { unique: true, sparse: true });
    await coll.createIndex({ ref: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await coll.insertMany([{ a: 1 }, { a: 2 }]);
    await coll.insertMany([
      { ref: 'r', active: false },
      { ref: 'r', active: false },
      { ref: 'r', active: true },
    ]);
    await expect(coll.insertOne({ ref: 'r', active: true })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.insertMany([{ code: 'c' }, { code: 'c' }])).rejects.toMatchObject({ code: 11000 });
  });

  it('indexes fields inside arrays (multikey)', async () => {
    const coll = db.connection.db!.collection('multikey');
    await coll.createIndex({ 'items.sku': 1 }, { unique: true });
    await coll.insertOne({ items: [{ sku: 'a' }, { sku: 'b' }] });
    await expect(coll.insertOne({ items: [{ sku: 'b' }] })).rejects.toMatchObject({ code: 11000, keyValue: { 'items.sku': 'b' } });
    await coll.insertOne({ items: [{ sku: 'c' }, { sku: 'c' }] });
    expect(await coll.countDocuments({ 'items.sku': 'c' })).toBe(1);
    await coll.createIndex({ tags: 1 });
    await coll.insertOne({ tags: ['x', 'y'] });
    expect(await coll.countDocuments({ tags: 'y' })).toBe(1);
    expect(await coll.countDocuments({ tags: ['x', 'y'] })).toBe(1);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const coll = db.connection.db!.collection('dups');
    await coll.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(coll.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
  });
});

describe('errors mongod raises', () => {
  it('unknown query operator → 2 BadValue', async () => {
    const err = await db.connection
      .db!.collection('crudpeople')
      .findOne({ age: { $foo: 1 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.mongo.MongoServerError);
    expect(err).toMatchObject({ code: 2 });
    expect((err as Error).message).toMatch(/unknown operator: \$foo/);
    await expect(db.connection.db!.collection('crudpeople').findOne({ $bar: 1 } as never)).rejects.toMatchObject({ code: 2 });
  });

  it('$inc on a string → 14 TypeMismatch', async () => {
    const p = await Person.create({ name: 'str' });
    const err = await db.connection
      .db!.collection('crudpeople')
      .updateOne({ _id: p._id }, { $inc: { name: 1 } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 14 });
    expect((err as Error).message).toMatch(/Cannot apply \$inc to a value of non-numeric type/);
  });

  it('unknown update operator → 9 FailedToParse', async () => {
    const err = await db.connection
      .db!.collection('crudpeople')
      .updateOne({}, { $foo: { a: 1 } } as never, { upsert: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 9 });
    expect((err as Error).message).toMatch(/Unknown modifier: \$foo/);
  });

  it('unknown pipeline stage → 40324', async () => {
    const err = await db.connection
      .db!.collection('crudpeople')
      .aggregate([{ $foo: {} }])
      .toArray()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 40324 });
    expect((err as Error).message).toMatch(/Unrecognized pipeline stage name: '\$foo'/);
  });

  it('unknown command → 59 CommandNotFound', async () => {
    await expect(db.connection.db!.command({ frobnicate: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('creating a field inside a scalar → 28 PathNotViable', async () => {
    const p = await Person.create({ name: 'scalar' });
    await expect(db.connection.db!.collection('crudpeople').updateOne({ _id: p._id }, { $set: { 'name.first': 'x' } })).rejects.toMatchObject({
      code: 28,
    });
  });

  it('conflicting update paths → 40', async () => {
    await expect(db.connection.db!.collection('crudpeople').updateOne({}, { $set: { a: 1 }, $inc: { a: 1 } })).rejects.toMatchObject({ code: 40 });
  });
});

describe('server commands', () => {
  it('answers ping, buildInfo, serverStatus, hostInfo, connectionStatus, whatsmyuri, getParameter, endSessions', async () => {
    const admin = db.connection.db!.admin();
    expect(await admin.ping()).toMatchObject({ ok: 1 });
    const info = await admin.buildInfo();
    expect(info.versionArray[0]).toBeGreaterThanOrEqual(4);
    expect(await admin.serverStatus()).toMatchObject({ ok: 1 });
    expect(await admin.command({ hostInfo: 1 })).toMatchObject({ ok: 1 });
    expect(await admin.command({ connectionStatus: 1 })).toMatchObject({ ok: 1 });
    expect(await admin.command({ whatsmyuri: 1 })).toHaveProperty('you');
    expect(await admin.command({ getParameter: 1, featureCompatibilityVersion: 1 })).toHaveProperty('featureCompatibilityVersion');
    const hello = await admin.command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, ok: 1 });
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(8);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    const session = db.connection.getClient().startSession();
    await db.connection.db!.collection('crudpeople').findOne({}, { session });
    await session.endSession();
  });
});
