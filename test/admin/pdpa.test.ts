/**
 * The PDPA promises kept, through the real webhook and the staff API (LINE mocked by nock): a citizen's requests
 * about their data become staff tasks; staff export everything held about a citizen as a readable ZIP; an admin
 * erases a citizen, after which nothing of them shows in the console, the CSV or the transcript; an unsent
 * message disappears from the record; the notice promises the period the retention data holds.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen as ChattingCitizen } from '../helpers/chat';
import { messageEvent, textEvent, unsendEvent } from '../helpers/line';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { MessageContent } from '../../src/db/models/messageContent';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Booking } from '../../src/db/models/booking';
import { Consent } from '../../src/db/models/consent';
import { Citizen } from '../../src/db/models/citizen';
import { Session } from '../../src/db/models/session';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { AuditLog } from '../../src/db/models/auditLog';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { LaneLock } from '../../src/db/models/laneLock';
import { RETENTION } from '../../src/domain/retention';
import { t } from '../../src/i18n';
import { fileUrgentRequest, login, makeStaff, type Staff } from './helpers';

const GROUP = `C${'7'.repeat(32)}`;
const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6]);

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let staff: Staff;
let admin: Staff;
let volunteer: Staff;
let n = 0;
const citizen = () => new ChattingCitizen(`U${String(++n).padStart(4, '0')}${Date.now().toString(16).padStart(28, 'f')}`, bot, line);
const groupTexts = () =>
  line
    .pushes()
    .filter((c) => c.body.to === GROUP && c.status === 200)
    .flatMap((c) => c.body.messages.map((m: any) => m.text));

/** A citizen who filed an urgent request, sent a photo, and has a booking to come. */
async function citizenWithData() {
  const c = citizen();
  const reference = await fileUrgentRequest(c);
  await c.photo();
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const booking = await Booking.create({
    reference: `NB-2569-${String(70000 + n)}`,
    submissionKey: `pdpa-${n}-${Date.now()}`,
    lineUserId: c.userId,
    requesterName: 'นายมานะ ขยัน',
    purpose: 'consult',
    beneficiary: { who: 'self', name: 'นายมานะ ขยัน' },
    date: day,
    time: '10:00',
    start: new Date(`${day}T03:00:00Z`),
    seat: n,
    phone: '0812345678',
    remindAt: null,
    history: [{ action: 'booked', at: new Date(), by: 'citizen', date: day, time: '10:00' }],
  });
  return { c, reference, booking: booking.reference };
}

beforeAll(async () => {
  db = await connectTestDb();
  [staff, admin, volunteer] = await Promise.all([makeStaff('staff'), makeStaff('admin', { displayName: 'ผู้ดูแล' }), makeStaff('volunteer')]);
  line = nockLine({ profile: { displayName: 'มานะ', language: 'th' }, content: PHOTO });
  bot = startTestBot({ STAFF_GROUP_ID: GROUP, PUBLIC_BASE_URL: 'http://bot.chaeson.test' });
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});

