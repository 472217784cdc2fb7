/**
 * The outside world of the benchmark, in one child process: LINE's platform sending signed webhooks (simulated
 * users) and LINE's Messaging API answering the bot (the simulator's stand-in, `src/simulator/fakeLineApi.ts`,
 * with real single-use reply tokens). Keeping both here leaves the bot's process to the bot.
 *
 * Latencies are taken in this process with one monotonic clock:
 *   ack = POST /webhook sent → its response received;
 *   e2e = POST /webhook sent → the stand-in receiving the reply that uses the event's reply token (events sent in
 *         the measured window, and events sent before it that were still waiting when it began).
 *
 * Commands (see ipc.ts): init { secret, token } → { port }; run PhaseSpec → PhaseResult.
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createFakeLineApi, type FakeLineApi } from '../../src/simulator/fakeLineApi';
import { buildEvent, signBody, webhookBody } from '../../src/simulator/events';
import { cpuMs, loopDelay, serve } from './ipc';
import { summarize, type Summary } from './stats';

export interface PhaseSpec {
  bot: string;
  name: string;
  botPort: number;
  /**
   * closed: each user sends, waits for the reply, sends again. open: events at `rate`/s regardless of answers.
   * burst: `users` × `perUser` events sent at once (one webhook request each, as LINE sends them; each user's
   * next event as soon as the previous one is acknowledged), then wait for every answer; the window is from the
   * first send to the last answer. acks: each user sends, waits for the acknowledgement only, sends again (a bot
   * that stores and does not process: the webhook's own capacity).
   */
  mode: 'closed' | 'open' | 'burst' | 'acks';
  perUser?: number;
  users: number;
  rate?: number;
  warmupMs: number;
  durationMs: number;
  /** After the window: how long to wait for answers still owed. */
  drainMs: number;
  text: string;
}

export interface PhaseResult {
  bot: string;
  name: string;
  mode: PhaseSpec['mode'];
  users: number;
  perUser?: number;
  targetRate?: number;
  windowS: number;
  /** Events sent during the whole phase (warm-up, window). */
  sent: number;
  /** Events sent in the measured window, per second. */
  offeredRate: number;
  /** Answers (replies, or pushes for an owed event) that arrived in the window, per second. */
  answeredRate: number;
  /** Ack and end-to-end latency of the events sent in the window (ms). */
  ack: Summary;
  e2e: Summary;
  acked200: number;
  ackOther: Record<string, number>;
  ackErrors: number;
  /** The first few network errors of webhook requests. */
  errorSamples: string[];
  replies: number;
  pushes: number;
  /** Replies the stand-in refused (used or unknown token). */
  rejected: number;
  /** Events never answered by the end of the drain. */
  unanswered: number;
  /** Open loop: sends skipped because too many requests were already in flight. */
  skipped: number;
  loadCpuMs: number;
}

interface Pending {
  t0: number;
  user: string;
  measured: boolean;
  done?: () => void;
}

// Idle sockets are dropped after 4 s, before the bots' servers close them (express: 5 s keep-alive): otherwise a
// request can race the server's close and fail with ECONNRESET, which says nothing about the bot.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024, timeout: 4000 });
let line: FakeLineApi;
let secret = '';
let current: PhaseState | undefined;

interface PhaseState {
  pending: Map<string, Pending>;
  byUser: Map<string, string[]>;
  windowStart: number;
  windowEnd: number;
  answeredInWindow: number;
  e2e: number[];
  replies: number;
  pushes: number;
  rejected: number;
  lastAnswerAt: number;
}

const userId = (bot: string, i: number) => `U${createHash('md5').update(`${bot}-${i}`).digest('hex')}`;

function answered(s: PhaseState, token: string, at: number): void {
  const p = s.pending.get(token);
  if (!p) return;
  s.pending.delete(token);
  const q = s.byUser.get(p.user);
  if (q) {
    const i = q.indexOf(token);
    if (i >= 0) q.splice(i, 1);
  }
  if (at >= s.windowStart && at < s.windowEnd) s.answeredInWindow++;
  s.lastAnswerAt = Math.max(s.lastAnswerAt, at);
  // Events sent in the window, and events sent before it but answered in it: a user whose event waited since
  // the warm-up is counted (else a lane kept waiting for seconds would not show in the figures).
  if (p.measured || (at >= s.windowStart && p.t0 < s.windowStart)) s.e2e.push(at - p.t0);
  p.done?.();
}

/** Called for every reply or push the bot made, when the stand-in has answered it. */
function onSend(kind: 'reply' | 'push', body: Record<string, unknown> | undefined, status: number, at: number): void {
  const s = current;
  if (!s) return;
  if (status !== 200) {
    if (kind === 'reply') s.rejected++;
    return;
  }
  if (kind === 'reply') {
    s.replies++;
    answered(s, String(body?.replyToken), at);
  } else {
    // A push answers the oldest event of that user still owed an answer (a reply that fell back to push).
    s.pushes++;
    const token = s.byUser.get(String(body?.to))?.[0];
    if (token) answered(s, token, at);
  }
}

