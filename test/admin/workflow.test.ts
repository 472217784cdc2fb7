/**
 * Staff working cases end to end through the real webhook and the staff API, with LINE mocked by nock:
 * the "Done when" scenario, status messages, replies, handoff close (console and group command), alerts in the
 * staff group exactly once, mark-as-read, CSV export, calendar settings.
 */
import request from 'supertest';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen } from '../helpers/chat';
import { messageEvent, textEvent } from '../helpers/line';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { Handoff } from '../../src/db/models/handoff';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { AuditLog } from '../../src/db/models/auditLog';
import { getCentre, getHolidayIndex, resetDomainData, withDomainData } from '../../src/domain/data';
import { bookableDates } from '../../src/domain/calendar/slots';
import { Booking } from '../../src/db/models/booking';
import { storedCalendar } from '../../src/bot/calendar';
import { createLogger } from '../../src/log';
import { fileUrgentRequest, login, makeStaff, storeRequest, type Staff } from './helpers';

const GROUP = `C${'1'.repeat(32)}`;

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let staff: Staff;
let admin: Staff;
let n = 0;
const citizen = () => new Citizen(`U${String(++n).padStart(4, '0')}${Date.now().toString(16).padStart(28, '0')}`, bot, line);
const pushesTo = (to: string) => line.pushes().filter((c) => c.body.to === to && c.status === 200);
const textsTo = (to: string) => pushesTo(to).flatMap((c) => c.body.messages.map((m: any) => m.text ?? m.altText));

beforeAll(async () => {
  db = await connectTestDb();
  [staff, admin] = await Promise.all([makeStaff('staff', { displayName: 'สมศรี' }), makeStaff('admin')]);
});
afterAll(async () => {
  resetDomainData();
  await db.close();
});
beforeEach(() => {
  line = nockLine({ profile: { displayName: 'มานะ', language: 'th' } });
  bot = startTestBot({ STAFF_GROUP_ID: GROUP, PUBLIC_BASE_URL: 'http://bot.chaeson.test' });
});
afterEach(async () => {
  await bot.stop();
  line.done();
});

