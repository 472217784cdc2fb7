/**
 * The outbox: every answer is stored before it is sent, then delivered at most once per logical message.
 *
 * A fresh reply token is used first; otherwise (or when LINE refused the reply) the delivery is pushed with one
 * `X-Line-Retry-Key` for all its attempts, so LINE itself drops a push it already accepted (409 = delivered).
 * Before LINE is called, the attempt (`attempting: reply | push` and a lease) is stored durably. A reply whose
 * outcome is unknown — the connection broke after the request left, or the process died (the lease runs out
 * with `attempting: 'reply'`) — is never pushed, since a push could show it twice. It is tried once more with
 * the same reply token while that is fresh: a reply token is single use, so LINE either shows the answer (the
 * first try never arrived) or refuses the token (it did); only if that is not possible or not conclusive is the
 * delivery recorded `unknown`. Push failures (5xx, 429, network) are retried with exponential backoff
 * and jitter up to `maxAttempts`; other 4xx fail at once, except that messages LINE refuses as written (400)
 * are pushed once more as their words in plain text (src/line/plainText.ts), so the citizen still reads them.
 * What LINE accepted is recorded as sent with retries of the database write that are outside the call to LINE,
 * so a database failure is never taken for LINE's.
 * The conversation record gets the delivery's messages exactly once (keyed by delivery and index): with their
 * final status when the delivery ends, and as `pending` while a delivery waits (queued without sending, or a
 * push backing off). A delivery sent at once costs two writes before LINE's answer is known to be recorded:
 * its creation (already claimed) and, after LINE answered, its status and its transcript written together.
 */
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { LineApiError, LineNetworkError } from '../errors';
import type { LineClient, LineMessage } from '../line/client';
import { plainVersion } from '../line/plainText';
import type { Logger } from '../log';
import { OutgoingMessage, newOutgoing, type NewOutgoing, type OutgoingMessageDoc } from '../db/models/outgoingMessage';
import { ConversationMessage, writeConversation } from '../db/models/conversationMessage';
import { GroupCommit } from '../db/groupCommit';
import { isDuplicateKey } from '../db/errors';

/** A stored delivery as read for an attempt. */
type Item = Pick<
  OutgoingMessageDoc,
  'to' | 'messages' | 'replyToken' | 'replyTokenExpiresAt' | 'retryKey' | 'sender' | 'status' | 'attempts' | 'plainText'
> & {
  _id: Types.ObjectId;
  createdAt?: Date;
  attempting?: 'reply' | 'push' | null;
  replyRetried?: boolean | null;
  leaseUntil?: Date | null;
  nextAttemptAt?: Date | null;
};

/** Pauses between tries of an in-doubt reply that LINE answered with a 5xx or 429 (same token each time). */
const IN_DOUBT_RETRY_BASE_MS = 200;
const IN_DOUBT_RETRY_MAX_MS = 2000;

/** LINE accepts at most five messages per reply or push. */
export const MAX_MESSAGES_PER_SEND = 5;

export interface OutboxOptions {
  replyTokenTtlMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  sweepMs: number;
  /** How long one attempt may take before another worker may treat it as abandoned (> LINE's call timeout). */
  leaseMs?: number;
}

export interface Delivery {
  to: string;
  /** What caused it (`event:<id>`, `staff:<id>`, `alert:<id>`); with `seq` it makes the delivery idempotent. */
  source: string;
  messages: LineMessage[];
  replyToken?: string;
  /** When the reply token started to age (`replyTokenSince`: the event's timestamp); now if not given. */
  tokenSince?: Date;
  /** Who is sending, for the conversation record ('bot' or a staff id). */
  sender?: string;
}

type Final = 'sent' | 'failed' | 'unknown';

