/**
 * The inbox: webhook events are validated and stored (unique on `webhookEventId`) before LINE is acknowledged.
 * A duplicate or redelivered event is stored nothing new and is not processed again.
 */
import type { webhook } from '@line/bot-sdk';
import { z } from 'zod';
import { InboxEvent } from '../db/models/inboxEvent';

/** The LINE console's Verify button sends these reply tokens; such events are acknowledged and ignored. */
const DUMMY_REPLY_TOKENS = new Set(['00000000000000000000000000000000', 'ffffffffffffffffffffffffffffffff']);

const eventShape = z
  .object({
    type: z.string().min(1),
    timestamp: z.number().int().nonnegative(),
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
  if (s.type === 'group') return s.groupId;
  if (s.type === 'room') return s.roomId;
  return s.userId ?? 'channel';
}

/** Stores the events that are new; returns the lanes that got new events. */
export async function storeEvents(events: webhook.Event[]): Promise<string[]> {
  const real = events.filter((e) => !('replyToken' in e && typeof e.replyToken === 'string' && DUMMY_REPLY_TOKENS.has(e.replyToken)));
  if (real.length === 0) return [];
  const docs = real.map((e) => ({
    webhookEventId: e.webhookEventId,
    lane: laneOf(e),
    type: e.type,
    timestamp: new Date(e.timestamp),
    isRedelivery: e.deliveryContext?.isRedelivery ?? false,
    event: e,
  }));
  const lanes = new Set<string>();
  try {
    const inserted = await InboxEvent.insertMany(docs, { ordered: false });
    for (const d of inserted) lanes.add(d.lane);
  } catch (err) {
    const e = err as { writeErrors?: { code?: number; err?: { code?: number } }[]; insertedDocs?: { lane: string }[]; code?: number };
    const codes = (e.writeErrors ?? [{ code: e.code }]).map((w) => w.code ?? w.err?.code);
    if (!codes.every((c) => c === 11000)) throw err;
    for (const d of e.insertedDocs ?? []) lanes.add(d.lane);
  }
  return [...lanes];
}
