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
export class GroupCommit<T, R = void> {
  private queued: { items: T[]; resolve: (r: R[]) => void; reject: (err: unknown) => void }[] = [];
  private writing = false;
  /** Writes made and the callers and items they carried (the benchmark reports them). */
  readonly stats = { writes: 0, callers: 0, items: 0 };

  /** `write` returns one result per item, in order (or nothing when there is nothing to tell). */
  constructor(
    private readonly write: (items: T[]) => Promise<R[] | void>,
    private readonly opts: { oneByOneOnError?: boolean } = {},
  ) {}

  /** Resolves once `items` are written (together with whatever else was handed in at the same time). */
  add(items: T[]): Promise<R[]> {
    if (items.length === 0) return Promise.resolve([]);
    return new Promise<R[]>((resolve, reject) => {
      this.queued.push({ items, resolve, reject });
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
        results = await this.write(items);
      } catch (err) {
        if (!this.opts.oneByOneOnError || batch.length === 1) for (const b of batch) b.reject(err);
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