function post(port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/webhook',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'x-line-signature': signBody(body, secret), 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function runPhase(spec: PhaseSpec): Promise<PhaseResult> {
  const cpu0 = cpuMs();
  const t0 = performance.now();
  const s: PhaseState = {
    pending: new Map(),
    byUser: new Map(),
    windowStart: t0 + spec.warmupMs,
    windowEnd: t0 + spec.warmupMs + spec.durationMs,
    answeredInWindow: 0,
    e2e: [],
    replies: 0,
    pushes: 0,
    rejected: 0,
    lastAnswerAt: t0,
  };
  current = s;
  const users = Array.from({ length: spec.users }, (_, i) => userId(spec.bot, i));
  for (const [i, u] of users.entries()) line.setProfile(u, { displayName: `ผู้ทดสอบ ${i + 1}`, language: 'th' });

  const ack: number[] = [];
  const ackOther: Record<string, number> = {};
  let sent = 0;
  let sentInWindow = 0;
  let acked200 = 0;
  let ackErrors = 0;
  const errorSamples: string[] = [];
  let inflight = 0;
  let skipped = 0;
  let stop = false;
  let sendsDoneAt = t0;

  /** Sends one event of `user`; resolves when it is acked (and, with `waitAnswer`, answered or given up). */
  async function sendOne(user: string, waitAnswer: boolean): Promise<void> {
    const token = line.issueReplyToken(user);
    const now = performance.now();
    const measured = now >= s.windowStart && now < s.windowEnd;
    const answer = waitAnswer ? new Promise<void>((resolve) => s.pending.set(token, { t0: now, user, measured, done: resolve })) : undefined;
    if (!waitAnswer && spec.mode !== 'acks') s.pending.set(token, { t0: now, user, measured });
    const q = s.byUser.get(user) ?? [];
    q.push(token);
    s.byUser.set(user, q);
    const event = buildEvent(
      { kind: 'text', text: spec.text },
      { userId: user, timestamp: Date.now(), replyToken: token, messageId: `${Date.now()}${String(sent).padStart(7, '0')}` },
    );
    const body = webhookBody('Ubench', [event]);
    sent++;
    if (measured) sentInWindow++;
    inflight++;
    try {
      const status = await post(spec.botPort, body);
      const lat = performance.now() - now;
      if (status === 200) {
        acked200++;
        if (measured) ack.push(lat);
      } else {
        ackOther[status] = (ackOther[status] ?? 0) + 1;
      }
    } catch (err) {
      ackErrors++;
      if (errorSamples.length < 5) errorSamples.push(String((err as Error).message ?? err));
    } finally {
      inflight--;
    }
    if (answer) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([answer, new Promise<void>((r) => (timer = setTimeout(r, 60_000)))]);
      clearTimeout(timer);
    }
  }

  if (spec.mode === 'burst') {
    // Every event sent at once; the whole phase is the window (no warm-up), measured until the last answer.
    s.windowStart = t0;
    s.windowEnd = Infinity;
    // Each user sends their events one after another as soon as the previous one is acknowledged (not
    // answered): `users` requests in flight at any time, as when that many people write at once.
    await Promise.allSettled(
      users.map(async (u) => {
        for (let k = 0; k < spec.perUser!; k++) await sendOne(u, false);
      }),
    );
    sendsDoneAt = performance.now();
    const until = performance.now() + spec.drainMs;
    while (s.pending.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  } else if (spec.mode === 'closed' || spec.mode === 'acks') {
    const loops = users.map(async (u, i) => {
      await new Promise((r) => setTimeout(r, (i * 500) / users.length)); // stagger the start over 0.5 s
      while (!stop) await sendOne(u, spec.mode === 'closed');
    });
    await new Promise((r) => setTimeout(r, s.windowEnd - performance.now()));
    stop = true;
    await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, spec.drainMs))]);
  } else {
    const rate = spec.rate!;
    const start = performance.now();
    let n = 0;
    const sends = new Set<Promise<void>>();
    while (performance.now() < s.windowEnd) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (n < due) {
        if (inflight < 4000) {
          const p = sendOne(users[n % users.length], false);
          sends.add(p);
          void p.finally(() => sends.delete(p));
        } else {
          skipped++;
        }
        n++;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.allSettled([...sends]);
    const until = performance.now() + spec.drainMs;
    while (s.pending.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  }
  // Answers that come after the drain are not counted; the bot's own counts show whether they were sent.
  current = undefined;
  const windowS = spec.mode === 'burst' ? (s.lastAnswerAt - t0) / 1000 : spec.durationMs / 1000;
  return {
    bot: spec.bot,
    name: spec.name,
    mode: spec.mode,
    users: spec.users,
    perUser: spec.perUser,
    targetRate: spec.rate,
    windowS,
    sent,
    offeredRate: spec.mode === 'burst' ? sent / Math.max(0.001, (sendsDoneAt - t0) / 1000) : sentInWindow / windowS,
    answeredRate: s.answeredInWindow / windowS,
    ack: summarize(ack),
    e2e: summarize(s.e2e),
    acked200,
    ackOther,
    ackErrors,
    errorSamples,
    replies: s.replies,
    pushes: s.pushes,
    rejected: s.rejected,
    unanswered: s.pending.size,
    skipped,
    loadCpuMs: cpuMs() - cpu0,
  };
}

serve({
  async init(args: { secret: string; token: string }) {
    secret = args.secret;
    line = createFakeLineApi({ channelAccessToken: args.token, historyPerUser: 20, maxUsers: 2000 });
    const app = express();
    app.disable('x-powered-by');
    app.use((req, res, next) => {
      const at = performance.now();
      const kind =
        req.method === 'POST'
          ? req.path === '/v2/bot/message/reply'
            ? 'reply'
            : req.path === '/v2/bot/message/push'
              ? 'push'
              : undefined
          : undefined;
      if (kind) res.on('finish', () => onSend(kind, req.body as Record<string, unknown> | undefined, res.statusCode, at));
      next();
    });
    app.use(line.router);
    const server = http.createServer({ keepAliveTimeout: 60_000 }, app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return { port: (server.address() as AddressInfo).port };
  },
  run: (spec: PhaseSpec) => runPhase(spec),
  stats: () => line.stats(),
  cpu: () => cpuMs(),
  loop: () => loopDelay(),
});
