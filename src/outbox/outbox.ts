/**
 * The outbox: every answer is stored before it is sent, then delivered at most once per logical message.
 * A fresh, unused reply token is used first; otherwise (or when LINE rejects the token) the delivery is pushed
 * with one `X-Line-Retry-Key` for all its attempts. 5xx, 429 and network failures are retried with exponential
 * backoff and jitter up to `maxAttempts`; other 4xx fail at once. A restart resumes what was not yet delivered.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { LineApiError, LineNetworkError } from '../errors';
import type { LineClient, LineMessage } from '../line/client';
import type { Logger } from '../log';
import { OutgoingMessage, type OutgoingMessageDoc } from '../db/models/outgoingMessage';
import { ConversationMessage } from '../db/models/conversationMessage';

/** A stored delivery as read for an attempt. */
type LeasedItem = Pick<OutgoingMessageDoc, 'to' | 'messages' | 'replyToken' | 'replyTokenExpiresAt' | 'retryKey'> & { _id: Types.ObjectId };

/** LINE accepts at most five messages per reply or push. */
export const MAX_MESSAGES_PER_SEND = 5;
const LEASE_MS = 30_000;

export interface OutboxOptions {
  replyTokenTtlMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sweepMs: number;
}

export interface Delivery {
  to: string;
  /** What caused it (`event:<id>`, `staff:<id>`, `alert:<id>`); with `seq` it makes the delivery idempotent. */
  source: string;
  messages: LineMessage[];
  replyToken?: string;
  /** When the event carrying the reply token was received (the token's age counts from then). */
  receivedAt?: Date;
  /** Who is sending, for the conversation record ('bot' or a staff id). */
  sender?: string;
}

