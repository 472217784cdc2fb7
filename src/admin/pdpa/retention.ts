/**
 * The retention job: once a day (Bangkok), on one instance only, applies the periods in
 * src/domain/data/retention.json — the ones the bot's notice promises. Finished requests 5 years after closing
 * lose their personal data (anonymise.ts); old conversations and photos of people with no case still held are
 * deleted, as are profiles, sessions and handoffs of people gone quiet; old staff alerts lose their quotes; the
 * audit log and the delivery records (inbox, outbox) are trimmed. Every step is idempotent, so a run repeated
 * after a crash (its lease ran out) changes nothing twice. Each run that changed something is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log';
import { HelpRequest, type RequestStatus } from '../../db/models/helpRequest';
import { Booking } from '../../db/models/booking';
import { Citizen } from '../../db/models/citizen';
import { ConversationMessage } from '../../db/models/conversationMessage';
import { MessageContent } from '../../db/models/messageContent';
import { Session } from '../../db/models/session';
import { Handoff } from '../../db/models/handoff';
import { AuditLog } from '../../db/models/auditLog';
import { InboxEvent } from '../../db/models/inboxEvent';
import { OutgoingMessage } from '../../db/models/outgoingMessage';
import { JobRun } from '../../db/models/jobRun';
import { isDuplicateKey } from '../../db/errors';
import { toIsoDate } from '../../domain/bangkokTime';
import { RETENTION, cutoff, periodTh, RETENTION_KEYS, type RetentionData } from '../../domain/retention';
import { anonymiseAlerts, anonymiseBookings, anonymiseConsents, anonymiseRequests, isPseudonym, newPseudonym } from './anonymise';

const JOB_ID = 'retention';
const FINISHED: RequestStatus[] = ['resolved', 'closed'];

export interface RetentionResult {
  requests: number;
  bookings: number;
  messages: number;
  photos: number;
  profiles: number;
  consents: number;
  alerts: number;
  auditEntries: number;
  inboxEvents: number;
  outboxMessages: number;
}

/** Applies every period once, as seen from `now`. Idempotent. */
export async function applyRetention(now: Date, periods: RetentionData['periods'] = RETENTION.periods): Promise<RetentionResult> {
  const pseudonyms = new Map<string, string>();
  const pseudonym = (id: string) => {
    if (isPseudonym(id)) return id;
    if (!pseudonyms.has(id)) pseudonyms.set(id, newPseudonym('expired'));
    return pseudonyms.get(id)!;
  };

  // Finished requests, 5 years after closing: the closing is the last change into a finished status.
  const closedBefore = cutoff(periods.closedRequests, now);
  const candidates = await HelpRequest.find(
    { status: { $in: FINISHED }, anonymisedAt: null, createdAt: { $lt: closedBefore } },
    { _id: 1, statusHistory: 1, updatedAt: 1 },
  ).lean();
  const due = candidates.filter((r) => {
    const closing = [...(r.statusHistory ?? [])].reverse().find((h) => h.status && FINISHED.includes(h.status as RequestStatus));
    return (closing?.at ?? r.updatedAt) < closedBefore;
  });
  const requests = due.length ? await anonymiseRequests({ _id: { $in: due.map((r) => r._id) } }, pseudonym, 'retention', now) : [];

  // Bookings, 5 years after the day of the visit.
  const bookings = await anonymiseBookings({ date: { $lt: toIsoDate(cutoff(periods.bookings, now)) } }, pseudonym, 'retention', now);

  // People whose cases are still held (a request not anonymised, or a booking not anonymised) keep their conversation.
  const held = new Set<string>([
    ...((await HelpRequest.distinct('lineUserId', { anonymisedAt: null })) as string[]),
    ...((await Booking.distinct('lineUserId', { anonymisedAt: null })) as string[]),
  ]);

  const messagesBefore = cutoff(periods.conversations, now);
  let messages = 0;
  let photos = 0;
  for (const lineUserId of (await ConversationMessage.distinct('lineUserId', { at: { $lt: messagesBefore } })) as string[]) {
    if (held.has(lineUserId)) continue;
    messages += (await ConversationMessage.deleteMany({ lineUserId, at: { $lt: messagesBefore } })).deletedCount;
    photos += (await MessageContent.deleteMany({ lineUserId, createdAt: { $lt: messagesBefore } })).deletedCount;
  }

  // Profiles, sessions, handoffs of people not heard from in the period and with nothing held; their consent facts stay.
  const quietBefore = cutoff(periods.profiles, now);
  const quiet = await Citizen.find(
    { $or: [{ lastMessageAt: { $lt: quietBefore } }, { lastMessageAt: null, updatedAt: { $lt: quietBefore } }] },
    { lineUserId: 1 },
  ).lean();
  let profiles = 0;
  let consents = 0;
  for (const { lineUserId } of quiet) {
    if (held.has(lineUserId) || (await ConversationMessage.exists({ lineUserId }))) continue;
    consents += await anonymiseConsents(lineUserId, pseudonym(lineUserId));
    await Promise.all([Session.deleteMany({ lineUserId }), Handoff.deleteMany({ lineUserId }), MessageContent.deleteMany({ lineUserId })]);
    profiles += (await Citizen.deleteOne({ lineUserId })).deletedCount;
  }

  const alerts = await anonymiseAlerts({ createdAt: { $lt: cutoff(periods.staffAlerts, now) } }, pseudonym);
  const auditEntries = (await AuditLog.deleteMany({ at: { $lt: cutoff(periods.auditLog, now) } })).deletedCount;
  const deliveredBefore = cutoff(periods.deliveryRecords, now);
  const inboxEvents = (await InboxEvent.deleteMany({ status: { $in: ['done', 'failed'] }, receivedAt: { $lt: deliveredBefore } })).deletedCount;
  const outboxMessages = (await OutgoingMessage.deleteMany({ status: { $in: ['sent', 'failed', 'unknown'] }, updatedAt: { $lt: deliveredBefore } }))
    .deletedCount;

  return {
    requests: requests.length,
    bookings: bookings.references.length,
    messages,
    photos,
    profiles,
    consents,
    alerts,
    auditEntries,
    inboxEvents,
    outboxMessages,
  };
}

