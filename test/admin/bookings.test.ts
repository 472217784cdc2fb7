/**
 * Bookings in the staff API: the day's list with capacity, attended, no-show (citizen told), cancel (citizen
 * told, seat freed), reschedule (citizen gets the new card; a full slot refused), volunteers kept out.
 */
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Booking } from '../../src/db/models/booking';
import { Citizen } from '../../src/db/models/citizen';
import { bookableDates, slotsFor } from '../../src/domain/calendar/slots';
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
const pushed = (to: string) => line.pushes().filter((c) => c.body.to === to && c.status === 200).flatMap((c) => c.body.messages);

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
  expect(day.body.bookings[0]).toMatchObject({ time: '09:00', status: 'booked', statusLabel: 'นัดแล้ว', purposeLabel: 'ขึ้นทะเบียนเบี้ยยังชีพ', phone: '081-234-5678' });
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