describe('a citizen asks about their data in the chat', () => {
  it('gets a clear answer and staff get a task, for seeing, erasing and withdrawing consent (Thai, Northern, English)', async () => {
    const c = citizen();
    // Also in the middle of a request: the flow waits, the question is not taken as an answer.
    await c.say('ขอความช่วยเหลือ');
    await c.say('ขอดูข้อมูลของฉัน');
    expect(c.text()).toContain('รับคำขอดูข้อมูลของคุณแล้วค่ะ');
    expect(c.text()).toContain('ภายใน 30 วัน');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
    await c.say('ขอลบข้อมูลของเฮาแหมะเจ้า');
    expect(c.text()).toContain('รับคำขอลบข้อมูลของคุณแล้วค่ะ');
    expect(c.text()).toContain('เลขคำร้อง ประเภทเรื่อง หมู่บ้าน วันที่ และสถานะ');
    await c.say('withdraw my consent'); // written in English: answered in English from then on
    expect(c.text()).toContain('Your withdrawal of consent is recorded.');
    await c.say('ภาษาไทย');
    // Asking twice the same day is one task.
    await c.say('ลบข้อมูลของฉันค่ะ');

    const tasks = await StaffAlert.find({ lineUserId: c.userId, kind: 'pdpa_request' }).lean();
    expect(tasks.map((a) => a.pdpa).sort()).toEqual(['access', 'erasure', 'withdraw']);
    const withdrawal = await Consent.findOne({ lineUserId: c.userId }).lean();
    expect(withdrawal).toMatchObject({ given: false, purpose: 'help_request', textKey: 'pdpa.withdraw.answer' });
    await line.waitFor(() => groupTexts().filter((x) => x.includes('คำขอเรื่องข้อมูลส่วนบุคคล')).length >= 3);
    expect(groupTexts().find((x) => x.includes('ขอลบข้อมูลของตน'))).toContain('http://bot.chaeson.test/admin/alerts');

    const s = await login(bot.app, staff.username);
    const list = await s.get('/admin/api/pdpa/requests');
    expect(list.status).toBe(200);
    const mine = list.body.requests.filter((r: any) => r.lineUserId === c.userId);
    expect(mine.map((r: any) => r.kindLabel).sort()).toEqual(['ขอดูข้อมูลของตน', 'ขอลบข้อมูลของตน', 'ถอนความยินยอม'].sort());
    expect(mine[0].displayName).toBe('มานะ');
    const done = await s.post(`/admin/api/pdpa/requests/${mine[0].id}/done`);
    expect(done.status).toBe(200);
    expect(done.body.open).toBe(list.body.open - 1);
    expect((await s.post(`/admin/api/pdpa/requests/${mine[0].id}/done`)).status).toBe(409);
    expect((await (await login(bot.app, volunteer.username)).get('/admin/api/pdpa/requests')).status).toBe(403);
  }, 30_000);

  it('the notice promises the period the retention job applies, in short polite lines, and says how to ask', () => {
    const notice = t('th', 'bot.pdpaNotice');
    expect(notice).toContain(`${RETENTION.periods.closedRequests.years} ปีหลังปิดเรื่อง`);
    expect(notice).toContain('ขอดูข้อมูลของฉัน');
    expect(notice).toContain('ลบข้อมูลของฉัน');
    for (const l of notice.split('\n')) expect(l.length).toBeLessThanOrEqual(60);
    expect(notice.trim().endsWith('ค่ะ')).toBe(true);
  });
});

describe('export', () => {
  it('gives staff one ZIP with a Thai summary, JSON, CSV, the photos and the consents; audited; not for volunteers', async () => {
    const { c, reference, booking } = await citizenWithData();
    const s = await login(bot.app, staff.username);
    const res = await s
      .get(`/admin/api/citizens/${c.userId}/export`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="citizen-data-.*\.zip"/);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['summary.html', 'data.json', 'requests.csv', 'bookings.csv', 'conversation.csv', 'consents.csv']));

    const html = strFromU8(files['summary.html']!);
    expect(html).toContain('<html lang="th">');
    expect(html).toContain(reference);
    expect(html).toContain('นายมานะ ขยัน');
    expect(html).toContain('0812345678');
    expect(html).toContain('ตกงาน ไม่มีเงินซื้อข้าว');
    expect(html).not.toMatch(/<script/i);

    const data = JSON.parse(strFromU8(files['data.json']!));
    expect(data.profile.displayName).toBe('มานะ');
    expect(data.requests).toHaveLength(1);
    expect(data.requests[0]).toMatchObject({
      reference,
      phone: '0812345678',
      requesterName: 'มานะ',
      beneficiary: { who: 'self', name: 'นายมานะ ขยัน' },
    });
    expect(data.bookings.map((b: any) => b.reference)).toEqual([booking]);
    expect(data.consents).toEqual([expect.objectContaining({ given: true, reference })]);
    expect(data.conversation.filter((m: any) => m.from === 'citizen').map((m: any) => m.text)).toContain('ตกงาน ไม่มีเงินซื้อข้าว');
    // The photo is in the archive, byte for byte, and the conversation points to it.
    const photoFile = data.photos[0].file as string;
    expect(photoFile).toMatch(/^photos\/001-\d+\.jpg$/);
    expect(Buffer.from(files[photoFile]!)).toEqual(PHOTO);
    expect(data.conversation.some((m: any) => m.photo === photoFile)).toBe(true);

    const csv = strFromU8(files['requests.csv']!);
    expect([...files['requests.csv']!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toContain(reference);
    expect(strFromU8(files['bookings.csv']!)).toContain(booking);
    expect(strFromU8(files['consents.csv']!)).toContain('ยินยอม');

    expect(await AuditLog.countDocuments({ action: 'export_citizen', targetId: c.userId, actorId: staff.id })).toBe(1);
    const v = await login(bot.app, volunteer.username);
    expect((await v.get(`/admin/api/citizens/${c.userId}/export`)).status).toBe(403);
    expect((await s.get(`/admin/api/citizens/U${'0'.repeat(32)}/export`)).status).toBe(404);
  }, 30_000);
});

