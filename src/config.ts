/**
 * The one place that reads the environment. `loadConfig` validates and freezes it; a bad value fails fast with
 * the variable's name. Everything else receives the typed `Config` object.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/** All business dates and times of the centre. */
export const BUSINESS_ZONE = 'Asia/Bangkok';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const intIn = (min: number, max: number, def: number) => z.coerce.number().int().min(min).max(max).default(def);
const url = (def: string) => z.url({ protocol: /^https?$/ }).default(def);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intIn(0, 65535, 3000),
  HOST: optionalString,
  PUBLIC_BASE_URL: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LINE_CHANNEL_SECRET: optionalString,
  LINE_CHANNEL_ACCESS_TOKEN: optionalString,
  LINE_API_BASE_URL: url('https://api.line.me'),
  LINE_DATA_API_BASE_URL: url('https://api-data.line.me'),
  LINE_TIMEOUT_MS: intIn(100, 60_000, 10_000),
  MONGODB_URI: optionalString,
  MONGOMS_SYSTEM_BINARY: optionalString,
  MONGOMS_ALLOW_DOWNLOAD: bool.default(false),
  DATA_DIR: z.string().default('.data'),
  SIMULATOR: z.enum(['auto', 'on', 'off']).default('auto'),
  PROCESSING_THREAD: z.enum(['on', 'off']).default('off'),
  INBOX_SETTLE_MS: intIn(0, 5_000, 150),
  INBOX_CONCURRENCY: intIn(1, 256, 128),
  INBOX_SWEEP_MS: intIn(100, 600_000, 5_000),
  INBOX_LOCK_MS: intIn(1_000, 600_000, 5_000),
  REPLY_TOKEN_TTL_MS: intIn(0, 600_000, 50_000),
  OUTBOX_MAX_ATTEMPTS: intIn(1, 50, 10),
  OUTBOX_BACKOFF_BASE_MS: intIn(1, 600_000, 1_000),
  OUTBOX_BACKOFF_MAX_MS: intIn(1, 3_600_000, 300_000),
  LOADING_ANIMATION_AFTER_MS: intIn(0, 60_000, 800),
  SESSION_IDLE_MINUTES: intIn(1, 7 * 24 * 60, 30),
  HANDOFF_TIMEOUT_HOURS: intIn(1, 30 * 24, 24),
  STAFF_GROUP_ID: optionalString.pipe(
    z
      .string()
      .regex(/^[CR][0-9a-f]{32}$/, 'expected a LINE group id (C + 32 hex digits)')
      .optional(),
  ),
  ADMIN_SESSION_IDLE_MINUTES: intIn(5, 7 * 24 * 60, 8 * 60),
  ADMIN_SESSION_MAX_HOURS: intIn(1, 30 * 24, 72),
  ADMIN_LOGIN_MAX_ATTEMPTS: intIn(1, 1000, 10),
  ADMIN_LOGIN_WINDOW_MINUTES: intIn(1, 24 * 60, 15),
  TRUST_PROXY: optionalString.transform((v, ctx) => {
    const r = trustProxy(v);
    if (typeof r === 'string') {
      ctx.addIssue({ code: 'custom', message: r });
      return z.NEVER;
    }
    return r.value;
  }),
});

/** The proxies whose X-Forwarded-For is believed: none, a number of hops, or addresses/subnets (express's forms). */
export type TrustProxy = false | number | readonly string[];

/** Parses TRUST_PROXY; a string is the problem. `true` is refused: it would let any client choose its address. */
function trustProxy(v: string | undefined): { value: TrustProxy } | string {
  if (v === undefined || /^(false|0|no|off)$/i.test(v)) return { value: false };
  if (/^\d+$/.test(v)) return Number(v) <= 10 ? { value: Number(v) } : 'expected at most 10 proxy hops';
  if (/^(true|yes|on)$/i.test(v))
    return 'name the proxy (e.g. loopback, 10.0.0.5, 10.0.0.0/8) or give the number of hops; true would trust any client';
  const items = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const bad = items.filter((x) => !['loopback', 'linklocal', 'uniquelocal'].includes(x) && !isIP(x.replace(/\/\d{1,3}$/, '')));
  return bad.length ? `not an address, subnet or loopback/linklocal/uniquelocal: ${bad.join(', ')}` : { value: items };
}

