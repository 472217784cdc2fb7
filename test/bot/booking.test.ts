/**
 * นัดหมายเข้าพบ end to end through the signed webhook: typed and picked dates, the days and times that cannot be
 * booked (each with its reason), full slots, two citizens racing for the last seat, reschedule and cancel from
 * ติดตามคำร้อง, a home visit for someone who cannot travel, and the day-before reminder sent exactly once.
 *
 * The bot's clock is 10:40 (Bangkok) on a business day followed by another business day, picked from the
 * calendar data relative to today; every expected date is worked out with the same domain functions.
 */
import { DateTime } from 'luxon';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen, lineLimitProblems } from '../helpers/chat';
import { Booking } from '../../src/db/models/booking';
import { Session } from '../../src/db/models/session';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { isBusinessDay, isClosedWeekday, nextBusinessDays } from '../../src/domain/calendar/businessDays';
import { bookableDates } from '../../src/domain/calendar/slots';
import { getCentre, getHolidays, replaceDomainData, resetDomainData, DEFAULT_DATA_FILES } from '../../src/domain/data';
import { toBangkok } from '../../src/domain/bangkokTime';
import { formatThaiDate } from '../../src/domain/thai/dates';
import { parseThaiDate } from '../../src/domain/thai/dateParsing';
import { toThaiDigits } from '../../src/domain/thai/digits';
import { THAI_MONTHS_SHORT } from '../../src/domain/thai/calendarNames';
import { submitBooking, remindAtFor } from '../../src/bot/bookings';
import { mongoStores } from '../../src/bot/stores/mongo';
import { ReminderScheduler } from '../../src/bot/reminders';
import { bookingFlow, whenText } from '../../flows/booking';
import { createLogger } from '../../src/log';
import { login, makeStaff } from '../admin/helpers';

const plus = (iso: string, days: number) => toBangkok(iso).plus({ days }).toISODate()!;
const BUSINESS = nextBusinessDays(new Date(), 40, { includeStart: false });
/** Today for the bot: a business day whose next day is one too. */
const DAY = BUSINESS.find((d) => isBusinessDay(plus(d, 1)))!;
const TOMORROW = plus(DAY, 1);
const NOW = DateTime.fromISO(`${DAY}T10:40`, { zone: 'Asia/Bangkok' }).toJSDate();
const OPEN = bookableDates(NOW, 12);
const HORIZON = plus(DAY, getCentre().booking.maxDaysAhead);
const longDate = (iso: string) => formatThaiDate(iso, { weekday: true });
const chipOf = (iso: string) => formatThaiDate(iso, { style: 'short', weekday: true });
const dmyBE = (iso: string) => {
  const d = toBangkok(iso);
  return `${d.day}/${d.month}/${d.year + 543}`;
};
const dayMonth = (iso: string) => {
  const d = toBangkok(iso);
  return `${d.day} ${THAI_MONTHS_SHORT[d.month - 1]}`;
};

let db: TestDb;
let bot: TestBot;
let line: NockLine;
let n = 0;
let seq = 90000;

beforeAll(async () => {
  db = await connectTestDb();
  line = nockLine({ profile: { displayName: 'สมใจ', language: 'th' } });
  bot = startTestBot({ INBOX_SETTLE_MS: '0' }, undefined, { now: () => NOW });
});
afterAll(async () => {
  await bot.stop();
  line.done();
  await db.close();
});
beforeEach(async () => {
  await Booking.deleteMany({});
});

const citizen = () => new Citizen(`U-book-${++n}-${Date.now()}`, bot, line);

/** Seats taken by other people (fixtures), straight in MongoDB. */
async function fill(date: string, time: string, seats: number[], lineUserId = 'U-someone-else') {
  await Booking.init();
  for (const seat of seats) {
    await Booking.create({
      reference: `NB-2569-${++seq}`,
      submissionKey: `fixture-${seq}`,
      lineUserId,
      purpose: 'consult',
      date,
      time,
      start: DateTime.fromISO(`${date}T${time}`, { zone: 'Asia/Bangkok' }).toJSDate(),
      seat,
    });
  }
}

