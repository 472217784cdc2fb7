/**
 * Events that claim a type but lack what that type carries (a message event without `message`, a postback
 * without `postback.data`, …). LINE does not send them, but a proxy, a test tool or a future format might; the
 * bot must not throw on them (a throw is retried and holds up the user's later events). They are answered once
 * with a short apology, or ignored.
 */
import type { webhook } from '@line/bot-sdk';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why an event cannot be read, or undefined when it can (unknown event and message types can be: they are ignored). */
export function malformedReason(event: webhook.Event): string | undefined {
  const e = event as unknown as Record<string, unknown>;
  if (e.source !== undefined && !isObject(e.source)) return 'source is not an object';
  if (e.type === 'message') {
    const m = e.message;
    if (!isObject(m)) return 'message event without message';
    if (typeof m.type !== 'string') return 'message without type';
    if (m.type === 'text' && typeof m.text !== 'string') return 'text message without text';
    if (m.type === 'location' && (typeof m.latitude !== 'number' || typeof m.longitude !== 'number')) return 'location without coordinates';
    if (m.type === 'image' && typeof m.id !== 'string') return 'image without id';
  }
  if (e.type === 'postback') {
    if (!isObject(e.postback)) return 'postback event without postback';
    if (typeof e.postback.data !== 'string') return 'postback without data';
    if (e.postback.params !== undefined && !isObject(e.postback.params)) return 'postback params is not an object';
  }
  return undefined;
}

/** Whether the sender of this event expects an answer (a citizen's message or button in a one-to-one chat). */
export function expectsAnswer(event: webhook.Event): boolean {
  const e = event as unknown as { type?: unknown; source?: { type?: unknown; userId?: unknown }; replyToken?: unknown };
  return (
    (e.type === 'message' || e.type === 'postback') &&
    e.source?.type === 'user' &&
    typeof e.source.userId === 'string' &&
    typeof e.replyToken === 'string'
  );
}
