/**
 * Telling "the database could not be reached" apart from every other failure: such errors say nothing about the
 * event or delivery being handled, so they are retried without counting as an attempt, and the webhook answers
 * them with 503 so that LINE sends the events again.
 */

/** Driver and mongoose errors that mean the server was not reachable or the connection broke. */
const UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoExpiredSessionError',
  'DatabaseTimeoutError',
]);

/** True when `err` (or its cause) says the database was unreachable rather than that the operation was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { name?: string; message?: string; hasErrorLabel?: (l: string) => boolean };
    if (x.name && UNAVAILABLE_NAMES.has(x.name)) return true;
    if (typeof x.hasErrorLabel === 'function' && (x.hasErrorLabel('ResetPool') || x.hasErrorLabel('NetworkError'))) return true;
    if (typeof x.message === 'string' && /buffering timed out|connection .* closed|ECONNREFUSED|ECONNRESET|Client must be connected/i.test(x.message))
      return true;
  }
  return false;
}

/** Raised when a database operation did not finish in time (the server may be frozen or unreachable). */
export class DatabaseTimeoutError extends Error {
  override name = 'DatabaseTimeoutError';
}

/** Runs `op`, failing with `DatabaseTimeoutError` after `ms` (the operation itself may still finish later). */
export async function withDeadline<T>(ms: number, what: string, op: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(`${what}: no answer from the database within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([op(), late]);
  } finally {
    clearTimeout(timer);
  }
}
