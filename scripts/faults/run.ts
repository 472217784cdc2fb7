/**
 * The fault-load run: many users write to the bot at once while LINE's API fails and is slow, and one failure
 * is injected — the bot killed with kill -9, the dev database killed with kill -9, or the database frozen for a
 * few seconds. Events that do not get a 200 are sent again, as LINE does. When everything has settled, the
 * database and what the fake LINE accepted are compared:
 *   - stored: every event that got a 200 is in the inbox;
 *   - answered once: each part of each event's answer was accepted by LINE exactly once (reply or push);
 *   - doubled: accepted more than once; lost: never (split into `unknown` — the documented case — and other);
 *   - wrongly failed: recorded `failed` although LINE accepted it;
 *   - transcript: the event's message once and each answer message once in the conversation record.
 * Used by test/reliability/faultLoad.test.ts (short) and `npm run bench:faults` (1,000 events per failure kind).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { signBody, ulid } from '../../src/simulator/events';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { startFakeLine, type LineFaults } from './fakeLine';
import { FAULT_SECRET, startBotProcess, startDatabaseProcess, type Child, portForRestarts } from './processes';

export type FailureKind = 'none' | 'kill-bot' | 'kill-db' | 'db-outage';

export interface FaultRunOptions {
  kind: FailureKind;
  users: number;
  textsPerUser: number;
  faults: LineFaults;
  /** When the failure is injected: after this share of the events got their 200. */
  failAt?: number;
  /** How long the database stays frozen (db-outage) or down before it is started again (kill-db). */
  outageMs?: number;
  /** Gives up waiting for the bot to settle after this long. */
  settleTimeoutMs?: number;
  /**
   * Gives up sending events again and again this long after the first was sent (one deadline for the whole
   * run, so a bot that never acknowledges again costs this much, not this much per event; reported as a problem).
   */
  deliverTimeoutMs?: number;
  /** Gives up waiting for the bot to exit after SIGTERM after this long (reported; then kill -9). */
  stopTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface FaultRunResult {
  kind: FailureKind;
  events: number;
  acknowledged: number;
  stored: number;
  answeredOnce: number;
  doubled: number;
  /** Never accepted by LINE, delivery recorded `unknown` (a reply in flight when the bot lost track of it). */
  lostUnknown: number;
  /** Never accepted by LINE for any other reason (must be 0). */
  lostOther: number;
  wronglyFailed: number;
  recordedUnknown: number;
  transcriptIncomplete: number;
  /** Webhook requests answered with something else than 200, or not answered (the bot was down). */
  webhookRetries: number;
  lineCalls: Record<string, number>;
  /** Time from the first event to everything settled. */
  seconds: number;
  /** SIGTERM under load at the end: how long the bot took to stop, and its exit code. */
  stopMs: number;
  stopCode: number | null;
  /** A few examples of what went wrong, for the report. */
  problems: string[];
}

/** Thai texts people send (none asks for staff: during a handoff the bot rightly stays quiet). */
const TEXTS = [
  'สวัสดีค่ะ',
  'ยายอายุ๗๕ ได้เบี้ยเท่าไหร่',
  'แม่เป็นอัมพาต นอนติดเตียง ไม่มีคนเฝ้า',
  'อยากไปติดต่อที่อบต.วันจันทร์ได้ไหม',
  'ยายอายุ 80 อยู่หมู่ 3',
  'เรื่องที่แจ้งไปเมื่อวานเป็นยังไงบ้าง',
  'ลูกพิการ ทำบัตรคนพิการยังไง',
  'ไม่เอาแล้ว',
  'เมนู',
  'ข้อมูลศูนย์',
];

interface SentEvent {
  id: string;
  user: string;
  replyToken: string;
  acked: boolean;
}

