/**
 * Group commit: items handed in while a write is under way are written together by the next one, so one
 * durable write (one fdatasync on the dev server, one round trip to MongoDB) serves many callers. Each caller's
 * promise settles with the write that carried its items: resolved when it succeeded, rejected with its error.
 * Used for the webhook's inbox inserts (one write acknowledges many requests) and the worker's done marks.
 */
export class GroupCommit<T> {
  private queued: { items: T[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing = false;
  /** Writes made and the callers and items they carried (the benchmark reports them). */
  readonly stats = { writes: 0, callers: 0, items: 0 };

  constructor(private readonly write: (items: T[]) => Promise<unknown>) {}

  /** Resolves once `items` are written (together with whatever else was handed in at the same time). */
  add(items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
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
      try {
        await this.write(items);
        for (const b of batch) b.resolve();
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.writing = false;
  }
}
