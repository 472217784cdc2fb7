/**
 * Wires the parts together once mongoose is connected: LINE client, outbox, conversation record, inbox worker,
 * the bot's handler and the HTTP app. `server.ts` starts it for real; tests start it against the dev server.
 */
import type { Express, Router } from 'express';
import type { Config } from './config';
import type { Logger } from './log';
import { createLineClient, type LineClient } from './line/client';
import { webhookRouter } from './line/webhook';
import { Outbox } from './outbox/outbox';
import { ConversationRecorder } from './bot/record';
import { InboxWorker } from './inbox/worker';
import { InboxCommitter, type StoredLane } from './inbox/inbox';
import { createEventProcessor, type Bot, type BotHandler } from './bot/pipeline';
import { createConversation } from './bot/conversation';
import { createBot } from './bot/dispatch';
import { storedCalendar } from './bot/calendar';
import { mongoStores } from './bot/stores/mongo';
import { createApp } from './app';
import { WaitingRequestsWatch } from './admin/waitingRequests';
import { ReminderScheduler } from './bot/reminders';
import { createStaffSide, type StaffSide } from './admin';
import { RetentionJob } from './admin/pdpa/retention';

export interface Runtime {
  app: Express;
  line: LineClient;
  outbox: Outbox;
  worker: InboxWorker;
  /** The staff console, API, staff LINE group and alerts. */
  staff: StaffSide;
  /** Applies the retention periods once a day (one instance at a time). */
  retention: RetentionJob;
  /** Starts background work (inbox and outbox sweeps, which also resume after a restart). */
  start(): void;
  /** Stops taking events and waits for work under way. */
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** A stand-in for the citizens' conversation, answering with LINE messages (tests of the LINE plumbing). */
  handler?: BotHandler;
  /** More routes (simulator, staff console), mounted after the webhook. */
  routers?: Router[];
  /** The clock of conversations and booking reminders (tests set it); the system clock by default. */
  now?: () => Date;
  /** How often to look for due booking reminders (default one minute). */
  reminderIntervalMs?: number;
  /** How often to look whether today's retention run is due (default one hour). */
  retentionCheckMs?: number;
  /** How often to look for requests still waiting for a call back (default ten minutes). */
  waitingCheckMs?: number;
  /**
   * The HTTP side only (`PROCESSING_THREAD=on`, src/processing/thread.ts): the webhook hands the lanes of the events it
   * stored to `onStored` instead of this runtime's inbox worker, and `start()` starts no background work —
   * the processing thread's runtime does it.
   */
  httpOnly?: { onStored: (lanes: StoredLane[]) => void };
}

export function createRuntime(config: Config, log: Logger, options: RuntimeOptions = {}): Runtime {
  const line = createLineClient({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.line.apiBaseUrl,
    dataApiBaseUrl: config.line.dataApiBaseUrl,
    timeoutMs: config.line.timeoutMs,
  });
  const outbox = new Outbox(line, log.child({ part: 'outbox' }), {
    ...config.outbox,
    sweepMs: config.inbox.sweepMs,
    leaseMs: config.line.timeoutMs + 5_000,
  });
  const calendar = storedCalendar(log.child({ part: 'calendar' }));
  const staff = createStaffSide({ config, log, line, outbox, calendar });
  const standIn = options.handler;
  const stores = mongoStores();
  const citizens: Bot = standIn
    ? async (input) => ({ lineMessages: await standIn(input) })
    : createConversation({
        idleMs: config.conversation.idleMs,
        handoffTimeoutMs: config.conversation.handoffTimeoutMs,
        log: log.child({ part: 'conversation' }),
        stores,
        now: options.now,
        staffGroupId: config.staff.groupId,
      });
  const bot = createBot({ citizens, groups: staff.groups, calendar });
  const reminders = new ReminderScheduler(outbox, stores.bookings, log.child({ part: 'reminders' }), {
    intervalMs: options.reminderIntervalMs ?? 60_000,
    now: options.now,
  });
  const retention = new RetentionJob({ log: log.child({ part: 'retention' }), now: options.now, checkEveryMs: options.retentionCheckMs });
  const waiting = new WaitingRequestsWatch({
    log: log.child({ part: 'waiting' }),
    now: options.now,
    checkEveryMs: options.waitingCheckMs ?? 10 * 60_000,
  });
  const recorder = new ConversationRecorder(line, log.child({ part: 'record' }));
  const process = createEventProcessor({
    recorder,
    outbox,
    line,
    bot,
    log: log.child({ part: 'bot' }),
    loadingAnimationAfterMs: config.outbox.loadingAnimationAfterMs,
  });
  const worker = new InboxWorker(process, log.child({ part: 'inbox' }), { ...config.inbox, freshForMs: config.outbox.replyTokenTtlMs });
  const committer = new InboxCommitter();
  let accepting = true;
  const app = createApp({
    log,
    isAccepting: () => accepting,
    trustProxy: config.trustProxy,
    routers: [
      webhookRouter({
        channelSecret: config.line.channelSecret,
        log,
        committer,
        onStored: options.httpOnly?.onStored ?? ((lanes) => worker.stored(lanes)),
      }),
      staff.router,
      ...(options.routers ?? []),
    ],
  });
  return {
    app,
    line,
    outbox,
    worker,
    staff,
    retention,
    start() {
      if (options.httpOnly) return;
      worker.start();
      outbox.start();
      reminders.start();
      staff.start();
      retention.start();
      waiting.start();
    },
    async stop() {
      accepting = false;
      await worker.stop();
      await reminders.stop();
      await retention.stop();
      await waiting.stop();
      await staff.stop();
      await outbox.stop();
    },
  };
}