describe('Done when: a citizen files an urgent request; staff find it, read, reply and schedule a visit', () => {
  it('works end to end and the citizen receives both messages', async () => {
    const c = citizen();
    const reference = await fileUrgentRequest(c);
    // The staff group got the urgent alert with a link to the console.
    await line.waitFor(() => pushesTo(GROUP).length >= 1);
    const alert = textsTo(GROUP).find((t) => t.includes(reference))!;
    expect(alert).toContain('🔴 ด่วน');
    expect(alert).toContain(`http://bot.chaeson.test/admin/requests/${reference}`);
    expect(alert).not.toContain('0812345678');

    const s = await login(bot.app, staff.username);
    const list = await s.get('/admin/api/requests?urgent=true&state=open&sort=newest&pageSize=1');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      reference,
      urgent: true,
      status: 'received',
      categoryLabel: 'รายได้น้อย/ขาดแคลน',
      village: 'บ้านป่าเหมี้ยง',
    });

    const page = await s.get(`/admin/api/requests/${reference}`);
    expect(page.status).toBe(200);
    const said = page.body.transcript.filter((m: any) => m.from === 'citizen').map((m: any) => m.text);
    expect(said).toEqual(expect.arrayContaining(['ตกงาน ไม่มีเงินซื้อข้าว', 'ถูกต้องจ้า']));
    expect(page.body.transcript.some((m: any) => m.from === 'bot' && /CS-/.test(m.text ?? ''))).toBe(true);
    expect(page.body.request.phone).toBe('081-234-5678');

    const before = c.received.length;
    const reply = await s.post(`/admin/api/requests/${reference}/reply`, {
      text: 'สวัสดีค่ะ เจ้าหน้าที่รับเรื่องแล้ว จะไปเยี่ยมบ้านพรุ่งนี้ค่ะ',
      clientId: 'reply-0001',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.delivery).toBe('sent');
    const status = await s.post(`/admin/api/requests/${reference}/status`, { status: 'visit_scheduled', note: 'พรุ่งนี้ 10 โมงเช้า' });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'visit_scheduled', delivery: 'sent' });

    const got = textsTo(c.userId).slice(-3);
    expect(got[0]).toBe('💬 เจ้าหน้าที่ศูนย์ฯ (สมศรี):\nสวัสดีค่ะ เจ้าหน้าที่รับเรื่องแล้ว จะไปเยี่ยมบ้านพรุ่งนี้ค่ะ');
    expect(got[1]).toContain('กลับสู่บอท');
    expect(got[2]).toBe(`🏠 คำร้อง ${reference}: เจ้าหน้าที่นัดเยี่ยมบ้านแล้วค่ะ\nหมายเหตุจากเจ้าหน้าที่: พรุ่งนี้ 10 โมงเช้า`);
    expect(before).toBeGreaterThan(0);

    const saved = await HelpRequest.findOne({ reference }).lean();
    expect(saved!.status).toBe('visit_scheduled');
    expect(saved!.statusHistory.at(-1)).toMatchObject({ status: 'visit_scheduled', by: staff.id, note: 'พรุ่งนี้ 10 โมงเช้า' });
    // Both are in the conversation record, with the staff member as sender.
    const out = await ConversationMessage.find({ lineUserId: c.userId, direction: 'out', sender: staff.id }).lean();
    expect(out.map((m) => m.text)).toEqual(expect.arrayContaining([got[0], got[2]]));
    expect(out.every((m) => m.deliveryStatus === 'sent')).toBe(true);
    // The citizen sees the note under ติดตามคำร้อง.
    await c.say('กลับสู่บอท');
    await c.say('ติดตามคำร้อง');
    expect(c.text()).toContain('พรุ่งนี้ 10 โมงเช้า');
  }, 30_000);
});

describe('status changes', () => {
  it('pushes one Thai message per change (in the citizen language), refuses impossible moves and repeats', async () => {
    const r = await storeRequest();
    const s = await login(bot.app, staff.username);
    expect((await s.post(`/admin/api/requests/${r.reference}/status`, { status: 'in_progress' })).status).toBe(200);
    expect(textsTo(r.lineUserId)).toEqual([`📋 คำร้อง ${r.reference}: เจ้าหน้าที่รับเรื่องแล้ว และกำลังดำเนินการค่ะ`]);
    const again = await s.post(`/admin/api/requests/${r.reference}/status`, { status: 'in_progress' });
    expect(again.status).toBe(409);
    expect((await s.post(`/admin/api/requests/${r.reference}/status`, { status: 'closed', notify: false })).status).toBe(200);
    expect((await s.post(`/admin/api/requests/${r.reference}/status`, { status: 'resolved' })).status).toBe(409);
    expect(textsTo(r.lineUserId)).toHaveLength(1);
    const en = await storeRequest();
    await (await import('../../src/db/models/citizen')).Citizen.updateOne({ lineUserId: en.lineUserId }, { $set: { language: 'en' } });
    await s.post(`/admin/api/requests/${en.reference}/status`, { status: 'resolved' });
    expect(textsTo(en.lineUserId)[0]).toContain('the help has been given');
    expect(await AuditLog.countDocuments({ action: 'change_status', targetId: r.reference })).toBe(2);
  });

  it('assigns and unassigns, adds internal notes (never sent to the citizen)', async () => {
    const r = await storeRequest();
    const s = await login(bot.app, staff.username);
    const a = await s.post(`/admin/api/requests/${r.reference}/assign`, { staffId: staff.id });
    expect(a.body).toMatchObject({ assignedTo: staff.id, assignedToName: 'สมศรี' });
    expect((await s.get('/admin/api/requests?assignedTo=me')).body.items.map((i: any) => i.reference)).toContain(r.reference);
    expect((await s.post(`/admin/api/requests/${r.reference}/assign`, { staffId: 'f'.repeat(24) })).status).toBe(400);
    await s.post(`/admin/api/requests/${r.reference}/notes`, { text: 'โทรหาแล้ว ไม่มีคนรับ' });
    const d = await s.get(`/admin/api/requests/${r.reference}`);
    expect(d.body.notes).toEqual([expect.objectContaining({ text: 'โทรหาแล้ว ไม่มีคนรับ', byName: 'สมศรี' })]);
    expect(d.body.request.assignedToName).toBe('สมศรี');
    expect(textsTo(r.lineUserId)).toEqual([]);
    await s.post(`/admin/api/requests/${r.reference}/assign`, { staffId: null });
    expect((await HelpRequest.findOne({ reference: r.reference }).lean())!.assignedTo).toBeUndefined();
  });
});

