import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Consent } from '../../src/db/models/consent';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { Handoff } from '../../src/db/models/handoff';
import { Session } from '../../src/db/models/session';
import { buddhistYearOf } from '../../src/domain/bangkokTime';

let bot: TestBot;
let line: NockLine;
let n = 0;

useTestDb();
beforeEach(() => {
  line = nockLine({ profile: { displayName: 'สมใจ', language: 'th' } });
  bot = startTestBot();
});
afterEach(async () => {
  await bot.stop();
  line.done();
});

const citizen = () => new Citizen(`U-help-${++n}-${Date.now()}`, bot, line);
const REF = new RegExp(`CS-${buddhistYearOf(new Date())}-\\d{5}`);

describe('request help, for an elderly father, by tapping', () => {
  it('files the request in a few turns, shows it under ติดตามคำร้อง, and hands over to a person', async () => {
    const daughter = citizen();
    await daughter.follow();
    expect(daughter.text()).toContain('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน');
    expect(daughter.text()).toContain('ข้อมูลส่วนบุคคล');
    expect(daughter.chips()).toContain('ขอความช่วยเหลือ');

    await daughter.tap('ขอความช่วยเหลือ');
    expect(daughter.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
    await daughter.tap('ญาติ/คนในครอบครัว');
    expect(daughter.text()).toContain('เป็นอะไรกับคุณ');
    await daughter.tap('พ่อ');
    await daughter.say('สมบูรณ์ ใจดี');
    await daughter.say('๗๘');
    await daughter.tap('ติดต่อได้');
    await daughter.tap('ผู้สูงอายุ');
    await daughter.tap('ไม่เร่งด่วน');
    await daughter.say('พ่ออยู่บ้านคนเดียว เดินไม่ค่อยได้ ไม่มีคนดูแลตอนกลางวัน');
    expect(daughter.chips()).toEqual(expect.arrayContaining(['ถ่ายรูป', 'เลือกรูป', 'ข้าม']));
    await daughter.tap('ข้าม');
    expect(daughter.chips()).toContain('ส่งตำแหน่งที่อยู่');
    await daughter.tap('ข้าม');
    await daughter.tap('บ้านหลวง');
    await daughter.say('๐๘๑ ๒๓๔ ๕๖๗๘');
    expect(daughter.text()).toContain('ขอเลขบัตรประชาชน 13 หลักของคุณพ่อค่ะ');
    await daughter.say('3-5001-00123-45-8'); // a typo in the last digit
    expect(daughter.text()).toContain('ตัวเลขหลักสุดท้ายไม่ตรง');
    await daughter.say('๓ ๕๐๐๑ ๐๐๑๒๓ ๔๕ ๗');
    expect(daughter.text()).toContain('ยินยอม');
    await daughter.tap('ยินยอม');
    const summary = daughter.text();
    expect(summary).toContain('สรุปคำร้อง');
    expect(summary).toContain('พ่อ (สมบูรณ์ ใจดี)');
    expect(summary).toContain('78 ปี');
    expect(summary).toContain('081-234-5678');
    expect(summary).toContain('3-xxxx-xxxxx-45-7');
    expect(summary).not.toContain('3500100123457');
    expect(daughter.chips()).toEqual(['ยืนยัน', 'แก้ไข', 'ยกเลิก', 'ย้อนกลับ']);

    await daughter.tap('ยืนยัน');
    const done = daughter.text();
    expect(done).toMatch(REF);
    const reference = done.match(REF)![0];

    const saved = await HelpRequest.findOne({ reference }).lean();
    expect(saved).toMatchObject({
      lineUserId: daughter.userId,
      beneficiary: { who: 'relative', relation: 'father', name: 'สมบูรณ์ ใจดี', age: 78, contactable: true },
      category: 'elderly',
      urgency: 'normal',
      village: 'บ้านหลวง',
      phone: '0812345678',
      nationalId: '3500100123457',
      status: 'received',
      consent: { given: true, sensitive: false, textVersion: 3 },
    });
    expect(await StaffAlert.countDocuments({ kind: 'new_request', reference })).toBe(1);
    expect(await Consent.countDocuments({ lineUserId: daughter.userId, given: true })).toBe(1);

    await daughter.tap('ติดตามคำร้อง');
    expect(daughter.text()).toContain(reference);
    expect(daughter.text()).toContain('ได้รับเรื่องแล้ว');

    await daughter.tap('ติดต่อเจ้าหน้าที่');
    expect(daughter.text()).toMatch(/เจ้าหน้าที่/);
    expect(await Handoff.countDocuments({ lineUserId: daughter.userId, status: 'open' })).toBe(1);
    expect(await StaffAlert.countDocuments({ kind: 'handoff', lineUserId: daughter.userId })).toBe(1);
    // While a person handles it, the bot stays quiet...
    expect(await daughter.say('สวัสดีค่ะ รอเจ้าหน้าที่อยู่นะคะ')).toEqual([]);
    // ...until the citizen asks for the menu.
    await daughter.say('กลับสู่บอท');
    expect(daughter.text()).toContain('กลับมาที่ระบบอัตโนมัติแล้ว');
    expect(await Handoff.countDocuments({ lineUserId: daughter.userId, status: 'open' })).toBe(0);
  });
});

describe('request help, typed', () => {
  it('skips the questions a free-text opening already answered', async () => {
    const c = citizen();
    await c.say('แม่เป็นอัมพาต นอนติดเตียง ไม่มีคนเฝ้า');
    // who (relative), relation (mother) and category (bedridden) are known: the next question is the name.
    // ... and it names her: คุณแม่, not "the person who needs help".
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของคุณแม่ค่ะ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).data).toMatchObject({ who: 'relative', relation: 'mother', category: 'bedridden' });
  });

  it('understands typed answers where buttons were offered (labels, numbers, synonyms, Thai digits)', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือครับ');
    await c.say('ตัวเองครับ'); // the label with a particle
    await c.say('นายมานะ ขยัน');
    await c.say('อายุ 64 ปี');
    await c.say('๕'); // category number 5: รายได้น้อย/ขาดแคลน
    await c.say('ด่วน');
    await c.say('ตกงาน ไม่มีเงินซื้อข้าว');
    await c.say('ไม่มี'); // no photo
    await c.say('ข้าม');
    await c.say('บ้านป่าเหมี้ยง');
    await c.say('0812345678');
    await c.say('ข้าม'); // no national ID
    await c.say('ยินยอมครับ');
    expect(c.text()).toContain('สรุปคำร้อง');
    await c.say('ถูกต้องจ้า');
    expect(c.text()).toMatch(REF);
    const saved = await HelpRequest.findOne({ lineUserId: c.userId }).lean();
    expect(saved).toMatchObject({
      beneficiary: { who: 'self', age: 64 },
      category: 'low_income',
      urgency: 'now',
      urgent: true,
      village: 'บ้านป่าเหมี้ยง',
    });
  });

  it('someone with no phone files the request all the same, and is told staff answer in this chat', async () => {
    const c = citizen();
    await walkTo(c, 'phone');
    expect(c.chips()).toContain('ไม่มีเบอร์โทร');
    await c.say('ไม่มีโทรศัพท์ค่ะ ใช้ไลน์ของหลาน');
    expect(c.text()).toContain('เลขบัตรประชาชน');
    await c.tap('ข้าม');
    await c.tap('ยินยอม');
    expect(c.text()).toContain('ไม่มี (ติดต่อทางแชทไลน์นี้)');
    await c.tap('ยืนยัน');
    expect(c.text()).toContain('เจ้าหน้าที่จะติดต่อกลับทางแชทไลน์นี้');
    expect(c.text()).not.toContain('ที่เบอร์');
    const saved = await HelpRequest.findOne({ lineUserId: c.userId }).lean();
    expect(saved?.phone ?? '').toBe('');
  });

  it('"ไม่มีเบอร์บ้าน" with a mobile number in the same message keeps the number', async () => {
    const c = citizen();
    await walkTo(c, 'phone');
    await c.say('ไม่มีเบอร์บ้านค่ะ มือถือ 081 234 5678');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).data.phone).toBe('0812345678');
  });

  it('re-asks an invalid phone number with an example, and accepts +66 and dashes', async () => {
    const c = citizen();
    await walkTo(c, 'phone');
    await c.say('12345');
    expect(c.text()).toContain('เบอร์โทรนี้ไม่ถูกต้อง');
    expect(c.text()).toContain('081 234 5678');
    await c.say('+66812345678');
    // Her own request: her own ID is asked for.
    expect(c.text()).toContain('ขอเลขบัตรประชาชน 13 หลักของคุณค่ะ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).data.phone).toBe('0812345678');
  });

  it('answers a sticker mid-flow kindly and asks the same question again', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.sticker();
    expect(c.text()).toContain('ขอบคุณสำหรับสติกเกอร์');
    expect(c.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
    expect(c.chips()).toContain('ตัวเอง');
  });

  it('keeps a voice message or photo sent where words were asked, and asks the same question again', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.photo();
    expect(c.text()).toContain('ได้รับไฟล์แล้ว');
    expect(c.text()).toContain('ชื่อ-นามสกุลของคุณ');
  });

  it('explains and re-asks when typed text matches no button', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.say('ตัวเอง');
    await c.say('ทดสอบ ชื่อ');
    await c.say('70');
    await c.say('อยากกินข้าวมันไก่');
    expect(c.text()).toContain('กรุณาแตะปุ่มด้านล่าง');
    expect(c.text()).toContain('เป็นเรื่องเกี่ยวกับอะไร');
  });

  it('cancels mid-way on ยกเลิก and keeps nothing', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('ไม่เอาแล้ว');
    expect(c.text()).toContain('ยกเลิกเรื่องนี้แล้ว');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
    expect((await Session.findOne({ lineUserId: c.userId }).lean())!.flow).toBeNull();
    expect(await HelpRequest.countDocuments({ lineUserId: c.userId })).toBe(0);
  });

  it('goes back one question on ย้อนกลับ', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    expect(c.text()).toContain('ชื่อ-นามสกุลของคุณ');
    await c.tap('ย้อนกลับ');
    expect(c.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
  });

  it('a double tap on ยืนยัน creates one request and says it was already sent', async () => {
    const c = citizen();
    await walkTo(c, 'summary');
    await c.doubleTap('ยืนยัน');
    expect(await HelpRequest.countDocuments({ lineUserId: c.userId })).toBe(1);
    const texts = c.text();
    expect(texts).toMatch(REF);
    expect(texts).toContain('ส่งไปแล้ว');
  });

  it('offers ทำต่อ / เริ่มใหม่ after the idle time instead of losing progress', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await Session.updateOne({ lineUserId: c.userId }, { $set: { touchedAt: new Date(Date.now() - 2 * 3600_000) } });
    await c.say('สมศรี มีสุข');
    expect(c.text()).toContain('ค้างไว้');
    expect(c.chips()).toEqual(['ทำต่อ', 'เริ่มใหม่']);
    await c.tap('ทำต่อ');
    expect(c.text()).toContain('ชื่อ-นามสกุลของคุณ');
  });

  it('restarts politely when the flow changed under a stored conversation', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await Session.updateOne({ lineUserId: c.userId }, { $set: { 'flow.version': 0 } });
    await c.say('ตัวเอง');
    expect(c.text()).toContain('ระบบเพิ่งปรับปรุงขั้นตอน');
  });

  it('danger words mid-form: the violence card with 191 and 1300, staff alerted, the step and its answers untouched', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    const before = (await Session.findOne({ lineUserId: c.userId }).lean())!.flow;
    await c.say('ผัวตีทุกวัน');
    const card = c.last.find((m) => m.type === 'flex');
    expect(JSON.stringify(card)).toContain('tel:191');
    expect(JSON.stringify(card)).toContain('tel:1300');
    expect(c.text()).toContain('ความปลอดภัยของคุณสำคัญที่สุด');
    expect(await StaffAlert.countDocuments({ kind: 'danger', lineUserId: c.userId })).toBe(1);
    expect((await Session.findOne({ lineUserId: c.userId }).lean())!.flow).toEqual(before);
  });

  it('changes one answer from the summary and comes back to it', async () => {
    const c = citizen();
    await walkTo(c, 'summary');
    await c.tap('แก้ไข');
    expect(c.text()).toContain('ต้องการแก้ไขข้อไหน');
    await c.tap('เบอร์โทร');
    await c.say('089-999-8888');
    expect(c.text()).toContain('สรุปคำร้อง');
    expect(c.text()).toContain('089-999-8888');
  });

  it('keeps photos and a shared location with the request', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('ทดสอบ รูปถ่าย');
    await c.say('2490');
    await c.tap('ที่อยู่อาศัย');
    await c.tap('ภายในสัปดาห์นี้');
    await c.say('หลังคาบ้านรั่ว ฝนตกน้ำเข้าบ้าน');
    await c.photo();
    expect(c.text()).toContain('ได้รับรูปแล้ว 1 รูป');
    await c.photo();
    await c.tap('เสร็จแล้ว');
    await c.location();
    // The shared address names the village: it is not asked again.
    expect(c.text()).not.toContain('อยู่หมู่บ้านไหน');
    expect(c.text()).toContain('ขอเบอร์โทร');
    await c.say('0812345678');
    await c.tap('ข้าม');
    await c.tap('ยินยอม');
    expect(c.text()).toContain('2 รูป');
    await c.tap('ยืนยัน');
    const saved = await HelpRequest.findOne({ lineUserId: c.userId }).lean();
    expect(saved!.photoMessageIds).toHaveLength(2);
    expect(saved!.location).toMatchObject({ latitude: 18.79, address: 'บ้านหลวง ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง' });
    expect(saved).toMatchObject({ village: 'บ้านหลวง', villageToConfirm: false, outsideArea: false });
    expect(saved!.beneficiary!.age).toBe(new Date().getFullYear() + 543 - 2490);
  });

  it('records someone outside the subdistrict and points them to 1300 and พมจ.ลำปาง', async () => {
    const c = citizen();
    await walkTo(c, 'village');
    await c.tap('นอกตำบลแจ้ซ้อน');
    expect(c.text()).toContain('1300');
    expect(c.text()).toContain('พมจ.ลำปาง');
    await c.say('0812345678');
    await c.tap('ข้าม');
    await c.tap('ยินยอม');
    await c.tap('ยืนยัน');
    expect(await HelpRequest.findOne({ lineUserId: c.userId }).lean()).toMatchObject({ outsideArea: true });
  });

  it('asks explicit consent for disability details, and stores nothing but the refusal when refused', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('ทดสอบ ความยินยอม');
    await c.say('40');
    await c.tap('คนพิการ');
    await c.tap('ไม่เร่งด่วน');
    await c.say('ต้องการทำบัตรคนพิการ');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    await c.tap('บ้านหลวง');
    await c.say('0812345678');
    await c.tap('ข้าม');
    expect(c.text()).toContain('ข้อมูลอ่อนไหว');
    await c.tap('ไม่ยินยอม');
    expect(c.text()).toContain('ไม่ได้บันทึกเรื่องนี้ไว้');
    expect(await HelpRequest.countDocuments({ lineUserId: c.userId })).toBe(0);
    expect(await Consent.findOne({ lineUserId: c.userId }).lean()).toMatchObject({
      given: false,
      sensitive: true,
      textKey: 'help.consent.askSensitive',
    });
  });

  it('speaks English to an English-speaking visitor', async () => {
    line.done();
    await bot.stop();
    line = nockLine({ profile: { displayName: 'Visitor', language: 'en' } });
    bot = startTestBot();
    const c = citizen();
    await c.say('Request help');
    expect(c.text()).toContain('Who needs help?');
    expect(c.chips()).toEqual(expect.arrayContaining(['Myself', 'A relative', 'Someone else']));
    await c.tap('Myself');
    await c.tap('Back'); // navigation chips send English words for an English speaker
    expect(c.text()).toContain('Who needs help?');
    await c.tap('Cancel');
    expect(c.text()).toContain('Cancelled. Nothing you typed was sent.');
    const me = citizen();
    await me.say('I need help'); // "I": for themselves, so the next question is their name
    expect(me.text()).toContain('May I have your full name?');
    const son = citizen();
    await son.say('Request help');
    await son.tap('A relative');
    await son.tap('Mother');
    expect(son.text()).toContain('What is the full name of your mother?');
    await son.say('Boonma Jaidee');
    expect(son.text()).toContain('How old is your mother?');
  });

  it('does not take "ได้ค่ะ" or "ตกลง" for a name: it asks for the name again', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือให้แม่ค่ะ');
    expect(c.text()).toContain('ขอทราบชื่อ-นามสกุลของคุณแม่ค่ะ');
    await c.say('ได้ค่ะ');
    expect(c.text()).toContain('ขอชื่อ-นามสกุลจริงนะคะ');
    await c.say('ตกลง');
    expect(c.text()).toContain('ยังไม่เข้าใจคำตอบ');
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect(session!.flow).toMatchObject({ step: 'name' });
    expect((session!.flow as any).data).not.toHaveProperty('name');
    await c.say('บัวคำ ใจดี');
    expect(c.text()).toContain('คุณแม่อายุเท่าไรคะ');
  });

  it('answers a postback the bot did not make (an old rich menu) with the menu, not silence', async () => {
    const c = citizen();
    await c.postback('action=old-rich-menu-item');
    expect(c.text()).toContain('ปุ่มนั้นเป็นของคำถามก่อนหน้า');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
  });

  it('answers a location sent outside a conversation by offering help there', async () => {
    const c = citizen();
    await c.location();
    expect(c.text()).toContain('ได้รับตำแหน่งที่ส่งมาแล้ว');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
  });

  it('never meets gibberish with silence', async () => {
    const c = citizen();
    await c.say('asdfgh');
    expect(c.text()).toContain('ยังไม่เข้าใจ');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
  });

  it("processes one person's two messages delivered at once in order", async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    const t = Date.now();
    const { textEvent } = await import('../helpers/line');
    await Promise.all([bot.post(textEvent(c.userId, 'ชื่อ ทดสอบ', { timestamp: t + 1 })), bot.post(textEvent(c.userId, 'ตัวเอง', { timestamp: t }))]);
    await bot.settle();
    const session = await Session.findOne({ lineUserId: c.userId }).lean();
    expect((session!.flow as any).data).toMatchObject({ who: 'self', name: 'ทดสอบ' }); // "ชื่อ" is a lead-in, not part of the name
  });
});

/** Answers the request flow with valid data up to `step`. */
async function walkTo(c: Citizen, step: 'village' | 'phone' | 'summary') {
  await c.say('ขอความช่วยเหลือ');
  await c.tap('ตัวเอง');
  await c.say('ทดสอบ ระบบ');
  await c.say('65');
  await c.tap('ผู้สูงอายุ');
  await c.tap('ไม่เร่งด่วน');
  await c.say('ต้องการสมัครเบี้ยยังชีพ');
  await c.tap('ข้าม');
  await c.tap('ข้าม');
  if (step === 'village') return;
  await c.tap('บ้านหลวง');
  if (step === 'phone') return;
  await c.say('0812345678');
  await c.tap('ข้าม');
  await c.tap('ยินยอม');
}
