/**
 * Group commit: items handed in while a write is under way are written together by the next one, so one
 * durable write (one fdatasync on the dev server, one round trip to MongoDB) serves many callers. Each caller's
 * promise settles with the write that carried its items: its own results when it succeeded; when it failed,
 * the batch's error — or, with `oneByOneOnError`, the outcome of writing that caller's items alone (so one
 * caller's bad item never fails the others, and each gets its own error, e.g. a duplicate key).
 * Used for the webhook's inbox inserts (one write acknowledges many requests), the worker's done marks, the
 * conversation record's incoming messages, the outbox's deliveries and outcomes, and the bot's session reads,
 * session writes and open-handoff reads (a read is a "write" that returns one result per item).
 */
import { DatabaseTimeoutError, withDeadline } from './unavailable';

export interface GroupCommitStats {
  writes: number;
  callers: number;
  items: number;
  /** Summed over callers: from handing the items in to the write that carried them settling (ms). */
  waitMs: number;
}

/** The stats of every named group commit of this thread, by name (several instances of one name add up). */
const named = new Map<string, GroupCommitStats[]>();

/** Writes, callers, items and waits of this thread's group commits so far, by name (the benchmark reports them). */
export function groupCommitStats(): Record<string, GroupCommitStats> {
  const out: Record<string, GroupCommitStats> = {};
  for (const [name, all] of named) {
    const sum = { writes: 0, callers: 0, items: 0, waitMs: 0 };
    for (const st of all) for (const k of Object.keys(sum) as (keyof GroupCommitStats)[]) sum[k] += st[k];
    out[name] = sum;
  }
  return out;
}

export class GroupCommit<T, R = void> {
  private queued: { items: T[]; resolve: (r: R[]) => void; reject: (err: unknown) => void }[] = [];
  private writing = false;
  /** Writes made, the callers and items they carried, and how long callers waited. */
  readonly stats: GroupCommitStats = { writes: 0, callers: 0, items: 0, waitMs: 0 };

  /**
   * `write` returns one result per item, in order (or nothing when there is nothing to tell). A `name` puts the
   * stats in `groupCommitStats()`. With `writeDeadlineMs`, a write that has not settled by then fails its callers
   * (`DatabaseTimeoutError`) and the next write goes out: one write that never comes back (a connection the
   * driver still believes in) must not hold every later caller.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[] | void>,
    private readonly opts: { oneByOneOnError?: boolean; name?: string; writeDeadlineMs?: number } = {},
  ) {
    if (opts.name) {
      const all = named.get(opts.name) ?? [];
      all.push(this.stats);
      named.set(opts.name, all);
    }
  }

  /** Resolves once `items` are written (together with whatever else was handed in at the same time). */
  add(items: T[]): Promise<R[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      const at = performance.now();
      const settled = () => (this.stats.waitMs += performance.now() - at);
      this.queued.push({
        items,
        resolve: (r) => {
          settled();
          resolve(r);
        },
        reject: (err) => {
          settled();
          reject(err);
        },
      });
      if (!this.writing) {
        this.writing = true;
        // Callers in the same turn of the event loop join this first write.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      const items = batch.length === 1 ? batch[0].items : batch.flatMap((b) => b.items);
      this.stats.writes++;
      this.stats.callers += batch.length;
      this.stats.items += items.length;
      let results: R[] | void;
      try {
        const ms = this.opts.writeDeadlineMs;
        results = await (ms === undefined ? this.write(items) : withDeadline(ms, 'group write', () => this.write(items)));
      } catch (err) {
        if (!this.opts.oneByOneOnError || batch.length === 1 || err instanceof DatabaseTimeoutError) for (const b of batch) b.reject(err);
        else await Promise.all(batch.map((b) => this.write(b.items).then((r) => b.resolve(r ?? []), b.reject)));
        continue;
      }
      let at = 0;
      for (const b of batch) {
        b.resolve(results ? results.slice(at, at + b.items.length) : []);
        at += b.items.length;
      }
    }
    this.writing = false;
  }
}