export interface RetentionJobOptions {
  log: Logger;
  /** The clock (tests set it); the system clock by default. */
  now?: () => Date;
  /** How often to look whether today's run is due (default one hour). */
  checkEveryMs?: number;
  /** How long one instance holds the run before another may take it over (default 30 minutes). */
  leaseMs?: number;
  /** The first look after start (default one minute: a start is not slowed, and a short-lived process never runs it). */
  firstCheckMs?: number;
}

/** Runs {@link applyRetention} once per Bangkok day across all instances (a lease in the `jobruns` collection). */
export class RetentionJob {
  readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(private readonly opts: RetentionJobOptions) {}

  private now(): Date {
    return this.opts.now ? this.opts.now() : new Date();
  }

  /** Runs today's retention if no instance has yet; the result, or undefined when it was not this instance's to run. */
  async runIfDue(): Promise<RetentionResult | undefined> {
    const now = this.now();
    const day = toIsoDate(now);
    const leaseMs = this.opts.leaseMs ?? 30 * 60_000;
    try {
      const claimed = await JobRun.findOneAndUpdate(
        { _id: JOB_ID, day: { $ne: day }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
        { $set: { owner: this.owner, leaseUntil: new Date(now.getTime() + leaseMs) } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      if (claimed?.owner !== this.owner) return undefined;
    } catch (err) {
      // Another instance holds the lease, or has run it today: the document exists and did not match.
      if (isDuplicateKey(err)) return undefined;
      throw err;
    }
    const result = await applyRetention(now);
    await JobRun.updateOne({ _id: JOB_ID, owner: this.owner }, { $set: { day, leaseUntil: null, lastRunAt: now, lastResult: result } });
    if (Object.values(result).some((n) => n > 0)) {
      await AuditLog.create({
        at: now,
        actorId: 'system',
        actor: 'retention',
        role: 'system',
        action: 'retention_run',
        targetKind: 'settings',
        targetId: 'retention',
        detail: { ...result },
      });
      this.opts.log.info({ ...result }, 'retention periods applied');
    }
    return result;
  }

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.runIfDue().catch((err) => this.opts.log.error({ err }, 'retention job failed'));
      await this.running;
      schedule(this.opts.checkEveryMs ?? 3_600_000);
    };
    const schedule = (ms: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(() => void tick(), ms);
      // A pending look never keeps the process alive.
      this.timer.unref();
    };
    schedule(this.opts.firstCheckMs ?? 60_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}

/** The periods in force and the last run, for the console's settings page (read-only: edit the data file). */
export async function retentionView() {
  const run = await JobRun.findById(JOB_ID).lean();
  return {
    checked: RETENTION.checked,
    source: 'src/domain/data/retention.json',
    periods: RETENTION_KEYS.map((id) => ({
      id,
      period: periodTh(RETENTION.periods[id]),
      th: RETENTION.periods[id].th,
      basis: RETENTION.periods[id].basis,
    })),
    lastRun: run?.lastRunAt ? { at: run.lastRunAt, day: run.day, result: run.lastResult } : undefined,
  };
}