describe('filters and paging', () => {
  it('filters by status, category, urgency, village, dates and free text, and pages', async () => {
    const tag = `ทดสอบกรอง${Date.now()}`;
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(
        await storeRequest({
          details: `${tag} ${i}`,
          category: i % 2 ? 'disability' : 'housing',
          urgency: i === 0 ? 'now' : 'soon',
          urgent: i === 0,
          village: i < 3 ? 'บ้านหลวง' : 'บ้านแจ้ซ้อนเหนือ',
        }),
      );
    const s = await login(bot.app, staff.username);
    const q = (qs: string) => s.get(`/admin/api/requests?q=${encodeURIComponent(tag)}&${qs}`).then((r) => r.body);
    expect((await q('')).total).toBe(5);
    expect((await q('category=disability')).total).toBe(2);
    expect((await q('urgency=now')).items.map((i: any) => i.reference)).toEqual([made[0]!.reference]);
    expect((await q('urgent=true')).total).toBe(1);
    expect((await q(`village=${encodeURIComponent('บ้านแจ้ซ้อนเหนือ')}`)).total).toBe(2);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await q(`from=${today}&to=${today}`)).total).toBe(5);
    expect((await q('to=2020-01-01')).total).toBe(0);
    const p1 = await q('pageSize=2&page=1&sort=oldest');
    const p3 = await q('pageSize=2&page=3&sort=oldest');
    expect(p1.items.map((i: any) => i.reference)).toEqual([made[0]!.reference, made[1]!.reference]);
    expect(p3.items.map((i: any) => i.reference)).toEqual([made[4]!.reference]);
    expect((await s.get(`/admin/api/requests?q=${made[3]!.reference.toLowerCase().replace(/-/g, ' ')}`)).body.items[0].reference).toBe(
      made[3]!.reference,
    );
    expect((await q('status=received,in_progress')).total).toBe(5);
    expect((await s.get('/admin/api/requests?status=bogus')).status).toBe(400);
    expect((await s.get('/admin/api/requests?q=' + encodeURIComponent('.*'))).status).toBe(200);
  });
});