export class Outbox {
  /** Scheduled retries and when each is due (ms since the epoch). */
  private timers = new Map<NodeJS.Timeout, number>();
  private sweepTimer?: NodeJS.Timeout;
  private inFlight = new Set<Promise<void>>();
  /** Called whenever an attempt, a sweep or a retry timer ends (see `whenIdle`). */
  private changed: (() => void)[] = [];
  private stopped = false;
  private readonly leaseMs: number;
  /**
   * Deliveries created by all lanes at once are stored by one insert (group commit); a failure is sorted out
   * delivery by delivery, so each caller sees its own error (a duplicate means stored before).
   */
  private readonly creates = new GroupCommit<NewOutgoing, Item>(
    async (docs) => {
      // Complete documents (every default set by `newOutgoing`): written by the driver, no mongoose casting.
      await OutgoingMessage.collection.insertMany(docs, { ordered: false, ignoreUndefined: true });
      return docs;
    },
    { oneByOneOnError: true, name: 'outboxCreates' },
  );
  /** Outcomes of deliveries recorded together: one outbox write and one conversation-record write for many. */
  private readonly outcomes = new GroupCommit<Outcome>(
    async (items) => {
      // Written by the driver (the updates name only the schema's fields, with their stored types): the hot path
      // costs no mongoose casting; `updatedAt` is set here as the schema's timestamps would.
      const now = new Date();
      await Promise.all([
        OutgoingMessage.collection.bulkWrite(
          items.map((o) => ({ updateOne: { filter: { _id: o.id }, update: { $set: { ...o.set, updatedAt: now }, $unset: o.unset } } })),
          { ordered: false, ignoreUndefined: true },
        ),
        // With the incoming messages being recorded at the same moment (one write to the conversation record).
        writeConversation(items.flatMap((o) => o.transcript)),
      ]);
    },
    { oneByOneOnError: true, name: 'outboxOutcomes' },
  );

  constructor(
    private readonly line: LineClient,
    private readonly log: Logger,
    private readonly opts: OutboxOptions,
  ) {
    this.leaseMs = opts.leaseMs ?? 30_000;
  }

  /**
   * Stores a delivery (split into chunks of five; only the first chunk may use the reply token) and returns the
   * ids. Storing the same `source` twice stores nothing new and returns the existing ids.
   */
  async enqueue(d: Delivery): Promise<Types.ObjectId[]> {
    return (await this.store(d, false)).map((c) => c.id);
  }

  /** The deliveries already stored for a source (an event processed again after a crash), in order. */
  async existing(source: string): Promise<Types.ObjectId[]> {
    const rows = await OutgoingMessage.find({ source }, { _id: 1 }).sort({ seq: 1 }).lean();
    return rows.map((r) => r._id);
  }

  /** Makes sure the stored deliveries of a source are delivered (or resolved), as after a restart. */
  async resume(ids: Types.ObjectId[]): Promise<void> {
    for (const id of ids) await this.track(this.deliver(id));
  }