describe('erasure', () => {
  it('removes the citizen from the console, the CSV and the transcript, keeps the public record, resets the chat, and logs who and why', async () => {
    const { c, reference, booking } = await citizenWithData();
    // Words a stuck citizen typed (kept for staff to confirm) are personal too.
    await HelpRequest.updateOne({ reference }, { $set: { ownWords: [{ step: 'relation', words: 'ลุงสมปองที่เลี้ยงผมมา' }] } });
    await Booking.updateOne({ reference: booking }, { $set: { ownWords: [{ step: 'purpose', words: 'เรื่องที่ดินของลุงสมปอง' }] } });
    const photo = await MessageContent.findOne({ lineUserId: c.userId }).lean();
    expect(photo).toBeTruthy();
    const a = await login(bot.app, admin.username);
    const s = await login(bot.app, staff.username);

    expect((await s.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'ผู้ร้องขอลบ', confirm: true })).status).toBe(403);
    expect((await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: '', confirm: true })).status).toBe(400);
    expect((await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'ผู้ร้องขอลบทาง LINE' })).status).toBe(400);
    const res = await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'ผู้ร้องขอลบทาง LINE ยืนยันตัวตนทางโทรศัพท์แล้ว', confirm: true });
    expect(res.status).toBe(200);
    expect(res.body.erased).toMatchObject({ requests: 1, bookings: 1, cancelledBookings: 1, photos: 1 });
    expect(res.body.erased.messages).toBeGreaterThan(20);

    // The console: the request is still there as a record, with nothing personal.
    const page = await s.get(`/admin/api/requests/${reference}`);
    expect(page.status).toBe(200);
    const shown = JSON.stringify(page.body);
    for (const gone of ['มานะ', '0812345678', '081-234-5678', 'ตกงาน', c.userId]) expect(shown).not.toContain(gone);
    expect(page.body.request).toMatchObject({ reference, category: 'low_income', status: 'received' });
    expect(page.body.request.anonymisedAt).toBeTruthy();
    expect(page.body.transcript).toEqual([]);
    expect(page.body.request.photos).toEqual([]);
    // (The export test's citizen is a มานะ too: only this one is gone.)
    expect((await s.get('/admin/api/requests?q=มานะ&pageSize=100')).body.items.map((i: any) => i.reference)).not.toContain(reference);
    expect((await s.get(`/admin/api/chats/${c.userId}`)).status).toBe(404);
    expect((await s.get(`/admin/api/content/${photo!._id.toString()}`)).status).toBe(404);
    expect((await s.get(`/admin/api/citizens/${c.userId}/export`)).status).toBe(404);
    const csv = (await s.get('/admin/api/requests.csv')).text;
    expect(csv).toContain(reference);
    const row = csv.split('\r\n').find((l) => l.startsWith(reference))!;
    for (const gone of ['มานะ', '0812345678', '081-234-5678', 'ตกงาน', '1101700203450']) expect(row).not.toContain(gone);
    const alerts = JSON.stringify((await s.get('/admin/api/alerts?state=all')).body);
    expect(alerts).not.toContain(c.userId);

    // The database: the public record stays under a pseudonym, the rest is gone.
    const r = await HelpRequest.findOne({ reference }).lean();
    expect(r!.lineUserId).toMatch(/^erased:/);
    expect(r).toMatchObject({ category: 'low_income', urgent: true, village: 'บ้านป่าเหมี้ยง' });
    expect(r!.phone ?? r!.requesterName ?? r!.details ?? r!.beneficiary?.name ?? r!.ownWords).toBeUndefined();
    expect(r!.consent).toMatchObject({ given: true });
    const b = await Booking.findOne({ reference: booking }).lean();
    expect(b).toMatchObject({ status: 'cancelled', lineUserId: r!.lineUserId });
    expect(b!.phone ?? b!.requesterName ?? b!.beneficiary?.name ?? b!.ownWords).toBeUndefined();
    expect(await Consent.countDocuments({ lineUserId: r!.lineUserId, given: true })).toBe(1);
    expect(await ConversationMessage.countDocuments({ lineUserId: c.userId })).toBe(0);
    expect(await MessageContent.countDocuments({ lineUserId: c.userId })).toBe(0);
    expect(await Citizen.countDocuments({ lineUserId: c.userId })).toBe(0);
    expect(await Session.countDocuments({ lineUserId: c.userId })).toBe(0);
    expect(await InboxEvent.countDocuments({ lane: c.userId })).toBe(0);
    const entry = await AuditLog.findOne({ action: 'erase_citizen', targetId: c.userId }).lean();
    expect(entry).toMatchObject({ actorId: admin.id, role: 'admin' });
    expect(entry!.detail).toMatchObject({ reason: 'ผู้ร้องขอลบทาง LINE ยืนยันตัวตนทางโทรศัพท์แล้ว', requests: [reference], bookings: [booking] });
    expect((await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'อีกครั้ง', confirm: true })).status).toBe(409);

    // The citizen starts afresh: the bot answers, and their old request is not theirs to track any more.
    await c.say('ติดตามคำร้อง');
    expect(c.last.length).toBeGreaterThan(0);
    expect(c.text()).not.toContain(reference);
  }, 60_000);
});

