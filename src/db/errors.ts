/**
 * Recognising MongoDB's duplicate-key error (E11000) in one place. Unique indexes are how this project stores
 * things once (inbox events, outbox messages, submissions, seats, leases), so "was this a duplicate?" decides
 * between "already done" and a real failure — and a wrong yes loses data.
 */
import { mongo } from 'mongoose';

const DUPLICATE_KEY = 11000;

/**
 * True when `err` is a duplicate-key error, optionally on a unique index over `field` (read from the error's
 * `keyPattern`, or from the index name in the message when the server gives no pattern).
 *
 * A bulk write (insertMany) is a duplicate only when it lists write errors and every one is a duplicate: a bulk
 * error whose list is empty (the connection failed during the insert) is NOT a duplicate — nothing says the
 * documents were stored.
 */
export function isDuplicateKey(err: unknown, on?: { field: string; index?: string }): boolean {
  if (err instanceof mongo.MongoBulkWriteError) {
    const list = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    return list.length > 0 && list.every((w) => w.code === DUPLICATE_KEY);
  }
  if (!(err instanceof mongo.MongoServerError) || err.code !== DUPLICATE_KEY) return false;
  if (!on) return true;
  const pattern: unknown = err.keyPattern;
  if (pattern && typeof pattern === 'object') return on.field in pattern;
  return on.index !== undefined && err.message.includes(on.index);
}
