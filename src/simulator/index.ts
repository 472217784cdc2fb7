/**
 * The local simulator: chat with the real bot without LINE.
 *
 * - The page `GET /simulator` (static files in `public/`, plus the DOM helper shared with the staff console from
 *   `src/web/public/` at `/simulator/static/shared/`) and its JSON API under `/simulator/api`.
 * - A user's action becomes a webhook event built like LINE's, signed with the channel secret and POSTed over
 *   HTTP to the real webhook; the bot cannot tell it from LINE.
 * - The bot's outgoing calls reach the LINE API stand-in (`fakeLineApi.ts`), mounted here; what it receives is
 *   added to the user's chat and streamed to the page (Server-Sent Events).
 *
 * JSON API (used by the page and `scripts/chat.ts`):
 *   GET   /simulator/api/state                    bot, users, places, stickers
 *   POST  /simulator/api/users                    { displayName, language } → the user (same name → same user)
 *   PATCH /simulator/api/users/:userId            { language?, displayName? }
 *   GET   /simulator/api/users/:userId/chat       { entries }
 *   POST  /simulator/api/send                     { userId, kind: text|postback|sticker|location|image|follow|unfollow, … }
 *   GET   /simulator/api/content/:messageId       an image a simulated user sent
 *   GET   /simulator/api/stream                   SSE: `entry`, `status`, `loading`, `user`
 */
import path from 'node:path';
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Response } from 'express';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../log';
import { createFakeLineApi, type FakeLineApi, type SentMessage } from './fakeLineApi';
import { buildEvent, messageId, signBody, webhookBody, type UserAction } from './events';
import { DEFAULT_USERS, PLACES, STICKERS } from './presets';
import { serveSharedFiles } from '../web/sharedFiles';

export interface SimulatorOptions {
  channelSecret: string;
  channelAccessToken: string;
  /**
   * Where events are POSTed: the bot's real webhook, e.g. `http://127.0.0.1:3000/webhook` (a function when the
   * port is known only once the server listens).
   */
  webhookUrl: string | (() => string);
  log: Logger;
  /** Users present from the start; default: ลูกสาว (สมใจ) and พ่อ (สมบูรณ์). */
  users?: { displayName: string; language: 'th' | 'en' }[];
  /** Chat entries kept per user (oldest dropped first). Default 500. */
  historyPerUser?: number;
}

export interface SimUser {
  userId: string;
  displayName: string;
  language: 'th' | 'en';
  /** Has added the account as a friend (and not blocked it since). */
  following: boolean;
  /** Has ever blocked the account (the next follow is an unblock). */
  blockedBefore: boolean;
}

/** One line in a simulated chat. */
export interface ChatEntry {
  /** Increasing across all users (SSE event id). */
  seq: number;
  userId: string;
  from: 'user' | 'bot' | 'system';
  /** Ms since epoch. */
  at: number;
  /**
   * For `bot`: the LINE message object the bot sent. For `user`: the webhook `message` (with `contentUrl` for
   * images) or `{ type: 'postback', data, params, displayText }`.
   */
  message?: Record<string, unknown>;
  /** For `system`: what happened (follow, block, a webhook failure). */
  note?: string;
  /** For `bot`: reply or push. */
  via?: 'reply' | 'push';
  /** For `user`: sending → delivered (webhook 200) or failed. */
  status?: 'sending' | 'delivered' | 'failed';
  error?: string;
}

export interface SendResult {
  entry?: ChatEntry;
  /** The webhook's HTTP status (0 when it could not be reached). */
  webhookStatus: number;
}

export interface Simulator {
  /** Mount on the bot's app: the page, its API, and LINE's API stand-in. */
  readonly router: Router;
  /** The LINE API stand-in (what the bot sent, profiles, content). */
  readonly line: FakeLineApi;
  users(): SimUser[];
  /** Adds a user (or returns the existing one with this name). */
  addUser(displayName: string, language?: 'th' | 'en'): SimUser;
  /** Performs a user's action: builds, signs and posts the webhook event. */
  send(userId: string, action: UserAction): Promise<SendResult>;
  chat(userId: string): ChatEntry[];
  /** Ends the event streams (call before closing the HTTP server, or it waits for the browsers). */
  close(): void;
}

