/**
 * Structured logging (pino). Secrets and personal numbers never reach a log line: known fields are redacted and
 * anything that looks like a Thai national ID or phone number in a logged string is masked.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * A LINE-style identifier kept whole: a UUID (x-line-request-id, retry keys), a ULID (webhookEventId) or a token
 * with letters and a run of 16+ hex characters (user, group, request ids). Their digit runs are not phone numbers.
 */
const IDENTIFIER = String.raw`\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-7][0-9a-hjkmnp-tv-z]{25}\b|(?<![0-9a-z])(?=[0-9]*[a-z])[0-9a-z]*[0-9a-f]{16}[0-9a-z]*`;
/** A Thai phone number or national ID: a run of 9–18 digits (spaces and dashes allowed), not part of a longer run. */
const NUMBER = String.raw`(?<!\d)(?:(?:\+?66|0)[\d\- ]{7,12}\d|\d[\d\- ]{11,16}\d)(?!\d)`;
const ID_OR_PHONE = new RegExp(`(${IDENTIFIER})|${NUMBER}`, 'gi');

/** Masks 13-digit IDs and phone-like digit runs inside a string (keeps the last two digits for support). */
export function scrubNumbers(s: string): string {
  return s.replace(ID_OR_PHONE, (m, identifier: string | undefined) => {
    if (identifier) return m;
    const digits = m.replace(/\D/g, '');
    if (digits.length < 9) return m;
    return `[number …${digits.slice(-2)}]`;
  });
}

const MAX_DEPTH = 6;

/** An Error as a plain object (type, message, stack, own fields, cause), every string scrubbed. */
function scrubError(e: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: e.constructor?.name || e.name, message: scrubNumbers(String(e.message)) };
  if (typeof e.stack === 'string') out.stack = scrubNumbers(e.stack);
  for (const [k, x] of Object.entries(e)) if (!(k in out)) out[k] = scrubDeep(x, depth + 1);
  if (e.cause !== undefined) out.cause = scrubDeep(e.cause, depth + 1);
  if (e instanceof AggregateError) out.errors = scrubDeep(e.errors, depth + 1);
  return out;
}

/** A copy of a logged value with every string (in fields, arrays and errors) scrubbed; very deep objects elided. */
function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubNumbers(v);
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return '[…]';
  if (v instanceof Error) return scrubError(v, depth);
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  if (v instanceof Date || Buffer.isBuffer(v)) return v;
  // ObjectIds, mongoose documents, URLs: logged as they serialise.
  const toJSON = (v as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') return scrubDeep(toJSON.call(v), depth + 1);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

const REDACT = [
  'channelSecret',
  'channelAccessToken',
  'password',
  'passwordHash',
  'token',
  'nationalId',
  'phone',
  'text',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-line-signature"]',
  '*.channelSecret',
  '*.channelAccessToken',
  '*.password',
  '*.nationalId',
  '*.phone',
  '*.text',
];

/**
 * Creates the application logger: JSON lines, or readable coloured lines when `pretty` (a person watching a
 * terminal in development). `destination` lets tests and the terminal chat send logs elsewhere.
 */
/** Logs are pretty-printed for a person at a terminal during development; JSON lines otherwise. */
export function prettyLogs(env: string): boolean {
  return env !== 'production' && process.stdout.isTTY === true;
}

export function createLogger(level: string, destination?: pino.DestinationStream, options: { pretty?: boolean } = {}): Logger {
  const target =
    destination ??
    (options.pretty ? pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }) : undefined);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      // Errors are turned into scrubbed plain objects by scrubDeep (pino's own serializer would log them raw).
      serializers: { err: (e: unknown) => e },
      hooks: {
        logMethod(args, method) {
          // An Error logged alone (`log.error(err)`) becomes `{ err }` with its scrubbed message as the line's message.
          const [first, ...rest] = args as unknown[];
          const lead = first instanceof Error ? { err: first } : first;
          const scrubbed = [scrubDeep(lead), ...rest.map((a) => (typeof a === 'string' ? scrubNumbers(a) : a))];
          if (first instanceof Error && typeof rest[0] !== 'string') scrubbed.splice(1, 0, scrubNumbers(first.message));
          return method.apply(this, scrubbed as typeof args);
        },
      },
    },
    target,
  );
}
