import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { followEvent, messageEvent, postbackEvent, textEvent, unfollowEvent } from '../helpers/line';
import { Citizen } from '../../src/db/models/citizen';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { MessageContent } from '../../src/db/models/messageContent';

let bot: TestBot;
let line: NockLine;

useTestDb();
afterEach(async () => {
  await bot?.stop();
  line?.done();
});

describe('conversation record', () => {
  it('keeps the citizen with their LINE profile and follow state', async () => {
    line = nockLine({ profile: { displayName: 'ป้าศรี', language: 'th' } });
    bot = startTestBot();
    await bot.post(followEvent('U-profile'));
    await bot.settle();
    expect(await Citizen.findOne({ lineUserId: 'U-profile' }).lean()).toMatchObject({ displayName: 'ป้าศรี', language: 'th', following: true });
    // Greeted on follow: who we are, the PDPA notice, the menu.
    const greeting = line.delivered();
    expect(greeting).toHaveLength(3);
    expect(greeting[0]).toContain('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน');
    expect(greeting[1]).toMatch(/ข้อมูลส่วนบุคคล[\s\S]*5 ปี/);

    await bot.post(unfollowEvent('U-profile'));
    await bot.settle();
    const c = await Citizen.findOne({ lineUserId: 'U-profile' }).lean();
    expect(c?.following).toBe(false);
    expect(c?.unfollowedAt).toBeInstanceOf(Date);
    expect(line.delivered()).toHaveLength(3); // nothing is sent to someone who blocked the account
  });

  it('answers an English-speaking visitor in English', async () => {
    line = nockLine({ profile: { displayName: 'Visitor', language: 'en' } });
    bot = startTestBot();
    await bot.post(textEvent('U-english', 'hello'));
    await bot.settle();
    expect(line.delivered()[0]).toBe('How can we help? Choose below, or just tell us in your own words.');
  });

  it('records every message received and sent, in order, with delivery status', async () => {
    line = nockLine();
    bot = startTestBot();
    const t = Date.now();
    await bot.post(
      textEvent('U-record', 'สวัสดี', { timestamp: t }),
      messageEvent('U-record', { type: 'sticker', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' }, { timestamp: t + 1 }),
      messageEvent(
        'U-record',
        { type: 'location', title: 'บ้าน', address: 'แจ้ซ้อน เมืองปาน ลำปาง', latitude: 18.79, longitude: 99.5 },
        { timestamp: t + 2 },
      ),
      messageEvent('U-record', { type: 'file', fileName: 'ใบรับรองแพทย์.pdf', fileSize: 1234 }, { timestamp: t + 3 }),
      postbackEvent('U-record', 'action=menu', undefined, { timestamp: t + 4 }),
    );
    await bot.settle();
    const msgs = await ConversationMessage.find({ lineUserId: 'U-record' }).sort({ at: 1, _id: 1 }).lean();
    const incoming = msgs.filter((m) => m.direction === 'in');
    expect(incoming.map((m) => m.type)).toEqual(['text', 'sticker', 'location', 'file', 'postback']);
    expect(incoming[0].text).toBe('สวัสดี');
    expect(incoming[1].payload).toMatchObject({ packageId: '446', stickerId: '1988' });
    expect(incoming[2].payload).toMatchObject({ address: 'แจ้ซ้อน เมืองปาน ลำปาง', latitude: 18.79 });
    expect(incoming[3].payload).toMatchObject({ fileName: 'ใบรับรองแพทย์.pdf' });
    expect(incoming[4].postbackData).toBe('action=menu');
    const outgoing = msgs.filter((m) => m.direction === 'out');
    expect(outgoing.length).toBe(6); // one answer per message; the unknown postback gets two (stale button, menu)
    expect(outgoing.every((m) => m.deliveryStatus === 'sent' && m.sender === 'bot')).toBe(true);
  });

  it('fetches an image from the data API and keeps it', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
    line = nockLine({ content: jpeg });
    bot = startTestBot();
    const e = messageEvent('U-photo', { type: 'image', contentProvider: { type: 'line' } });
    await bot.post(e);
    await bot.settle();
    const m = await ConversationMessage.findOne({ webhookEventId: e.webhookEventId }).lean();
    expect(m?.contentId).toBeDefined();
    const content = await MessageContent.findById(m!.contentId);
    expect(Buffer.from(content!.data).equals(jpeg)).toBe(true);
    expect(content!.contentType).toBe('image/jpeg');
    expect(line.calls.some((c) => c.path === `/v2/bot/message/${e.message.id}/content`)).toBe(true);
  });
});