async function startBooking(c: Citizen, viaMenu = false) {
  if (viaMenu) {
    await c.say('นัดหมายเข้าพบ');
    await c.tap('ปรึกษาปัญหา');
    expect(c.text()).toContain('นัดให้ใครคะ');
    await c.tap('ตัวเอง');
  } else {
    await c.say('ผมขอจองคิวไปอบต.ครับ'); // for himself ("ผม"): only the purpose is asked before the day
    await c.tap('ปรึกษาปัญหา');
  }
  expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
}

/** Books through the conversation; returns the reference. */
async function book(c: Citizen, date: string, time: string): Promise<string> {
  await startBooking(c);
  await c.say(dmyBE(date));
  await c.tap(`${time} น.`);
  await c.say('นางสมศรี ใจดี'); // the visitor's name, so staff know who comes
  await c.say('0812345678');
  await c.tap('ยืนยัน');
  expect(c.text()).toContain('นัดหมายเรียบร้อยแล้ว');
  return c.text().match(/NB-\d{4}-\d{5}/)![0];
}

describe('picking a day', () => {
  it('understands typed dates (พรุ่งนี้, Thai digits with พ.ศ., day and month, weekday of next week) and the date picker', async () => {
    const c = citizen();
    await startBooking(c, true);
    expect(c.chips().slice(0, 5)).toEqual(OPEN.slice(0, 5).map(chipOf));
    expect(c.datePicker()).toMatchObject({ label: 'เลือกจากปฏิทิน', min: DAY, max: HORIZON });

    await c.say('พรุ่งนี้ค่ะ');
    expect(c.text()).toContain(`${longDate(TOMORROW)} มีเวลาว่าง`);
    expect(c.chips()).toContain('09:00 น.');

    const typed: [string, string][] = [
      [toThaiDigits(dmyBE(OPEN[6])), OPEN[6]],
      [dayMonth(OPEN[7]), OPEN[7]],
    ];
    const weekday = ['จันทร์', 'อังคาร', 'พุธ', 'พฤหัสบดี', 'ศุกร์']
      .map((w) => [`วัน${w}หน้า`, parseThaiDate(`วัน${w}หน้า`, NOW)] as const)
      .find(([, r]) => r.ok && OPEN.includes(r.date));
    if (weekday && weekday[1].ok) typed.push([weekday[0], weekday[1].date]);
    for (const [i, [text, iso]] of typed.entries()) {
      // A day typed where a time is asked changes the day; "เลือกวันอื่น" asks the day again.
      if (i > 0) {
        await c.tap('เลือกวันอื่น');
        expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
      }
      await c.say(text);
      expect(c.text()).toContain(`${longDate(iso)} มีเวลาว่าง`);
    }

    await c.tap('เลือกวันอื่น');
    await c.pickDate('เลือกจากปฏิทิน', OPEN[8]);
    expect(c.text()).toContain(`${longDate(OPEN[8])} มีเวลาว่าง`);
    await c.tap('ย้อนกลับ');
    expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
  });

  it('refuses weekends, holidays (naming them), past days and days too far, each time offering the open days', async () => {
    const weekdayHoliday = getHolidays().holidays.find((h) => h.date > TOMORROW && h.date <= HORIZON && !isClosedWeekday(h.date));
    const holiday = weekdayHoliday ?? { date: OPEN[5], th: 'วันหยุดทดสอบ', en: 'Test holiday' };
    if (!weekdayHoliday) {
      const data = structuredClone(DEFAULT_DATA_FILES.holidays) as any;
      const yearBE = toBangkok(holiday.date).year + 543;
      if (!data.years.some((y: any) => y.yearBE === yearBE)) data.years.push({ yearBE, provisional: true, source: 'test', checked: DAY });
      data.holidays.push(holiday);
      replaceDomainData({ holidays: data });
    }
    try {
      const c = citizen();
      await startBooking(c);
      const firstOpen = chipOf(bookableDates(NOW, 1)[0]);

      await c.say('วันเสาร์');
      expect(c.text()).toMatch(/วันเสาร์ที่ .+ เป็นวันหยุดเสาร์-อาทิตย์/);
      expect(c.chips()[0]).toBe(firstOpen);

      await c.say(dayMonth(holiday.date));
      expect(c.text()).toContain(`${longDate(holiday.date)} เป็นวันหยุดราชการ (${holiday.th})`);
      expect(c.chips()).not.toContain(chipOf(holiday.date));

      await c.say('เมื่อวาน');
      expect(c.text()).toContain('ผ่านไปแล้ว');
      await c.say(dmyBE(plus(DAY, 90)));
      expect(c.text()).toContain('นัดล่วงหน้าได้ไม่เกิน 60 วัน');
      await c.say('ยังไม่รู้เลย');
      // After several days that cannot be taken, the step changes approach: a hint, the days numbered, talk to staff.
      expect(c.text()).toContain('พิมพ์วันที่ได้ เช่น พรุ่งนี้');
      expect(c.text()).toContain(`1. ${firstOpen}`);
      expect(c.chips()[0]).toBe(`1. ${firstOpen}`);
      expect(c.chips()).toContain('7. คุยกับเจ้าหน้าที่');
    } finally {
      resetDomainData();
    }
  });

  it('offers a day said in the opening sentence, and the afternoon first', async () => {
    const c = citizen();
    await c.say('นัดวันที่ ๘ ได้ไหมคะ ช่วงบ่าย');
    expect(c.text()).toContain('ต้องการติดต่อเรื่องอะไรคะ');
    await c.tap('ยื่นเอกสาร');
    await c.tap('ตัวเอง');
    const r = parseThaiDate('วันที่ 8', NOW);
    const eighth = r.ok ? r.date : '';
    if (OPEN.includes(eighth) || bookableDates(NOW, 60).includes(eighth)) {
      expect(c.text()).toContain(`${longDate(eighth)} ยังมีเวลาว่าง`);
      expect(c.chips()[0]).toBe(chipOf(eighth));
      await c.tap(chipOf(eighth));
      expect(c.chips()[0]).toBe('13:00 น.');
    } else {
      expect(c.text()).toContain(longDate(eighth));
      expect(c.text()).toContain('เลือกวันอื่น');
    }
  });
});

