/**
 * Bookings in the staff API: the week's and the day's list with capacity (the week of the next open day by
 * default), the bookings CSV (national IDs and phones kept as text by spreadsheets), attended, no-show (citizen told), cancel (citizen
 * told, seat freed), reschedule (citizen gets the new card; a full slot refused), volunteers kept out.
 */
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Booking } from '../../src/db/models/booking';
import { Citizen } from '../../src/db/models/citizen';
import { AuditLog } from '../../src/db/models/auditLog';
import { bookableDates, slotsFor } from '../../src/domain/calendar/slots';
import { isBusinessDay } from '../../src/domain/calendar/businessDays';
import { nextOpenDay, weekOf } from '../../src/admin/bookings';
import { login, makeStaff, type Staff } from './helpers';

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let staff: Staff;
let volunteer: Staff;
let seq = 0;

beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine();
  bot = startTestBot();
  [staff, volunteer] = await Promise.all([makeStaff('staff', { displayName: 'สมศรี' }), makeStaff('volunteer')]);
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});

const [day1, day2] = bookableDates(new Date(), 3).slice(1);
const pushed = (to: string) =>
  line
    .pushes()
    .filter((c) => c.body.to === to && c.status === 200)
    .flatMap((c) => c.body.messages);

async function book(date: string, time: string, seat = 1, lang: 'th' | 'en' = 'th') {
  const n = ++seq;
  const lineUserId = `U${String(n).padStart(4, '0')}${'b'.repeat(28)}`;
  await Citizen.updateOne({ lineUserId }, { $set: { lineUserId, displayName: `ผู้นัด${n}`, language: lang, following: true } }, { upsert: true });
  const slot = slotsFor(date, new Date(), { includeFull: true }).find((s) => s.time === time)!;
  const b = await Booking.create({
    reference: `NB-2569-${String(80000 + n)}`,
    submissionKey: `k-${n}-${Date.now()}`,
    lineUserId,
    requesterName: `ผู้นัด${n}`,
    locale: lang,
    purpose: 'register_old_age',
    beneficiary: { who: 'self', name: `ผู้นัด${n} ทดสอบ` },
    date,
    time,
    start: new Date(slot.start),
    seat,
    phone: '0812345678',
    remindAt: null,
    history: [{ action: 'booked', at: new Date(), by: 'citizen', date, time }],
  });
  return b.toObject();
}

it('lists a day with slot capacity; marks attended; a no-show is told how to book again', async () => {
  const a = await book(day1!, '09:00', 1);
  const b = await book(day1!, '09:00', 2);
  const s = await login(bot.app, staff.username);
  const day = await s.get(`/admin/api/bookings?date=${day1}`);
  expect(day.status).toBe(200);
  expect(day.body.bookings.map((x: any) => x.reference)).toEqual([a.reference, b.reference]);
  expect(day.body.bookings[0]).toMatchObject({
    time: '09:00',
    status: 'booked',
    statusLabel: 'นัดแล้ว',
    purposeLabel: 'ขึ้นทะเบียนเบี้ยยังชีพ',
    phone: '081-234-5678',
  });
  expect(day.body.slots.find((x: any) => x.time === '09:00')).toEqual({ time: '09:00', capacity: 2, taken: 2 });

  expect((await s.post(`/admin/api/bookings/${a.reference}/attended`)).body).toEqual({ status: 'attended' });
  expect(pushed(a.lineUserId)).toEqual([]);
  expect((await s.post(`/admin/api/bookings/${a.reference}/no-show`)).status).toBe(409);
  const ns = await s.post(`/admin/api/bookings/${b.reference}/no-show`);
  expect(ns.body).toEqual({ status: 'no_show', delivery: 'sent' });
  expect(pushed(b.lineUserId)[0].text).toContain(`ไม่พบคุณตามนัด ${b.reference}`);
  expect((await Booking.findById(b._id).lean())!.history.at(-1)).toMatchObject({ action: 'no_show', by: staff.id });
});

