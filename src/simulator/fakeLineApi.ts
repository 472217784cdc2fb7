/**
 * A local stand-in for LINE's Messaging API, at the HTTP level: the bot's real LINE client (the SDK) talks to it
 * exactly as it would talk to LINE. It keeps what the bot sent to each user in memory and tells subscribers.
 *
 * Endpoints (relative to where `router` is mounted; mount the same router as the API and as the data API base):
 *   POST /v2/bot/message/reply          reply tokens are single use and expire
 *   POST /v2/bot/message/push           `X-Line-Retry-Key` (UUID): the same key again → 409 with the sent ids
 *   POST /v2/bot/chat/loading/start     202
 *   POST /v2/bot/chat/markAsRead        (by token) 200
 *   POST /v2/bot/message/markAsRead     (by user) 200
 *   GET  /v2/bot/profile/:userId        the simulated user's profile, 404 for unknown users
 *   GET  /v2/bot/info                   the simulated bot
 *   GET  /v2/bot/message/:id/content    bytes of an image a simulated user sent, 404 otherwise
 * Every call needs `Authorization: Bearer <channelAccessToken>` (401 otherwise); errors have LINE's shape
 * `{ message, details? }`; every answer carries `x-line-request-id`.
 *
 * Standalone use (e.g. a benchmark on its own port):
 *   const line = createFakeLineApi({ channelAccessToken: 'x', acceptUnknownReplyTokens: true });
 *   express().use(line.router).listen(9000);   // LINE_API_BASE_URL = LINE_DATA_API_BASE_URL = http://127.0.0.1:9000
 */
import { EventEmitter } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import { validateMessages, type ValidationDetail } from './lineValidation';

/** A LINE message object as the bot sent it (plain JSON). */
export type LineMessageJson = Record<string, unknown> & { type: string };

/** One message the bot sent, as the stand-in recorded it. */
export interface SentMessage {
  /** LINE's message id (numeric string), as returned in `sentMessages`. */
  id: string;
  /** The user it was sent to; `unknown` for a reply with a token the stand-in did not issue. */
  userId: string;
  /** When it was accepted (ms since epoch). */
  at: number;
  via: 'reply' | 'push';
  /** `x-line-request-id` of the request that carried it. */
  requestId: string;
  /** Position in that request (0–4). */
  index: number;
  message: LineMessageJson;
}

export interface SimulatedProfile {
  displayName: string;
  language?: string;
  pictureUrl?: string;
  statusMessage?: string;
}

/** What subscribers hear about. */
export interface FakeLineApiEvents {
  /** A message the bot sent (one per message, in order). */
  message: SentMessage;
  /** The bot started the loading animation in a chat. */
  loading: { userId: string; seconds: number; at: number };
  /** The bot marked a user's messages as read. */
  read: { userId?: string; markAsReadToken?: string; at: number };
  /** Every call, after it was answered (for logs and benchmarks). */
  call: { endpoint: Endpoint; status: number; requestId: string; at: number };
}

export type Endpoint = 'reply' | 'push' | 'loading' | 'markAsRead' | 'profile' | 'botInfo' | 'content' | 'unknown';

export interface FakeLineApiOptions {
  channelAccessToken: string;
  /** How long an issued reply token can be used (LINE: about a minute). Default 60 s. */
  replyTokenTtlMs?: number;
  /**
   * Accept reply tokens the stand-in did not issue (each still only once). For standalone use, when the events
   * are made elsewhere; such replies are recorded under the user `unknown`. Default false (LINE's behaviour).
   */
  acceptUnknownReplyTokens?: boolean;
  /** Messages kept per user (oldest dropped first). Default 500. */
  historyPerUser?: number;
  /** Users whose history is kept (least recently active dropped first). Default 1000. */
  maxUsers?: number;
  /** Bytes of user-sent content kept (oldest dropped first). Default 64 MB. */
  maxContentBytes?: number;
  /** The bot's profile for GET /v2/bot/info. */
  bot?: { userId?: string; displayName?: string; basicId?: string };
}