const MAX_USERS = 50;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const WEBHOOK_TIMEOUT_MS = 10_000;
/** The bot's LINE user id as `destination` in webhook bodies. */
const BOT_USER_ID = `U${createHash('sha256').update('chaeson-simulator-bot').digest('hex').slice(0, 32)}`;
const BOT_NAME = 'ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน';

/** A stable LINE-like user id for a simulated person (the same name keeps its history across restarts). */
export function simulatedUserId(displayName: string): string {
  return `U${createHash('sha256').update(`chaeson-simulator:${displayName}`).digest('hex').slice(0, 32)}`;
}

/** Where the page's files are (next to this file in the sources; copied or not in a build). */
function publicDir(): string {
  const candidates = [
    path.join(__dirname, 'public'),
    path.resolve(__dirname, '../../../src/simulator/public'),
    path.resolve(process.cwd(), 'src/simulator/public'),
  ];
  return candidates.find((p) => fs.existsSync(path.join(p, 'index.html'))) ?? candidates[0];
}

const language = z.enum(['th', 'en']);
const sendSchema = z.discriminatedUnion('kind', [
  z.object({ userId: z.string(), kind: z.literal('text'), text: z.string().min(1).max(5000) }),
  z.object({
    userId: z.string(),
    kind: z.literal('postback'),
    data: z.string().max(300),
    displayText: z.string().max(300).optional(),
    params: z
      .object({
        date: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        time: z
          .string()
          .regex(/^\d{2}:\d{2}$/)
          .optional(),
        datetime: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)
          .optional(),
      })
      .optional(),
  }),
  z.object({
    userId: z.string(),
    kind: z.literal('sticker'),
    packageId: z.string(),
    stickerId: z.string(),
    keywords: z.array(z.string()).max(15).optional(),
  }),
  z.object({
    userId: z.string(),
    kind: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    title: z.string().max(100).optional(),
    address: z.string().max(100).optional(),
  }),
  z.object({
    userId: z.string(),
    kind: z.literal('image'),
    /** `data:image/jpeg;base64,...` */
    dataUrl: z.string().regex(/^data:image\/[a-z0-9.+-]+;base64,/i),
  }),
  z.object({ userId: z.string(), kind: z.literal('follow') }),
  z.object({ userId: z.string(), kind: z.literal('unfollow') }),
]);
const userSchema = z.object({ displayName: z.string().trim().min(1).max(40), language: language.default('th') });
const patchSchema = z.object({ displayName: z.string().trim().min(1).max(40).optional(), language: language.optional() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Creates the simulator. Mount `router` on the bot's app (see server.ts). */
export function createSimulator(opts: SimulatorOptions): Simulator {
  const log = opts.log.child({ part: 'simulator' });
  const historyPerUser = opts.historyPerUser ?? 500;
  const line = createFakeLineApi({ channelAccessToken: opts.channelAccessToken, bot: { userId: BOT_USER_ID, displayName: BOT_NAME } });
  const users = new Map<string, SimUser>();
  const chats = new Map<string, ChatEntry[]>();
  const streams = new Set<Response>();
  let seq = 0;
  let lastTimestamp = 0;
  let heartbeat: NodeJS.Timeout | undefined;

  // ---- users and chats -------------------------------------------------------------------------------------------

  function addUser(displayName: string, lang: 'th' | 'en' = 'th'): SimUser {
    const userId = simulatedUserId(displayName);
    const existing = users.get(userId);
    if (existing) return existing;
    if (users.size >= MAX_USERS) throw new HttpError(400, `at most ${MAX_USERS} simulated users`);
    const user: SimUser = { userId, displayName, language: lang, following: false, blockedBefore: false };
    users.set(userId, user);
    line.setProfile(userId, { displayName, language: lang });
    broadcast('user', user);
    return user;
  }

  function userOf(userId: string): SimUser {
    const u = users.get(userId);
    if (!u) throw new HttpError(404, `no simulated user ${userId}`);
    return u;
  }

  function append(e: Omit<ChatEntry, 'seq'>): ChatEntry {
    const entry: ChatEntry = { seq: ++seq, ...e };
    const list = chats.get(e.userId) ?? [];
    list.push(entry);
    if (list.length > historyPerUser) list.splice(0, list.length - historyPerUser);
    chats.set(e.userId, list);
    broadcast('entry', entry, entry.seq);
    return entry;
  }

  line.on('message', (m: SentMessage) => {
    if (!users.has(m.userId)) return;
    append({ userId: m.userId, from: 'bot', at: m.at, message: m.message, via: m.via });
  });
  line.on('loading', (e) => broadcast('loading', e));

  for (const u of opts.users ?? DEFAULT_USERS) addUser(u.displayName, u.language);

  // ---- sending -------------------------------------------------------------------------------------------------

  /** Timestamps strictly increase, so the bot orders one user's events as they were made. */
  function now(): number {
    lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
    return lastTimestamp;
  }

  /** What the chat shows for the user's own action. */
  function userEntryFor(action: UserAction, event: Record<string, unknown>): Omit<ChatEntry, 'seq' | 'userId' | 'at'> {
    if (action.kind === 'follow') return { from: 'system', note: `คุณเพิ่ม ${BOT_NAME} เป็นเพื่อนแล้ว` };
    if (action.kind === 'unfollow') return { from: 'system', note: `คุณบล็อก ${BOT_NAME} แล้ว` };
    if (action.kind === 'postback') {
      return {
        from: 'user',
        status: 'sending',
        message: { type: 'postback', data: action.data, params: action.params, displayText: action.displayText },
      };
    }
    const message = { ...(event.message as Record<string, unknown>) };
    delete message.markAsReadToken;
    delete message.quoteToken;
    if (action.kind === 'image') message.contentUrl = `/simulator/api/content/${String(message.id)}`;
    return { from: 'user', status: 'sending', message };
  }

  async function send(userId: string, action: UserAction): Promise<SendResult> {
    const user = userOf(userId);
    const timestamp = now();
    const answerable = action.kind !== 'unfollow';
    const isMessage = ['text', 'sticker', 'location', 'image'].includes(action.kind);
    const id = isMessage ? messageId() : undefined;
    if (action.kind === 'image') {
      if (action.data.length > MAX_IMAGE_BYTES) throw new HttpError(413, 'image larger than 10 MB');
      line.putContent(id!, action.data, action.contentType);
    }
    const event = buildEvent(action, {
      userId,
      timestamp,
      replyToken: answerable ? line.issueReplyToken(userId) : undefined,
      messageId: id,
      isUnblocked: action.kind === 'follow' && user.blockedBefore,
    });
    if (action.kind === 'follow') user.following = true;
    if (action.kind === 'unfollow') Object.assign(user, { following: false, blockedBefore: true });
    if (action.kind === 'follow' || action.kind === 'unfollow') broadcast('user', user);

    const entry = append({ userId, at: timestamp, ...userEntryFor(action, event) });
    const body = webhookBody(BOT_USER_ID, [event]);
    let webhookStatus = 0;
    let error: string | undefined;
    try {
      const res = await fetch(typeof opts.webhookUrl === 'function' ? opts.webhookUrl() : opts.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-line-signature': signBody(body, opts.channelSecret),
          'user-agent': 'LineBotWebhook/2.0',
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      webhookStatus = res.status;
      if (!res.ok) error = `webhook answered ${res.status}: ${(await res.text()).slice(0, 200)}`;
      else await res.arrayBuffer();
    } catch (err) {
      error = `webhook unreachable: ${(err as Error).message}`;
    }
    if (error) log.warn({ userId, kind: action.kind, webhookStatus, err: error }, 'simulated event not accepted');
    if (entry.status) {
      entry.status = error ? 'failed' : 'delivered';
      if (error) entry.error = error;
      broadcast('status', { seq: entry.seq, userId, status: entry.status, error });
    } else if (error) {
      append({ userId, from: 'system', at: Date.now(), note: `ส่งไม่สำเร็จ (${error})` });
    }
    return { entry, webhookStatus };
  }

  // ---- Server-Sent Events --------------------------------------------------------------------------------------

  function broadcast(event: string, data: unknown, id?: number): void {
    if (streams.size === 0) return;
    const frame = `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  }

  function openStream(res: Response): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    streams.add(res);
    res.on('close', () => {
      streams.delete(res);
      if (streams.size === 0 && heartbeat) {
        clearInterval(heartbeat);
        heartbeat = undefined;
      }
    });
    if (!heartbeat) {
      heartbeat = setInterval(() => {
        for (const s of streams) s.write(': ping\n\n');
      }, 15_000);
      heartbeat.unref();
    }
  }

  // ---- HTTP ------------------------------------------------------------------------------------------------------

  const router = express.Router();
  // LINE's API stand-in. The SDK resolves its paths with `new URL('/v2/bot/…', base)`, which drops a base path,
  // so the calls arrive at `/v2/bot/…` on this server; `/__line/api` and `/__line/data` serve clients that keep it.
  router.use('/__line/api', line.router);
  router.use('/__line/data', line.router);
  router.use((req, res, next) => (req.path.startsWith('/v2/bot/') ? line.router(req, res, next) : next()));

  const files = publicDir();
  const pageHeaders = (res: Response) => {
    res.setHeader(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: blob: https: http:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
  };
  router.get(['/simulator', '/simulator/'], (_req, res) => {
    pageHeaders(res);
    res.setHeader('cache-control', 'no-store');
    res.sendFile(path.join(files, 'index.html'));
  });
  router.use('/simulator/static/shared', serveSharedFiles({ maxAge: 0, setHeaders: (res) => pageHeaders(res as Response) }));
  router.use('/simulator/static', express.static(files, { index: false, maxAge: 0, setHeaders: (res) => pageHeaders(res as Response) }));

  const api = express.Router();
  api.use(express.json({ limit: '15mb' }));
  api.get('/state', (_req, res) => {
    res.json({ bot: { userId: BOT_USER_ID, displayName: BOT_NAME }, users: [...users.values()], places: PLACES, stickers: STICKERS });
  });
  api.post('/users', (req, res) => {
    const b = parse(userSchema, req.body);
    res.status(201).json(addUser(b.displayName, b.language));
  });
  api.patch('/users/:userId', (req, res) => {
    const u = userOf(String(req.params.userId));
    const b = parse(patchSchema, req.body);
    if (b.language) u.language = b.language;
    if (b.displayName) u.displayName = b.displayName;
    line.setProfile(u.userId, { displayName: u.displayName, language: u.language });
    broadcast('user', u);
    res.json(u);
  });
  api.get('/users/:userId/chat', (req, res) => {
    userOf(String(req.params.userId));
    res.json({ entries: chats.get(String(req.params.userId)) ?? [] });
  });
  api.post('/send', async (req, res) => {
    const b = parse(sendSchema, req.body);
    let action: UserAction;
    if (b.kind === 'image') {
      const [, type, b64] = /^data:([^;]+);base64,(.*)$/s.exec(b.dataUrl) ?? [];
      action = { kind: 'image', contentType: type, data: Buffer.from(b64 ?? '', 'base64') };
    } else {
      const { userId: _u, ...rest } = b;
      action = rest as UserAction;
    }
    const r = await send(b.userId, action);
    res.status(r.webhookStatus >= 200 && r.webhookStatus < 300 ? 200 : 502).json(r);
  });
  api.get('/content/:messageId', (req, res, next) => {
    // Served through the stand-in's own route, with the stand-in's token.
    req.url = `/v2/bot/message/${encodeURIComponent(String(req.params.messageId))}/content`;
    req.headers.authorization = `Bearer ${opts.channelAccessToken}`;
    line.router(req, res, next);
  });
  api.get('/stream', (_req, res) => openStream(res));
  api.use((_req, _res, next) => next(new HttpError(404, 'not found')));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const status = err instanceof HttpError ? err.status : typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err }, 'simulator API failed');
    res.status(status).json({ message: status >= 500 ? 'internal error' : String(err.message) });
  };
  api.use(onError);
  router.use('/simulator/api', api);

  return {
    router,
    line,
    users: () => [...users.values()],
    addUser,
    send,
    chat: (userId) => [...(chats.get(userId) ?? [])],
    close() {
      for (const s of streams) s.end();
      streams.clear();
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new HttpError(400, `${i.path.join('.') || 'body'}: ${i.message}`);
  }
  return r.data;
}