describe('picking a time', () => {
  it('today: past times are not offered and are explained when typed; "บ่ายสอง" is 14:00', async () => {
    const c = citizen();
    await startBooking(c);
    await c.say('วันนี้');
    expect(c.text()).toContain(`${longDate(DAY)} มีเวลาว่าง`);
    expect(c.chips()).not.toContain('11:00 น.'); // 11:00 is less than 30 minutes after 10:40
    expect(c.chips()).toContain('13:00 น.');
    await c.say('9 โมง');
    expect(c.text()).toContain('เวลา 09:00 น. ผ่านไปแล้ว');
    await c.say('10:30');
    expect(c.text()).toContain('ไม่มีนัดเวลา 10:30 น.');
    await c.say('ช่วงเช้า');
    expect(c.text()).toContain('ช่วงเช้าไม่มีเวลาว่างแล้ว');
    await c.say('บ่ายสอง');
    expect(c.text()).toContain('ขอชื่อ-นามสกุลของคุณ');
    expect(((await Session.findOne({ lineUserId: c.userId }).lean())!.flow as any).data).toMatchObject({ date: DAY, time: '14:00' });
  });

  it('full slots are not offered and are explained; a full day is refused and left out of the open days', async () => {
    await fill(TOMORROW, '13:00', [1, 2]);
    const fullDay = OPEN.find((d) => d > TOMORROW)!;
    for (const s of getCentre().booking.slots)
      await fill(
        fullDay,
        s.time,
        Array.from({ length: s.capacity }, (_, i) => i + 1),
      );
    const c = citizen();
    await startBooking(c);
    expect(c.chips()).not.toContain(chipOf(fullDay));
    await c.say(dayMonth(fullDay));
    expect(c.text()).toContain(`${longDate(fullDay)} คิวเต็มแล้ว`);
    await c.say('พรุ่งนี้');
    expect(c.chips()).not.toContain('13:00 น.');
    await c.say('บ่ายโมง');
    expect(c.text()).toContain('เวลา 13:00 น. เต็มแล้ว');
    await c.tap('14:00 น.');
    expect(c.text()).toContain('ขอชื่อ-นามสกุลของคุณ');
  });
});