export interface FakeLineApi {
  /** The HTTP stand-in; mount it at the API base and at the data API base (or at `/` for both). */
  readonly router: Router;
  /** A fresh reply token for an event from `userId` (what LINE puts in `replyToken`). */
  issueReplyToken(userId: string): string;
  /** Makes `userId` a known user: GET /v2/bot/profile answers with this. */
  setProfile(userId: string, profile: SimulatedProfile): void;
  /** Keeps the bytes of a message a user sent, for GET /v2/bot/message/:id/content. */
  putContent(messageId: string, data: Buffer, contentType: string): void;
  /** What the bot sent to `userId`, oldest first (a copy). */
  messagesFor(userId: string): SentMessage[];
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof FakeLineApiEvents>(event: K, listener: (e: FakeLineApiEvents[K]) => void): () => void;
  /** Resolves with the next message the bot sends to `userId` (rejects after `timeoutMs`, default 5 s). */
  nextMessage(userId: string, timeoutMs?: number): Promise<SentMessage>;
  /** Number of calls answered per endpoint and status, e.g. `{ 'reply 200': 3, 'push 409': 1 }`. */
  stats(): Record<string, number>;
  /** Forgets all messages, tokens, retry keys and counters (profiles and content stay). */
  reset(): void;
}

const RETRY_KEY_TTL_MS = 24 * 3600 * 1000;
// Memory bounds for a long-running stand-in. Tokens are also dropped once expired, so the map holds about a
// minute of them: 500,000 covers over 8,000 events a second (the benchmark's floods reach 4,000). A smaller cap
// turned live tokens into "Invalid reply token" under a flood: 20,000 was six seconds of it.
const MAX_RETRY_KEYS = 200_000;
const MAX_REPLY_TOKENS = 500_000;
const ROUTES: [string, RegExp, Endpoint][] = [
  ['POST', /^\/v2\/bot\/message\/reply$/, 'reply'],
  ['POST', /^\/v2\/bot\/message\/push$/, 'push'],
  ['POST', /^\/v2\/bot\/chat\/loading\/start$/, 'loading'],
  ['POST', /^\/v2\/bot\/(chat|message)\/markAsRead$/, 'markAsRead'],
  ['GET', /^\/v2\/bot\/profile\/[^/]+$/, 'profile'],
  ['GET', /^\/v2\/bot\/info$/, 'botInfo'],
  ['GET', /^\/v2\/bot\/message\/[^/]+\/content$/, 'content'],
];

/** Names the endpoint of a request (for counters and `call` events). */
function endpointOf(method: string, path: string): Endpoint {
  return ROUTES.find(([m, re]) => m === method && re.test(path))?.[2] ?? 'unknown';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** LINE's error answer. */
class LineHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: ValidationDetail[],
  ) {
    super(message);
  }
}

interface ReplyTokenState {
  userId: string;
  expiresAt: number;
  used: boolean;
}

interface AcceptedRetryKey {
  at: number;
  requestId: string;
  sentMessages: { id: string; quoteToken: string }[];
}

