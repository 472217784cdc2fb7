/**
 * Login limits that slow password guessing without locking the real person out:
 *  - failures per username *and* address: someone guessing a colleague's password from elsewhere cannot lock
 *    that colleague out of the office;
 *  - failures per address, looser (five times as many): one address trying many usernames is slowed too.
 * Successful logins do not count (an office behind one address logs in all day). Each attempt is counted before
 * the password is checked and given back when it succeeds, so parallel guesses cannot slip past the limit.
 * The counts live in MongoDB (models/loginFailure.ts), shared by every instance.
 */
import { createHash } from 'node:crypto';
import { LoginFailure } from '../db/models/loginFailure';
import { isDuplicateKey } from '../db/errors';

export interface LoginThrottleOptions {
  loginMaxAttempts: number;
  loginWindowMs: number;
}

/** How many more failures one address may have than one username at that address. */
export const PER_ADDRESS_FACTOR = 5;

export interface LoginGate {
  /** When set, the attempt is refused: try again after this many milliseconds. */
  retryAfterMs?: number;
  /** The password was right: the attempt is given back and this person's failures at this address are forgotten. */
  succeeded(): Promise<void>;
}

const keyOf = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

/** Counts one attempt under `key`, starting a new window when the last one has ended; returns the count and its end. */
async function count(key: string, windowMs: number): Promise<{ count: number; expiresAt: Date }> {
  const now = new Date();
  // The database removes ended windows only once a minute: end them here, exactly.
  await LoginFailure.deleteOne({ _id: key, expiresAt: { $lte: now } });
  for (let tries = 0; ; tries++) {
    try {
      const doc = await LoginFailure.findOneAndUpdate(
        { _id: key },
        { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(now.getTime() + windowMs) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      return { count: doc!.count, expiresAt: doc!.expiresAt };
    } catch (err) {
      // Two first attempts at once: one inserted, the other retries as an update.
      if (!isDuplicateKey(err) || tries > 2) throw err;
    }
  }
}

/** Counts a login attempt of `username` from `ip` and says whether it may go ahead. */
export async function beginLogin(ip: string, username: string, opts: LoginThrottleOptions): Promise<LoginGate> {
  const pairKey = keyOf('user+ip', username.trim().toLowerCase(), ip);
  const ipKey = keyOf('ip', ip);
  const [pair, address] = await Promise.all([count(pairKey, opts.loginWindowMs), count(ipKey, opts.loginWindowMs)]);
  const now = Date.now();
  const blocked = [
    pair.count > opts.loginMaxAttempts ? pair.expiresAt.getTime() - now : 0,
    address.count > opts.loginMaxAttempts * PER_ADDRESS_FACTOR ? address.expiresAt.getTime() - now : 0,
  ].filter((ms) => ms > 0);
  return {
    retryAfterMs: blocked.length ? Math.max(1000, ...blocked) : undefined,
    async succeeded() {
      await Promise.all([
        LoginFailure.deleteOne({ _id: pairKey }),
        LoginFailure.updateOne({ _id: ipKey, count: { $gt: 0 } }, { $inc: { count: -1 } }),
      ]);
    },
  };
}
