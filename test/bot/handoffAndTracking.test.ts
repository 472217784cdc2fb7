/**
 * Promises the bot's words make, kept, through the signed webhook (LINE mocked at HTTP level): the handoff notice
 * says to type "กลับสู่บอท" and offers it as a chip (also when a staff reply opens the chat); the tracking card's
 * "ดูรายละเอียด" shows the request's details in the chat; the choice "ติดต่อผ่านฉัน" is kept on the request and
 * shown to staff (request page data and CSV).
 */
import { useConversation } from '../helpers/conversation';
import type { Citizen } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Handoff } from '../../src/db/models/handoff';
import { buddhistYearOf } from '../../src/domain/bangkokTime';
import { login, makeStaff } from '../admin/helpers';

const chat = useConversation('ux');
const citizen = chat.citizen;
const REF = new RegExp(`CS-${buddhistYearOf(new Date())}-\\d{5}`);

/** A daughter files for her mother, who should be contacted only through her. */
async function fileForMother(c: Citizen): Promise<string> {
  await c.tap('ขอความช่วยเหลือ');
  await c.tap('ญาติ/คนในครอบครัว');
  await c.tap('แม่');
  await c.say('บุญมา ใจดี');
  await c.say('๘๒');
  expect(c.text()).toContain('เจ้าหน้าที่ติดต่อคุณแม่โดยตรงได้ไหมคะ');
  await c.tap('ติดต่อผ่านฉัน');
  await c.tap('ผู้สูงอายุ');
  await c.tap('ไม่เร่งด่วน');
  await c.say('แม่หูไม่ค่อยได้ยิน โทรไปแม่จะไม่รับ ให้โทรหาหนูแทนนะคะ');
  await c.tap('ข้าม');
  await c.tap('ข้าม');
  await c.tap('บ้านหลวง');
  await c.say('0812345678');
  await c.tap('ข้าม');
  await c.tap('ยินยอม');
  await c.tap('ยืนยัน');
  return c.text().match(REF)![0];
}

describe('talking to staff', () => {
  it('offers the "กลับสู่บอท" chip the notice speaks of; tapping it brings the bot back', async () => {
    const c = citizen();
    await c.follow();
    await c.tap('ติดต่อเจ้าหน้าที่');
    expect(c.text()).toContain('พิมพ์ "กลับสู่บอท"');
    const chip = c.last.at(-1)!.quickReply!.items.map((i) => i.action);
    expect(chip).toEqual([{ type: 'message', label: 'กลับสู่บอท', text: 'กลับสู่บอท' }]);
    expect(await Handoff.countDocuments({ lineUserId: c.userId, status: 'open' })).toBe(1);
    expect(await c.say('รอเจ้าหน้าที่อยู่นะคะ')).toEqual([]);

    await c.say(chip[0].text); // a tap on the chip, later in the chat
    expect(c.text()).toContain('กลับมาที่ระบบอัตโนมัติแล้ว');
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
    expect(await Handoff.countDocuments({ lineUserId: c.userId, status: 'open' })).toBe(0);
  });

  it('offers the same chip when a staff reply opens the chat', async () => {
    const c = citizen();
    await c.follow();
    const staff = await makeStaff('staff', { displayName: 'สมศรี' });
    const s = await login(chat.bot.app, staff.username);
    const res = await s.post(`/admin/api/chats/${c.userId}/reply`, { text: 'สวัสดีค่ะ มีอะไรให้ช่วยไหมคะ' });
    expect(res.body).toMatchObject({ delivery: 'sent', handoffOpened: true });
    const pushed = chat.line
      .pushes()
      .filter((p) => p.body.to === c.userId && p.status === 200)
      .flatMap((p) => p.body.messages);
    expect(pushed.at(-1).text).toContain('พิมพ์ "กลับสู่บอท"');
    expect(pushed.at(-1).quickReply.items.map((i: any) => i.action)).toEqual([{ type: 'message', label: 'กลับสู่บอท', text: 'กลับสู่บอท' }]);
  });
});

describe('tracking a request', () => {
  it('"ดูรายละเอียด" on the tracking card shows what was filed, the progress with staff notes, and how to contact', async () => {
    const c = citizen();
    await c.follow();
    const reference = await fileForMother(c);
    const staff = await makeStaff('staff');
    const s = await login(chat.bot.app, staff.username);
    expect((await s.post(`/admin/api/requests/${reference}/status`, { status: 'in_progress', note: 'จะโทรหาคุณพรุ่งนี้ช่วงเช้า' })).status).toBe(200);

    await c.tap('ติดตามคำร้อง');
    expect(c.text()).toContain('แตะเพื่อดูรายละเอียด');
    const card = c.last.find((m) => m.type === 'flex' && JSON.stringify(m.contents).includes(reference))!;
    expect(card.contents.footer.contents[0].action).toEqual({ type: 'message', label: 'ดูรายละเอียด', text: reference });

    await c.tap('ดูรายละเอียด');
    const detail = c.text();
    expect(detail).toContain(`คำร้อง ${reference}`);
    expect(detail).toContain('กำลังดำเนินการ');
    expect(detail).toContain('ความคืบหน้า');
    expect(detail).toMatch(/ได้รับเรื่องแล้ว[\s\S]*กำลังดำเนินการ\n“จะโทรหาคุณพรุ่งนี้ช่วงเช้า”/);
    expect(detail).toContain('แม่ (บุญมา ใจดี)');
    expect(detail).toContain('แม่หูไม่ค่อยได้ยิน');
    expect(detail).toContain('บ้านหลวง');
    expect(detail).toContain('ติดต่อผ่านฉัน (ผู้แจ้ง)');
    expect(c.chips()).toContain('ติดตามคำร้อง');
  });
});

describe('"ติดต่อผ่านฉัน"', () => {
  it('is kept on the request and shown to staff on the request page and in the CSV', async () => {
    const c = citizen();
    await c.follow();
    const reference = await fileForMother(c);
    expect((await HelpRequest.findOne({ reference }).lean())!.beneficiary).toMatchObject({ who: 'relative', relation: 'mother', contactable: false });

    const staff = await makeStaff('staff');
    const s = await login(chat.bot.app, staff.username);
    const page = await s.get(`/admin/api/requests/${reference}`);
    expect(page.body.request.beneficiary).toMatchObject({ name: 'บุญมา ใจดี', contactable: false });
    const csv = await s.get(`/admin/api/requests.csv?q=${reference}`);
    const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    const cols = header!.split(',');
    expect(row!.split(',')[cols.indexOf('การติดต่อ')]).toBe('ผ่านผู้แจ้ง');
  });
});