describe('replies and handoff', () => {
  it('a reply is pushed and recorded; the bot stays quiet until staff close the chat, then the citizen is told and the bot answers again', async () => {
    const c = citizen();
    await c.say('สวัสดีค่ะ');
    const s = await login(bot.app, staff.username);
    const r = await s.post(`/admin/api/chats/${c.userId}/reply`, { text: 'มีอะไรให้ช่วยไหมคะ', clientId: 'abc-12345' });
    expect(r.body).toEqual({ delivery: 'sent', handoffOpened: true });
    // A double submit sends once.
    await s.post(`/admin/api/chats/${c.userId}/reply`, { text: 'มีอะไรให้ช่วยไหมคะ', clientId: 'abc-12345' });
    expect(textsTo(c.userId).filter((t) => t.includes('มีอะไรให้ช่วยไหมคะ'))).toHaveLength(1);
    const chat = await s.get(`/admin/api/chats/${c.userId}`);
    expect(chat.body.chat.open).toBe(true);
    const fromStaff = chat.body.transcript.filter((m: any) => m.from === 'staff');
    expect(fromStaff).toHaveLength(2);
    expect(fromStaff[0]).toMatchObject({ from: 'staff', staffName: 'สมศรี', text: '💬 เจ้าหน้าที่ศูนย์ฯ (สมศรี):\nมีอะไรให้ช่วยไหมคะ', deliveryStatus: 'sent' });
    expect((await s.get('/admin/api/chats')).body.chats.map((x: any) => x.lineUserId)).toContain(c.userId);

    expect(await c.say('แม่ป่วยค่ะ อยากให้มาดู')).toEqual([]);
    const close = await s.post(`/admin/api/chats/${c.userId}/close`);
    expect(close.body).toEqual({ closed: true, delivery: 'sent' });
    expect(textsTo(c.userId).at(-1)).toContain('เจ้าหน้าที่ปิดการสนทนาแล้ว');
    expect((await s.post(`/admin/api/chats/${c.userId}/close`)).status).toBe(409);
    const back = await c.say('เมนู');
    expect(back.length).toBeGreaterThan(0);
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
  });

  it('"talk to staff" alerts the group; "ปิด <code>" in the staff group closes it and tells the citizen', async () => {
    const c = citizen();
    await c.say('ขอคุยกับคนจริงๆ');
    expect(await Handoff.countDocuments({ lineUserId: c.userId, status: 'open' })).toBe(1);
    await line.waitFor(() => textsTo(GROUP).some((t) => t.includes('ขอคุยกับเจ้าหน้าที่') && t.includes(c.userId.slice(-6))));
    const alert = textsTo(GROUP).find((t) => t.includes(c.userId.slice(-6)))!;
    expect(alert).toContain(`http://bot.chaeson.test/admin/chats/${c.userId}`);

    const s = await login(bot.app, staff.username);
    expect((await s.get('/admin/api/today')).body.chats.map((x: any) => x.lineUserId)).toContain(c.userId);

    const member = `U${'9'.repeat(32)}`;
    const command = { ...textEvent(member, `ปิด ${c.userId.slice(-6)}`), source: { type: 'group', groupId: GROUP, userId: member } };
    await bot.post(command);
    await bot.settle();
    expect(await Handoff.countDocuments({ lineUserId: c.userId, status: 'open' })).toBe(0);
    expect(textsTo(c.userId).at(-1)).toContain('เจ้าหน้าที่ปิดการสนทนาแล้ว');
    const replies = line.replies().filter((x) => x.body.replyToken === command.replyToken);
    expect(replies[0]!.body.messages[0].text).toContain('ปิดแชทรหัส');
    // Commands from any other group are ignored.
    const other = { ...textEvent(member, 'ปิด 123456'), source: { type: 'group', groupId: `C${'2'.repeat(32)}`, userId: member } };
    await bot.post(other);
    await bot.settle();
    expect(line.replies().filter((x) => x.body.replyToken === other.replyToken)).toEqual([]);
  });

  it('opening the conversation marks the citizen messages read with LINE', async () => {
    const c = citizen();
    const r = await storeRequest({ lineUserId: c.userId });
    await bot.post(messageEvent(c.userId, { type: 'text', text: 'ยังรออยู่ค่ะ', markAsReadToken: 'read-token-1', quoteToken: 'q' }));
    await bot.settle();
    const s = await login(bot.app, staff.username);
    const d = await s.get(`/admin/api/requests/${r.reference}`);
    expect(d.body.markedRead).toBe(true);
    const calls = line.calls.filter((x) => x.path.endsWith('/markAsRead'));
    expect(calls.map((x) => x.body)).toEqual([{ markAsReadToken: 'read-token-1' }]);
    expect(d.body.transcript.find((m: any) => m.text === 'ยังรออยู่ค่ะ')).toBeTruthy();
    // Opening it again does not call LINE again.
    expect((await s.get(`/admin/api/chats/${c.userId}`)).body.markedRead).toBe(false);
    expect(line.calls.filter((x) => x.path.endsWith('/markAsRead'))).toHaveLength(1);
  });
});