it('cancels (seat freed, citizen told with the reason and the menu)', async () => {
  const c = await book(day1!, '10:00', 1);
  const s = await login(bot.app, staff.username);
  const r = await s.post(`/admin/api/bookings/${c.reference}/cancel`, { reason: 'เจ้าหน้าที่ติดประชุมด่วน' });
  expect(r.body).toEqual({ status: 'cancelled', delivery: 'sent' });
  const msg = pushed(c.lineUserId)[0];
  expect(msg.text).toContain(`เจ้าหน้าที่ยกเลิกนัด ${c.reference}`);
  expect(msg.text).toContain('เหตุผล: เจ้าหน้าที่ติดประชุมด่วน');
  expect(msg.quickReply.items.map((i: any) => i.action.label)).toContain('นัดหมายเข้าพบ');
  // The seat is free again: another booking may take seat 1 of that slot.
  await expect(book(day1!, '10:00', 1)).resolves.toBeTruthy();
  expect((await s.post(`/admin/api/bookings/${c.reference}/cancel`)).status).toBe(409);
});

it('reschedules to a free seat and sends the new card; a full slot or a closed day is refused', async () => {
  const m = await book(day1!, '11:00', 1, 'en');
  await book(day2!, '13:00', 1);
  await book(day2!, '13:00', 2);
  const s = await login(bot.app, staff.username);
  const full = await s.post(`/admin/api/bookings/${m.reference}/reschedule`, { date: day2, time: '13:00' });
  expect(full.status).toBe(409);
  expect(full.body.error).toBe('slot_full');
  expect((await s.post(`/admin/api/bookings/${m.reference}/reschedule`, { date: day2, time: '12:00' })).status).toBe(400);
  expect((await s.post(`/admin/api/bookings/${m.reference}/reschedule`, { date: '2020-01-06', time: '09:00' })).status).toBe(400);
  const ok = await s.post(`/admin/api/bookings/${m.reference}/reschedule`, { date: day2, time: '14:00' });
  expect(ok.status).toBe(200);
  expect(ok.body.booking).toMatchObject({ date: day2, time: '14:00', status: 'booked' });
  expect(ok.body.delivery).toBe('sent');
  const msgs = pushed(m.lineUserId);
  expect(msgs[0].type).toBe('flex');
  expect(msgs[1].text).toContain(`Staff have moved appointment ${m.reference}`);
  const saved = await Booking.findById(m._id).lean();
  expect(saved).toMatchObject({ date: day2, time: '14:00', seat: 1 });
});

it('keeps volunteers out of bookings', async () => {
  const v = await login(bot.app, volunteer.username);
  expect((await v.get(`/admin/api/bookings?date=${day1}`)).status).toBe(403);
});

