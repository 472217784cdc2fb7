import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { backoff } from '../../src/outbox/outbox';
import { InboxEvent } from '../../src/db/models/inboxEvent';

let bot: TestBot | undefined;
let line: NockLine;

useTestDb();
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  line?.done();
});

/** The stored delivery to `to` (read once the bot has settled: LINE's answer is recorded by then). */
async function storedDelivery(to: string) {
  return OutgoingMessage.findOne({ to }).lean();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('delivering answers', () => {
  it('pushes with a retry key when the reply token is stale', async () => {
    line = nockLine();
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-stale', 'สวัสดี'));
    await bot.settle();
    expect(line.replies()).toHaveLength(0);
    const [push] = line.pushes();
    expect(push.body.to).toBe('U-stale');
    expect(push.headers['x-line-retry-key']).toMatch(UUID);
    expect(push.body.messages[0].text).toContain('ต้องการให้ช่วยเรื่องอะไรคะ');
  });

  it("counts the token's age from the event's time: an event that reached us late is pushed without a doomed reply", async () => {
    line = nockLine();
    bot = startTestBot(); // tokens used for 50 s
    // Held up 55 s before it reached us (a redelivery, a slow acknowledgement): LINE's token has less than its minute left.
    await bot.post(textEvent('U-late', 'สวัสดี', { timestamp: Date.now() - 55_000 }));
    // Held up 10 s: its token is still good for 40.
    await bot.post(textEvent('U-prompt', 'สวัสดี', { timestamp: Date.now() - 10_000 }));
    await bot.settle();
    expect(line.replies().map((r) => r.status)).toEqual([200]);
    expect(line.pushes().map((p) => [p.body.to, p.status])).toEqual([['U-late', 200]]);
    expect(await storedDelivery('U-prompt')).toMatchObject({ status: 'sent', via: 'reply' });
    expect(await storedDelivery('U-late')).toMatchObject({ status: 'sent', via: 'push' });
  });

  it('falls back to push when LINE rejects the reply token', async () => {
    line = nockLine();
    line.script('reply', [400]);
    bot = startTestBot();
    await bot.post(textEvent('U-used-token', 'สวัสดี'));
    await bot.settle();
    expect(line.replies()).toHaveLength(1);
    expect(line.pushes().map((p) => p.status)).toEqual([200]);
    expect(line.delivered()).toHaveLength(1);
  });

  it('LINE refusing the messages themselves (400 to the reply and the push): their words are pushed once as plain text', async () => {
    line = nockLine();
    line.script('reply', [400]);
    line.script('push', [400]);
    bot = startTestBot();
    await bot.post(textEvent('U-refused', 'สวัสดี'));
    await bot.settle();
    const pushes = line.pushes();
    expect(pushes.map((p) => p.status)).toEqual([400, 200]);
    expect(pushes[0].body.messages[0].quickReply).toBeDefined();
    // The words of the refused answer, without its chips, under a retry key of their own.
    const plain = pushes[1].body.messages;
    expect(plain.map((m: { type: string }) => m.type)).toEqual(plain.map(() => 'text'));
    expect(plain.some((m: { quickReply?: unknown }) => m.quickReply)).toBe(false);
    expect(plain.map((m: { text: string }) => m.text).join('\n')).toContain('ต้องการให้ช่วยเรื่องอะไรคะ');
    expect(pushes[1].headers['x-line-retry-key']).not.toBe(pushes[0].headers['x-line-retry-key']);
    expect(await storedDelivery('U-refused')).toMatchObject({ status: 'sent', via: 'push', plainText: true });
    const out = await ConversationMessage.find({ lineUserId: 'U-refused', direction: 'out' }).lean();
    expect(out.map((m) => [m.type, m.deliveryStatus])).toEqual(plain.map(() => ['text', 'sent']));
    expect(line.delivered()).toHaveLength(1);
  });

  it('a plain text LINE refuses too is given up, not sent again and again', async () => {
    line = nockLine();
    line.script('push', [400, 400]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-refused-twice', 'สวัสดี'));
    await bot.settle();
    expect(line.pushes().map((p) => p.status)).toEqual([400, 400]);
    expect(await storedDelivery('U-refused-twice')).toMatchObject({ status: 'failed', plainText: true });
  });

  it('retries a push through 500 and 429 with one retry key, then delivers it once', async () => {
    line = nockLine();
    line.script('push', [500, 429]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-retry', 'ลองใหม่'));
    await bot.settle();
    const pushes = line.pushes();
    expect(pushes.map((p) => p.status)).toEqual([500, 429, 200]);
    expect(new Set(pushes.map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    expect(await storedDelivery('U-retry')).toMatchObject({ status: 'sent', via: 'push', attempts: 3, lineRequestId: pushes[2].requestId });
  });

  it("gives up cleanly after the attempt limit and records the failure with LINE's request id", async () => {
    line = nockLine();
    line.script('push', [500, 500, 500, 500, 500, 500]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0', OUTBOX_MAX_ATTEMPTS: '3' });
    await bot.post(textEvent('U-giveup', 'ไม่ได้'));
    await bot.settle(); // every scheduled retry included: a fourth attempt would be waited for, and seen
    expect(line.pushes()).toHaveLength(3);
    expect(await storedDelivery('U-giveup')).toMatchObject({ status: 'failed', attempts: 3, lineRequestId: line.pushes()[2].requestId });
    const recorded = await ConversationMessage.find({ lineUserId: 'U-giveup', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['failed']);
  });

  it('does not retry a 4xx other than 429', async () => {
    line = nockLine();
    line.script('push', [403]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-forbidden', 'x'));
    await bot.settle();
    expect(line.pushes()).toHaveLength(1);
    expect(await storedDelivery('U-forbidden')).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('treats 409 (already accepted with this retry key) as delivered', async () => {
    line = nockLine();
    line.script('push', [409]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-409', 'x'));
    await bot.settle();
    expect(line.pushes()).toHaveLength(1);
    expect(await storedDelivery('U-409')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('delivers once LINE is reachable again after an outage', async () => {
    line = nockLine();
    line.script('reply', ['network']);
    line.script('push', ['network', 'network', 'network']);
    bot = startTestBot();
    await bot.post(textEvent('U-outage', 'ฮัลโหล'));
    await bot.settle();
    expect(line.pushes().map((p) => p.status)).toEqual([0, 0, 0, 200]);
    expect(new Set(line.pushes().map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    expect(line.delivered()[0]).toContain('ต้องการให้ช่วยเรื่องอะไรคะ');
  });

  it('resumes an undelivered answer after a restart, sending it once', async () => {
    line = nockLine();
    line.script('reply', ['network']);
    line.script('push', ['network']);
    const first = startTestBot({ OUTBOX_BACKOFF_BASE_MS: '60000', OUTBOX_BACKOFF_MAX_MS: '60000' });
    await first.post(textEvent('U-restart-out', 'x'));
    await first.settle({ retriesWithinMs: 30_000 }); // the retry, a minute away, is not waited for
    expect(line.pushes()).toHaveLength(1);
    await first.stop();
    await OutgoingMessage.updateOne({ to: 'U-restart-out' }, { $set: { nextAttemptAt: new Date() } }); // the backoff has passed
    bot = startTestBot();
    await bot.settle(); // the first sweep, at start, resumes it
    expect(line.delivered()).toHaveLength(1);
    expect(await storedDelivery('U-restart-out')).toMatchObject({ status: 'sent', via: 'push' });
  });
});

describe('answers whose outcome is unknown are never sent twice', () => {
  it('a reply whose connection broke after LINE took it is tried once more with its own token, refused, recorded unknown and never pushed', async () => {
    line = nockLine();
    line.script('reply', ['lost']);
    bot = startTestBot();
    await bot.post(textEvent('U-lost', 'สวัสดี'));
    await bot.settle();
    expect(await storedDelivery('U-lost')).toMatchObject({ status: 'unknown' });
    expect(line.replies().map((r) => r.status)).toEqual([0, 400]); // the same token again: LINE says it was used
    expect(new Set(line.replies().map((r) => r.body.replyToken)).size).toBe(1);
    expect(line.pushes()).toHaveLength(0);
    expect(line.delivered()).toHaveLength(1); // LINE did show it, once
    const recorded = await ConversationMessage.find({ lineUserId: 'U-lost', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['unknown']);
  });

  it('a reply whose connection broke before LINE took it is delivered by the retry with its own token, once', async () => {
    line = nockLine();
    line.script('reply', ['dropped']);
    bot = startTestBot();
    await bot.post(textEvent('U-notlost', 'สวัสดี'));
    await bot.settle();
    expect(await storedDelivery('U-notlost')).toMatchObject({ status: 'sent', via: 'reply' });
    expect(line.pushes()).toHaveLength(0);
    expect(line.delivered()).toHaveLength(1);
    const recorded = await ConversationMessage.find({ lineUserId: 'U-notlost', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['sent']);
  });

  it('a reply in flight when its process died is tried once more with its token while fresh; LINE refusing it (used) means unknown, never a push', async () => {
    line = nockLine();
    const token = 'f'.repeat(31) + '1';
    await OutgoingMessage.create({
      to: 'U-died-fresh',
      source: 'event:died-fresh',
      messages: [{ type: 'text', text: 'คำตอบ' }],
      retryKey: '5f9619ff-8b86-d011-b42d-00cf4fc964ff',
      replyToken: token,
      replyTokenExpiresAt: new Date(Date.now() + 40_000),
      attempts: 1,
      attempting: 'reply',
      leaseUntil: new Date(Date.now() - 1),
      sender: 'bot',
    });
    line.script('reply', [400]); // as LINE answers a token the dead process had already used
    bot = startTestBot();
    await bot.settle(); // the first sweep, at start, takes it up
    expect(await storedDelivery('U-died-fresh')).toMatchObject({ status: 'unknown' });
    expect(line.replies().map((r) => [r.body.replyToken, r.status])).toEqual([[token, 400]]);
    expect(line.pushes()).toHaveLength(0);
  });

  it('a reply whose connection broke before LINE took it, and whose retry LINE answered with 500 and 429, is delivered with its own token, once', async () => {
    line = nockLine();
    line.script('reply', ['dropped', 500, 429]);
    bot = startTestBot();
    await bot.post(textEvent('U-indoubt-5xx', 'สวัสดี'));
    await bot.settle();
    expect(await storedDelivery('U-indoubt-5xx')).toMatchObject({ status: 'sent', via: 'reply' });
    expect(line.replies().map((r) => r.status)).toEqual([0, 500, 429, 200]);
    expect(new Set(line.replies().map((r) => r.body.replyToken)).size).toBe(1);
    expect(line.pushes()).toHaveLength(0);
    expect(line.delivered()).toHaveLength(1);
  });

  it('a reply in flight when its process died is resolved as unknown after the lease, without calling LINE', async () => {
    line = nockLine();
    const doc = await OutgoingMessage.create({
      to: 'U-died-replying',
      source: 'event:died-replying',
      messages: [{ type: 'text', text: 'คำตอบ' }],
      retryKey: '6f9619ff-8b86-d011-b42d-00cf4fc964ff',
      attempts: 1,
      attempting: 'reply',
      leaseUntil: new Date(Date.now() - 1),
      sender: 'bot',
    });
    bot = startTestBot();
    await bot.settle(); // the first sweep, at start, resolves it
    expect(await storedDelivery('U-died-replying')).toMatchObject({ status: 'unknown' });
    expect(line.calls).toHaveLength(0);
    const recorded = await ConversationMessage.find({ outgoingId: doc._id }).lean();
    expect(recorded.map((m) => [m.text, m.deliveryStatus])).toEqual([['คำตอบ', 'unknown']]); // in the transcript, once
  });

  it('a push in flight when its process died is pushed again with the same retry key; 409 counts as delivered', async () => {
    line = nockLine();
    line.script('push', [409]);
    const retryKey = '7f9619ff-8b86-d011-b42d-00cf4fc964ff';
    await OutgoingMessage.create({
      to: 'U-died-pushing',
      source: 'event:died-pushing',
      messages: [{ type: 'text', text: 'คำตอบ' }],
      retryKey,
      attempts: 1,
      attempting: 'push',
      leaseUntil: new Date(Date.now() - 1),
    });
    bot = startTestBot();
    await bot.settle();
    expect(await storedDelivery('U-died-pushing')).toMatchObject({ status: 'sent' });
    expect(line.pushes().map((p) => [p.headers['x-line-retry-key'], p.status])).toEqual([[retryKey, 409]]);
    const recorded = await ConversationMessage.find({ lineUserId: 'U-died-pushing', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['sent']);
  });

  it('an event processed again after its answer was stored resumes that answer instead of deciding a new one', async () => {
    line = nockLine();
    let decided = 0;
    const first = startTestBot({ INBOX_SETTLE_MS: '0' }, async () => {
      decided++;
      return [{ type: 'text', text: `คำตอบที่ ${decided}` }];
    });
    const e = textEvent('U-again', 'x');
    await first.post(e);
    await first.settle();
    await first.stop();
    // As if the process died after the answer was sent, before the event was marked done.
    await InboxEvent.updateOne({ webhookEventId: e.webhookEventId }, { $set: { status: 'pending' } });
    bot = startTestBot({}, async () => {
      decided++;
      return [{ type: 'text', text: 'ไม่ควรเห็น' }];
    });
    await bot.settle();
    expect(await InboxEvent.findOne({ webhookEventId: e.webhookEventId }).lean()).toMatchObject({ status: 'done' });
    expect(decided).toBe(1);
    expect(line.delivered()).toEqual(['คำตอบที่ 1']);
    expect(await ConversationMessage.countDocuments({ lineUserId: 'U-again', direction: 'out' })).toBe(1);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(10_000, 100 * 2 ** (attempt - 1));
      for (let i = 0; i < 20; i++) {
        const d = backoff(attempt, 100, 10_000);
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