export async function runFaultLoad(o: FaultRunOptions): Promise<FaultRunResult> {
  const started = Date.now();
  // What the run did and when: logged as it goes, and added to the report of a run with problems.
  const trail: string[] = [];
  const log = (line: string) => {
    trail.push(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);
    o.log?.(line);
  };
  const dbpath = mkdtempSync(join(tmpdir(), 'fault-db-'));
  const line = await startFakeLine(o.faults);
  // Killed and started again on the same port (kill-db): a port the system will not hand to another socket meanwhile.
  let db: Child = await startDatabaseProcess(dbpath, await portForRestarts());
  const dbPort = db.port;
  const uri = `mongodb://127.0.0.1:${dbPort}/faults`;
  const botEnv = {
    INBOX_SWEEP_MS: '500',
    INBOX_LOCK_MS: '2000',
    LINE_TIMEOUT_MS: '3000',
    OUTBOX_BACKOFF_BASE_MS: '100',
    OUTBOX_BACKOFF_MAX_MS: '1000',
  };
  let bot: Child = await startBotProcess(uri, line.url, botEnv);
  const problems: string[] = [];
  const events: SentEvent[] = [];
  let acked = 0;
  let retries = 0;
  const total = o.users * o.textsPerUser;
  const failAt = Math.floor(total * (o.failAt ?? 0.4));
  let failure: Promise<void> | undefined;
  let stop = { ms: 0, code: 0 as number | null };
  let finished = false;
  const t0 = Date.now();

  const inject = async () => {
    try {
      await injectFailure();
    } catch (err) {
      // Reported, not thrown: the run goes on and its figures say what the failed restart cost.
      problems.push(`injecting ${o.kind} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const injectFailure = async () => {
    log(`injecting ${o.kind} after ${acked} acknowledged events`);
    if (o.kind === 'kill-bot') {
      await bot.kill();
      bot = await startBotProcess(uri, line.url, botEnv);
    } else if (o.kind === 'kill-db') {
      await db.kill();
      await new Promise((r) => setTimeout(r, o.outageMs ?? 1000));
      db = await startDatabaseProcess(dbpath, dbPort);
    } else if (o.kind === 'db-outage') {
      db.child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, o.outageMs ?? 3000));
      db.child.kill('SIGCONT');
    }
    log(`${o.kind} done`);
  };

  /** Sends one event until it gets its 200, as LINE redelivers (same webhookEventId, isRedelivery). */
  let giveUpAt = Date.now() + (o.deliverTimeoutMs ?? 60_000);
  const deliver = async (e: SentEvent, text: string, timestamp: number) => {
    for (let attempt = 0; !finished; attempt++) {
      if (Date.now() > giveUpAt) {
        // LINE stops redelivering too; a run that gets here reports it instead of hanging.
        problems.push(`never acknowledged after ${attempt} attempts: ${e.id}`);
        return;
      }
      const event = {
        type: 'message',
        mode: 'active',
        timestamp,
        webhookEventId: e.id,
        deliveryContext: { isRedelivery: attempt > 0 },
        source: { type: 'user', userId: e.user },
        replyToken: e.replyToken,
        message: { type: 'text', id: String(Math.floor(Math.random() * 1e15)), quoteToken: 'q', text },
      };
      const body = JSON.stringify({ destination: 'Ufaultbot', events: [event] });
      try {
        const res = await fetch(`http://127.0.0.1:${bot.port}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': signBody(body, FAULT_SECRET) },
          body,
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        if (res.status === 200) {
          e.acked = true;
          acked++;
          if (!failure && o.kind !== 'none' && acked >= failAt) failure = inject();
          return;
        }
      } catch {
        // the bot is down or did not answer in time: LINE would send it again later
      }
      retries++;
      await new Promise((r) => setTimeout(r, Math.min(1000, 100 * 2 ** Math.min(attempt, 4))));
    }
  };

  const user = async (u: number) => {
    const userId = `Ufault${String(u).padStart(4, '0')}${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    for (let i = 0; i < o.textsPerUser; i++) {
      const e: SentEvent = { id: ulid(), user: userId, replyToken: randomUUID().replace(/-/g, ''), acked: false };
      events.push(e);
      await deliver(e, TEXTS[(u + i) % TEXTS.length], Date.now());
      await new Promise((r) => setTimeout(r, Math.random() * 100));
    }
  };

  // The stop's burst: its deliveries go on retrying (the bot is stopping) until the run is finished.
  let burst: Promise<void>[] = [];
  try {
    await Promise.all(Array.from({ length: o.users }, (_, u) => user(u)));
    await failure;
    log(`${acked} of ${total} events acknowledged (${retries} webhook retries); waiting for the bot to settle`);

    await mongoose.connect(uri, { serverSelectionTimeoutMS: 10_000 });
    const ids = events.map((e) => e.id);
    const sources = ids.map((id) => `event:${id}`);
    const settleUntil = Date.now() + (o.settleTimeoutMs ?? 60_000);
    for (;;) {
      const pendingIn = await InboxEvent.countDocuments({ webhookEventId: { $in: ids }, status: 'pending' });
      const pendingOut = await OutgoingMessage.countDocuments({ source: { $in: sources }, status: 'pending' });
      if (pendingIn === 0 && pendingOut === 0) break;
      if (Date.now() > settleUntil) {
        problems.push(`not settled: ${pendingIn} events and ${pendingOut} deliveries pending`);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - t0) / 1000;
    log(`settled after ${seconds.toFixed(1)} s; a burst, then SIGTERM`);

    // SIGTERM under load: a burst of events, then the stop.
    giveUpAt = Date.now() + 2000;
    burst = Array.from({ length: Math.min(50, o.users * 2) }, (_, i) => {
      const e: SentEvent = { id: ulid(), user: `Ufaultstop${i}`, replyToken: randomUUID().replace(/-/g, ''), acked: false };
      return deliver(e, 'สวัสดีค่ะ', Date.now());
    });
    let burstTimer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(burst), new Promise((r) => (burstTimer = setTimeout(r, 2000)))]);
    clearTimeout(burstTimer);
    stop = await bot.stop(o.stopTimeoutMs ?? 15_000);
    if (stop.code === null) problems.push(`the bot did not exit within ${stop.ms} ms of SIGTERM (killed)`);
    log(`stopped in ${stop.ms} ms (exit ${stop.code})`);

    const result = await check(events, line, problems);
    if (problems.length > 0) {
      // What the processes printed last, so a failed run in CI says why.
      problems.push(
        `the run:\n${trail.join('\n')}`,
        `bot output (end):\n${bot.output().slice(-4000)}`,
        `database output (end):\n${db.output().slice(-2000)}`,
      );
    }
    return {
      kind: o.kind,
      events: total,
      webhookRetries: retries,
      lineCalls: line.statuses,
      seconds,
      stopMs: stop.ms,
      stopCode: stop.code,
      problems,
      ...result,
    };
  } finally {
    finished = true;
    // Nothing of the run goes on after it: the burst's retries see `finished` after their pause.
    await Promise.allSettled(burst);
    await mongoose.disconnect().catch(() => undefined);
    await bot.kill();
    await db.kill();
    await line.close();
    rmSync(dbpath, { recursive: true, force: true });
  }
}

async function check(events: SentEvent[], line: Awaited<ReturnType<typeof startFakeLine>>, problems: string[]) {
  const note = (p: string) => {
    if (problems.length < 20) problems.push(p);
  };
  const ackedEvents = events.filter((e) => e.acked);
  const ids = ackedEvents.map((e) => e.id);
  const storedIds = new Set((await InboxEvent.find({ webhookEventId: { $in: ids } }, { webhookEventId: 1 }).lean()).map((d) => d.webhookEventId));
  const outgoing = await OutgoingMessage.find({ source: { $in: ids.map((id) => `event:${id}`) } }).lean();
  const bySource = new Map<string, typeof outgoing>();
  for (const d of outgoing) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d]);
  const replyCount = new Map<string, number>();
  for (const r of line.replies) replyCount.set(r.replyToken, (replyCount.get(r.replyToken) ?? 0) + 1);
  const pushCount = new Map<string, number>();
  for (const p of line.pushes) pushCount.set(p.retryKey, (pushCount.get(p.retryKey) ?? 0) + 1);
  const incoming = await ConversationMessage.find({ webhookEventId: { $in: ids } }, { webhookEventId: 1 }).lean();
  const incomingCount = new Map<string, number>();
  for (const m of incoming) incomingCount.set(m.webhookEventId!, (incomingCount.get(m.webhookEventId!) ?? 0) + 1);
  const outRecords = await ConversationMessage.find({ outgoingId: { $in: outgoing.map((d) => d._id) } }, { outgoingId: 1, outgoingIndex: 1 }).lean();
  const outCount = new Map<string, number>();
  for (const m of outRecords) outCount.set(`${m.outgoingId}:${m.outgoingIndex}`, (outCount.get(`${m.outgoingId}:${m.outgoingIndex}`) ?? 0) + 1);

  let stored = 0;
  let answeredOnce = 0;
  let doubled = 0;
  let lostUnknown = 0;
  let lostOther = 0;
  let wronglyFailed = 0;
  let recordedUnknown = 0;
  let transcriptIncomplete = 0;
  for (const e of ackedEvents) {
    if (storedIds.has(e.id)) stored++;
    else note(`acknowledged but not stored: ${e.id}`);
    const chunks = (bySource.get(`event:${e.id}`) ?? []).sort((a, b) => a.seq - b.seq);
    if (chunks.length === 0) {
      lostOther++;
      note(`no answer stored for ${e.id}`);
      continue;
    }
    let once = true;
    let transcriptOk = incomingCount.get(e.id) === 1;
    for (const c of chunks) {
      const accepted = (c.seq === 0 ? (replyCount.get(e.replyToken) ?? 0) : 0) + (pushCount.get(c.retryKey) ?? 0);
      if (c.status === 'unknown') recordedUnknown++;
      if (accepted > 1) {
        doubled++;
        once = false;
        note(`answer accepted ${accepted} times: ${e.id} seq ${c.seq}`);
      } else if (accepted === 0) {
        once = false;
        if (c.status === 'unknown') lostUnknown++;
        else {
          lostOther++;
          note(`answer never accepted: ${e.id} seq ${c.seq} status ${c.status} ${c.lastError ?? ''}`);
        }
      }
      if (accepted > 0 && c.status === 'failed') {
        wronglyFailed++;
        note(`recorded failed although accepted: ${e.id} seq ${c.seq}`);
      }
      for (let i = 0; i < c.messages.length; i++) if (outCount.get(`${c._id}:${i}`) !== 1) transcriptOk = false;
    }
    if (once) answeredOnce++;
    if (!transcriptOk) {
      transcriptIncomplete++;
      note(`transcript incomplete for ${e.id}`);
    }
  }
  return {
    acknowledged: ackedEvents.length,
    stored,
    answeredOnce,
    doubled,
    lostUnknown,
    lostOther,
    wronglyFailed,
    recordedUnknown,
    transcriptIncomplete,
  };
}
