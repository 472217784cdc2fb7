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
 */
import { randomUUID } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import type { Logger } from '../log';
import { InboxEvent } from '../db/models/inboxEvent';
import { LaneLock } from '../db/models/laneLock';
import { isDatabaseUnavailable } from '../db/unavailable';
import { isDuplicateKey } from '../db/errors';

export interface WorkerOptions {
  settleMs: number;
  concurrency: number;
  sweepMs: number;
  lockMs: number;
  /** Attempts before an event whose processing keeps failing is set aside as `failed`. */
  maxAttempts?: number;
}

/** What processes one event. It must be safe to run again for the same event after a crash. */
export type ProcessEvent = (event: webhook.Event, meta: { lane: string; receivedAt: Date }) => Promise<void>;

/** Pending events of a lane read at once. */
const BATCH = 20;

interface LaneState {
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
}

export class InboxWorker {
  readonly instanceId = randomUUID();
  private lanes = new Map<string, LaneState>();
  private waiting: (() => void)[] = [];
  private active = 0;
  private sweepTimer?: NodeJS.Timeout;
  private stopped = false;
  private drains = new Set<Promise<void>>();

  constructor(
    private readonly process: ProcessEvent,
    private readonly log: Logger,
    private readonly opts: WorkerOptions,
  ) {}

  /** Schedules a lane to be processed after the settle time (repeated calls coalesce). */
  kick(lane: string, delayMs = this.opts.settleMs): void {
    if (this.stopped) return;
    const s = this.lanes.get(lane) ?? { running: false, again: false };
    this.lanes.set(lane, s);
    if (s.running) {
      s.again = true;
      return;
    }
    if (s.timer) return;
    s.timer = setTimeout(() => {
      s.timer = undefined;
      this.track(this.drain(lane, s));
    }, delayMs);
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
    await this.slot();
    let retryInMs: number | undefined;
    try {
      do {
        s.again = false;
        if (this.stopped) break;
        if (!(await this.lease(lane))) {
          // Another instance holds the lane; look again shortly in case it finished before our event was stored
          // (or died: its lease runs out within lockMs).
          if (await InboxEvent.exists({ lane, status: 'pending' })) retryInMs = 100 + Math.random() * 200;
          break;
        }
        const lease = this.heartbeat(lane);
        try {
          await this.processLane(lane, s, lease);
        } finally {
          lease.stop();
          await LaneLock.deleteOne({ _id: lane, owner: this.instanceId });
        }
        if (lease.lost()) {
          retryInMs = this.opts.lockMs;
          break;
        }
      } while (s.again && !this.stopped);
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
      if (this.stopped) this.lanes.delete(lane);
      else if (retryInMs !== undefined) {
        const delay = retryInMs;
        s.again = false;
        if (!s.timer) s.timer = setTimeout(() => {
          s.timer = undefined;
          this.track(this.drain(lane, s));
        }, delay);
      } else if (s.again) this.kick(lane);
      else if (!s.timer) this.lanes.delete(lane);
    }
  }

  /** Renews the lane's lease every third of its length while the lane is worked on. */
  private heartbeat(lane: string): { stop(): void; lost(): boolean; valid(): boolean } {
    let lost = false;
    let renewedAt = Date.now();
    const timer = setInterval(() => {
      const startedAt = Date.now();
      LaneLock.updateOne({ _id: lane, owner: this.instanceId }, { $set: { until: new Date(startedAt + this.opts.lockMs) } }).then(
        (r) => {
          if (r.matchedCount === 0) lost = true;
          else renewedAt = startedAt;
        },
        () => undefined, // the database did not answer: `valid()` turns false once the lease may have run out
      );
    }, Math.max(100, Math.floor(this.opts.lockMs / 3)));
    return {
      stop: () => clearInterval(timer),
      lost: () => lost,
      // Start another event only while the lease surely has more than a third of its length left.
      valid: () => !lost && Date.now() - renewedAt < (this.opts.lockMs * 2) / 3,
    };
  }

  /**
   * Processes the lane's pending events in `timestamp` order. They are read in batches (one query for the usual
   * single event, none to find out there is no more); when a new event of the lane is stored meanwhile (`kick`
   * sets `again`), the batch is left and the pending events are read again so the newcomer takes its place.
   * Stops after the event under way when the worker stops or the lease is no longer surely held.
   */
  private async processLane(lane: string, s: LaneState, lease: { valid(): boolean }): Promise<void> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    for (;;) {
      s.again = false;
      const batch = await InboxEvent.find({ lane, status: 'pending' }).sort({ timestamp: 1, receivedAt: 1 }).limit(BATCH).lean();
      for (const next of batch) {
        if (this.stopped || !lease.valid()) return;
        try {
          await this.process(next.event as webhook.Event, { lane, receivedAt: next.receivedAt });
        } catch (err) {
          if (isDatabaseUnavailable(err)) throw err; // not the event's fault: not counted
          const attempts = next.attempts + 1;
          const status = attempts >= maxAttempts ? 'failed' : 'pending';
          await InboxEvent.updateOne({ _id: next._id }, { $set: { status, error: (err as Error).message }, $inc: { attempts: 1 } });
          this.log.error({ lane: mask(lane), webhookEventId: next.webhookEventId, attempts, err }, 'event processing failed');
          if (status === 'pending') throw new RetryLane('event processing failed; will be tried again', Math.min(this.opts.sweepMs, 200 * 2 ** attempts), err);
          continue;
        }
        await InboxEvent.updateOne({ _id: next._id }, { $set: { status: 'done', processedAt: new Date() }, $inc: { attempts: 1 } });
        if (s.again) break;
      }
      if (!s.again && batch.length < BATCH) return;
    }
  }

  private async lease(lane: string): Promise<boolean> {
    const now = new Date();
    try {
      await LaneLock.findOneAndUpdate(
        { _id: lane, $or: [{ until: { $lt: now } }, { owner: this.instanceId }] },
        { $set: { owner: this.instanceId, until: new Date(now.getTime() + this.opts.lockMs) } },
        { upsert: true },
      );
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private async slot(): Promise<void> {
    if (this.active < this.opts.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
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
