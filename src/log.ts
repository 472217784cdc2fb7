/**
 * Structured logging (pino). Secrets and personal numbers never reach a log line: known fields are redacted and
 * anything that looks like a Thai national ID or phone number in a logged string is masked.
 */
import pino, { Logger } from 'pino';

export type { Logger };

const ID_OR_PHONE = /(?:\+?66|0)[\d\- ]{7,12}\d|\b\d[\d\- ]{11,16}\d\b/g;

/** Masks 13-digit IDs and phone-like digit runs inside a string (keeps the last two digits for support). */
export function scrubNumbers(s: string): string {
  return s.replace(ID_OR_PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 9) return m;
    return `[number …${digits.slice(-2)}]`;
  });
}

function scrubDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return scrubNumbers(v);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (v instanceof Error) return v;
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
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
export function createLogger(level: string, destination?: pino.DestinationStream, options: { pretty?: boolean } = {}): Logger {
  const target =
    destination ?? (options.pretty ? pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } }) : undefined);
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubNumbers(a) : a)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
    },
    target,
  );
}
