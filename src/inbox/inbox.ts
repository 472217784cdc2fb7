/**
 * The inbox: webhook events are validated and stored (unique on `webhookEventId`) before LINE is acknowledged.
 * A duplicate or redelivered event is stored nothing new and is not processed again. Validation rejects what
 * could not be stored (so a 400 never hides a lost event); any failure to store is thrown, so the webhook
 * answers 5xx and LINE sends the events again.
 */
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import { InboxEvent } from '../db/models/inboxEvent';
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
      .object({ type: z.enum(['user', 'group', 'room']), userId: z.string().optional(), groupId: z.string().optional(), roomId: z.string().optional() })
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
  return storeDocs(await toInboxDocs(events));
}

/** Stores documents made by `toInboxDocs` (see `storeEvents`). */
export async function storeDocs(docs: InboxDoc[]): Promise<string[]> {
  if (docs.length === 0) return [];
  try {
    await InboxEvent.insertMany(docs, { ordered: false });
  } catch (err) {
    // Only "every event was stored before" is fine; an empty error list or any other error is a failure.
    if (!isDuplicateKey(err)) throw err;
  }
  return [...new Set(docs.map((d) => d.lane))];
}

/** An inbox document before it is stored. */
export type InboxDoc = { webhookEventId: string; lane: string; type: string; timestamp: Date; isRedelivery: boolean; event: webhook.Event };

/**
 * The inbox documents for a webhook's events (the console's Verify events left out), each checked against the
 * schema first: an event that could not be stored throws `MalformedWebhookError` (400), before anything is
 * written.
 */
export async function toInboxDocs(events: webhook.Event[]): Promise<InboxDoc[]> {
  const real = events.filter((e) => !('replyToken' in e && typeof e.replyToken === 'string' && DUMMY_REPLY_TOKENS.has(e.replyToken)));
  const docs = real.map((e) => ({
    webhookEventId: e.webhookEventId,
    lane: laneOf(e),
    type: e.type,
    timestamp: new Date(e.timestamp),
    isRedelivery: e.deliveryContext?.isRedelivery ?? false,
    event: e,
  }));
  for (const [i, d] of docs.entries()) {
    try {
      await new InboxEvent(d).validate();
    } catch (err) {
      throw new MalformedWebhookError(`events.${i}: ${(err as Error).message}`);
    }
  }
  return docs;
}
