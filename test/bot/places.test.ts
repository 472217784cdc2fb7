/**
 * Places as people say them, through the signed webhook: a village by its หมู่ number, in English, misspelled, a
 * map pin, a number and name that disagree (asked once), another subdistrict at the village step and in the
 * opening message. Each ends in a filed request or the outside-area answer, and no question is asked twice.
 */
import { useConversation } from '../helpers/conversation';
import { type Citizen, messageText } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';

const chat = useConversation('place');
const citizen = chat.citizen;

/** Up to the location step (the one before the village question). */
async function toLocation(c: Citizen) {
  await c.say('ขอความช่วยเหลือ');
  await c.tap('ตัวเอง');
  await c.say('บุญมี ทดสอบ');
  await c.say('70');
  await c.tap('ผู้สูงอายุ');
  await c.tap('ไม่เร่งด่วน');
  await c.say('อยู่คนเดียว ไม่มีคนดูแล');
  await c.tap('ข้าม');
}

/** From the phone question to the filed request. */
async function finish(c: Citizen) {
  expect(c.text()).toContain('ขอเบอร์โทร');
  await c.say('0812345678');
  await c.tap('ข้าม');
  await c.tap('ยินยอม');
  const summary = c.text();
  await c.tap('ยืนยัน');
  expect(c.text()).toMatch(/CS-\d{4}-\d{5}/);
  return { summary, saved: await HelpRequest.findOne({ lineUserId: c.userId }).lean() };
}

/** No message of the bot (a question, an apology) was sent twice in the whole conversation. */
function expectNoRepeat(c: Citizen) {
  const texts = c.received.map(messageText);
  const repeated = texts.filter((t, i) => texts.indexOf(t) !== i);
  expect(repeated).toEqual([]);
}

describe('the village, typed as people type it', () => {
  it.each([
    ['หมู่ 2', 'หมู่ 2'],
    ['Moo 2', 'หมู่ 2'],
    ['ม.4 ค่ะ', 'หมู่ 4'],
    ['หมู่ที่ ๕', 'หมู่ 5'],
  ])('"%s" is taken as %s, kept for staff to confirm, and not asked again', async (typed, stored) => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    expect(c.text()).toContain('อยู่หมู่บ้านไหน');
    await c.say(typed);
    const { summary, saved } = await finish(c);
    expect(summary).toContain(`${stored} (เจ้าหน้าที่จะตรวจสอบอีกครั้ง)`);
    expect(saved).toMatchObject({ village: stored, villageToConfirm: true, outsideArea: false });
    expectNoRepeat(c);
  });

  it.each(['ป่าเหมียง', 'ป่าเหมี้ยง', 'บ้านป่าเหมียงค่ะ', 'pa miang'])('"%s" is บ้านป่าเหมี้ยง (หมู่ 7 in the data)', async (typed) => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say(typed);
    const { summary, saved } = await finish(c);
    expect(summary).toContain('หมู่ 7 บ้านป่าเหมี้ยง');
    expect(saved).toMatchObject({ village: 'บ้านป่าเหมี้ยง', villageToConfirm: false });
    expectNoRepeat(c);
  });

  it('asks once when the number and the name disagree ("บ้านป่าเหมียง หมู่ 5 ค่ะ")', async () => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say('บ้านป่าเหมียง หมู่ 5 ค่ะ');
    expect(c.text()).toContain('ไม่ตรงกับข้อมูลของศูนย์ฯ');
    expect(c.chips()).toEqual(expect.arrayContaining(['หมู่ 7 บ้านป่าเหมี้ยง', 'หมู่ 5']));
    await c.tap('หมู่ 5');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'หมู่ 5', villageToConfirm: true });
    expectNoRepeat(c);
  });

  it('keeps words it cannot place, for staff, rather than asking the same question a third time', async () => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say('แถวโรงเรียน');
    expect(c.text()).toContain('ยังไม่ทราบว่าอยู่หมู่ไหน');
    await c.say('ไม่รู้จะบอกยังไง');
    // The engine's no-dead-end rule: numbered options, talk to staff, and their own words accepted.
    expect(c.text()).toContain('2. หมู่ 7 บ้านป่าเหมี้ยง');
    expect(c.text()).toContain('คำของคุณเอง');
    await c.say('ใกล้วัดพระธาตุ');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'ใกล้วัดพระธาตุ', villageToConfirm: true });
    expect(c.received.map(messageText).filter((t) => t.startsWith('อยู่หมู่บ้านไหน')).length).toBeLessThanOrEqual(2);
  });
});

