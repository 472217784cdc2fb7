/** isDuplicateKey: what the stores rely on to tell "stored before" from a real failure, against the dev server. */
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../../src/db/errors';
import { connectTestDb, type TestDb } from '../helpers/db';

let db: TestDb;
const Thing = mongoose.model('DupThing', new Schema({ ref: { type: String, unique: true }, other: String }));

beforeAll(async () => {
  db = await connectTestDb();
  await Thing.init();
});
afterAll(async () => db.close());

describe('isDuplicateKey', () => {
  it('is true for a second insert of the same key, and knows which field', async () => {
    await Thing.create({ ref: 'a' });
    const err = await Thing.create({ ref: 'a' }).catch((e: unknown) => e);
    expect(isDuplicateKey(err)).toBe(true);
    expect(isDuplicateKey(err, { field: 'ref' })).toBe(true);
    expect(isDuplicateKey(err, { field: 'seat' })).toBe(false);
  });

  it('is true for an unordered bulk insert whose every error is a duplicate', async () => {
    await Thing.create({ ref: 'b' });
    const dup = await Thing.insertMany([{ ref: 'b' }, { ref: 'c' }], { ordered: false }).catch((e: unknown) => e);
    expect(isDuplicateKey(dup)).toBe(true);
    expect(await Thing.countDocuments({ ref: 'c' })).toBe(1);
  });

  it('is false for a bulk write error with an empty error list (nothing says the documents were stored)', () => {
    const err = new mongoose.mongo.MongoBulkWriteError({ message: 'connection reset', code: 11000, writeErrors: [] }, { insertedCount: 0 } as never);
    expect(isDuplicateKey(err)).toBe(false);
  });

  it('is false for other errors and non-errors', () => {
    expect(isDuplicateKey(new Error('E11000 duplicate key'))).toBe(false);
    expect(isDuplicateKey({ code: 11000 })).toBe(false);
    expect(isDuplicateKey(new mongoose.mongo.MongoServerError({ message: 'x', code: 121 }))).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});
