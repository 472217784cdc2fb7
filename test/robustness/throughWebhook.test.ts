/**
 * The no-dead-end rule through the signed webhook: a citizen stuck at a step is shown numbered options, a
 * number picks one, and "คุยกับเจ้าหน้าที่" hands the chat to staff with the flow kept for later; natural
 * answers from the issue (a misspelt request for help, "ป้อ", a name with its title) are taken.
 */
import { useConversation } from '../helpers/conversation';
import type { Citizen } from '../helpers/chat';
import { Handoff } from '../../src/db/models/handoff';
import { Session } from '../../src/db/models/session';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { login, makeStaff } from '../admin/helpers';

const chat = useConversation('stuck');
const citizen = chat.citizen;
const session = async (c: Citizen) => (await Session.findOne({ lineUserId: c.userId }).lean())!;

it('a stuck citizen sees the options numbered, picks one by a Thai digit, and never the same question three times', async () => {
  const c = citizen();
  await c.say('ขอความชวยเหลอหน่อยคับ'); // typos: understood as asking for help
  expect(c.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใคร');
  await c.tap('ญาติ/คนในครอบครัว');
  const question = c.text();
  await c.sticker();
  await c.say('ไม่รู้จะตอบยังไง');
  expect(c.text()).not.toContain(question);
  expect(c.text()).toContain('1. แม่');
  expect(c.chips()).toContain('1. แม่');
  expect(c.text()).not.toBe(question);
  await c.say('๒');
  expect((await session(c)).flow).toMatchObject({ step: 'name', data: { who: 'relative', relation: 'father' } });
});

it('"คุยกับเจ้าหน้าที่" from a stuck step opens a handoff and keeps the request to resume', async () => {
  const c = citizen();
  await c.say('ขอความช่วยเหลือ');
  await c.tap('ตัวเอง');
  await c.say('นางสมศรี ใจดี');
  await c.sticker();
  await c.say('🙏');
  expect(c.chips()).toContain('2. คุยกับเจ้าหน้าที่');
  await c.tap('2. คุยกับเจ้าหน้าที่');
  expect(await Handoff.countDocuments({ lineUserId: c.userId, status: 'open' })).toBe(1);
  const s = await session(c);
  expect(s.flow).toBeNull();
  expect(s.paused).toMatchObject({ flow: 'requestHelp', step: 'age', data: { who: 'self', name: 'นางสมศรี ใจดี' } });
});

it('takes the everyday answers of the issue: Northern ป้อ, a name with its title; markup is no name', async () => {
  const c = citizen();
  await c.say('ขอความช่วยเหลือ');
  await c.say('ให้ป้อค่ะ');
  expect((await session(c)).flow).toMatchObject({ data: { who: 'relative' } });
  if ((await session(c)).flow?.step === 'relation') await c.say('ป้อ');
  expect((await session(c)).flow).toMatchObject({ step: 'name', data: { relation: 'father' } });
  await c.say('<b>ป้อคำ</b>');
  expect(c.text()).toContain('เช่น นางสมศรี ใจดี');
  await c.say('ลุงคำ ใจดี');
  expect((await session(c)).flow).toMatchObject({ data: { name: 'ลุงคำ ใจดี' } });
});

it('own words at a stuck step are kept on the request for staff to confirm, and shown on its page', async () => {
  const c = citizen();
  await c.say('ขอความช่วยเหลือ');
  await c.tap('ญาติ/คนในครอบครัว');
  await c.sticker();
  await c.say('ไม่รู้จะตอบยังไง');
  const own = 'คนที่เลี้ยงดูผมตั้งแต่เด็ก';
  await c.say(own);
  expect(c.text()).toContain(`บันทึกคำตอบ "${own}" ไว้แล้วค่ะ`);
  await c.say('สมบูรณ์ ใจดี');
  for (const tap of [undefined, 'ติดต่อได้', 'ผู้สูงอายุ', 'ไม่เร่งด่วน']) {
    if (tap === undefined) await c.say('78');
    else await c.tap(tap);
  }
  await c.say('อยู่บ้านคนเดียว');
  for (const tap of ['ข้าม', 'ข้าม', 'บ้านหลวง']) await c.tap(tap);
  await c.say('0812345678');
  for (const tap of ['ข้าม', 'ยินยอม', 'ยืนยัน']) await c.tap(tap);
  const reference = c.text().match(/CS-\d{4}-\d{5}/)?.[0];
  expect(reference).toBeDefined();
  const r = await HelpRequest.findOne({ reference }).lean();
  expect(r).toMatchObject({ beneficiary: { who: 'relative', relation: 'relative' }, ownWords: [{ step: 'relation', words: own }] });
  const staff = await makeStaff('staff');
  const s = await login(chat.bot.app, staff.username);
  const page = await s.get(`/admin/api/requests/${reference}`).expect(200);
  expect(page.body.request.ownWords).toEqual([{ step: 'relation', stepLabel: 'ความเกี่ยวข้องกับผู้แจ้ง', words: own }]);
});