/** Creates a stand-in for LINE's Messaging API. */
export function createFakeLineApi(opts: FakeLineApiOptions): FakeLineApi {
  const replyTokenTtlMs = opts.replyTokenTtlMs ?? 60_000;
  const historyPerUser = opts.historyPerUser ?? 500;
  const maxUsers = opts.maxUsers ?? 1000;
  const maxContentBytes = opts.maxContentBytes ?? 64 * 1024 * 1024;
  const bot = {
    userId: opts.bot?.userId ?? `U${'0'.repeat(31)}1`,
    basicId: opts.bot?.basicId ?? '@chaeson-sim',
    displayName: opts.bot?.displayName ?? 'ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน',
  };

  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const histories = new Map<string, SentMessage[]>();
  const replyTokens = new Map<string, ReplyTokenState>();
  const tokenExpired = (t: ReplyTokenState) => t.expiresAt < Date.now();
  const retryKeys = new Map<string, AcceptedRetryKey>();
  const profiles = new Map<string, SimulatedProfile>();
  const contents = new Map<string, { data: Buffer; contentType: string }>();
  let contentBytes = 0;
  let counters: Record<string, number> = {};
  let messageSeq = 0n;

  const newMessageId = () => {
    // LINE's ids are 18-digit decimal strings that grow over time.
    messageSeq += 1n;
    return (BigInt(Date.now()) * 100000n + (messageSeq % 100000n)).toString().padStart(18, '5');
  };
  const newRequestId = () => randomUUID();
  const quoteToken = () => randomBytes(24).toString('base64url');

  function record(userId: string, m: SentMessage): void {
    let h = histories.get(userId);
    if (h)
      histories.delete(userId); // re-insert: the Map's order is least recently active first
    else h = [];
    h.push(m);
    if (h.length > historyPerUser) h.splice(0, h.length - historyPerUser);
    histories.set(userId, h);
    while (histories.size > maxUsers) histories.delete(histories.keys().next().value as string);
    emitter.emit('message', m);
  }

  function accept(userId: string, via: 'reply' | 'push', messages: LineMessageJson[], requestId: string) {
    const at = Date.now();
    const sent = messages.map((message, index) => ({ id: newMessageId(), quoteToken: quoteToken(), message, index }));
    for (const s of sent) record(userId, { id: s.id, userId, at, via, requestId, index: s.index, message: s.message });
    return sent.map(({ id, quoteToken: q }) => ({ id, quoteToken: q }));
  }

  /**
   * Drops the expired entries and the oldest past `max`. Entries expire in the order they were added (a fixed life
   * from when each was added), so only the front of the Map is looked at: constant time per call on average.
   */
  function prune<V>(map: Map<string, V>, max: number, expired: (v: V) => boolean): void {
    for (const [k, v] of map) {
      if (map.size > max || expired(v)) map.delete(k);
      else break;
    }
  }

  const auth: RequestHandler = (req, _res, next) => {
    const h = req.get('authorization');
    if (!h || !/^Bearer\s+/i.test(h)) {
      return next(new LineHttpError(401, "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"));
    }
    if (h.replace(/^Bearer\s+/i, '') !== opts.channelAccessToken) {
      return next(new LineHttpError(401, 'Authentication failed. Confirm that the access token in the authorization header is valid.'));
    }
    next();
  };

  const body = (req: Request): Record<string, unknown> => {
    if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [{ message: 'Must be an object', property: 'body' }]);
    }
    return req.body as Record<string, unknown>;
  };

  const checkMessages = (b: Record<string, unknown>): LineMessageJson[] => {
    const details = validateMessages(b.messages);
    if (details.length > 0) throw new LineHttpError(400, `The request body has ${details.length} error(s)`, details);
    return b.messages as LineMessageJson[];
  };

  const router = express.Router();
  router.use((req, res, next) => {
    const requestId = newRequestId();
    const name = endpointOf(req.method, req.path);
    res.locals.requestId = requestId;
    res.setHeader('x-line-request-id', requestId);
    res.on('finish', () => {
      counters[`${name} ${res.statusCode}`] = (counters[`${name} ${res.statusCode}`] ?? 0) + 1;
      emitter.emit('call', { endpoint: name, status: res.statusCode, requestId, at: Date.now() });
    });
    next();
  });
  router.use(auth);
  router.use(express.json({ limit: '2mb', type: () => true }));

  router.post('/v2/bot/message/reply', (req, res) => {
    const requestId = res.locals.requestId as string;
    const b = body(req);
    if (typeof b.replyToken !== 'string' || b.replyToken === '') {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [{ message: 'May not be empty', property: 'replyToken' }]);
    }
    const messages = checkMessages(b);
    const token = replyTokens.get(b.replyToken);
    let userId: string;
    if (token) {
      if (token.used || token.expiresAt < Date.now()) throw new LineHttpError(400, 'Invalid reply token');
      token.used = true;
      userId = token.userId;
    } else if (opts.acceptUnknownReplyTokens) {
      replyTokens.set(b.replyToken, { userId: 'unknown', expiresAt: Date.now() + replyTokenTtlMs, used: true });
      prune(replyTokens, MAX_REPLY_TOKENS, tokenExpired);
      userId = 'unknown';
    } else {
      throw new LineHttpError(400, 'Invalid reply token');
    }
    res.status(200).json({ sentMessages: accept(userId, 'reply', messages, requestId) });
  });

  router.post('/v2/bot/message/push', (req, res) => {
    const requestId = res.locals.requestId as string;
    const retryKey = req.get('x-line-retry-key');
    if (retryKey !== undefined && !UUID.test(retryKey)) {
      throw new LineHttpError(400, "The value for the 'X-Line-Retry-Key' header is invalid");
    }
    const b = body(req);
    if (typeof b.to !== 'string' || b.to === '' || b.to.length > 100) {
      throw new LineHttpError(400, "The property, 'to', in the request body is invalid (line: -, column: -)");
    }
    const messages = checkMessages(b);
    if (retryKey !== undefined) {
      const seen = retryKeys.get(retryKey.toLowerCase());
      if (seen && Date.now() - seen.at < RETRY_KEY_TTL_MS) {
        res.setHeader('x-line-accepted-request-id', seen.requestId);
        res.status(409).json({ message: 'The retry key is already accepted', sentMessages: seen.sentMessages });
        return;
      }
    }
    const sentMessages = accept(b.to, 'push', messages, requestId);
    if (retryKey !== undefined) {
      retryKeys.set(retryKey.toLowerCase(), { at: Date.now(), requestId, sentMessages });
      prune(retryKeys, MAX_RETRY_KEYS, (v) => Date.now() - v.at >= RETRY_KEY_TTL_MS);
    }
    res.status(200).json({ sentMessages });
  });

  router.post('/v2/bot/chat/loading/start', (req, res) => {
    const b = body(req);
    const seconds = b.loadingSeconds ?? 20;
    if (typeof b.chatId !== 'string' || b.chatId === '') {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [{ message: 'May not be empty', property: 'chatId' }]);
    }
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 5 || seconds > 60 || seconds % 5 !== 0) {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [
        { message: 'Must be a multiple of 5 between 5 and 60', property: 'loadingSeconds' },
      ]);
    }
    emitter.emit('loading', { userId: b.chatId, seconds, at: Date.now() });
    res.status(202).json({});
  });

  router.post('/v2/bot/chat/markAsRead', (req, res) => {
    const b = body(req);
    if (typeof b.markAsReadToken !== 'string' || b.markAsReadToken === '') {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [{ message: 'May not be empty', property: 'markAsReadToken' }]);
    }
    emitter.emit('read', { markAsReadToken: b.markAsReadToken, userId: b.markAsReadToken.split('.')[0] || undefined, at: Date.now() });
    res.status(200).json({});
  });

  router.post('/v2/bot/message/markAsRead', (req, res) => {
    const b = body(req);
    const chat = b.chat as { userId?: unknown } | undefined;
    if (!chat || typeof chat.userId !== 'string') {
      throw new LineHttpError(400, 'The request body has 1 error(s)', [{ message: 'May not be empty', property: 'chat.userId' }]);
    }
    emitter.emit('read', { userId: chat.userId, at: Date.now() });
    res.status(200).json({});
  });

  router.get('/v2/bot/profile/:userId', (req, res) => {
    const userId = String(req.params.userId);
    const p = profiles.get(userId);
    if (!p) throw new LineHttpError(404, 'Not found');
    res.status(200).json({ userId, displayName: p.displayName, pictureUrl: p.pictureUrl, statusMessage: p.statusMessage, language: p.language });
  });

  router.get('/v2/bot/info', (_req, res) => {
    res.status(200).json({ ...bot, chatMode: 'bot', markAsReadMode: 'auto' });
  });

  router.get('/v2/bot/message/:messageId/content', (req, res) => {
    const c = contents.get(String(req.params.messageId));
    if (!c) throw new LineHttpError(404, 'Not found');
    res.status(200).type(c.contentType).send(c.data);
  });

  router.use(() => {
    throw new LineHttpError(404, 'Not found');
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof LineHttpError) {
      res.status(err.status).json(err.details ? { message: err.message, details: err.details } : { message: err.message });
    } else if ((err as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ message: 'The request body could not be parsed as JSON' });
    } else if ((err as { type?: string }).type === 'entity.too.large') {
      res.status(413).json({ message: 'Request entity too large' });
    } else {
      res
        .status(500)
        .json({ message: 'An error occurred in the stand-in', details: [{ message: String((err as Error)?.message ?? err), property: '' }] });
    }
  };
  router.use(onError);

  function on<K extends keyof FakeLineApiEvents>(event: K, listener: (e: FakeLineApiEvents[K]) => void): () => void {
    const l = listener as (e: unknown) => void;
    emitter.on(event, l);
    return () => emitter.off(event, l);
  }

  return {
    router,
    issueReplyToken(userId) {
      const token = randomBytes(16).toString('hex');
      replyTokens.set(token, { userId, expiresAt: Date.now() + replyTokenTtlMs, used: false });
      prune(replyTokens, MAX_REPLY_TOKENS, tokenExpired);
      return token;
    },
    setProfile(userId, profile) {
      profiles.set(userId, { ...profile });
    },
    putContent(messageId, data, contentType) {
      const old = contents.get(messageId);
      if (old) contentBytes -= old.data.length;
      contents.set(messageId, { data, contentType });
      contentBytes += data.length;
      while (contentBytes > maxContentBytes && contents.size > 1) {
        const oldest = contents.keys().next().value as string;
        contentBytes -= contents.get(oldest)!.data.length;
        contents.delete(oldest);
      }
    },
    messagesFor(userId) {
      return [...(histories.get(userId) ?? [])];
    },
    on,
    nextMessage(userId, timeoutMs = 5000) {
      return new Promise<SentMessage>((resolve, reject) => {
        const off = on('message', (m) => {
          if (m.userId !== userId) return;
          clearTimeout(timer);
          off();
          resolve(m);
        });
        const timer = setTimeout(() => {
          off();
          reject(new Error(`no message to ${userId} within ${timeoutMs} ms`));
        }, timeoutMs);
      });
    },
    stats() {
      return { ...counters };
    },
    reset() {
      histories.clear();
      replyTokens.clear();
      retryKeys.clear();
      counters = {};
    },
  };
}