  /**
   * Stores the chunks. With `claim`, a chunk this call creates is created with its first attempt already
   * claimed (`attempting` and a lease in the same write), so LINE is called right after one database write.
   */
  private async store(d: Delivery, claim: boolean): Promise<{ id: Types.ObjectId; claimed?: Item }[]> {
    const chunks: LineMessage[][] = [];
    for (let i = 0; i < d.messages.length; i += MAX_MESSAGES_PER_SEND) chunks.push(d.messages.slice(i, i + MAX_MESSAGES_PER_SEND));
    const ids: { id: Types.ObjectId; claimed?: Item }[] = [];
    const tokenSince = d.tokenSince ?? new Date();
    for (const [seq, messages] of chunks.entries()) {
      const token = seq === 0 ? d.replyToken : undefined;
      const expires = token ? new Date(tokenSince.getTime() + this.opts.replyTokenTtlMs) : undefined;
      const fresh = !!expires && expires.getTime() > Date.now();
      try {
        const fields = {
          to: d.to,
          source: d.source,
          seq,
          messages,
          retryKey: randomUUID(),
          sender: d.sender ?? 'bot',
        };
        if (claim) {
          // The token is kept only for the one in-doubt retry of this same reply (see deliver); a refused reply drops it.
          const [doc] = await this.creates.add([
            newOutgoing({
              ...fields,
              ...(fresh ? { replyToken: token, replyTokenExpiresAt: expires } : {}),
              attempts: 1,
              attempting: fresh ? 'reply' : 'push',
              leaseUntil: new Date(Date.now() + this.leaseMs),
            }),
          ]);
          ids.push({ id: doc._id, claimed: { ...doc, replyToken: fresh ? token : undefined, replyTokenExpiresAt: expires } });
        } else {
          const doc = await OutgoingMessage.create({ ...fields, replyToken: token, replyTokenExpiresAt: expires });
          ids.push({ id: doc._id });
          await this.recordTranscript(doc.toObject() as Item, 'pending');
        }
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
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
    for (const s of stored) {
      if (s.claimed) {
        const item = s.claimed;
        // The conversation record is written once, with the outcome (the outbox document is the durable queue:
        // after a crash the delivery is resumed from it and its transcript written then).
        await this.track(this.attempt(item, item.attempts, Promise.resolve()));
      } else {
        await this.track(this.deliver(s.id));
      }
    }
  }

  /**
   * One delivery attempt. Safe to call from several places or instances: the stored attempt and its lease make
   * sure only one runs at a time, that a sent delivery is never sent again, and that a reply that may have been
   * sent is never sent again.
   */
  async deliver(id: Types.ObjectId): Promise<void> {
    const doc = (await OutgoingMessage.findById(id).lean()) as Item | null;
    if (!doc || doc.status !== 'pending') return;
    const now = Date.now();
    if (doc.leaseUntil && doc.leaseUntil.getTime() > now) return; // an attempt is under way
    if (doc.attempting === 'reply') {
      // A reply was being sent when its worker died or lost the database: LINE may have shown it. Never pushed;
      // the same single-use token once more while fresh, else unknown.
      if (tokenIsFresh(doc, now) && !doc.replyRetried) {
        const claimed = await OutgoingMessage.updateOne(
          { _id: id, status: 'pending', attempting: 'reply', attempts: doc.attempts, replyRetried: { $ne: true } },
          { $set: { replyRetried: true, leaseUntil: new Date(now + this.leaseMs) }, $inc: { attempts: 1 } },
        );
        if (claimed.modifiedCount === 1) await this.retryInDoubtReply(doc, this.recordTranscript(doc, 'pending'));
        return;
      }
      const r = await OutgoingMessage.updateOne(
        { _id: id, status: 'pending', attempting: 'reply', attempts: doc.attempts },
        {
          $set: { status: 'unknown', lastError: 'reply in flight when the bot lost track of it' },
          $unset: { leaseUntil: 1, attempting: 1, replyToken: 1 },
        },
      );
      if (r.modifiedCount === 1) {
        await this.recordTranscript(doc, 'unknown');
        this.log.warn({ outgoing: String(id) }, 'reply outcome unknown (in flight when its worker stopped); not sent again');
      }
      return;
    }
    if (!doc.attempting && doc.nextAttemptAt && doc.nextAttemptAt.getTime() > now) return; // backing off
    const tokenFresh = tokenIsFresh(doc, now);
    const via = tokenFresh ? 'reply' : 'push';
    // A push attempt drops the token; a reply attempt keeps it only for its own in-doubt retry.
    const claimed = await OutgoingMessage.updateOne(
      { _id: id, status: 'pending', attempts: doc.attempts },
      {
        $set: { attempting: via, leaseUntil: new Date(now + this.leaseMs) },
        $inc: { attempts: 1 },
        ...(tokenFresh ? {} : { $unset: { replyToken: 1 } }),
      },
    );
    if (claimed.modifiedCount !== 1) return; // another worker claimed it first
    await this.attempt({ ...doc, replyToken: tokenFresh ? doc.replyToken : undefined }, doc.attempts + 1, this.recordTranscript(doc, 'pending'));
  }

  /** Sends a claimed delivery: the reply token if this attempt has one, else a push. */
  private async attempt(item: Item, attempts: number, transcript: Promise<void>): Promise<void> {
    const id = item._id;
    const messages = item.messages as LineMessage[];
    if (item.replyToken) {
      let replied: { requestId?: string } | undefined;
      let error: unknown;
      try {
        replied = await this.line.reply(item.replyToken, messages);
      } catch (err) {
        error = err;
      }
      if (replied) return this.finish(item, 'sent', transcript, { via: 'reply', lineRequestId: replied.requestId });
      if (error instanceof LineNetworkError && error.maybeSent) {
        // The request may have reached LINE: a push could show it twice; the same token once more cannot.
        const retry = tokenIsFresh(item, Date.now())
          ? await OutgoingMessage.updateOne(
              { _id: id, status: 'pending', replyRetried: { $ne: true } },
              { $set: { replyRetried: true, leaseUntil: new Date(Date.now() + this.leaseMs) }, $inc: { attempts: 1 } },
            ).catch(() => undefined)
          : undefined;
        if (retry?.modifiedCount === 1) return this.retryInDoubtReply(item, transcript);
        return this.finish(item, 'unknown', transcript, { lastError: describe(error) });
      }
      // LINE refused it (invalid or used token, 4xx, 429, 5xx) or was never reached: push instead.
      this.log.info({ outgoing: String(id), err: describe(error) }, 'reply refused; pushing instead');
      await OutgoingMessage.updateOne(
        { _id: id, status: 'pending' },
        { $set: { attempting: 'push', leaseUntil: new Date(Date.now() + this.leaseMs) }, $unset: { replyToken: 1 } },
      ).catch((err) =>
        this.log.warn(
          { outgoing: String(id), err: (err as Error).message },
          'could not record the switch to push; pushing anyway (the retry key keeps it single)',
        ),
      );
    }
    let pushed: { requestId?: string } | undefined;
    let error: unknown;
    try {
      pushed = await this.line.push(item.to, messages, item.retryKey);
    } catch (err) {
      error = err;
    }
    if (pushed) return this.finish(item, 'sent', transcript, { via: 'push', lineRequestId: pushed.requestId });
    await transcript.catch(() => undefined);
    const plain = error instanceof LineApiError && error.status === 400 && !item.plainText ? plainVersion(messages) : undefined;
    if (plain) return this.pushPlain(item, attempts, plain, error, transcript);
    await this.pushFailed(item, attempts, error, transcript);
  }

  /**
   * LINE refused the messages as written (400: a card or chip it does not take): nothing of them was shown, so
   * their words go once more as plain text, with a new retry key — a danger answer still brings its hotline
   * numbers. Stored before LINE is called: after a restart the same plain text is pushed.
   */
  private async pushPlain(item: Item, attempts: number, plain: LineMessage[], refused: unknown, transcript: Promise<void>): Promise<void> {
    const retryKey = randomUUID();
    this.log.error({ outgoing: String(item._id), err: describe(refused) }, 'LINE refused the messages as written; sending their words as plain text');
    await OutgoingMessage.updateOne(
      { _id: item._id, status: 'pending' },
      {
        $set: { messages: plain, retryKey, plainText: true, attempting: 'push', leaseUntil: new Date(Date.now() + this.leaseMs) },
        $unset: { replyToken: 1 },
      },
    );
    return this.attempt({ ...item, messages: plain, retryKey, plainText: true, replyToken: undefined }, attempts, transcript);
  }

  /**
   * The retry of a reply whose first try may or may not have reached LINE, with the same single-use token:
   * accepted → the first never arrived and this one is shown; refused (LINE's "Invalid reply token") → the first
   * was used, or the token ran out → unknown. A 5xx, 429 or network failure of the retry itself is tried again
   * with the same token, briefly (within half the lease and while the token is fresh): LINE accepts a token only
   * once, so no try can show the answer twice. Never followed by a push.
   */
  private async retryInDoubtReply(item: Item, transcript: Promise<void>): Promise<void> {
    const until = Math.min(item.replyTokenExpiresAt?.getTime() ?? 0, Date.now() + this.leaseMs / 2);
    for (let n = 1; ; n++) {
      let replied: { requestId?: string };
      try {
        replied = await this.line.reply(item.replyToken ?? '', item.messages as LineMessage[]);
      } catch (err) {
        const retryable = err instanceof LineNetworkError || (err instanceof LineApiError && err.retryable);
        const wait = backoff(n, IN_DOUBT_RETRY_BASE_MS, IN_DOUBT_RETRY_MAX_MS);
        if (!retryable || this.stopped || Date.now() + wait >= until) {
          return this.finish(item, 'unknown', transcript, { lastError: `in-doubt reply tried again with its token: ${describe(err)}` });
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // Outside the try: a failure to record what LINE accepted is never taken for LINE's.
      return this.finish(item, 'sent', transcript, { via: 'reply', lineRequestId: replied.requestId });
    }
  }

  /**
   * Records the final state of a delivery in the outbox and the conversation record. LINE's answer is known at
   * this point, so a failing database write is retried (until the outbox stops); it is never taken for a failed
   * send. If it cannot be written at all, the lease runs out: a push is then pushed again (LINE answers 409),
   * a reply becomes `unknown` — neither is ever sent twice.
   */
  private async finish(item: Item, status: Final, transcript: Promise<void>, extra: Record<string, unknown>): Promise<void> {
    const id = item._id;
    await this.persist(`record ${status}`, async () => {
      await transcript.catch(() => undefined);
      // Both writes are idempotent and independent: sent together, and with other deliveries' outcomes.
      await this.outcomes.add([
        {
          id,
          set: { status, ...extra, ...(status === 'sent' ? { sentAt: new Date() } : {}) },
          unset: { leaseUntil: 1, attempting: 1, replyToken: 1, ...(status === 'sent' ? { lastError: 1 } : {}) },
          transcript: transcriptOps(item, status),
        },
      ]);
    });
    if (status === 'unknown') this.log.warn({ outgoing: String(id), err: extra.lastError }, 'reply outcome unknown; not sent again');
    else this.log.debug({ outgoing: String(id), via: extra.via, lineRequestId: extra.lineRequestId }, 'delivered');
  }

  private async pushFailed(item: Item, attempts: number, err: unknown, transcript: Promise<void>): Promise<void> {
    const id = item._id;
    const retryable = err instanceof LineNetworkError || (err instanceof LineApiError && err.retryable);
    const requestId = err instanceof LineApiError ? err.requestId : undefined;
    if (!retryable || attempts >= this.opts.maxAttempts) {
      await this.finish(item, 'failed', transcript, { lastError: describe(err), lineRequestId: requestId });
      this.log.error({ outgoing: String(id), attempts, lineRequestId: requestId, err: describe(err) }, 'delivery failed; given up');
      return;
    }
    const delay = backoff(attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs);
    await Promise.all([
      OutgoingMessage.updateOne(
        { _id: id },
        {
          $set: { nextAttemptAt: new Date(Date.now() + delay), lastError: describe(err), lineRequestId: requestId },
          $unset: { leaseUntil: 1, attempting: 1, replyToken: 1 },
        },
      ),
      // Waiting for the next attempt: the answer shows in the conversation record as pending meanwhile.
      this.recordTranscript(item, 'pending'),
    ]);
    this.log.warn({ outgoing: String(id), attempts, retryInMs: delay, lineRequestId: requestId, err: describe(err) }, 'delivery will be retried');
    this.later(delay, () => this.deliver(id));
  }

  /**
   * Writes the delivery's messages into the conversation record with their delivery status: one upsert per
   * message keyed by {outgoingId, outgoingIndex}, so a crash and a second attempt never show an answer twice
   * and an answer whose first write was lost still appears.
   */
  private async recordTranscript(item: Item, deliveryStatus: 'pending' | Final): Promise<void> {
    await ConversationMessage.bulkWrite(transcriptOps(item, deliveryStatus), { ordered: false });
  }

  /** Runs a database write until it succeeds, with growing pauses; gives up (throws) once the outbox stops. */
  private async persist(what: string, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (this.stopped || attempt >= 60) throw err;
        this.log.warn({ err: (err as Error).message, attempt }, `${what}: database write failed; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(2000, 50 * 2 ** attempt)));
      }
    }
  }

  /** Delivers every due delivery and resolves abandoned attempts (after a restart, or when a retry timer was lost). */
  async sweep(): Promise<void> {
    const now = new Date();
    const due = await OutgoingMessage.find(
      { status: 'pending', $or: [{ attempting: null, nextAttemptAt: { $lte: now } }, { leaseUntil: { $lt: now } }] },
      { _id: 1 },
    )
      .sort({ nextAttemptAt: 1 })
      .limit(200)
      .lean();
    for (const d of due) {
      if (this.stopped) return;
      await this.track(this.deliver(d._id));
    }
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
    for (const t of this.timers.keys()) clearTimeout(t);
    this.timers.clear();
    this.notifyChanged();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Resolves once this outbox has nothing to do: no attempt or sweep under way and no retry scheduled before
   * `retriesWithinMs` from now (by default every scheduled retry counts, so the retries run out first). It is
   * the signal tests wait on before asserting that nothing more was sent; a retry that keeps being scheduled
   * keeps it from resolving. The periodic sweep is not work; work left by another instance is not seen.
   */
  async whenIdle(opts: { retriesWithinMs?: number } = {}): Promise<void> {
    const horizon = Date.now() + (opts.retriesWithinMs ?? Infinity);
    for (;;) {
      const retryDue = [...this.timers.values()].some((dueAt) => dueAt <= horizon);
      if (this.inFlight.size === 0 && !retryDue) return;
      await new Promise<void>((resolve) => this.changed.push(resolve));
    }
  }

  private later(ms: number, fn: () => Promise<void>): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      // Tracked before the timer is forgotten, so `whenIdle` never sees a gap between the two.
      this.track(fn()).catch((err) => this.log.error({ err }, 'outbox retry failed'));
      this.timers.delete(t);
    }, ms);
    this.timers.set(t, Date.now() + ms);
  }

  private track(p: Promise<void>): Promise<void> {
    this.inFlight.add(p);
    return p.finally(() => {
      this.inFlight.delete(p);
      this.notifyChanged();
    });
  }

  private notifyChanged(): void {
    for (const resolve of this.changed.splice(0)) resolve();
  }
}

/** The conversation record's upserts for a delivery's messages, keyed by delivery and position. */
function transcriptOps(item: Item, deliveryStatus: 'pending' | Final) {
  const messages = item.messages as LineMessage[];
  return messages.map((m, i) => ({
    updateOne: {
      filter: { outgoingId: item._id, outgoingIndex: i },
      update: {
        $setOnInsert: {
          lineUserId: item.to,
          direction: 'out',
          type: m.type,
          text: 'text' in m && typeof m.text === 'string' ? m.text : m.type === 'flex' ? (m as { altText: string }).altText : undefined,
          payload: m,
          at: item.createdAt ?? new Date(),
          sender: item.sender ?? 'bot',
          ...(deliveryStatus === 'pending' ? { deliveryStatus } : {}),
        },
        ...(deliveryStatus === 'pending' ? {} : { $set: { deliveryStatus } }),
      },
      upsert: true,
    },
  }));
}

/** A delivery's outcome, as recorded by `finish`. */
interface Outcome {
  id: Types.ObjectId;
  set: Record<string, unknown>;
  unset: Record<string, 1>;
  transcript: ReturnType<typeof transcriptOps>;
}

/** Exponential backoff with jitter: between half and all of base·2^(attempt−1), capped. */
export function backoff(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function tokenIsFresh(item: Pick<Item, 'replyToken' | 'replyTokenExpiresAt'>, now: number): boolean {
  return !!item.replyToken && !!item.replyTokenExpiresAt && item.replyTokenExpiresAt.getTime() > now;
}

function describe(err: unknown): string {
  if (err instanceof LineApiError) return `${err.message}: ${err.body.slice(0, 300)}`;
  return err instanceof Error ? err.message : String(err);
}