describe('alerts in the staff group', () => {
  it('delivers each alert exactly once, even with sweeps racing and a restart', async () => {
    await StaffAlert.updateMany({}, { $set: { deliveredAt: new Date() } });
    const r = await storeRequest({ urgent: true, urgency: 'now' });
    await StaffAlert.create({
      kind: 'new_request',
      lineUserId: r.lineUserId,
      urgent: true,
      reference: r.reference,
      source: `request:${r.reference}`,
    });
    await StaffAlert.create({ kind: 'danger', lineUserId: r.lineUserId, urgent: true, danger: 'violence', source: `danger:test-${r.reference}` });
    await Promise.all([bot.staff.alerts.sweep(), bot.staff.alerts.sweep(), bot.staff.alerts.sweep()]);
    const second = startTestBot({ STAFF_GROUP_ID: GROUP });
    await second.staff.alerts.sweep();
    await second.stop();
    await bot.staff.alerts.sweep();
    const texts = textsTo(GROUP);
    expect(texts.filter((t) => t.includes(`คำร้องใหม่ ${r.reference}`))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('ข้อความที่อาจมีอันตราย (ความรุนแรง / ถูกทำร้าย)'))).toHaveLength(1);
    expect(await StaffAlert.countDocuments({ deliveredAt: null })).toBe(0);
  });

  it('booking alerts say what happened and link to that day', async () => {
    await StaffAlert.updateMany({}, { $set: { deliveredAt: new Date() } });
    const date = bookableDates(new Date(), 2)[1]!;
    const lineUserId = `U${'6'.repeat(32)}`;
    await Booking.create({
      reference: 'NB-2569-70001',
      submissionKey: `alert-${Date.now()}`,
      lineUserId,
      purpose: 'consult',
      date,
      time: '10:00',
      start: new Date(`${date}T10:00:00+07:00`),
      seat: 1,
      remindAt: null,
    });
    await StaffAlert.create({ kind: 'booking', lineUserId, reference: 'NB-2569-70001', source: 'booking-cancelled:NB-2569-70001' });
    await bot.staff.alerts.sweep();
    const text = textsTo(GROUP).find((t) => t.includes('NB-2569-70001'))!;
    expect(text).toContain('📅 ยกเลิกนัด NB-2569-70001');
    expect(text).toContain('ปรึกษาปัญหา');
    expect(text).toContain(`http://bot.chaeson.test/admin/bookings?date=${date}`);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM, Thai headers and values, formula cells neutralised, audited', async () => {
    const r = await storeRequest({ details: '=HYPERLINK("http://x")', beneficiary: { who: 'self', name: 'สมหญิง "ใจดี", ลำปาง' } });
    const s = await login(bot.app, staff.username);
    const res = await s.agent
      .get(`/admin/api/requests.csv?q=${r.reference}`)
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const [header, row] = text.split('\r\n');
    expect(header).toContain('เลขคำร้อง,วันที่แจ้ง,สถานะ,เรื่อง');
    expect(row).toContain(r.reference);
    expect(row).toContain('ได้รับเรื่องแล้ว');
    expect(row).toContain('"สมหญิง ""ใจดี"", ลำปาง"');
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    // The national ID in the card's grouping: spreadsheets keep it as text (a bare number shows as 1.1017E+12).
    expect(row).toContain(',1-1017-00203-45-0,');
    expect(row).not.toContain('1101700203450');
    expect(await AuditLog.countDocuments({ action: 'export_csv', actor: staff.username })).toBe(1);
  });
});

