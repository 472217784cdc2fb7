/**
 * Events the bot must not answer normally: `mode: "standby"` (another channel holds the chat: record, send
 * nothing at all) and events that lack what their type carries (answered once with an apology, or ignored,
 * without holding up the user's later events).
 */
import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { followEvent, messageEvent, postbackEvent, textEvent } from '../helpers/line';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { Citizen } from '../../src/db/models/citizen';
import { t } from '../../src/i18n';

let bot: TestBot | undefined;
let line: NockLine;

useTestDb();
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  line?.done();
});

describe('standby mode', () => {
  it('records standby message, image, postback and follow events and sends nothing to LINE', async () => {
    line = nockLine();
    // The real conversation, with the loading animation as early as possible: nothing may reach LINE anyway.
    bot = startTestBot({ LOADING_ANIMATION_AFTER_MS: '0' });
    const standby = { mode: 'standby' };
    const events = [
      { ...followEvent('U-standby'), ...standby },
      { ...textEvent('U-standby', 'สวัสดีค่ะ ขอความช่วยเหลือ'), ...standby },
      { ...messageEvent('U-standby', { type: 'image', contentProvider: { type: 'line' }, markAsReadToken: 'mark-1' }), ...standby },
      { ...postbackEvent('U-standby', 'g=menu'), ...standby },
    ];
    for (const e of events) expect((await bot.post(e)).status).toBe(200);
    await bot.settle();
    expect(line.calls).toEqual([]); // no reply, push, loading animation, profile, content or read mark
    expect(await InboxEvent.countDocuments({ lane: 'U-standby', status: 'done' })).toBe(4);
    const recorded = await ConversationMessage.find({ lineUserId: 'U-standby' }).sort({ at: 1 }).lean();
    expect(recorded.map((m) => [m.direction, m.type])).toEqual([
      ['in', 'text'],
      ['in', 'image'],
      ['in', 'postback'],
    ]);
    expect(recorded[1].markAsReadToken).toBeUndefined(); // staff opening the chat later will not mark it read
    expect(await OutgoingMessage.countDocuments({ to: 'U-standby' })).toBe(0);
    expect(await Citizen.findOne({ lineUserId: 'U-standby' }).lean()).toMatchObject({ following: true });
  });

  it('answers the same user again once the chat is active', async () => {
    line = nockLine();
    bot = startTestBot();
    await bot.post({ ...textEvent('U-standby-back', 'สวัสดี'), mode: 'standby' });
    await bot.settle();
    expect(line.calls).toEqual([]);
    await bot.post(textEvent('U-standby-back', 'สวัสดี'));
    await bot.settle();
    expect(line.replies()).toHaveLength(1);
  });
});

describe('events that cannot be read', () => {
  it('answers a message without `message` and a postback without data once, at once, and goes on with the next event', async () => {
    line = nockLine();
    bot = startTestBot({ INBOX_SWEEP_MS: '60000' });
    const t0 = Date.now();
    const noMessage = { ...textEvent('U-broken', 'x', { timestamp: t0 }), message: undefined };
    const noData = { ...postbackEvent('U-broken', 'x', undefined, { timestamp: t0 + 1 }), postback: {} };
    const after = textEvent('U-broken', 'สวัสดีค่ะ', { timestamp: t0 + 2 });
    const started = Date.now();
    expect((await bot.post(noMessage, noData, after)).status).toBe(200);
    await bot.settle();
    expect(Date.now() - started).toBeLessThan(3000); // not retried with pauses
    const texts = line.replies().map((r) => r.body.messages[0].text);
    expect(texts).toEqual([t('th', 'error.unreadableEvent'), t('th', 'error.unreadableEvent'), t('th', 'bot.menuPrompt')]);
    const inbox = await InboxEvent.find({ lane: 'U-broken' }).sort({ timestamp: 1 }).lean();
    expect(inbox.map((e) => [e.status, e.attempts])).toEqual([
      ['done', 1],
      ['done', 1],
      ['done', 1],
    ]);
  });

  it('ignores unreadable events that expect no answer and event types it does not know', async () => {
    line = nockLine();
    bot = startTestBot();
    const inGroup = { ...textEvent('U-x', 'x'), source: { type: 'group', groupId: 'C-broken', userId: 'U-x' }, message: null };
    const unknownType = {
      type: 'somethingNew',
      timestamp: Date.now(),
      webhookEventId: '01JUNKNOWNTYPE0000000001',
      mode: 'active',
      source: { type: 'user', userId: 'U-new-type' },
    };
    expect((await bot.post(inGroup, unknownType)).status).toBe(200);
    await bot.settle();
    expect([...line.replies(), ...line.pushes()]).toEqual([]);
    expect(await InboxEvent.countDocuments({ status: 'done', lane: { $in: ['C-broken', 'U-new-type'] } })).toBe(2);
  });
});
