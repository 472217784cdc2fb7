/**
 * Builds webhook events the way LINE's platform does (field names, ids, tokens), and signs a webhook body the
 * way LINE signs it. Pure functions: the simulator supplies the reply token, ids and clock.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** What a simulated user does in the chat. */
export type UserAction =
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string; displayText?: string; params?: PostbackParams }
  | { kind: 'sticker'; packageId: string; stickerId: string; keywords?: string[] }
  | { kind: 'location'; latitude: number; longitude: number; title?: string; address?: string }
  | { kind: 'image'; contentType: string; data: Buffer }
  | { kind: 'follow' }
  | { kind: 'unfollow' };

/** What LINE puts in `postback.params` for a datetime picker (one of them, by mode). */
export interface PostbackParams {
  date?: string;
  time?: string;
  datetime?: string;
}

export interface EventContext {
  userId: string;
  /** Ms since epoch. */
  timestamp: number;
  /** For events that can be answered (not for unfollow). */
  replyToken?: string;
  /** For message events. */
  messageId?: string;
  /** For follow: the user had blocked the account before. */
  isUnblocked?: boolean;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID (26 chars: 48-bit time, 80 random bits), like LINE's `webhookEventId`. */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const rnd = randomBytes(16);
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[rnd[i] % 32];
  return time + rest;
}

/** A message id like LINE's (an 18-digit decimal string). */
export function messageId(): string {
  return `5${Date.now().toString().padStart(13, '0')}${String(randomBytes(2).readUInt16BE() % 10000).padStart(4, '0')}`;
}

/** X-Line-Signature: HMAC-SHA256 of the raw body with the channel secret, base64. */
export function signBody(body: string, channelSecret: string): string {
  return createHmac('sha256', channelSecret).update(body).digest('base64');
}

/** The webhook body LINE posts for these events. */
export function webhookBody(destination: string, events: object[]): string {
  return JSON.stringify({ destination, events });
}

/** Builds the webhook event for one user action. */
export function buildEvent(action: UserAction, ctx: EventContext): Record<string, unknown> {
  const base = {
    timestamp: ctx.timestamp,
    webhookEventId: ulid(ctx.timestamp),
    mode: 'active',
    source: { type: 'user', userId: ctx.userId },
    deliveryContext: { isRedelivery: false },
  };
  const quoteToken = () => randomBytes(24).toString('base64url');
  const markAsReadToken = `${ctx.userId}.${randomBytes(8).toString('hex')}`;
  const msg = (content: Record<string, unknown>) => ({
    type: 'message',
    ...base,
    replyToken: ctx.replyToken,
    message: { id: ctx.messageId ?? messageId(), ...content, markAsReadToken },
  });
  switch (action.kind) {
    case 'text':
      return msg({ type: 'text', quoteToken: quoteToken(), text: action.text });
    case 'sticker':
      return msg({
        type: 'sticker',
        quoteToken: quoteToken(),
        packageId: action.packageId,
        stickerId: action.stickerId,
        stickerResourceType: 'STATIC',
        ...(action.keywords ? { keywords: action.keywords } : {}),
      });
    case 'location':
      return msg({
        type: 'location',
        ...(action.title ? { title: action.title } : {}),
        address: action.address ?? `${action.latitude.toFixed(6)}, ${action.longitude.toFixed(6)}`,
        latitude: action.latitude,
        longitude: action.longitude,
      });
    case 'image':
      return msg({ type: 'image', quoteToken: quoteToken(), contentProvider: { type: 'line' } });
    case 'postback':
      return {
        type: 'postback',
        ...base,
        replyToken: ctx.replyToken,
        postback: { data: action.data, ...(action.params && Object.keys(action.params).length > 0 ? { params: action.params } : {}) },
      };
    case 'follow':
      return { type: 'follow', ...base, replyToken: ctx.replyToken, follow: { isUnblocked: ctx.isUnblocked ?? false } };
    case 'unfollow':
      return { type: 'unfollow', ...base };
  }
}