export class Outbox {
  private timers = new Set<NodeJS.Timeout>();
  private sweepTimer?: NodeJS.Timeout;
  private inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly line: LineClient,
    private readonly log: Logger,
    private readonly opts: OutboxOptions,
  ) {}

  /**
   * Stores a delivery (split into chunks of five; only the first chunk may use the reply token) and returns the
   * ids. Storing the same `source` twice stores nothing new and returns the existing ids.
   */
  async enqueue(d: Delivery): Promise<Types.ObjectId[]> {
    return (await this.store(d, false)).map((c) => c.id);
  }

  /**
   * Stores the chunks; with `leased`, the ones this call creates are created already leased to it for their first
   * attempt (their document is returned, so the attempt needs no claim round trip).
   */
  private async store(d: Delivery, leased: boolean): Promise<{ id: Types.ObjectId; leasedDoc?: LeasedItem }[]> {
    const chunks: LineMessage[][] = [];
    for (let i = 0; i < d.messages.length; i += MAX_MESSAGES_PER_SEND) chunks.push(d.messages.slice(i, i + MAX_MESSAGES_PER_SEND));
    const ids: { id: Types.ObjectId; leasedDoc?: LeasedItem }[] = [];
    for (const [seq, messages] of chunks.entries()) {
      const useToken = seq === 0 && d.replyToken !== undefined;
      const receivedAt = d.receivedAt ?? new Date();
      // Stored already (the event is processed again after a crash): the unique {source, seq} index says so.
      try {
        const doc = await OutgoingMessage.create({
          to: d.to,
          source: d.source,
          seq,
          messages,
          replyToken: useToken ? d.replyToken : undefined,
          replyTokenExpiresAt: useToken ? new Date(receivedAt.getTime() + this.opts.replyTokenTtlMs) : undefined,
          retryKey: randomUUID(),
          ...(leased ? { attempts: 1, leaseUntil: new Date(Date.now() + LEASE_MS) } : {}),
        });
        ids.push({ id: doc._id, leasedDoc: leased ? doc.toObject() : undefined });
        await ConversationMessage.insertMany(
          messages.map((m, i) => ({
            lineUserId: d.to,
            direction: 'out',
            type: m.type,
            text: 'text' in m && typeof m.text === 'string' ? m.text : m.type === 'flex' ? (m as { altText: string }).altText : undefined,
            payload: m,
            at: new Date(),
            outgoingId: doc._id,
            outgoingIndex: i,
            sender: d.sender ?? 'bot',
            deliveryStatus: 'pending',
          })),
        );
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        // Stored before (or concurrently by another worker) for the same source: use that one.
        const other = await OutgoingMessage.findOne({ source: d.source, seq }, { _id: 1 }).lean();
        if (other) ids.push({ id: other._id });
      }
    }
    return ids;
  }

  /** Stores a delivery and makes the first delivery attempt of each chunk, in order. */
  async send(d: Delivery): Promise<void> {
    const stored = await this.store(d, true);
    for (const s of stored) await this.track(s.leasedDoc ? this.attempt(s.leasedDoc, 1) : this.deliver(s.id));
  }

  /**
   * One delivery attempt. Safe to call from several places or instances: a lease makes sure only one attempt
   * runs at a time and a sent delivery is never sent again.
   */
  async deliver(id: Types.ObjectId): Promise<void> {
    const now = new Date();
    // Taking the lease also spends the reply token (single use: whatever happens now, later attempts push);
    // the document as it was before tells whether there was one.
    const item = await OutgoingMessage.findOneAndUpdate(
      { _id: id, status: 'pending', nextAttemptAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS) }, $inc: { attempts: 1 }, $unset: { replyToken: 1 } },
      { returnDocument: 'before' },
    );
    if (!item) return;
    await this.attempt(item, item.attempts + 1);
  }

  /** Sends a claimed delivery: the reply token if it is fresh (it is spent either way), else a push. */
  private async attempt(item: LeasedItem, attempts: number): Promise<void> {
    const id = item._id;
    const messages = item.messages as LineMessage[];
    const tokenFresh = item.replyToken && item.replyTokenExpiresAt && item.replyTokenExpiresAt.getTime() > Date.now();
    if (item.replyToken && tokenFresh) {
      try {
        const r = await this.line.reply(item.replyToken, messages);
        return this.markSent(id, messages.length, 'reply', r.requestId);
      } catch (err) {
        this.log.info({ outgoing: String(id), err: describe(err) }, 'reply failed; falling back to push');
      }
    }
    try {
      const r = await this.line.push(item.to, messages, item.retryKey);
      await this.markSent(id, messages.length, 'push', r.requestId);
    } catch (err) {
      await this.failed(id, messages.length, attempts, err);
    }
  }

  /**
   * Sets the delivery status of a delivery's messages in the conversation record: one statement per message,
   * each naming the whole {outgoingId, outgoingIndex} index key (one round trip; an index lookup on any server,
   * where the embedded dev server would scan the collection for the key prefix alone).
   */
  private async recordStatus(id: Types.ObjectId, count: number, deliveryStatus: 'sent' | 'failed'): Promise<void> {
    await ConversationMessage.bulkWrite(
      Array.from({ length: count }, (_, i) => ({ updateOne: { filter: { outgoingId: id, outgoingIndex: i }, update: { $set: { deliveryStatus } } } })),
      { ordered: false },
    );
  }

  private async markSent(id: Types.ObjectId, count: number, via: 'reply' | 'push', requestId?: string): Promise<void> {
    await OutgoingMessage.updateOne(
      { _id: id },
      { $set: { status: 'sent', via, sentAt: new Date(), lineRequestId: requestId }, $unset: { leaseUntil: 1, lastError: 1 } },
    );
    await this.recordStatus(id, count, 'sent');
    this.log.debug({ outgoing: String(id), via, lineRequestId: requestId }, 'delivered');
  }

  private async failed(id: Types.ObjectId, count: number, attempts: number, err: unknown): Promise<void> {
    const retryable = err instanceof LineNetworkError || (err instanceof LineApiError && err.retryable);
    const requestId = err instanceof LineApiError ? err.requestId : undefined;
    if (!retryable || attempts >= this.opts.maxAttempts) {
      await OutgoingMessage.updateOne(
        { _id: id },
        { $set: { status: 'failed', lastError: describe(err), lineRequestId: requestId }, $unset: { leaseUntil: 1 } },
      );
      await this.recordStatus(id, count, 'failed');
      this.log.error({ outgoing: String(id), attempts, lineRequestId: requestId, err: describe(err) }, 'delivery failed; given up');
      return;
    }
    const delay = backoff(attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs);
    await OutgoingMessage.updateOne(
      { _id: id },
      { $set: { nextAttemptAt: new Date(Date.now() + delay), lastError: describe(err), lineRequestId: requestId }, $unset: { leaseUntil: 1, replyToken: 1 } },
    );
    this.log.warn({ outgoing: String(id), attempts, retryInMs: delay, lineRequestId: requestId, err: describe(err) }, 'delivery will be retried');
    this.later(delay, () => this.deliver(id));
  }

  /** Delivers every due pending delivery (after a restart, or when a retry timer was lost). */
  async sweep(): Promise<void> {
    const due = await OutgoingMessage.find({ status: 'pending', nextAttemptAt: { $lte: new Date() } }, { _id: 1 })
      .sort({ nextAttemptAt: 1 })
      .limit(200)
      .lean();
    for (const d of due) await this.track(this.deliver(d._id));
  }

  start(): void {
    const tick = () => {
      if (this.stopped) return;
      this.track(this.sweep())
        .catch((err) => this.log.error({ err }, 'outbox sweep failed'))
        .finally(() => {
          if (!this.stopped) this.sweepTimer = setTimeout(tick, this.opts.sweepMs);
        });
    };
    tick();
  }

  /** Stops timers and waits for attempts under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.sweepTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private later(ms: number, fn: () => Promise<void>): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.track(fn()).catch((err) => this.log.error({ err }, 'outbox retry failed'));
    }, ms);
    this.timers.add(t);
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => this.inFlight.delete(p));
  }
}

/** Exponential backoff with jitter: between half and all of base·2^(attempt−1), capped. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function describe(err: unknown): string {
  if (err instanceof LineApiError) return `${err.message}: ${err.body.slice(0, 300)}`;
  return err instanceof Error ? err.message : String(err);
}
