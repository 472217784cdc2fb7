import { Schema, model } from 'mongoose';
import { buddhistYearOf } from '../../domain/bangkokTime';
import { formatReference } from '../../domain/reference';
import { isDuplicateKey } from '../errors';

/** Named sequences (e.g. `CS-2569` → 42), incremented atomically for readable reference numbers. */
const counterSchema = new Schema({ _id: { type: String }, seq: { type: Number, default: 0 } }, { versionKey: false });

export const Counter = model('Counter', counterSchema);

/** The next number of a named sequence (1, 2, 3, …), safe under concurrent callers and instances. */
export async function nextSequence(name: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await Counter.findOneAndUpdate({ _id: name }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' }).lean();
      return doc!.seq;
    } catch (err) {
      // Two first-ever callers may race to create the counter; the loser simply tries again.
      if (!isDuplicateKey(err) || attempt > 2) throw err;
    }
  }
}

/** The next readable reference of a kind for the Buddhist year of `at`, e.g. `CS-2569-00042`. */
export async function nextReference(prefix: string, at: Date): Promise<string> {
  const yearBE = buddhistYearOf(at);
  return formatReference(prefix, yearBE, await nextSequence(`${prefix}-${yearBE}`));
}