export type Env = Record<string, string | undefined>;

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  /** Base URL people use to reach this server (links in staff alerts); derived from the port when unset. */
  readonly publicBaseUrl: string;
  readonly logLevel: string;
  /** Proxies in front of this server whose X-Forwarded-For gives the client's address (TRUST_PROXY; default none). */
  readonly trustProxy: TrustProxy;
  readonly line: {
    /** `channel` when real LINE credentials are configured, `local` when the bot talks only to the simulator. */
    readonly mode: 'channel' | 'local';
    readonly channelSecret: string;
    readonly channelAccessToken: string;
    readonly apiBaseUrl: string;
    readonly dataApiBaseUrl: string;
    /** True when LINE's API is the simulator's stand-in mounted on this server. */
    readonly usesLocalStandIn: boolean;
    readonly timeoutMs: number;
  };
  readonly db: {
    readonly uri?: string;
    readonly mongodBinary?: string;
    readonly allowDownload: boolean;
    readonly dataDir: string;
  };
  readonly simulator: boolean;
  /** `npm start` processes events on a thread of its own, apart from the webhook and the console (src/processing/thread.ts); off by default. */
  readonly processingThread: boolean;
  readonly conversation: {
    /** After this long without a message, the next one offers ทำต่อ / เริ่มใหม่ instead of carrying on. */
    readonly idleMs: number;
    /** An open "talk to staff" handoff ends by itself after this long. */
    readonly handoffTimeoutMs: number;
  };
  /** The staff side: console sessions, login limits, the staff LINE group receiving alerts. */
  readonly staff: {
    /** Configured staff group; when unset, the group the bot was last added to (stored on its join event). */
    readonly groupId?: string;
    readonly sessionIdleMs: number;
    readonly sessionMaxMs: number;
    /** Session cookie only over HTTPS (true when PUBLIC_BASE_URL is https). */
    readonly cookieSecure: boolean;
    /** Failed logins allowed per username and address in a window (per address alone: 5 times as many). */
    readonly loginMaxAttempts: number;
    readonly loginWindowMs: number;
  };
  readonly inbox: { readonly settleMs: number; readonly concurrency: number; readonly sweepMs: number; readonly lockMs: number };
  readonly outbox: {
    readonly replyTokenTtlMs: number;
    readonly maxAttempts: number;
    readonly backoffBaseMs: number;
    readonly backoffMaxMs: number;
    readonly loadingAnimationAfterMs: number;
  };
}

/** Raised when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment (by default the process's, after reading `.env`) into a frozen `Config`. */
export function loadConfig(env: Env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const hasSecret = e.LINE_CHANNEL_SECRET !== undefined;
  const hasToken = e.LINE_CHANNEL_ACCESS_TOKEN !== undefined;
  if (hasSecret !== hasToken) {
    const missing = hasSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    throw new ConfigError(`Invalid configuration:\n  ${missing}: required when the other LINE credential is set`);
  }
  const mode = hasSecret ? 'channel' : 'local';
  const simulator = e.SIMULATOR === 'on' || (e.SIMULATOR === 'auto' && mode === 'local');
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const explicitApi = env.LINE_API_BASE_URL !== undefined && env.LINE_API_BASE_URL !== '';
  // Without a channel and without an explicit API address, LINE's API is the simulator's stand-in on this server.
  const localLine = mode === 'local' && !explicitApi;
  // The SDK resolves its paths from the origin, so the stand-in answers at this server's own /v2/bot/… paths.
  const localBase = `http://127.0.0.1:${e.PORT}`;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    // Local mode (the simulator has no login) listens on loopback only unless HOST says otherwise.
    host: e.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
    publicBaseUrl,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    line: {
      mode,
      // Without a channel, events come only from the local simulator, signed with a secret made for this process.
      channelSecret: e.LINE_CHANNEL_SECRET ?? randomBytes(16).toString('hex'),
      channelAccessToken: e.LINE_CHANNEL_ACCESS_TOKEN ?? 'local-simulator-token',
      apiBaseUrl: localLine ? localBase : e.LINE_API_BASE_URL.replace(/\/+$/, ''),
      dataApiBaseUrl: localLine ? localBase : e.LINE_DATA_API_BASE_URL.replace(/\/+$/, ''),
      usesLocalStandIn: localLine,
      timeoutMs: e.LINE_TIMEOUT_MS,
    },
    db: {
      uri: e.MONGODB_URI,
      mongodBinary: e.MONGOMS_SYSTEM_BINARY,
      allowDownload: e.MONGOMS_ALLOW_DOWNLOAD,
      dataDir: e.DATA_DIR,
    },
    simulator,
    processingThread: e.PROCESSING_THREAD === 'on',
    conversation: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, handoffTimeoutMs: e.HANDOFF_TIMEOUT_HOURS * 3_600_000 },
    staff: {
      groupId: e.STAFF_GROUP_ID,
      sessionIdleMs: e.ADMIN_SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.ADMIN_SESSION_MAX_HOURS * 3_600_000,
      cookieSecure: publicBaseUrl.startsWith('https:'),
      loginMaxAttempts: e.ADMIN_LOGIN_MAX_ATTEMPTS,
      loginWindowMs: e.ADMIN_LOGIN_WINDOW_MINUTES * 60_000,
    },
    inbox: { settleMs: e.INBOX_SETTLE_MS, concurrency: e.INBOX_CONCURRENCY, sweepMs: e.INBOX_SWEEP_MS, lockMs: e.INBOX_LOCK_MS },
    outbox: {
      replyTokenTtlMs: e.REPLY_TOKEN_TTL_MS,
      maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: e.OUTBOX_BACKOFF_BASE_MS,
      backoffMaxMs: e.OUTBOX_BACKOFF_MAX_MS,
      loadingAnimationAfterMs: e.LOADING_ANIMATION_AFTER_MS,
    },
  };
  return deepFreeze(config);
}

/** Reads `.env` (if present) into the process environment, then validates it. */
export function readConfig(): Config {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('dotenv').config({ quiet: true });
  return loadConfig(process.env);
}

function deepFreeze<T>(o: T): T {
  for (const v of Object.values(o as object)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
