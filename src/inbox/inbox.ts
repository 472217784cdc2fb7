/**
 * The inbox: webhook events are validated and stored (unique on `webhookEventId`) before LINE is acknowledged.
 * A duplicate or redelivered event is stored nothing new and is not processed again. Validation rejects what
 * could not be stored (so a 400 never hides a lost event); any failure to store is thrown, so the webhook
 * answers 5xx and LINE sends the events again.
 */
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import { InboxEvent } from '../db/models/inboxEvent';
import { GroupCommit } from '../db/groupCommit';
import { isDuplicateKey } from '../db/errors';

/** 9999-12-31T23:59:59.999Z: later timestamps are not a real event's time and some cannot be stored as dates. */
const MAX_TIMESTAMP = 253_402_300_799_999;

/** The LINE console's Verify button sends these reply tokens; such events are acknowledged and ignored. */
const DUMMY_REPLY_TOKENS = new Set(['00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff']);

const eventShape = z
  .object({
    type: z.string().min(1).max(100),
    // Milliseconds since 1970; a date must be representable (JavaScript and BSON dates end at 8.64e15).
    timestamp: z.number().int().nonnegative().max(MAX_TIMESTAMP),
    webhookEventId: z.string().min(1).max(100),
    mode: z.string().optional(),
    replyToken: z.string().optional(),
    source: z
      .object({
        type: z.enum(['user', 'group', 'room']),
        userId: z.string().min(1).optional(),
        groupId: z.string().min(1).optional(),
        roomId: z.string().min(1).optional(),
      })
      .loose()
      .optional(),
    deliveryContext: z.object({ isRedelivery: z.boolean() }).loose().optional(),
  })
  .loose();

const callbackShape = z.object({ destination: z.string().optional(), events: z.array(eventShape).max(1000) }).loose();

/** The webhook body is not a LINE callback request (wrong shape). */
export class MalformedWebhookError extends Error {
  override name = 'MalformedWebhookError';
}

/** Checks the shape of a parsed webhook body; throws `MalformedWebhookError` naming the first problem. */
export function parseCallback(body: unknown): webhook.Event[] {
  const r = callbackShape.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new MalformedWebhookError(`${i.path.join('.') || 'body'}: ${i.message}`);
  }
  return r.data.events as unknown as webhook.Event[];
}

/** The conversation an event belongs to: its user, group or room. */
export function laneOf(event: webhook.Event): string {
  const s = event.source;
  if (!s) return 'channel';
  if (s.type === 'group') return s.groupId ?? 'channel';
  if (s.type === 'room') return s.roomId ?? 'channel';
  return s.userId ?? 'channel';
}

/**
 * Stores the events that are new; returns the lanes of all the stored events (new or stored before), so that
 * the worker looks at them. Throws unless every event is stored (now or before): only duplicate-key errors
 * (the event is stored already) are expected; an error list that is empty (a connection failure during the bulk
 * insert) or names anything else is a failure.
 */
export async function storeEvents(events: webhook.Event[]): Promise<string[]> {
  return storeDocs(toInboxDocs(events));
}

/** Stores documents made by `toInboxDocs` in one bulk insert (see `storeEvents`). */
export async function storeDocs(docs: InboxDoc[]): Promise<string[]> {
  if (docs.length === 0) return [];
  try {
    // The documents are complete (defaults set, shape checked by `toInboxDocs`): no mongoose casting per document.
    await InboxEvent.insertMany(docs, { ordered: false, lean: true });
  } catch (err) {
    // Only "every event was stored before" is fine; an empty error list or any other error is a failure.
    if (!isDuplicateKey(err)) throw err;
  }
  return [...new Set(docs.map((d) => d.lane))];
}

/**
 * Group commit for the webhook: the events of webhook requests that arrive while a bulk insert is under way are
 * stored together by the next one, so one durable write acknowledges many requests. A request's promise settles
 * with its batch: resolved when every event of the batch is stored, rejected otherwise (→ 503 for every request
 * of the batch; LINE sends them again and duplicates are harmless).
 */
export class InboxCommitter {
  private readonly group: GroupCommit<InboxDoc>;

  constructor(write: (docs: InboxDoc[]) => Promise<unknown> = storeDocs) {
    // A write not back within 5 s (the driver's own server selection gives up by then) no longer holds the
    // webhook: its requests have long had their 503, and the next requests are stored by a write of their own.
    this.group = new GroupCommit(async (docs) => void (await write(docs)), { name: 'inbox', writeDeadlineMs: 5000 });
  }

  /** Resolves once `docs` are durably stored. */
  async store(docs: InboxDoc[]): Promise<void> {
    await this.group.add(docs);
  }
}

/** An inbox document as stored (defaults included). */
export type InboxDoc = {
  webhookEventId: string;
  lane: string;
  type: string;
  timestamp: Date;
  isRedelivery: boolean;
  event: webhook.Event;
  status: 'pending';
  attempts: number;
  receivedAt: Date;
};

/** A lane that got new events, with the earliest of their times (LINE's `timestamp`, ms). */
export interface StoredLane {
  lane: string;
  firstTimestamp: number;
}

/** Lanes with the earliest event time seen for each, gathered before the worker is told. */
export class StoredLanes {
  private readonly first = new Map<string, number>();

  add(lane: string, timestamp: number): void {
    this.first.set(lane, Math.min(this.first.get(lane) ?? Infinity, timestamp));
  }

  get size(): number {
    return this.first.size;
  }

  /** The lanes gathered so far, and a fresh start. */
  take(): StoredLane[] {
    const lanes = [...this.first].map(([lane, firstTimestamp]) => ({ lane, firstTimestamp }));
    this.first.clear();
    return lanes;
  }
}

/** The lanes of stored documents, each with its earliest event time (what the worker is told). */
export function storedLanes(docs: InboxDoc[]): StoredLane[] {
  const lanes = new StoredLanes();
  for (const d of docs) lanes.add(d.lane, d.timestamp.getTime());
  return lanes.take();
}

/**
 * The inbox documents for a webhook's events (the console's Verify events left out), complete with the schema's
 * defaults. `parseCallback` has checked every field the schema requires (strings present, a timestamp that is a
 * storable date), so an event that could not be stored is a `MalformedWebhookError` (400) there, before anything
 * is written.
 */
export function toInboxDocs(events: webhook.Event[]): InboxDoc[] {
  const receivedAt = new Date();
  return events
    .filter((e) => !('replyToken' in e && typeof e.replyToken === 'string' && DUMMY_REPLY_TOKENS.has(e.replyToken)))
    .map((e) => ({
      webhookEventId: e.webhookEventId,
      lane: laneOf(e),
      type: e.type,
      timestamp: new Date(e.timestamp),
      isRedelivery: e.deliveryContext?.isRedelivery ?? false,
      event: e,
      status: 'pending' as const,
      attempts: 0,
      receivedAt,
    }));
}
