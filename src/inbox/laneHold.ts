/**
 * Holding one citizen's lane from outside the inbox worker, with the same lease the worker takes (`LaneLock`):
 * while it is held no turn of that citizen runs, in this instance or another — the worker finds the lane taken
 * and tries it again shortly, so their events wait, stored. The erasure (src/admin/pdpa/erase.ts) holds it, so
 * that a turn running at that very moment cannot write a session or a request back after the erasure.
 */
import { mongo } from 'mongoose';
import { LaneLock } from '../db/models/laneLock';
import { isDuplicateKey } from '../db/errors';

/** The lane stayed held by a turn under way for longer than the caller would wait. */
export class LaneBusyError extends Error {}

export interface LaneHoldOptions {
  /** How long to wait for a turn under way (a worker's lease lasts 5 s, renewed while it works). */
  waitMs?: number;
  /** How long the hold lasts if this process dies before handing it back. */
  holdMs?: number;
}

/**
 * Takes (or renews) the lease on `lane` for `owner` until `ms` from now: true when it is `owner`'s, false when
 * another owner holds an unexpired lease. The inbox worker leases lanes with it too.
 */
export async function takeLaneLease(lane: string, owner: string, ms: number): Promise<boolean> {
  const now = new Date();
  try {
    await LaneLock.findOneAndUpdate(
      { _id: lane, $or: [{ until: { $lt: now } }, { owner }] },
      { $set: { owner, until: new Date(now.getTime() + ms) } },
      { upsert: true },
    );
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/**
 * `takeLaneLease` for many lanes of one owner in one write (the inbox worker's lanes starting at the same
 * moment): for each lane, in order, whether the lease is now `owner`'s. A lane held by another owner is a
 * duplicate-key error of its own statement and does not stop the others; any other failure fails them all.
 */
export async function takeLaneLeases(lanes: string[], owner: string, ms: number): Promise<boolean[]> {
  if (lanes.length === 1) return [await takeLaneLease(lanes[0], owner, ms)];
  const now = new Date();
  const until = new Date(now.getTime() + ms);
  try {
    await LaneLock.db.collection<{ _id: string; owner: string; until: Date }>(LaneLock.collection.collectionName).bulkWrite(
      lanes.map((lane) => ({
        updateOne: { filter: { _id: lane, $or: [{ until: { $lt: now } }, { owner }] }, update: { $set: { owner, until } }, upsert: true },
      })),
      { ordered: false },
    );
    return lanes.map(() => true);
  } catch (err) {
    if (!(err instanceof mongo.MongoBulkWriteError) || !isDuplicateKey(err)) throw err;
    const errors = err.writeErrors;
    const taken = new Set((Array.isArray(errors) ? errors : [errors]).map((w) => w.index));
    return lanes.map((_, i) => !taken.has(i));
  }
}

/** Runs `fn` while holding `lane` as `owner`; hands the lane back afterwards. */
export async function whileLaneHeld<T>(lane: string, owner: string, fn: () => Promise<T>, opts: LaneHoldOptions = {}): Promise<T> {
  const giveUpAt = Date.now() + (opts.waitMs ?? 6_000);
  while (!(await takeLaneLease(lane, owner, opts.holdMs ?? 60_000))) {
    if (Date.now() >= giveUpAt) throw new LaneBusyError(`lane ${lane.slice(-6)} is busy`);
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    return await fn();
  } finally {
    await LaneLock.deleteOne({ _id: lane, owner });
  }
}