describe('no double booking', () => {
  it('two citizens race for the last seat: one wins, the other is told and offered the next free slot', async () => {
    await fill(TOMORROW, '10:00', [1]);
    const [a, b] = [citizen(), citizen()];
    for (const c of [a, b]) {
      await startBooking(c);
      await c.say('พรุ่งนี้');
      await c.say('10 โมง');
      await c.say('นายสมชาย มีสุข');
      await c.say('0812345678');
      expect(c.text()).toContain(whenText(TOMORROW, '10:00', 'th'));
    }
    await Citizen.tapAtOnce([a, 'ยืนยัน'], [b, 'ยืนยัน']);
    const winners = [a, b].filter((c) => c.text().includes('นัดหมายเรียบร้อยแล้ว'));
    const losers = [a, b].filter((c) => c.text().includes('เพิ่งมีคนจองเต็มพอดี'));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loser = losers[0];
    expect(loser.text()).toContain(`เวลาว่างที่ใกล้ที่สุดคือ ${whenText(TOMORROW, '11:00', 'th')}`);
    expect(loser.chips()).toContain('ยืนยัน');
    await loser.tap('ยืนยัน');
    expect(loser.text()).toContain('นัดหมายเรียบร้อยแล้ว');
    expect(await Booking.countDocuments({ date: TOMORROW, time: '10:00', status: 'booked' })).toBe(2);
    expect(await Booking.findOne({ lineUserId: loser.userId }).lean()).toMatchObject({ time: '11:00', status: 'booked' });
  });

  it('ten confirmations at once for a two-seat slot store two bookings; one conversation confirmed three times stores one', async () => {
    const state = (key: string, time = '15:00') => ({
      flow: 'booking',
      version: bookingFlow.version,
      step: 'summary',
      history: [],
      key,
      data: { purpose: 'consult', who: 'self', name: 'นางสมศรี ใจดี', date: TOMORROW, time, phone: '0812345678' },
    });
    const who = (i: number) => ({ lineUserId: `U-race-${i}`, locale: 'th' as const, now: NOW });
    const stores = mongoStores();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => submitBooking(state(`race-${i}`), who(i), stores)));
    expect(results.filter((r) => r.reference && !r.then)).toHaveLength(2);
    expect(results.filter((r) => r.then?.flow === 'booking')).toHaveLength(8);
    expect(await Booking.countDocuments({ date: TOMORROW, time: '15:00', status: 'booked' })).toBe(2);

    const again = await Promise.all([0, 1, 2].map(() => submitBooking(state('same-conversation', '14:00'), who(99), stores)));
    expect(await Booking.countDocuments({ submissionKey: 'same-conversation' })).toBe(1);
    expect(new Set(again.map((r) => r.reference)).size).toBe(1);
  });

  it('a double tap on ยืนยัน books once', async () => {
    const c = citizen();
    await startBooking(c);
    await c.say(dmyBE(TOMORROW));
    await c.tap('09:00 น.');
    await c.say('ลุงแก้ว');
    await c.say('0812345678');
    await c.doubleTap('ยืนยัน');
    expect(await Booking.countDocuments({ lineUserId: c.userId })).toBe(1);
  });
});

