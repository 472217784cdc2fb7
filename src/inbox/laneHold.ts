/**
 * Holding one citizen's lane from outside the inbox worker, with the same lease the worker takes (`LaneLock`):
 * while it is held no turn of that citizen runs, in this instance or another — the worker finds the lane taken
 * and tries it again shortly, so their events wait, stored. The erasure (src/admin/pdpa/erase.ts) holds it, so
 * that a turn running at that very moment cannot write a session or a request back after the erasure.
 */
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