describe('calendar settings', () => {
  it('admin edits slots, capacity and holidays; validated; stored; loaded by another instance; staff may only read', async () => {
    const a = await login(bot.app, admin.username);
    const bad = await a.put('/admin/api/settings/calendar', { booking: { slots: [{ time: '12:00', capacity: 2 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_calendar');
    const ok = await a.put('/admin/api/settings/calendar', {
      booking: {
        slots: [
          { time: '09:00', capacity: 3 },
          { time: '13:30', capacity: 1 },
        ],
      },
      holidays: [...getCentreHolidays(), { date: '2028-01-03', th: 'วันหยุดพิเศษของ อบต.' }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.booking.slots).toEqual([
      { time: '09:00', capacity: 3 },
      { time: '13:30', capacity: 1 },
    ]);
    // Another instance (its own calendar provider, nothing cached) reads the stored edit; nothing global changed.
    const stored = await storedCalendar(createLogger('silent')).current();
    expect(stored?.centre.booking.slots).toEqual([
      { time: '09:00', capacity: 3 },
      { time: '13:30', capacity: 1 },
    ]);
    expect(withDomainData(stored, () => getHolidayIndex().get('2028-01-03'))?.th).toBe('วันหยุดพิเศษของ อบต.');
    expect(getCentre().booking.slots).toHaveLength(6);
    const s = await login(bot.app, staff.username);
    expect((await s.get('/admin/api/settings/calendar')).body.booking.slots).toHaveLength(2);
    expect((await s.put('/admin/api/settings/calendar', { booking: { slotMinutes: 30 } })).status).toBe(403);
    resetDomainData();
  });
});

function getCentreHolidays() {
  return [...getHolidayIndex().values()].map((h) => ({ date: h.date, th: h.th, en: h.en }));
}

describe('users', () => {
  it('admin creates a volunteer who can log in; weak passwords and taken names refused; deactivation ends sessions', async () => {
    const a = await login(bot.app, admin.username);
    expect((await a.post('/admin/api/users', { username: 'vol.kaew', displayName: 'แก้ว', role: 'volunteer', password: 'short' })).status).toBe(400);
    const created = await a.post('/admin/api/users', {
      username: 'vol.kaew',
      displayName: 'แก้ว',
      role: 'volunteer',
      password: 'ดอยขุนตาล-2569',
      villages: ['บ้านหลวง'],
    });
    expect(created.status).toBe(201);
    expect((await a.post('/admin/api/users', { username: 'vol.kaew', displayName: 'x', role: 'staff', password: 'another-long-one' })).status).toBe(
      409,
    );
    const v = await login(bot.app, 'vol.kaew', 'ดอยขุนตาล-2569');
    expect((await v.get('/admin/api/me')).body.permissions).not.toContain('pii:nationalId');
    expect((await a.patch(`/admin/api/users/${created.body.id}`, { active: false })).status).toBe(200);
    expect((await v.get('/admin/api/me')).status).toBe(401);
    expect((await a.patch(`/admin/api/users/${admin.id}`, { role: 'staff' })).status).toBe(400);
    const log = await a.get('/admin/api/audit?action=create_user');
    expect(log.body.entries[0]).toMatchObject({ actor: admin.username, targetId: created.body.id });
    expect(JSON.stringify(log.body)).not.toContain('ดอยขุนตาล');
  });
});

describe('console pages', () => {
  it('serves the shell (200 with a session), its files, and today for staff', async () => {
    const s = await login(bot.app, staff.username);
    const page = await s.get('/admin/requests');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<script type="module" src="/admin/static/console/main.js"></script>');
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await request(bot.app).get('/admin/static/console/main.js')).status).toBe(200);
    const dom = await request(bot.app).get('/admin/static/shared/dom.js');
    expect(dom.status).toBe(200);
    expect(dom.headers['content-type']).toMatch(/javascript/);
    expect(dom.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(bot.app).get('/admin/login')).status).toBe(200);
    const today = await s.get('/admin/api/today');
    expect(today.status).toBe(200);
    expect(Object.keys(today.body.counts)).toEqual(['received', 'in_progress', 'visit_scheduled', 'resolved', 'closed']);
  });
});
