/**
 * Processes stored events: one lane (user, group or room) at a time, in `timestamp` order; different lanes in
 * parallel up to a limit. A lease in the database keeps two server instances off the same lane. Events of a
 * lane are gathered for `settleMs` before processing, so parallel deliveries are put in order first. A periodic
 * sweep picks up what was stored but not processed (after a crash, or by another instance).
 */
import { randomUUID } from 'node:crypto';
import type { webhook } from '@line/bot-sdk';
import type { Logger } from '../log';
import { InboxEvent } from '../db/models/inboxEvent';
import { LaneLock } from '../db/models/laneLock';

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
      this.sweep()
        .catch((err) => this.log.error({ err }, 'inbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweepTimer = setTimeout(tick, this.opts.sweepMs);
        });
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
    try {
      do {
        s.again = false;
        if (!(await this.lease(lane))) {
          // Another instance holds the lane; look again shortly in case it finished before our event was stored.
          if (await InboxEvent.exists({ lane, status: 'pending' })) setTimeout(() => this.kick(lane, 0), 100 + Math.random() * 200);
          return;
        }
        try {
          await this.processLane(lane, s);
        } finally {
          await LaneLock.deleteOne({ _id: lane, owner: this.instanceId });
        }
      } while (s.again && !this.stopped);
    } catch (err) {
      this.log.error({ lane: mask(lane), err }, 'lane processing failed; will retry on next sweep');
    } finally {
      s.running = false;
      this.release();
      if (s.again && !this.stopped) this.kick(lane);
      else if (!s.timer) this.lanes.delete(lane);
    }
  }

  /**
   * Processes the lane's pending events in `timestamp` order. They are read in batches (one query for the usual
   * single event, none to find out there is no more); when a new event of the lane is stored meanwhile (`kick`
   * sets `again`), the batch is left and the pending events are read again so the newcomer takes its place.
   * The lease is renewed once a third of it has passed.
   */
  private async processLane(lane: string, s: LaneState): Promise<void> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    let leasedAt = Date.now();
    for (;;) {
      s.again = false;
      const batch = await InboxEvent.find({ lane, status: 'pending' }).sort({ timestamp: 1, receivedAt: 1 }).limit(BATCH).lean();
      for (const next of batch) {
        if (Date.now() - leasedAt > this.opts.lockMs / 3) {
          await LaneLock.updateOne({ _id: lane, owner: this.instanceId }, { $set: { until: new Date(Date.now() + this.opts.lockMs) } });
          leasedAt = Date.now();
        }
        try {
          await this.process(next.event as webhook.Event, { lane, receivedAt: next.receivedAt });
          await InboxEvent.updateOne({ _id: next._id }, { $set: { status: 'done', processedAt: new Date() }, $inc: { attempts: 1 } });
        } catch (err) {
          const attempts = next.attempts + 1;
          const status = attempts >= maxAttempts ? 'failed' : 'pending';
          await InboxEvent.updateOne({ _id: next._id }, { $set: { status, error: (err as Error).message }, $inc: { attempts: 1 } });
          this.log.error({ lane: mask(lane), webhookEventId: next.webhookEventId, attempts, err }, 'event processing failed');
          if (status === 'pending') throw err;
        }
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
      if ((err as { code?: number }).code === 11000) return false;
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

/** LINE user ids are not secret, but logs keep only their tail. */
function mask(lane: string): string {
  return lane.length > 8 ? `…${lane.slice(-6)}` : lane;
}
