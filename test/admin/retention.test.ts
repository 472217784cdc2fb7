/**
 * The daily retention job against the dev server through mongoose, with a fake clock: finished requests lose
 * their personal data 5 years after closing (open ones and recently closed ones are kept), old conversations
 * and photos of people with nothing held go, quiet profiles go (their consent facts stay, unnamed), the audit
 * log and the delivery records are trimmed; one run per Bangkok day across instances; a second run changes nothing.
 */
import { connectTestDb, type TestDb } from '../helpers/db';
import { createLogger } from '../../src/log';
import { RetentionJob } from '../../src/admin/pdpa/retention';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Citizen } from '../../src/db/models/citizen';
import { Consent } from '../../src/db/models/consent';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { MessageContent } from '../../src/db/models/messageContent';
import { StaffNote } from '../../src/db/models/staffNote';
import { AuditLog } from '../../src/db/models/auditLog';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { Session } from '../../src/db/models/session';
import { JobRun } from '../../src/db/models/jobRun';
import { storeRequest } from './helpers';

let db: TestDb;
const NOW = new Date('2026-06-01T03:00:00Z');
const yearsAgo = (y: number, extraDays = 0) => new Date(Date.UTC(2026 - y, 5, 1, 3) - extraDays * 86_400_000);
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

/** A request as it was stored at `created`, finished (or not) at `closed`. */
async function requestAt(created: Date, closed?: Date) {
  const r = await storeRequest();
  const history = [
    { status: 'received', at: created, by: 'citizen' },
    ...(closed ? [{ status: 'closed', at: closed, by: 'staff1', note: 'ไปเยี่ยมคุณแม่ที่บ้านเลขที่ 9 แล้ว' }] : []),
  ];
  // Raw writes: mongoose would stamp updatedAt with today's date.
  await HelpRequest.collection.updateOne(
    { _id: r._id },
    { $set: { createdAt: created, updatedAt: closed ?? created, status: closed ? 'closed' : 'received', statusHistory: history } },
  );
  await StaffNote.create({ reference: r.reference, text: 'ลูกสาวชื่อ สมใจ โทร 0898887777', byId: 'x', byName: 'สมศรี', at: created });
  await ConversationMessage.create({ lineUserId: r.lineUserId, direction: 'in', type: 'text', text: 'แม่ติดเตียงค่ะ', at: created });
  await MessageContent.collection.insertOne({
    lineMessageId: `m-${r.reference}`,
    lineUserId: r.lineUserId,
    contentType: 'image/jpeg',
    size: 3,
    data: Buffer.from([1, 2, 3]),
    createdAt: created,
    updatedAt: created,
  });
  await Citizen.collection.updateOne({ lineUserId: r.lineUserId }, { $set: { lastMessageAt: closed ?? created, updatedAt: closed ?? created } });
  return r;
}

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

