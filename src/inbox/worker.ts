/**
 * Processes stored events: one lane (user, group or room) at a time, in `timestamp` order; different lanes in
 * parallel up to a limit. Events of a lane are gathered for `settleMs` before processing, so parallel
 * deliveries are put in order first. A periodic sweep picks up what was stored but not processed (after a
 * crash, or by another instance).
 *
 * A short lease in the database (`lockMs`, a few seconds) keeps two server instances off the same lane. While
 * a lane is worked on, a heartbeat renews it every third of its length; an instance that dies stops renewing, so
 * another takes its users over within `lockMs`. An instance that cannot renew (its lease was taken, or the
 * database does not answer) starts no further event of that lane. On stop, each lane finishes the event under
 * way and hands the lane back (its lease is deleted) so another instance can go on at once.
 *
 * A failure because the database is unreachable is not the event's fault: it is not counted as an attempt and
 * the lane is tried again shortly. Other failures are retried a few times with short pauses, then set aside.
 *
 * Cost per event is kept close to what must be durable:
 *  - the lease is taken once per burst of a user: after a drain it is kept for `LINGER_MS` (well inside its
 *    length) and reused by the next drain, then handed back; another instance waits at most that long more;
 *  - events are marked done by one write for many events (group commit across lanes); an event processed but
 *    not yet marked when the process dies is processed again, which only resumes its stored answer;
 *  - lanes waiting for a slot are served oldest event first (reply tokens are single use and age out: the
 *    oldest still-fresh token is the most urgent; a lane whose events already aged past `freshForMs` goes after
 *    the fresh ones, since it will be answered by push whatever happens), and a lane with a long backlog gives
 *    its slot back after each batch so one busy user cannot hold answers of others past their tokens' life;
 *  - a lane whose user keeps writing while it runs gives its slot back after `SLICE_MS` once another lane has
 *    waited that long (round robin among busy users; with no one waiting it keeps the slot).
 */
import { randomUUID } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import type { Logger } from '../log';
import { InboxEvent } from '../db/models/inboxEvent';
import { LaneLock } from '../db/models/laneLock';
import type { Types } from 'mongoose';
import { isDatabaseUnavailable, withDeadline } from '../db/unavailable';
import { takeLaneLeases } from './laneHold';
import { GroupCommit } from '../db/groupCommit';
import type { StoredLane } from './inbox';

export interface WorkerOptions {
  settleMs: number;
  concurrency: number;
  sweepMs: number;
  lockMs: number;
  /** Attempts before an event whose processing keeps failing is set aside as `failed`. */
  maxAttempts?: number;
  /** How long an event's reply token is worth using (lanes older than this are served after fresh ones). */
  freshForMs?: number;
}

/** What processes one event. It must be safe to run again for the same event after a crash. */
export type ProcessEvent = (event: webhook.Event, meta: { lane: string; receivedAt: Date }) => Promise<void>;

/** Pending events of a lane read at once (and processed before the lane's slot is offered to others). */
const BATCH = 20;

/** How long a lane's lease is kept after its events are done, for the user's next message. */
const LINGER_MS = 1000;

/**
 * How long a lane keeps its slot while its user keeps writing and other lanes wait. A user whose next message
 * arrives while their lane still runs would otherwise keep the slot as long as they write, and the lanes waiting
 * behind would wait that long (200 users writing on 64 slots: some waited 12 s while others were answered in 0.1 s).
 */
const SLICE_MS = 200;

interface LaneState {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  /** When the lane's oldest unprocessed event was first known here (for serving lanes oldest first). */
  since?: number;
  /** When a new event of the lane was first known while the lane ran (its `since` if the lane gives its slot up). */
  againSince?: number;
  /**
   * The earliest time (LINE's `timestamp`, ms) of the events stored while the lane ran; -Infinity when not known.
   * A batch under way goes on while the newcomers sort after all of it.
   */
  againFrom?: number;
  /** When the lane got its slot. */
  slotAt?: number;
  /** The lease this instance holds on the lane between drains. */
  held?: { renewedAt: number; release?: NodeJS.Timeout };
  /** A hand-back under way: a new lease is taken only after it (else its delete could remove the new lease). */
  releasing?: Promise<void>;
}

