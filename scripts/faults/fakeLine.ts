/**
 * LINE's Messaging API for the fault-load run, as an HTTP server: reply tokens are single use, a push's
 * `X-Line-Retry-Key` is accepted once (409 after), and calls fail as the run saw LINE fail: a share of
 * 5xx and 429 (nothing accepted), and 100–500 ms of latency before LINE decides. What LINE accepted is kept, so
 * the checker can count how often each answer reached the citizen. A request that arrived is decided even if
 * the bot that sent it died meanwhile, as on the real platform.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';

export interface LineFaults {
  /** Share of reply/push calls answered 500 (0–1). */
  error5xx: number;
  /** Share answered 429. */
  error429: number;
  latencyMinMs: number;
  latencyMaxMs: number;
}

export interface AcceptedReply {
  replyToken: string;
  messages: unknown[];
}

export interface AcceptedPush {
  retryKey: string;
  to: string;
  messages: unknown[];
}

export interface FakeLine {
  url: string;
  replies: AcceptedReply[];
  pushes: AcceptedPush[];
  /** Calls by endpoint and status, e.g. `reply 500`. */
  statuses: Record<string, number>;
  close(): Promise<void>;
}

function endpointOf(path: string): string {
  if (path.startsWith('/v2/bot/profile/')) return 'profile';
  return path.split('/').pop() ?? path;
}

export async function startFakeLine(faults: LineFaults): Promise<FakeLine> {
  const replies: AcceptedReply[] = [];
  const pushes: AcceptedPush[] = [];
  const usedTokens = new Set<string>();
  const usedKeys = new Set<string>();
  const statuses: Record<string, number> = {};
  let requestIds = 0;

  const app = express();
  app.use(express.json({ limit: '2mb' }));
  app.use((req, res, next) => {
    res.setHeader('x-line-request-id', `fault-${++requestIds}`);
    res.on('finish', () => {
      const key = `${endpointOf(req.path)} ${res.statusCode}`;
      statuses[key] = (statuses[key] ?? 0) + 1;
    });
    const delay = faults.latencyMinMs + Math.random() * (faults.latencyMaxMs - faults.latencyMinMs);
    setTimeout(next, delay);
  });
  /** LINE failing: decided after the latency, nothing accepted. */
  const failing = (res: express.Response): boolean => {
    const r = Math.random();
    if (r < faults.error5xx) {
      res.status(500).json({ message: 'Internal server error' });
      return true;
    }
    if (r < faults.error5xx + faults.error429) {
      res.status(429).json({ message: 'Too Many Requests' });
      return true;
    }
    return false;
  };
  app.post('/v2/bot/message/reply', (req, res) => {
    if (failing(res)) return;
    const { replyToken, messages } = req.body as { replyToken: string; messages: unknown[] };
    if (usedTokens.has(replyToken)) {
      res.status(400).json({ message: 'Invalid reply token' });
      return;
    }
    usedTokens.add(replyToken);
    replies.push({ replyToken, messages });
    res.json({ sentMessages: messages.map((_, i) => ({ id: String(i), quoteToken: 'q' })) });
  });
  app.post('/v2/bot/message/push', (req, res) => {
    if (failing(res)) return;
    const retryKey = String(req.headers['x-line-retry-key'] ?? '');
    const { to, messages } = req.body as { to: string; messages: unknown[] };
    if (retryKey && usedKeys.has(retryKey)) {
      res.status(409).json({ message: 'The retry key is already accepted', sentMessages: [] });
      return;
    }
    if (retryKey) usedKeys.add(retryKey);
    pushes.push({ retryKey, to, messages });
    res.json({ sentMessages: messages.map((_, i) => ({ id: String(i), quoteToken: 'q' })) });
  });
  app.post('/v2/bot/chat/loading/start', (_req, res) => {
    res.status(202).json({});
  });
  app.get('/v2/bot/profile/:id', (req, res) => {
    res.json({ userId: req.params.id, displayName: 'ผู้ทดสอบ', language: 'th' });
  });
  app.use((_req, res) => {
    res.status(404).json({ message: 'Not found' });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    replies,
    pushes,
    statuses,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
