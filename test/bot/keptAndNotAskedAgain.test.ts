/**
 * What a citizen said is kept and used, through the signed webhook: a long message is stored whole and never
 * refused; staff read the label a citizen tapped, not a postback code; an age, a phone or a village in the
 * first message is not asked again, and the summary shows it for correction.
 */
import { useConversation } from '../helpers/conversation';
import { messageText } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { transcriptOf } from '../../src/admin/chats';

const chat = useConversation('kept');
const citizen = chat.citizen;

describe('a long message', () => {
  it('4,571 characters at the details step: kept whole for staff, the citizen never told to shorten it', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ตัวเอง');
    await c.say('บุญมี ทดสอบ');
    await c.say('70');
    await c.tap('ผู้สูงอายุ');
    await c.tap('ไม่เร่งด่วน');
    const long = `เรื่องมีอยู่ว่า ${'บ้านหลังคารั่วและน้ำท่วมขังทุกครั้งที่ฝนตก '.repeat(110)}`.slice(0, 4571);
    expect(long).toHaveLength(4571);
    await c.say(long);
    expect(c.text()).not.toContain('ยาวเกิน');
    expect(c.text()).toContain('รูปถ่าย');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    await c.tap('บ้านหลวง');
    await c.say('0812345678');
    await c.tap('ข้าม');
    await c.tap('ยินยอม');
    await c.tap('ยืนยัน');
    const saved = await HelpRequest.findOne({ lineUserId: c.userId }).lean();
    expect(saved!.details).toBe(long);
    const stored = await ConversationMessage.findOne({ lineUserId: c.userId, direction: 'in', text: long }).lean();
    expect(stored).not.toBeNull();
    expect(c.received.map(messageText).join('\n')).not.toContain('ยาวเกิน');
  });
});

describe('the staff transcript', () => {
  it('shows the label a citizen tapped, never the postback code', async () => {
    const c = citizen();
    await c.say('ขอความช่วยเหลือ');
    await c.tap('ญาติ/คนในครอบครัว');
    await c.tap('พ่อ');
    const taps = await ConversationMessage.find({ lineUserId: c.userId, direction: 'in', type: 'postback' }).sort({ at: 1 }).lean();
    expect(taps.map((t) => t.text)).toEqual(['ญาติ/คนในครอบครัว', 'พ่อ']);
    const transcript = await transcriptOf(c.userId);
    const shown = transcript.filter((e) => e.type === 'postback').map((e) => e.text);
    expect(shown).toEqual(['[กดปุ่ม] ญาติ/คนในครอบครัว', '[กดปุ่ม] พ่อ']);
    expect(shown.join(' ')).not.toMatch(/[fsv]=/);
  });
});

describe('what was said first is not asked again', () => {
  it('"อายุ 72" and a phone in the opening message fill their steps; the summary shows them', async () => {
    const c = citizen();
    await c.say('แม่อายุ 72 ติดเตียง ไม่มีคนดูแล เบอร์ลูกสาวนะคะ 089 765 4321 อยู่บ้านป่าเหมี้ยง');
    await c.say('สมศรี ใจดี');
    const asked = () => c.received.map(messageText).join('\n');
    expect(asked()).not.toContain('อายุเท่าไร');
    await c.tap('ติดต่อได้');
    await c.tap('ไม่เร่งด่วน');
    await c.say('นอนติดเตียงมาสองปี ลูกต้องไปทำงาน');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    await c.tap('ยินยอม');
    const summary = c.text();
    expect(summary).toContain('72 ปี');
    expect(summary).toContain('089-765-4321');
    expect(summary).toContain('หมู่ 7 บ้านป่าเหมี้ยง');
    const all = asked();
    expect(all).not.toContain('อายุเท่าไร');
    expect(all).not.toContain('ขอเบอร์โทร');
    expect(all).not.toContain('อยู่หมู่บ้านไหน');
    await c.tap('ยืนยัน');
    expect(await HelpRequest.findOne({ lineUserId: c.userId }).lean()).toMatchObject({
      beneficiary: { age: 72, relation: 'mother' },
      phone: '0897654321',
      village: 'บ้านป่าเหมี้ยง',
    });
  });

  it('facts from one flow fill the next: an age given while asking for help is not asked by the eligibility check', async () => {
    const c = citizen();
    await c.say('แม่อายุ 80 ติดเตียง ไม่มีคนดูแล');
    await c.say('สมศรี ใจดี');
    await c.say('เมนู');
    await c.tap('ตรวจสอบสิทธิ์');
    await c.tap('เบี้ยยังชีพผู้สูงอายุ');
    for (let i = 0; i < 6 && !c.text().includes('สัญชาติ'); i++) {
      if (c.chips().includes('แม่')) await c.tap('แม่');
      else if (c.chips().includes('ญาติ/คนในครอบครัว')) await c.tap('ญาติ/คนในครอบครัว');
      else break;
    }
    expect(c.text()).toContain('สัญชาติไทย');
    expect(c.received.map(messageText).filter((t) => t.includes('อายุเท่าไร'))).toEqual([]);
  });
});