/** A pending inbox event as read for processing. */
interface PendingEvent {
  _id: Types.ObjectId;
  lane: string;
  webhookEventId: string;
  event: unknown;
  attempts: number;
  receivedAt: Date;
  timestamp: Date;
}

/** The lease of a lane while it is worked on. */
interface Lease {
  stop(): number;
  lost(): boolean;
  valid(): boolean;
}

export class InboxWorker {
  readonly instanceId = randomUUID();
  private lanes = new Map<string, LaneState>();
  private waiting: { since: number; queuedAt: number; resolve: () => void }[] = [];
  /** Times a lane stopped because its lease was not surely held any more (for the benchmark). */
  private leaseStops = 0;
  /**
   * The pending events of the lanes that start a drain at the same moment, read by one query. When the query
   * hit its limit a lane may have more than it got: it is read again (`more`).
   */
  private readonly pending = new GroupCommit<string, { batch: PendingEvent[]; more: boolean }>(
    async (lanes) => {
      const limit = BATCH * lanes.length;
      const rows = (await InboxEvent.find(lanes.length === 1 ? { lane: lanes[0], status: 'pending' } : { status: 'pending', lane: { $in: lanes } })
        .sort({ timestamp: 1, receivedAt: 1 })
        .limit(limit)
        .lean()) as PendingEvent[];
      const byLane = new Map<string, PendingEvent[]>(lanes.map((l) => [l, []]));
      for (const r of rows) byLane.get(r.lane)?.push(r);
      const full = rows.length === limit;
      return Promise.all(
        lanes.map(async (l) => {
          const all = byLane.get(l)!;
          // Other lanes' backlog filled the query: this lane is read on its own.
          if (full && all.length === 0) {
            const own = (await InboxEvent.find({ lane: l, status: 'pending' })
              .sort({ timestamp: 1, receivedAt: 1 })
              .limit(BATCH)
              .lean()) as PendingEvent[];
            return { batch: own, more: own.length === BATCH };
          }
          return { batch: all.slice(0, BATCH), more: all.length >= BATCH || full };
        }),
      );
    },
    { name: 'pendingReads' },
  );
  /** Leases of the lanes that start a drain at the same moment, taken by one write. */
  private readonly leases = new GroupCommit<string, boolean>((lanes) => takeLaneLeases(lanes, this.instanceId, this.opts.lockMs), {
    name: 'leases',
  });
  private readonly done = new GroupCommit<Types.ObjectId>(
    async (ids) => {
      await InboxEvent.updateMany({ _id: { $in: ids } }, { $set: { status: 'done', processedAt: new Date() }, $inc: { attempts: 1 } });
    },
    { name: 'doneMarks' },
  );
  private active = 0;
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;
  private drains = new Set<Promise<void>>();

  constructor(
    private readonly process: ProcessEvent,
    private readonly log: Logger,
    private readonly opts: WorkerOptions,
  ) {}