describe('erasure while the citizen is in a conversation', () => {
  it('waits for the turn under way; if it does not end, nothing is erased and the admin reads why (409); once the lane is free it erases', async () => {
    const { c, reference } = await citizenWithData();
    const a = await login(bot.app, admin.username);
    // Another instance is in the middle of this citizen's turn (its lease on their lane runs for a minute).
    await LaneLock.updateOne({ _id: c.userId }, { $set: { owner: 'another-instance', until: new Date(Date.now() + 60_000) } }, { upsert: true });

    const refused = await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'ผู้ร้องขอลบทาง LINE', confirm: true });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('กำลังคุยกับบอทอยู่');
    expect((await HelpRequest.findOne({ reference }).lean())!.lineUserId).toBe(c.userId);
    expect(await Session.countDocuments({ lineUserId: c.userId })).toBe(1);
    expect(await AuditLog.countDocuments({ action: 'erase_citizen', targetId: c.userId })).toBe(0);

    // That instance died: its lease ran out. The erasure goes ahead and hands the lane back.
    await LaneLock.updateOne({ _id: c.userId }, { $set: { until: new Date(Date.now() - 1) } });
    const done = await a.post(`/admin/api/citizens/${c.userId}/erase`, { reason: 'ผู้ร้องขอลบทาง LINE', confirm: true });
    expect(done.status).toBe(200);
    expect((await HelpRequest.findOne({ reference }).lean())!.lineUserId).toMatch(/^erased:/);
    expect(await AuditLog.countDocuments({ action: 'erase_citizen', targetId: c.userId })).toBe(1);
    expect(await LaneLock.countDocuments({ _id: c.userId })).toBe(0);
    // The citizen's next message is answered as a new conversation.
    await c.say('สวัสดีค่ะ');
    expect(c.text()).toContain('ต้องการให้ช่วยเรื่องอะไรคะ');
  }, 60_000);
});