describe('under ติดตามคำร้อง: reschedule and cancel', () => {
  it('typed ยกเลิกนัด / เลื่อนนัด shows the appointments with their buttons (or says there is none)', async () => {
    const c = citizen();
    await c.say('ยกเลิกนัด');
    expect(c.text()).toContain('ไม่มีนัดหมายที่ยังไม่ถึงวัน');
    const reference = await book(c, TOMORROW, '11:00');
    await c.say('ขอเลื่อนนัดค่ะ');
    expect(c.text()).toContain(reference);
    await c.tap('ยกเลิกนัด');
    expect(c.text()).toContain(reference);
  });

  it('an appointment asked for a benefit starts booking with that purpose', async () => {
    const c = citizen();
    await c.say('ขอนัดขึ้นทะเบียนเบี้ยยังชีพ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).flow).toBe('booking');
    expect((session!.flow as any).data.purpose).toBe('register_old_age');
  });

  it('shows a booking when its reference is typed (Thai digits and lower case too)', async () => {
    const c = citizen();
    const reference = await book(c, TOMORROW, '10:00');
    const typed = reference.toLowerCase().replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]);
    await c.say(`ติดตาม ${typed}`);
    expect(c.text()).toContain(reference);
    expect(c.text()).toContain(whenText(TOMORROW, '10:00', 'th'));
  });

  it('moves a booking to another day and time in one write, keeping its reference and freeing the old seat', async () => {
    const c = citizen();
    const reference = await book(c, TOMORROW, '09:00');
    await c.tap('ติดตามคำร้อง');
    expect(c.text()).toContain(reference);
    await c.tap('เลื่อนนัด');
    expect(c.text()).toContain(`เลื่อนนัด ${reference} (เดิม ${whenText(TOMORROW, '09:00', 'th')})`);
    expect(c.chips()).not.toContain('เดินทางมาไม่ได้');
    const target = OPEN.find((d) => d > TOMORROW)!;
    await c.say(dayMonth(target));
    await c.tap('14:00 น.');
    expect(c.text()).toContain('สรุปการเลื่อนนัด');
    expect(c.text()).toContain(whenText(target, '14:00', 'th'));
    await c.tap('ยืนยัน');
    expect(c.text()).toContain('เลื่อนนัดเรียบร้อยแล้ว');
    expect(c.text()).toContain(reference);
    const saved = await Booking.findOne({ reference }).lean();
    expect(saved).toMatchObject({ date: target, time: '14:00', status: 'booked', reminderSentAt: null });
    expect(saved!.history.map((h) => h.action)).toEqual(['booked', 'rescheduled']);
    expect(await Booking.countDocuments({ date: TOMORROW, time: '09:00', status: 'booked' })).toBe(0);
    expect(await Booking.countDocuments({ lineUserId: c.userId })).toBe(1);
  });

  it('cancels after asking once, frees the seat, alerts staff; the old button then says it is gone', async () => {
    const c = citizen();
    const reference = await book(c, TOMORROW, '11:00');
    await c.tap('ยกเลิกนัด');
    expect(c.text()).toContain(`ต้องการยกเลิกนัด ${reference}`);
    await c.tap('ไม่ยกเลิก');
    expect(c.text()).toContain('ยังอยู่ตามเดิม');
    // With two upcoming bookings, one card lists both, each with its own buttons.
    const later = OPEN.find((d) => d > TOMORROW)!;
    await fill(later, '13:00', [1], c.userId);
    await c.tap('ติดตามคำร้อง');
    expect(c.text()).toContain('นัดหมายของคุณ (2 นัด)');
    expect(c.text()).toContain(`[เลื่อนนัด ${formatThaiDate(later, { style: 'short' })} 13:00]`);
    await c.tap(`ยกเลิกนัด ${formatThaiDate(TOMORROW, { style: 'short' })} 11:00`);
    expect(c.chips()).toEqual(['ยืนยันยกเลิกนัด', 'ไม่ยกเลิก']);
    await c.tap('ยืนยันยกเลิกนัด');
    expect(c.text()).toContain(`ยกเลิกนัด ${reference}`);
    expect(await Booking.findOne({ reference }).lean()).toMatchObject({ status: 'cancelled' });
    expect(await StaffAlert.countDocuments({ source: `booking-cancelled:${reference}` })).toBe(1);
    expect(await Booking.countDocuments({ date: TOMORROW, time: '11:00', status: 'booked' })).toBe(0);
    await c.tap('ติดตามคำร้อง');
    expect(c.text()).not.toContain(reference);
    expect(c.text()).toContain('[ยกเลิกนัด]');
    await c.postback(`v=booking.cancelYes%3A${reference}`);
    expect(c.text()).toContain(`ไม่พบนัดหมาย ${reference}`);
  });
});