describe('"บ้าน" as home is no village', () => {
  it('"นอนอยู่บ้านคนเดียว" in the opening message: the village is still asked, not filled with "บ้านคนเดียว"', async () => {
    const c = citizen();
    await c.say('ยายไม่สบาย นอนอยู่บ้านคนเดียว');
    await c.tap('ไม่ทราบชื่อ');
    await c.say('85');
    await c.tap('ติดต่อได้');
    await c.tap('ด่วนมาก');
    await c.say('ยายไม่สบาย กินข้าวไม่ได้');
    await c.tap('ข้าม');
    await c.tap('ข้าม');
    expect(c.text()).toContain('อยู่หมู่บ้านไหน');
    await c.say('หมู่ 2');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'หมู่ 2' });
  });
});

describe('the village from a place shared earlier', () => {
  it('a map pin titled บ้านป่าเหมี้ยง fills the village: the question is not asked', async () => {
    const c = citizen();
    await toLocation(c);
    await c.location('Pa Miang, Chae Son, Mueang Pan District, Lampang 52240, Thailand', 'บ้านป่าเหมี้ยง');
    expect(c.text()).not.toContain('อยู่หมู่บ้านไหน');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'บ้านป่าเหมี้ยง', location: { title: 'บ้านป่าเหมี้ยง' } });
    expectNoRepeat(c);
  });

  it('a typed address "หมู่ 1 บ้านหลวง" at the location step fills the village', async () => {
    const c = citizen();
    await toLocation(c);
    await c.say('หมู่ 1 บ้านหลวง');
    expect(c.text()).not.toContain('อยู่หมู่บ้านไหน');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'บ้านหลวง', location: { address: 'หมู่ 1 บ้านหลวง' } });
  });

  it('a pin in another subdistrict gives the outside-area answer at once', async () => {
    const c = citizen();
    await toLocation(c);
    await c.location('ต.แม่วะ อ.เถิน จ.ลำปาง 52230', 'บ้านแม่วะหลวง');
    expect(c.text()).toContain('อบต. หรือเทศบาลตำบลแม่วะ');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ outsideArea: true, outsidePlace: 'ต.แม่วะ อ.เถิน จ.ลำปาง' });
  });
});

describe('someone from another subdistrict', () => {
  it('at the village step: "ตำบลแม่วะ อำเภอเถิน" → their own อบต., พมจ.ลำปาง and 1300; the request is still filed', async () => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say('ตำบลแม่วะ อำเภอเถิน');
    const answer = c.text();
    expect(answer).toContain('ตำบลแม่วะ อำเภอเถิน จังหวัดลำปาง อยู่นอกพื้นที่');
    expect(answer).toContain('อบต. หรือเทศบาลตำบลแม่วะ');
    expect(answer).toContain('พมจ.ลำปาง');
    expect(answer).toContain('1300');
    const { summary, saved } = await finish(c);
    expect(summary).toContain('นอกพื้นที่: แม่วะ เถิน ลำปาง');
    expect(saved).toMatchObject({ outsideArea: true, outsidePlace: 'ต.แม่วะ อ.เถิน จ.ลำปาง' });
    expectNoRepeat(c);
  });

  it('in another province, the พมจ. of that province', async () => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say('อยู่เชียงใหม่ค่ะ');
    expect(c.text()).toContain('พมจ.เชียงใหม่');
  });

  it('in the opening message: the outside-area answer first, and the village is never asked', async () => {
    const c = citizen();
    await c.say('อยู่ตำบลแม่วะ อำเภอเถิน อยากขอความช่วยเหลือ');
    expect(c.text()).toContain('อบต. หรือเทศบาลตำบลแม่วะ');
    expect(c.text()).toContain('1300');
    await c.tap('ตัวเอง');
    await c.say('บุญมี ทดสอบ');
    await c.say('70');
    await c.tap('ผู้สูงอายุ');
    await c.tap('ไม่เร่งด่วน');
    await c.say('อยู่คนเดียว ไม่มีคนดูแล');
    await c.tap('ข้าม');
    expect(c.text()).not.toContain('อยู่หมู่บ้านไหน');
    expect(c.text()).not.toContain('ส่งตำแหน่งบ้าน');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ outsideArea: true, outsidePlace: 'ต.แม่วะ อ.เถิน จ.ลำปาง' });
    expect(c.received.map(messageText).filter((t) => t.includes('อยู่หมู่บ้านไหน'))).toEqual([]);
  });

  it('ตำบลแจ้ซ้อน itself (อ.เมืองปาน จ.ลำปาง) is never sent outside', async () => {
    const c = citizen();
    await toLocation(c);
    await c.tap('ข้าม');
    await c.say('บ้านหลวง ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง');
    expect(c.text()).not.toContain('นอกพื้นที่');
    const { saved } = await finish(c);
    expect(saved).toMatchObject({ village: 'บ้านหลวง', outsideArea: false });
  });
});