describe('unsend', () => {
  it('removes an unsent text and photo from the transcript, the stored photo, the inbox copy and any export', async () => {
    const c = citizen();
    await c.say('สวัสดีค่ะ');
    const secret = textEvent(c.userId, 'เบอร์หนู 0899999999 นะคะ ที่บ้านเลขที่ 55');
    const photo = messageEvent(c.userId, { type: 'image', contentProvider: { type: 'line' } });
    for (const e of [secret, photo]) expect((await bot.post(e)).status).toBe(200);
    await bot.settle();
    const stored = await MessageContent.findOne({ lineMessageId: photo.message.id }).lean();
    expect(stored).toBeTruthy();
    const s = await login(bot.app, staff.username);
    expect(JSON.stringify((await s.get(`/admin/api/chats/${c.userId}`)).body)).toContain('0899999999');

    const sends = () => line.calls.filter((x) => x.path.endsWith('/reply') || x.path.endsWith('/push')).length;
    const sentBefore = sends();
    const r = await bot.post(unsendEvent(c.userId, secret.message.id), unsendEvent(c.userId, photo.message.id));
    expect(r.status).toBe(200);
    await bot.settle();

    const chat = await s.get(`/admin/api/chats/${c.userId}`);
    const text = JSON.stringify(chat.body);
    expect(text).not.toContain('0899999999');
    expect(text).not.toContain('บ้านเลขที่ 55');
    const withdrawn = chat.body.transcript.filter((m: any) => m.withdrawn);
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn.every((m: any) => m.text === '[ผู้ติดต่อยกเลิกข้อความนี้]' && !m.contentUrl)).toBe(true);
    expect(await MessageContent.countDocuments({ lineMessageId: photo.message.id })).toBe(0);
    expect((await s.get(`/admin/api/content/${stored!._id.toString()}`)).status).toBe(404);
    const raw = await InboxEvent.findOne({ webhookEventId: secret.webhookEventId }).lean();
    expect(JSON.stringify(raw)).not.toContain('0899999999');
    const zip = await s
      .get(`/admin/api/citizens/${c.userId}/export`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(Object.keys(files).some((f) => f.startsWith('photos/'))).toBe(false);
    for (const f of Object.values(files)) expect(strFromU8(f)).not.toContain('0899999999');
    // The bot said nothing about the unsend.
    expect(sends()).toBe(sentBefore);
  }, 30_000);
});

describe('unsend after filing', () => {
  it('takes the unsent words out of the filed request: its details no longer show them, on its console page', async () => {
    const c = citizen();
    const reference = await fileUrgentRequest(c);
    const said = await ConversationMessage.findOne({ lineUserId: c.userId, direction: 'in', text: 'ตกงาน ไม่มีเงินซื้อข้าว' }).lean();
    expect(said?.lineMessageId).toBeTruthy();
    expect((await HelpRequest.findOne({ reference }).lean())?.details).toContain('ไม่มีเงินซื้อข้าว');

    expect((await bot.post(unsendEvent(c.userId, said!.lineMessageId!))).status).toBe(200);
    await bot.settle();

    const request = await HelpRequest.findOne({ reference }).lean();
    expect(request?.details ?? '').not.toContain('ไม่มีเงินซื้อข้าว');
    // The rest of the request stays for staff to act on.
    expect(request).toMatchObject({ status: 'received', phone: '0812345678', category: expect.any(String) });
    const s = await login(bot.app, staff.username);
    const page = await s.get(`/admin/api/requests/${reference}`);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).not.toContain('ไม่มีเงินซื้อข้าว');
  }, 60_000);
});

describe('retention periods in the console', () => {
  it('shows each period with its legal basis, read-only', async () => {
    const s = await login(bot.app, staff.username);
    const r = await s.get('/admin/api/settings/retention');
    expect(r.status).toBe(200);
    expect(r.body.periods.find((p: any) => p.id === 'closedRequests')).toMatchObject({ period: '5 ปี' });
    expect(r.body.periods.find((p: any) => p.id === 'deliveryRecords')).toMatchObject({ period: '30 วัน' });
    expect(r.body.periods.every((p: any) => p.th && p.basis)).toBe(true);
  });
});