describe('retention job', () => {
  it('applies the periods once a day, on one instance, and changes nothing the second time', async () => {
    const expired = await requestAt(yearsAgo(6), yearsAgo(5, 10)); // closed 5 years and 10 days ago
    const recent = await requestAt(yearsAgo(6), yearsAgo(4)); // closed 4 years ago
    const open = await requestAt(yearsAgo(7)); // never closed
    // Someone who only chatted, 6 years ago, and consented once.
    const chatter = `U${'c'.repeat(32)}`;
    await Citizen.collection.insertOne({
      lineUserId: chatter,
      displayName: 'ลุงชม',
      following: true,
      lastMessageAt: yearsAgo(6),
      createdAt: yearsAgo(6),
      updatedAt: yearsAgo(6),
    });
    await ConversationMessage.create({ lineUserId: chatter, direction: 'in', type: 'text', text: 'สวัสดีครับ', at: yearsAgo(6) });
    await Session.collection.insertOne({ lineUserId: chatter, flow: null, paused: null, awaitingResume: false, touchedAt: yearsAgo(6) });
    await Consent.create({
      lineUserId: chatter,
      purpose: 'help_request',
      given: false,
      textKey: 'help.consent.ask',
      textVersion: 1,
      at: yearsAgo(6),
    });
    await AuditLog.create([
      { at: yearsAgo(6), actorId: 'a', actor: 'admin1', role: 'admin', action: 'view_request', targetId: expired.reference },
      { at: daysAgo(10), actorId: 'a', actor: 'admin1', role: 'admin', action: 'view_request', targetId: recent.reference },
    ]);
    await InboxEvent.create([
      {
        webhookEventId: 'old-1',
        lane: chatter,
        type: 'message',
        timestamp: daysAgo(40),
        event: { message: { text: 'เก่า' } },
        status: 'done',
        receivedAt: daysAgo(40),
        processedAt: daysAgo(40),
      },
      {
        webhookEventId: 'new-1',
        lane: chatter,
        type: 'message',
        timestamp: daysAgo(2),
        event: { message: { text: 'ใหม่' } },
        status: 'done',
        receivedAt: daysAgo(2),
        processedAt: daysAgo(2),
      },
    ]);

    let now = NOW;
    const log = createLogger('silent');
    const [one, two] = [new RetentionJob({ log, now: () => now }), new RetentionJob({ log, now: () => now })];
    const results = await Promise.all([one.runIfDue(), two.runIfDue()]);
    const ran = results.filter(Boolean);
    expect(ran).toHaveLength(1);
    // Profiles: the chatter's and the expired case's citizen (quiet since the case closed, nothing held any more).
    expect(ran[0]).toMatchObject({ requests: 1, profiles: 2, consents: 1, auditEntries: 1, inboxEvents: 1 });
    expect(ran[0]!.messages).toBe(2); // the expired case's conversation and the old chat
    expect(ran[0]!.photos).toBe(1);

    // The expired case is a record without personal data; its notes, conversation and photo are gone.
    const e = await HelpRequest.findOne({ reference: expired.reference }).lean();
    expect(e).toMatchObject({ category: 'elderly', status: 'closed', anonymisedBy: 'retention' });
    expect(e!.lineUserId).toMatch(/^expired:/);
    expect(e!.phone ?? e!.nationalId ?? e!.details ?? e!.requesterName ?? e!.beneficiary?.name).toBeUndefined();
    expect(e!.statusHistory.map((h) => h.note)).toEqual([undefined, undefined]);
    expect(await StaffNote.countDocuments({ reference: expired.reference })).toBe(0);
    expect(await ConversationMessage.countDocuments({ lineUserId: expired.lineUserId })).toBe(0);
    expect(await MessageContent.countDocuments({ lineUserId: expired.lineUserId })).toBe(0);
    expect(await Citizen.countDocuments({ lineUserId: expired.lineUserId })).toBe(0);
    // The recently closed and the open case keep everything, conversation included.
    for (const kept of [recent, open]) {
      const k = await HelpRequest.findOne({ reference: kept.reference }).lean();
      expect(k).toMatchObject({ lineUserId: kept.lineUserId, phone: '0812345678', nationalId: '1101700203450' });
      expect(k!.anonymisedAt).toBeUndefined();
      expect(await ConversationMessage.countDocuments({ lineUserId: kept.lineUserId })).toBe(1);
      expect(await StaffNote.countDocuments({ reference: kept.reference })).toBe(1);
      expect(await Citizen.countDocuments({ lineUserId: kept.lineUserId })).toBe(1);
    }
    // The quiet chatter: profile, session and conversation gone; the consent's fact stays, unnamed.
    expect(await Citizen.countDocuments({ lineUserId: chatter })).toBe(0);
    expect(await Session.countDocuments({ lineUserId: chatter })).toBe(0);
    expect(await Consent.countDocuments({ lineUserId: chatter })).toBe(0);
    expect(await Consent.countDocuments({ lineUserId: /^expired:/, given: false })).toBe(1);
    // Audit log 5 years, delivery records 30 days; the run itself is in the audit log.
    expect(await AuditLog.countDocuments({ action: 'view_request' })).toBe(1);
    expect(await AuditLog.countDocuments({ action: 'retention_run', actor: 'retention' })).toBe(1);
    expect((await InboxEvent.find({}, { webhookEventId: 1 }).lean()).map((x) => x.webhookEventId)).toEqual(['new-1']);

    // Same day: nobody runs it again. Next day: it runs, and finds nothing more to do.
    expect(await one.runIfDue()).toBeUndefined();
    expect(await two.runIfDue()).toBeUndefined();
    now = new Date(NOW.getTime() + 86_400_000);
    const again = await two.runIfDue();
    expect(again).toBeDefined();
    expect(Object.values(again!).every((v) => v === 0)).toBe(true);
    expect(await AuditLog.countDocuments({ action: 'retention_run' })).toBe(1);
  });

  it('takes over a run whose instance died (its lease ran out)', async () => {
    let now = new Date('2026-07-01T03:00:00Z');
    const log = createLogger('silent');
    const dying = new RetentionJob({ log, now: () => now, leaseMs: 60_000 });
    // An instance claimed today's run and died before finishing (its lease is in the database, the day not done).
    await JobRun.updateOne(
      { _id: 'retention' },
      { $set: { day: '2026-06-30', owner: dying.owner, leaseUntil: new Date(now.getTime() + 60_000) } },
      { upsert: true },
    );
    const other = new RetentionJob({ log, now: () => now });
    expect(await other.runIfDue()).toBeUndefined();
    now = new Date(now.getTime() + 61_000);
    expect(await other.runIfDue()).toBeDefined();
    expect((await JobRun.findById('retention').lean())!.day).toBe('2026-07-01');
  });
});