  /**
   * Schedules a lane to be processed after the settle time (repeated calls coalesce). `firstTimestamp`: the
   * earliest time of the new events, when known (a running lane then need not read again before its batch ends).
   */
  kick(lane: string, delayMs = this.opts.settleMs, firstTimestamp = -Infinity): void {
    if (this.stopped) return;
    const s = this.lanes.get(lane) ?? { running: false, again: false };
    this.lanes.set(lane, s);
    s.since ??= Date.now();
    if (s.running) {
      s.again = true;
      s.againSince ??= Date.now();
      s.againFrom = Math.min(s.againFrom ?? Infinity, firstTimestamp);
      return;
    }
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.track(this.drain(lane, s));
    }, delayMs);
  }

  /** New events were stored for these lanes (by this instance's webhook, which knows their times). */
  stored(lanes: StoredLane[]): void {
    for (const { lane, firstTimestamp } of lanes) this.kick(lane, this.opts.settleMs, firstTimestamp);
  }

  /** Starts the periodic sweep (and runs one at once, to resume after a restart). */
  start(): void {
    const tick = () => {
      if (this.stopped) return;
      // Tracked, so `idle()` waits for what a sweep finds (the events left pending before a restart).
      this.track(
        this.sweep()
          .catch((err) => this.log.error({ err }, 'inbox sweep failed'))
          .finally(() => {
            if (!this.stopped) this.sweepTimer = setTimeout(tick, this.opts.sweepMs);
          }),
      );
    };
    tick();
  }

  /** Kicks every lane with pending events. */
  async sweep(): Promise<void> {
    const lanes = (await InboxEvent.distinct('lane', { status: 'pending' })) as string[];
    for (const lane of lanes) this.kick(lane, 0);
  }

  /** Stops taking new work and waits for lanes being processed to finish their current queue. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    for (const s of this.lanes.values()) clearTimeout(s.timer);
    while (this.drains.size > 0) await Promise.allSettled([...this.drains]);
    // Hand back the leases kept for users' next messages, so another instance goes on at once.
    await Promise.allSettled([...this.lanes.entries()].map(([lane, s]) => this.releaseHeld(lane, s)));
    this.lanes.clear();
  }

  /** Times a lane stopped because its lease was not surely held any more (the benchmark reports it). */
  get leaseStopCount(): number {
    return this.leaseStops;
  }

  /** Resolves when nothing is scheduled or running (tests and benchmarks use it). */
  async idle(): Promise<void> {
    for (;;) {
      const busy = [...this.lanes.values()].some((s) => s.running || s.timer);
      if (!busy && this.drains.size === 0) return;
      await Promise.allSettled([...this.drains]);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private track(p: Promise<void>): void {
    this.drains.add(p);
    void p.finally(() => this.drains.delete(p));
  }

  private async drain(lane: string, s: LaneState): Promise<void> {
    s.running = true;
    await this.slot(s.since ?? Date.now());
    s.slotAt = Date.now();
    let retryInMs: number | undefined;
    let more = false;
    try {
      do {
        s.again = false;
        s.againFrom = undefined;
        if (this.stopped) break;
        if (s.held?.release) clearTimeout(s.held.release);
        let renewedAt = s.held?.renewedAt;
        s.held = undefined;
        if (s.releasing) await s.releasing;
        // A lease kept from the last drain is used while it surely has more than two thirds of its length left.
        if (renewedAt === undefined || Date.now() - renewedAt >= this.opts.lockMs / 3) {
          const at = Date.now();
          if (!(await this.lease(lane))) {
            // Another instance holds the lane; look again shortly in case it finished before our event was stored
            // (or died: its lease runs out within lockMs).
            if (await InboxEvent.exists({ lane, status: 'pending' })) retryInMs = 100 + Math.random() * 200;
            break;
          }
          renewedAt = at;
        }
        const lease = this.heartbeat(lane, renewedAt);
        let kept = false;
        try {
          more = await this.processLane(lane, s, lease);
          kept = !lease.lost() && !this.stopped;
        } finally {
          const at = lease.stop();
          if (kept) s.held = { renewedAt: at };
          else await LaneLock.deleteOne({ _id: lane, owner: this.instanceId });
        }
        if (lease.lost()) {
          retryInMs = this.opts.lockMs;
          break;
        }
        // A long backlog gives the slot back after each batch (others may hold older reply tokens).
        if (more && this.waiting.length > 0) break;
        if (s.again && this.sliceUsed(s)) {
          more = true;
          break;
        }
      } while ((s.again || more) && !this.stopped);
    } catch (err) {
      if (err instanceof RetryLane) {
        retryInMs = err.afterMs;
        this.log.warn({ lane: mask(lane), retryInMs, err: err.cause }, err.message);
      } else if (isDatabaseUnavailable(err)) {
        retryInMs = Math.min(this.opts.sweepMs, 1000);
        this.log.warn({ lane: mask(lane), err: (err as Error).message }, 'database unreachable; lane will be tried again');
      } else {
        this.log.error({ lane: mask(lane), err }, 'lane processing failed; will retry on next sweep');
      }
    } finally {
      s.running = false;
      this.release();
      if (!s.again && !more && retryInMs === undefined) s.since = undefined;
      if (more) s.again = true;
      if (s.held) this.keepHeld(lane, s);
      if (this.stopped) {
        if (!s.held) this.lanes.delete(lane);
      } else if (retryInMs !== undefined) {
        const delay = retryInMs;
        s.again = false;
        s.againFrom = undefined;
        if (!s.timer)
          s.timer = setTimeout(() => {
            s.timer = undefined;
            this.track(this.drain(lane, s));
          }, delay);
      } else if (s.again) this.kick(lane, more ? 0 : undefined);
      else if (!s.timer && !s.held) this.lanes.delete(lane);
    }
  }

  /** Keeps the lane's lease for the user's next message; hands it back after `LINGER_MS` without one. */
  private keepHeld(lane: string, s: LaneState): void {
    const held = s.held!;
    held.release = setTimeout(
      () => {
        if (s.held !== held) return;
        void this.releaseHeld(lane, s).finally(() => {
          if (!s.running && !s.timer && !s.held && this.lanes.get(lane) === s) this.lanes.delete(lane);
        });
      },
      Math.min(LINGER_MS, this.opts.lockMs / 4),
    );
    held.release.unref();
  }

  private async releaseHeld(lane: string, s: LaneState): Promise<void> {
    const held = s.held;
    if (!held) return;
    clearTimeout(held.release);
    s.held = undefined;
    // A new lease of this lane waits for the delete itself; the caller waits at most 1 s (with the database
    // gone, the lease simply runs out).
    const releasing: Promise<void> = LaneLock.deleteOne({ _id: lane, owner: this.instanceId }).then(
      () => undefined,
      (err) => this.log.warn({ lane: mask(lane), err: (err as Error).message }, 'could not hand back a lane lease; it runs out by itself'),
    );
    s.releasing = releasing;
    void releasing.finally(() => {
      if (s.releasing === releasing) s.releasing = undefined;
    });
    await withDeadline(1000, 'handing back a lane lease', () => releasing).catch(() => undefined);
  }

  /** Renews the lane's lease once a third of its length has passed since `renewedAt`, while the lane is worked on. */
  private heartbeat(lane: string, renewedAt: number): Lease {
    let lost = false;
    let renewing = false;
    const timer = setInterval(
      () => {
        if (renewing || Date.now() - renewedAt < this.opts.lockMs / 3) return;
        renewing = true;
        const startedAt = Date.now();
        LaneLock.updateOne({ _id: lane, owner: this.instanceId }, { $set: { until: new Date(startedAt + this.opts.lockMs) } })
          .then(
            (r) => {
              if (r.matchedCount === 0) lost = true;
              else renewedAt = startedAt;
            },
            () => undefined, // the database did not answer: `valid()` turns false once the lease may have run out
          )
          .finally(() => (renewing = false));
      },
      Math.max(50, Math.floor(this.opts.lockMs / 12)),
    );
    return {
      stop: () => {
        clearInterval(timer);
        return renewedAt;
      },
      lost: () => lost,
      // Start another event only while the lease surely has more than a third of its length left.
      valid: () => !lost && Date.now() - renewedAt < (this.opts.lockMs * 2) / 3,
    };
  }

  /**
   * Processes the lane's pending events in `timestamp` order. They are read in batches (one query for the usual
   * single event, none to find out there is no more). When a new event of the lane is stored meanwhile (`kick`
   * sets `again`) that may sort before the rest of the batch (an earlier time, or a time not known), the batch is
   * left and the pending events are read again so the newcomer takes its place; one that sorts after the batch
   * (a user writing on) is read after the batch, so a user who keeps writing costs one read per batch, not one
   * per event.
   * Stops after the event under way when the worker stops or the lease is no longer surely held.
   */
  private async processLane(lane: string, s: LaneState, lease: { valid(): boolean }): Promise<boolean> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    const marks: Promise<void>[] = [];
    try {
      for (;;) {
        s.again = false;
        s.againSince = undefined;
        s.againFrom = undefined;
        // Done marks of this lane are written before its pending events are read again.
        await Promise.all(marks.splice(0));
        const [{ batch, more }] = await this.pending.add([lane]);
        for (const next of batch) {
          if (this.stopped) return false;
          if (!lease.valid()) {
            // The lease may be running out (its renewal is late): take it again shortly rather than wait for the sweep.
            this.leaseStops++;
            throw new RetryLane('lane lease not surely held; taking it again', 50, undefined);
          }
          try {
            await this.process(next.event as webhook.Event, { lane, receivedAt: next.receivedAt });
          } catch (err) {
            if (isDatabaseUnavailable(err)) throw err; // not the event's fault: not counted
            const attempts = next.attempts + 1;
            const status = attempts >= maxAttempts ? 'failed' : 'pending';
            await InboxEvent.updateOne({ _id: next._id }, { $set: { status, error: (err as Error).message }, $inc: { attempts: 1 } });
            this.log.error({ lane: mask(lane), webhookEventId: next.webhookEventId, attempts, err }, 'event processing failed');
            if (status === 'pending')
              throw new RetryLane('event processing failed; will be tried again', Math.min(this.opts.sweepMs, 200 * 2 ** attempts), err);
            continue;
          }
          marks.push(this.done.add([next._id]).then(() => undefined));
          if (s.again) {
            if (this.sliceUsed(s)) return true;
            // A newcomer that may sort before the rest of this batch takes its place: read again. One that sorts
            // after all of it (the usual case: a user writing on) waits for the batch's end.
            if ((s.againFrom ?? -Infinity) < batch[batch.length - 1].timestamp.getTime()) break;
          }
        }
        if (s.again) continue;
        // A full batch: more may be pending. The caller decides whether this lane keeps its slot.
        if (more) {
          if (batch.length > 0) s.since = Math.max(s.since ?? 0, batch[batch.length - 1].receivedAt.getTime());
          return true;
        }
        return false;
      }
    } finally {
      await Promise.all(marks.splice(0));
    }
  }

  /**
   * Whether a lane whose user wrote again while it ran has had its slice while other lanes wait. If so it queues
   * behind them, as of the new event.
   */
  private sliceUsed(s: LaneState): boolean {
    const now = Date.now();
    if (this.waiting.length === 0 || now - (s.slotAt ?? 0) < SLICE_MS) return false;
    if (now - Math.min(...this.waiting.map((w) => w.queuedAt)) < SLICE_MS) return false;
    s.since = s.againSince ?? now;
    return true;
  }

  private async lease(lane: string): Promise<boolean> {
    const [mine] = await this.leases.add([lane]);
    return mine;
  }

  private async slot(since: number): Promise<void> {
    if (this.active < this.opts.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push({ since, queuedAt: Date.now(), resolve }));
  }

  /** Gives the slot to the waiting lane with the oldest event still worth a reply (else the oldest). */
  private release(): void {
    if (this.waiting.length === 0) {
      this.active--;
      return;
    }
    const staleBefore = this.opts.freshForMs !== undefined ? Date.now() - this.opts.freshForMs : -Infinity;
    const rank = (since: number) => (since < staleBefore ? since + 1e15 : since);
    let best = 0;
    for (let i = 1; i < this.waiting.length; i++) if (rank(this.waiting[i].since) < rank(this.waiting[best].since)) best = i;
    const [next] = this.waiting.splice(best, 1);
    next.resolve();
  }
}

/** Leaves a lane to be tried again after `afterMs`. */
class RetryLane extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** LINE user ids are not secret, but logs keep only their tail. */
function mask(lane: string): string {
  return lane.length > 8 ? `…${lane.slice(-6)}` : lane;
}