describe('by week', () => {
  it('opens on the next day the centre is open: a weekday is itself, a weekend or holiday the next office day', () => {
    expect(nextOpenDay(new Date('2026-11-25T10:00:00+07:00'))).toBe('2026-11-25'); // Wednesday
    expect(nextOpenDay(new Date('2026-11-25T20:00:00+07:00'))).toBe('2026-11-25'); // after hours: still today's list
    expect(nextOpenDay(new Date('2026-11-28T09:00:00+07:00'))).toBe('2026-11-30'); // Saturday → Monday
    expect(nextOpenDay(new Date('2026-11-29T23:30:00+07:00'))).toBe('2026-11-30'); // Sunday night (Bangkok)
    expect(nextOpenDay(new Date('2026-12-05T09:00:00+07:00'))).toBe('2026-12-08'); // Sat, Sun, Monday substitution holiday
    expect(weekOf('2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(weekOf('2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' });
  });

  it("lists Monday to Sunday with each day's slots and bookings, closed days named; defaults to the next open day", async () => {
    const a = await book(day1!, '13:00', 1);
    const s = await login(bot.app, staff.username);
    const res = await s.get(`/admin/api/bookings/week?date=${day1}`);
    expect(res.status).toBe(200);
    const { start, end } = weekOf(day1!);
    expect(res.body).toMatchObject({ date: day1, start, end });
    expect(res.body.days.map((d: any) => d.date)).toHaveLength(7);
    expect(res.body.days[0].date).toBe(start);
    expect(res.body.days[6].date).toBe(end);
    const d1 = res.body.days.find((d: any) => d.date === day1);
    expect(d1.closed).toBeUndefined();
    expect(d1.bookings.map((b: any) => b.reference)).toContain(a.reference);
    expect(d1.slots.find((x: any) => x.time === '13:00').taken).toBeGreaterThanOrEqual(1);
    expect(res.body.days[6].closed).toMatch(/^ศูนย์ฯ ปิด/); // Sunday
    expect(res.body.days[6].slots).toEqual([]);
    expect(
      res.body.days
        .filter((d: any) => d.date !== day1)
        .flatMap((d: any) => d.bookings)
        .map((b: any) => b.reference),
    ).not.toContain(a.reference);
    // The Mondays around it.
    const next = await s.get(`/admin/api/bookings/week?date=${res.body.next}`);
    expect(next.body.start).toBe(res.body.next);
    expect(next.body.prev).toBe(start);

    const byDefault = await s.get('/admin/api/bookings/week');
    expect(byDefault.body.date).toBe(nextOpenDay(new Date()));
    expect(isBusinessDay(byDefault.body.date)).toBe(true);
    expect(byDefault.body.days.find((d: any) => d.date === byDefault.body.date).closed).toBeUndefined();
    expect((await s.get('/admin/api/bookings/week?date=2026-13-01')).status).toBe(400);
  });

  it('exports the bookings of a range as CSV (Thai, BOM, phone grouped, in date and time order), audited', async () => {
    const late = await book(day2!, '15:00', 1);
    const early = await book(day2!, '09:00', 1);
    const s = await login(bot.app, staff.username);
    const res = await s.agent
      .get(`/admin/api/bookings.csv?from=${day2}&to=${day2}`)
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="bookings-${day2}_${day2}.csv"`);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFเลขนัด,วันที่,วันที่ (ค.ศ.),เวลา,สถานะ,เรื่อง,ผู้เข้าพบ,ผู้นัด (LINE),โทรศัพท์\r\n')).toBe(true);
    const rows = text.trim().split('\r\n').slice(1);
    const refs = rows.map((r) => r.split(',')[0]);
    expect(refs.indexOf(early.reference)).toBeLessThan(refs.indexOf(late.reference));
    const row = rows.find((r) => r.startsWith(late.reference))!.split(',');
    expect(row.slice(2)).toEqual([day2, '15:00', 'นัดแล้ว', 'ขึ้นทะเบียนเบี้ยยังชีพ', late.beneficiary!.name, late.requesterName, '081-234-5678']);
    expect(await AuditLog.countDocuments({ action: 'export_csv', targetKind: 'bookings', actor: staff.username })).toBe(1);
    // Without dates: the week the bookings page opens on.
    const week = weekOf(nextOpenDay(new Date()));
    expect((await s.get('/admin/api/bookings.csv')).headers['content-disposition']).toBe(
      `attachment; filename="bookings-${week.start}_${week.end}.csv"`,
    );
    expect((await s.get(`/admin/api/bookings.csv?from=${day2}&to=2020-01-01`)).status).toBe(400);
    expect((await s.get('/admin/api/bookings.csv?from=2025-01-01&to=2026-12-31')).status).toBe(400);
    const v = await login(bot.app, volunteer.username);
    expect((await v.get('/admin/api/bookings.csv')).status).toBe(403);
    expect((await v.get('/admin/api/bookings/week')).status).toBe(403);
  });
});