describe('cannot travel, resume, cancel', () => {
  it('someone who cannot travel is offered a home visit: the request flow starts with the category', async () => {
    const c = citizen();
    await startBooking(c);
    await c.say('แม่เดินทางไม่ได้ค่ะ');
    expect(c.text()).toContain('ไปเยี่ยมที่บ้านแทนได้');
    await c.tap('ผู้ป่วยติดเตียง/ผู้ดูแล');
    expect(c.text()).toContain('ส่งเรื่องขอเยี่ยมบ้าน');
    expect(c.text()).toContain('ชื่อ-นามสกุลของคุณ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect(session!.flow).toMatchObject({ flow: 'requestHelp', data: { who: 'self', category: 'bedridden' } });
    expect(await Booking.countDocuments({ lineUserId: c.userId })).toBe(0);
  });

  it('offers ทำต่อ after the idle time, and ยกเลิก stores nothing', async () => {
    const c = citizen();
    await startBooking(c);
    await Session.updateOne({ lineUserId: c.userId }, { $set: { touchedAt: new Date(NOW.getTime() - 2 * 3600_000) } });
    await c.say('พรุ่งนี้');
    expect(c.text()).toContain('"นัดหมายเข้าพบ" ค้างไว้');
    await c.tap('ทำต่อ');
    expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
    await c.say('ยกเลิก');
    expect(c.text()).toContain('ยกเลิกเรื่องนี้แล้ว');
    expect(await Booking.countDocuments({ lineUserId: c.userId })).toBe(0);
  });
});

describe('the day-before reminder', () => {
  it('is sent exactly once: two schedulers racing, then a restart, and a crash after claiming', async () => {
    const day = OPEN.find((d) => d > TOMORROW)!;
    const c = citizen();
    const reference = await book(c, day, '09:00');
    const remindAt = remindAtFor(day, NOW)!;
    expect(remindAt.toISOString()).toBe(
      DateTime.fromISO(`${plus(day, -1)}T09:00`, { zone: 'Asia/Bangkok' })
        .toJSDate()
        .toISOString(),
    );
    expect((await Booking.findOne({ reference }).lean())!.remindAt).toEqual(remindAt);
    // Booked too late for a reminder: none is planned.
    expect(remindAtFor(DAY, NOW)).toBeNull();

    const log = createLogger('silent');
    const scheduler = () => new ReminderScheduler(bot.outbox, mongoStores().bookings, log, { intervalMs: 60_000 });
    const [s1, s2] = [scheduler(), scheduler()];
    expect(await s1.tick(new Date(remindAt.getTime() - 60_000))).toBe(0);
    const at = new Date(remindAt.getTime() + 5 * 60_000);
    const sent = await Promise.all([s1.tick(at), s2.tick(at)]);
    expect(sent[0] + sent[1]).toBe(1);
    const reminders = () => line.pushes().filter((p) => p.body.to === c.userId && JSON.stringify(p.body).includes('แจ้งเตือน'));
    await line.waitFor(() => reminders().length === 1);
    const body = JSON.stringify(reminders()[0].body);
    expect(body).toContain(whenText(day, '09:00', 'th'));
    expect(body).toContain(reference);
    expect((await Booking.findOne({ reference }).lean())!.reminderSentAt).toEqual(at);

    // A restarted scheduler (or another instance) later: nothing more.
    expect(await scheduler().tick(new Date(at.getTime() + 3600_000))).toBe(0);

    // A scheduler that died after claiming and queueing: the lease runs out, the next one marks it, LINE gets one.
    const other = citizen();
    const ref2 = await book(other, day, '10:00');
    await Booking.updateOne({ reference: ref2 }, { $set: { reminderLeaseUntil: new Date(at.getTime() - 1000) } });
    await bot.outbox.send({ to: other.userId, source: `reminder:${ref2}`, messages: [{ type: 'text', text: 'แจ้งเตือน (queued before the crash)' }] });
    expect(await scheduler().tick(at)).toBe(1);
    expect(await OutgoingMessage.countDocuments({ source: `reminder:${ref2}` })).toBe(1);
    expect(line.pushes().filter((p) => p.body.to === other.userId && JSON.stringify(p.body).includes('แจ้งเตือน'))).toHaveLength(1);
    await bot.outbox.whenIdle(); // every delivery attempt made, retries included
    expect(reminders()).toHaveLength(1);
  });
});

describe('LINE limits', () => {
  it('every reply and push of this file fits (messages, chips, labels, postback data, bubbles)', () => {
    expect(line.calls.length).toBeGreaterThan(50);
    expect(lineLimitProblems(line.calls)).toEqual([]);
  });
});

describe('a visitor stuck at the purpose', () => {
  it('keeps their own words on the booking, is not asked again what it is about, and staff read the words to confirm', async () => {
    const c = citizen();
    await c.say('ผมขอจองคิวไปอบต.ครับ');
    await c.sticker();
    await c.say('ไม่รู้จะตอบยังไง');
    const own = 'เรื่องที่ดินของพ่อที่เสียไปแล้ว';
    await c.say(own);
    expect(c.text()).toContain(`บันทึกคำตอบ "${own}" ไว้แล้วค่ะ`);
    // The words say what the visit is about: the next question is the day, not "เป็นเรื่องอะไรคะ".
    expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
    expect(c.text()).not.toContain('เป็นเรื่องอะไรคะ');
    await c.say(dmyBE(TOMORROW));
    await c.tap('09:00 น.');
    await c.say('นายสมชาย ใจดี');
    await c.say('0812345678');
    expect(c.text()).toContain(own); // the summary shows what it is about, in their words
    await c.tap('ยืนยัน');
    const reference = c.text().match(/NB-\d{4}-\d{5}/)![0];
    expect(await Booking.findOne({ reference }).lean()).toMatchObject({ purpose: 'other', note: own, ownWords: [{ step: 'purpose', words: own }] });

    const staff = await makeStaff('staff');
    const s = await login(bot.app, staff.username);
    const day = await s.get(`/admin/api/bookings?date=${TOMORROW}`).expect(200);
    const item = day.body.bookings.find((b: any) => b.reference === reference);
    expect(item.ownWords).toEqual([{ stepLabel: 'เรื่องที่มาติดต่อ', words: own }]);
  });

  it('who cannot travel and says why in their own words goes on to a home-visit request that carries the words', async () => {
    const c = citizen();
    await c.say('ผมขอจองคิวไปอบต.ครับ');
    await c.tap('ปรึกษาปัญหา');
    await c.tap('เดินทางมาไม่ได้');
    await c.sticker();
    await c.say('ไม่รู้จะตอบยังไง');
    const own = 'ขาไม่ดีหลังผ่าตัดเข่า';
    await c.say(own);
    const s = (await Session.findOne({ lineUserId: c.userId }).lean())!;
    expect(s.flow).toMatchObject({ flow: 'requestHelp', data: { category: 'other' }, unconfirmed: { category: own } });
  });
});
