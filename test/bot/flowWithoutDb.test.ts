/**
 * Whole flows walked with no database at all: the conversation gets the in-memory stores (src/bot/stores/memory.ts)
 * behind the same interfaces as MongoDB's, events are handed to it directly, and its answers are rendered as the
 * pipeline renders them. What a citizen sees and what is kept (request, consent, alert, booking, session) is checked.
 */
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { isBusinessDay, nextBusinessDays } from '../../src/domain/calendar/businessDays';
import { slotsFor } from '../../src/domain/calendar/slots';
import { toBangkok } from '../../src/domain/bangkokTime';
import { memoryChat } from '../helpers/memoryChat';

const plus = (iso: string, days: number) => toBangkok(iso).plus({ days }).toISODate()!;
const DAY = nextBusinessDays(new Date(), 40, { includeStart: false }).find((d) => isBusinessDay(plus(d, 1)))!;
const TOMORROW = plus(DAY, 1);
const NOW = DateTime.fromISO(`${DAY}T10:40`, { zone: 'Asia/Bangkok' }).toJSDate();

const chat = (userId: string) => memoryChat(userId, NOW);

describe('without a database', () => {
  it('walks the help request from the menu to the stored request, its consent, its alert and ติดตามคำร้อง', async () => {
    const c = chat('U-memory-help');
    await c.follow();
    expect(c.text()).toContain('ข้อมูลส่วนบุคคล');
    await c.tap('ขอความช่วยเหลือ');
    expect(c.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
    await c.tap('ญาติ/คนในครอบครัว');
    await c.tap('พ่อ');
    await c.say('สมบูรณ์ ใจดี');
    await c.say('๗๘');
    await c.tap('ติดต่อได้');
    await c.tap('ผู้สูงอายุ');
    await c.tap('ไม่เร่งด่วน');
    await c.say('พ่ออยู่บ้านคนเดียว เดินไม่ค่อยได้');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    await c.tap('บ้านหลวง');
    await c.say('๐๘๑ ๒๓๔ ๕๖๗๘');
    await c.say('3-5001-00123-45-8');
    expect(c.text()).toContain('ตัวเลขหลักสุดท้ายไม่ตรง');
    await c.say('๓ ๕๐๐๑ ๐๐๑๒๓ ๔๕ ๗');
    await c.tap('ยินยอม');
    expect(c.text()).toContain('สมบูรณ์ ใจดี');
    await c.tap('ยืนยัน');
    const reference = /CS-\d{4}-00001/.exec(c.text())?.[0];
    expect(reference).toBeDefined();

    const { data } = c.stores;
    expect(data.requests).toHaveLength(1);
    expect(data.requests[0]).toMatchObject({
      reference,
      category: 'elderly',
      urgency: 'normal',
      phone: '0812345678',
      beneficiary: { who: 'relative', relation: 'father', age: 78 },
    });
    expect(data.consents).toEqual([expect.objectContaining({ given: true, purpose: 'help_request', reference })]);
    expect(data.alerts).toEqual([expect.objectContaining({ kind: 'new_request', reference })]);
    expect(data.sessions.get('U-memory-help')).toMatchObject({ flow: null, lastSubmission: { flow: 'requestHelp', reference } });

    // ติดตามคำร้อง (leaving the new request for the menu) shows the one filed; nothing more was stored.
    await c.tap('ขอความช่วยเหลือ');
    await c.say('ติดตามคำร้อง');
    expect(c.text()).toContain(reference);
    expect(data.requests).toHaveLength(1);
  });

  it('a sentence with "ครับ" in it is no yes: "อยู่หมู่ 3 ครับ" at a yes/no question keeps the village for later and asks again', async () => {
    const c = chat('U-memory-ahead');
    await c.say('อยากขอความช่วยเหลือให้แม่ครับ แม่อายุ 78 เดินไม่ค่อยได้');
    await c.say('นางบัวผัน ใจดี');
    expect(c.text()).toContain('เจ้าหน้าที่ติดต่อคุณแม่โดยตรงได้ไหมคะ');
    await c.say('อยู่หมู่ 3 ครับ');
    // Not taken for "ติดต่อได้": the village is noted and the same question comes again, with its buttons.
    expect(c.text()).toContain('จดเรื่องนี้ไว้แล้ว');
    expect(c.text()).toContain('เจ้าหน้าที่ติดต่อคุณแม่โดยตรงได้ไหมคะ');
    expect(c.chips()).toEqual(expect.arrayContaining(['ติดต่อได้', 'ติดต่อผ่านฉัน']));
    const session = () => c.stores.data.sessions.get('U-memory-ahead');
    expect(session()?.flow).toMatchObject({ step: 'contactable', data: { village: 'หมู่ 3' } });
    expect(session()?.flow?.data).not.toHaveProperty('contactable');
    await c.say('ได้ครับ');
    await c.tap('ไม่เร่งด่วน');
    await c.say('แม่อยู่คนเดียว ล้มบ่อย');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    // The village is not asked: the phone comes next.
    expect(c.text()).toContain('ขอเบอร์โทร');
    await c.say('เบอร์ผมครับ 081 234 5678');
    await c.tap('ข้าม');
    // Consent is never read from a sentence that only has "ครับ" in it.
    await c.say('ครับ ผมอยู่หมู่ 3 นะ');
    expect(session()?.flow?.data).not.toHaveProperty('consent');
    expect(c.stores.data.consents).toEqual([]);
    await c.tap('ยินยอม');
    expect(c.text()).toContain('หมู่ 3');
    expect(c.text()).toContain('081-234-5678');
  });

  it('"ตัวเอง" where the name of someone else is asked: the request becomes the citizen\'s own; a question back is no yes', async () => {
    const c = chat('U-memory-itisme');
    // "ลูกหิว" reads as being about a child.
    await c.say('ตอนนี้ไม่มีข้าวกินเลยค่ะ ลูกหิว');
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของลูกค่ะ');
    await c.say('ตัวเอง');
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของคุณค่ะ');
    const flow = () => c.stores.data.sessions.get('U-memory-itisme')?.flow;
    expect(flow()).toMatchObject({ step: 'name', data: { who: 'self' } });
    expect(flow()?.data).not.toHaveProperty('name');
    expect(flow()?.data).not.toHaveProperty('relation');
    await c.say('สมศรี มีสุข');
    await c.say('๓๕');
    // Asked of the citizen themself: not whether staff may contact "the person".
    expect(c.text()).not.toContain('เจ้าหน้าที่ติดต่อ');
    expect(flow()?.data).toMatchObject({ who: 'self', name: 'สมศรี มีสุข', age: 35 });
    // What is remembered for the next flow is about her, not a child.
    const facts = c.stores.data.sessions.get('U-memory-itisme')?.facts;
    expect(facts).toMatchObject({ who: 'self', age: 35 });
    expect(facts).not.toHaveProperty('relation');
  });

  it('a question back at a yes/no question is not taken for yes', async () => {
    const c = chat('U-memory-question');
    await c.say('อยากขอความช่วยเหลือให้แม่ครับ');
    await c.say('นางบัวผัน ใจดี');
    await c.say('78');
    expect(c.text()).toContain('เจ้าหน้าที่ติดต่อคุณแม่โดยตรงได้ไหมคะ');
    await c.say('ภายในวันนี้ได้ไหม');
    expect(c.stores.data.sessions.get('U-memory-question')?.flow).toMatchObject({ step: 'contactable' });
    expect(c.stores.data.sessions.get('U-memory-question')?.flow?.data).not.toHaveProperty('contactable');
  });

  it('a neighbour who knows only what people call her: that is kept as the name, and a guessed age is read', async () => {
    const c = chat('U-memory-neighbour');
    await c.say('ยายข้างบ้านอยู่คนเดียว ไม่มีข้าวกินมาสองวันแล้ว');
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของผู้ที่ขอรับความช่วยเหลือค่ะ');
    await c.say('ไม่รู้ชื่อจริง เรียกยายแก้ว');
    expect(c.text()).toContain('อายุเท่าไรคะ');
    await c.say('น่าจะแปดสิบกว่า');
    const flow = () => c.stores.data.sessions.get('U-memory-neighbour')?.flow;
    expect(flow()?.data).toMatchObject({ name: 'ไม่รู้ชื่อจริง เรียกยายแก้ว', age: 80 });
    // Only "don't know": no name.
    const d = chat('U-memory-noname');
    await d.say('ยายข้างบ้านอยู่คนเดียว ไม่มีข้าวกินมาสองวันแล้ว');
    await d.say('ไม่รู้ชื่อค่ะ');
    expect(d.stores.data.sessions.get('U-memory-noname')?.flow?.data).toMatchObject({ name: '' });
  });

  it('a question about the centre in the middle of a flow is answered, and the flow goes on where it was', async () => {
    const c = chat('U-memory-hours');
    await c.say('เบี้ยคนแก่ได้เดือนละเท่าไรเจ้า');
    expect(c.text()).toContain('ตรวจสอบสิทธิ์ให้ใครคะ');
    await c.say('ศูนย์เปิดกี่โมง');
    expect(c.text()).toContain('08:30-16:30');
    expect(c.text()).toContain('ตรวจสอบสิทธิ์ให้ใครคะ');
    expect(c.text()).not.toContain('ไม่แน่ใจว่าหมายถึงข้อไหน');
    // Answered, not missed: the next unusable answer is the first, so the question is asked plainly once more.
    expect(c.stores.data.sessions.get('U-memory-hours')?.flow).toMatchObject({ step: 'who' });
    expect(c.stores.data.sessions.get('U-memory-hours')?.flow?.misses ?? 0).toBe(0);
    await c.tap('ตัวเอง');
    expect(c.text()).toContain('อายุเท่าไร');
  });

  it('another task asked for mid-flow gets its button beside the question; tapping it starts that task', async () => {
    const c = chat('U-memory-elsewhere');
    await c.say('เบี้ยคนแก่ได้เดือนละเท่าไรเจ้า');
    await c.say('ขอนัดไปที่ศูนย์วันจันทร์หน้าได้ไหม');
    expect(c.text()).toContain('ถ้าต้องการ "นัดหมายเข้าพบ" แทน แตะปุ่มด้านล่างได้เลยค่ะ');
    expect(c.text()).toContain('ตรวจสอบสิทธิ์ให้ใครคะ');
    expect(c.chips()).toEqual(expect.arrayContaining(['นัดหมายเข้าพบ', 'ตัวเอง', 'ญาติ/คนในครอบครัว']));
    await c.tap('นัดหมายเข้าพบ');
    expect(c.text()).toContain('ต้องการติดต่อเรื่องอะไรคะ');
    expect(c.stores.data.sessions.get('U-memory-elsewhere')?.flow).toMatchObject({ flow: 'booking' });
  });

  it("the flow's own subject typed at a step is no other task: no button for what is already under way", async () => {
    const c = chat('U-memory-same');
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('สมศรี มีสุข');
    await c.say('70');
    await c.tap('ผู้สูงอายุ');
    expect(c.text()).toContain('เร่งด่วนแค่ไหนคะ');
    await c.say('อยากขอความช่วยเหลือด้วยค่ะ');
    expect(c.text()).toContain('เร่งด่วนแค่ไหนคะ');
    expect(c.text()).not.toContain('ถ้าต้องการ');
    expect(c.chips()).not.toContain('ขอความช่วยเหลือ');
    // Another subject at the same step does get its button.
    await c.say('อยากตรวจสิทธิ์ด้วย');
    expect(c.chips()).toContain('ตรวจสอบสิทธิ์');
  });

  it('a part of the day said at an earlier booking question is kept: the time question offers it first', async () => {
    const c = chat('U-memory-wish');
    const afternoon = slotsFor(TOMORROW, NOW).filter((s) => s.part === 'afternoon');
    expect(afternoon.length).toBeGreaterThan(0);
    await c.say('นัดหมายเข้าพบ');
    await c.tap('ปรึกษาปัญหา');
    expect(c.text()).toContain('นัดให้ใครคะ');
    await c.say('ขอตอนบ่ายนะคะ');
    expect(c.text()).toContain('จดเรื่องนี้ไว้แล้ว');
    expect(c.text()).toContain('นัดให้ใครคะ');
    await c.tap('ตัวเอง');
    await c.pickDate(TOMORROW);
    expect(c.chips()[0]).toBe(`${afternoon[0]!.time} น.`);
  });

  it('a wished day offered back ("…ยังมีเวลาว่างค่ะ") is taken by a typed yes, and not by a no', async () => {
    const day = Number(TOMORROW.slice(8, 10));
    const no = chat('U-memory-wish-no');
    await no.say(`ขอนัดวันที่ ${day} ค่ะ`);
    await no.tap('ปรึกษาปัญหา');
    await no.tap('ตัวเอง');
    expect(no.text()).toContain('ยังมีเวลาว่างค่ะ');
    await no.say('ไม่ได้ค่ะ');
    expect(no.stores.data.sessions.get('U-memory-wish-no')?.flow).toMatchObject({ step: 'date' });

    const yes = chat('U-memory-wish-yes');
    await yes.say(`ขอนัดวันที่ ${day} ค่ะ`);
    await yes.tap('ปรึกษาปัญหา');
    await yes.tap('ตัวเอง');
    await yes.say('ได้ค่ะ');
    expect(yes.text()).toContain('มีเวลาว่างดังนี้ค่ะ');
    expect(yes.stores.data.sessions.get('U-memory-wish-yes')?.flow).toMatchObject({ step: 'time', data: { date: TOMORROW } });
  });

  it('the hour said in the first message ("บ่ายสองโมง") is offered first, and a yes takes it', async () => {
    const day = Number(TOMORROW.slice(8, 10));
    expect(slotsFor(TOMORROW, NOW).map((s) => s.time)).toContain('14:00');
    const c = chat('U-memory-clock');
    await c.say(`ขอนัดวันที่ ${day} บ่ายสองโมงค่ะ`);
    await c.tap('ปรึกษาปัญหา');
    await c.tap('ตัวเอง');
    await c.say('ได้ค่ะ');
    expect(c.chips()[0]).toBe('14:00 น.');
    await c.say('ได้ค่ะ');
    expect(c.stores.data.sessions.get('U-memory-clock')?.flow?.data).toMatchObject({ date: TOMORROW, time: '14:00' });
  });

  it('walks a booking from the opening sentence to the stored booking, then moves and cancels it', async () => {
    const c = chat('U-memory-booking');
    const [first, second] = slotsFor(TOMORROW, NOW);
    await c.say('ผมขอจองคิวไปอบต.ครับ');
    await c.tap('ปรึกษาปัญหา');
    expect(c.text()).toContain('สะดวกมาที่ศูนย์ฯ วันไหนคะ');
    await c.pickDate(TOMORROW);
    await c.tap(`${first!.time} น.`);
    await c.say('นางสมศรี ใจดี'); // the visitor's name
    await c.say('0812345678');
    // The summary names who will come, for the citizen to check.
    expect(c.text()).toContain('ตัวเอง (นางสมศรี ใจดี)');
    await c.tap('ยืนยัน');
    expect(c.text()).toContain('นัดหมายเรียบร้อยแล้ว');
    const reference = /NB-\d{4}-00001/.exec(c.text())?.[0];
    const { data } = c.stores;
    expect(data.bookings).toEqual([
      expect.objectContaining({ reference, date: TOMORROW, time: first!.time, seat: 1, status: 'booked', purpose: 'consult' }),
    ]);
    expect(data.alerts.map((a) => a.source)).toEqual([`booking:${reference}`]);

    // เลื่อนนัด from the card: the same flow, prefilled, to another time.
    await c.tap('เลื่อนนัด');
    await c.pickDate(TOMORROW);
    await c.tap(`${second!.time} น.`);
    await c.tap('ยืนยัน');
    expect(data.bookings).toHaveLength(1);
    expect(data.bookings[0]).toMatchObject({ reference, time: second!.time, status: 'booked' });

    // The reminder (booked for tomorrow, its day-before time has passed: set one an hour from now): due once its
    // time has come, claimed by one scheduler, not due once sent.
    const remindAt = new Date(NOW.getTime() + 3600_000);
    data.bookings[0]!.remindAt = remindAt;
    const { bookings } = c.stores;
    expect(await bookings.dueReminders(new Date(remindAt.getTime() - 1), 10)).toEqual([]);
    const [due] = await bookings.dueReminders(remindAt, 10);
    expect(await bookings.claimReminder(due!._id, remindAt, 60_000)).toMatchObject({ reference });
    expect(await bookings.claimReminder(due!._id, remindAt, 60_000)).toBeNull();
    await bookings.reminderSent(due!._id, remindAt);
    expect(await bookings.dueReminders(remindAt, 10)).toEqual([]);

    await c.say('ยกเลิกนัด');
    await c.tap('ยกเลิกนัด');
    await c.tap('ยืนยันยกเลิกนัด');
    expect(data.bookings[0]).toMatchObject({ status: 'cancelled' });
    expect(data.bookings[0]!.history.map((h) => h.action)).toEqual(['booked', 'rescheduled', 'cancelled']);
  });
});

it('opened no database connection on the way', () => {
  expect(mongoose.connection.readyState).toBe(mongoose.ConnectionStates.disconnected);
  expect(mongoose.connections.every((c) => c.readyState === mongoose.ConnectionStates.disconnected)).toBe(true);
});
