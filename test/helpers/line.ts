/**
 * Test helpers for driving the real webhook: LINE-shaped events, signed exactly as LINE signs them.
 */
import { createHmac, randomUUID } from 'node:crypto';

export const TEST_SECRET = 'test-channel-secret';
export const TEST_TOKEN = 'test-access-token';
/** LINE's API as the tests see it; nock answers at these hosts. */
export const LINE_API = 'https://line-api.test';
export const LINE_DATA_API = 'https://line-data.test';

/** The environment a test bot runs with (LINE pointed at nock's hosts, fast timers). */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LINE_CHANNEL_SECRET: TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_TOKEN,
    LINE_API_BASE_URL: LINE_API,
    LINE_DATA_API_BASE_URL: LINE_DATA_API,
    INBOX_SETTLE_MS: '20',
    INBOX_SWEEP_MS: '200',
    OUTBOX_BACKOFF_BASE_MS: '20',
    OUTBOX_BACKOFF_MAX_MS: '100',
    LINE_TIMEOUT_MS: '2000',
    ...overrides,
  };
}

/** X-Line-Signature for a raw body. */
export function sign(body: string, secret = TEST_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

// Event times follow the real clock and never go backwards, as LINE's do, so transcripts and idle times read true.
let clock = Date.now() - 60_000;

interface EventOpts {
  timestamp?: number;
  webhookEventId?: string;
  replyToken?: string;
  redelivery?: boolean;
}

function base(userId: string, o: EventOpts) {
  clock = Math.max(clock + 1, Date.now());
  return {
    timestamp: o.timestamp ?? clock,
    webhookEventId: o.webhookEventId ?? `01J${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
    mode: 'active',
    source: { type: 'user', userId },
    deliveryContext: { isRedelivery: o.redelivery ?? false },
  };
}

export function textEvent(userId: string, text: string, o: EventOpts = {}) {
  return {
    type: 'message',
    ...base(userId, o),
    replyToken: o.replyToken ?? randomUUID().replace(/-/g, ''),
    message: { type: 'text', id: String(Math.floor(Math.random() * 1e15)), quoteToken: 'q', text },
  };
}

export function messageEvent(userId: string, message: Record<string, unknown>, o: EventOpts = {}) {
  return {
    type: 'message',
    ...base(userId, o),
    replyToken: o.replyToken ?? randomUUID().replace(/-/g, ''),
    message: { id: String(Math.floor(Math.random() * 1e15)), ...message },
  };
}

export function postbackEvent(userId: string, data: string, params?: Record<string, string>, o: EventOpts = {}) {
  return {
    type: 'postback',
    ...base(userId, o),
    replyToken: o.replyToken ?? randomUUID().replace(/-/g, ''),
    postback: { data, ...(params ? { params } : {}) },
  };
}

export function followEvent(userId: string, o: EventOpts = {}) {
  return { type: 'follow', ...base(userId, o), replyToken: o.replyToken ?? randomUUID().replace(/-/g, ''), follow: { isUnblocked: false } };
}

export function unfollowEvent(userId: string, o: EventOpts = {}) {
  return { type: 'unfollow', ...base(userId, o) };
}

/** The citizen unsent message `messageId` (LINE's unsend event: no reply token). */
export function unsendEvent(userId: string, messageId: string, o: EventOpts = {}) {
  return { type: 'unsend', ...base(userId, o), unsend: { messageId } };
}

/** A webhook body with these events. */
export function callback(...events: object[]): string {
  return JSON.stringify({ destination: 'Ubot', events });
}
