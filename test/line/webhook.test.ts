import request from 'supertest';
import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { callback, sign, textEvent, TEST_SECRET } from '../helpers/line';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { echo } from '../helpers/greeter';
import { t } from '../../src/i18n';

let bot: TestBot;
let line: NockLine;

useTestDb();
afterEach(async () => {
  await bot?.stop();
  line?.done();
});

describe('POST /webhook', () => {
  it('accepts a correctly signed text event and answers in Thai with the menu', async () => {
    line = nockLine();
    bot = startTestBot();
    const res = await bot.post(textEvent('U-sig-ok', 'สวัสดีค่ะ'));
    expect(res.status).toBe(200);
    await bot.settle();
    const [reply] = line.replies();
    expect(reply.headers.authorization).toBe('Bearer test-access-token');
    expect(reply.body.messages[0].text).toBe(t('th', 'bot.menuPrompt'));
    const labels = reply.body.messages[0].quickReply.items.map((i: any) => i.action.label);
    expect(labels).toEqual(['ขอความช่วยเหลือ', 'ตรวจสอบสิทธิ์', 'นัดหมายเข้าพบ', 'ติดตามคำร้อง', 'ติดต่อเจ้าหน้าที่', 'ข้อมูลศูนย์ฯ']);
  });

  it('rejects a bad or missing signature with 401 and stores nothing', async () => {
    line = nockLine();
    bot = startTestBot();
    const body = callback(textEvent('U-bad-sig', 'hi'));
    const before = await InboxEvent.countDocuments();
    const wrong = await request(bot.app)
      .post('/webhook')
      .set('content-type', 'application/json')
      .set('x-line-signature', sign(body, 'other-secret'))
      .send(body);
    const missing = await request(bot.app).post('/webhook').set('content-type', 'application/json').send(body);
    expect(wrong.status).toBe(401);
    expect(missing.status).toBe(401);
    await bot.settle();
    expect(await InboxEvent.countDocuments()).toBe(before);
    expect(line.calls).toHaveLength(0);
  });

  it("answers the console's verify request (no events, or dummy reply tokens) with 200 and does nothing", async () => {
    line = nockLine();
    bot = startTestBot();
    const before = await InboxEvent.countDocuments();
    expect((await bot.post()).status).toBe(200);
    const dummy = [
      textEvent('Udeadbeefdeadbeefdeadbeefdeadbeef', 'Hello, world', { replyToken: '00000000000000000000000000000000' }),
      textEvent('Udeadbeefdeadbeefdeadbeefdeadbeef', 'Hello, world', { replyToken: 'ffffffffffffffffffffffffffffffff' }),
    ];
    expect((await bot.post(...dummy)).status).toBe(200);
    await bot.settle();
    expect(await InboxEvent.countDocuments()).toBe(before);
    expect(line.calls).toHaveLength(0);
  });

  it('answers 400 to a signed body that is not JSON or not a LINE callback, storing nothing', async () => {
    line = nockLine();
    bot = startTestBot();
    const before = await InboxEvent.countDocuments();
    for (const body of ['{"events": [', 'null', '{"events": "x"}', JSON.stringify({ events: [{ type: 'message' }] })]) {
      const res = await request(bot.app)
        .post('/webhook')
        .set('content-type', 'application/json')
        .set('x-line-signature', sign(body, TEST_SECRET))
        .send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    await bot.settle();
    expect(await InboxEvent.countDocuments()).toBe(before);
    expect(line.calls).toHaveLength(0);
  });

  it('acknowledges before processing: the 200 comes while the answer is still being prepared', async () => {
    line = nockLine();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    bot = startTestBot({}, async (input) => {
      await gate;
      return echo(input);
    });
    const res = await bot.post(textEvent('U-fast-ack', 'ช้า'));
    expect(res.status).toBe(200);
    expect(await InboxEvent.countDocuments({ lane: 'U-fast-ack' })).toBe(1);
    expect(line.replies()).toHaveLength(0);
    release();
    await bot.settle();
    expect(line.delivered()).toEqual(['echo:ช้า']);
  });

  it("shows LINE's loading animation when an answer takes a moment, and not when it is quick", async () => {
    line = nockLine();
    bot = startTestBot({ LOADING_ANIMATION_AFTER_MS: '50' }, async (input) => {
      const slow = input.event.type === 'message' && input.event.message.type === 'text' && input.event.message.text === 'ช้า';
      // eslint-disable-next-line no-restricted-syntax -- a slow answer (over LOADING_ANIMATION_AFTER_MS) is the subject of this test
      if (slow) await new Promise((r) => setTimeout(r, 200));
      return echo(input);
    });
    await bot.post(textEvent('U-loading', 'เร็ว'));
    await bot.settle();
    expect(line.calls.filter((c) => c.path.endsWith('/loading/start'))).toHaveLength(0);
    await bot.post(textEvent('U-loading', 'ช้า'));
    await bot.settle();
    const loading = line.calls.filter((c) => c.path.endsWith('/loading/start'));
    expect(loading).toHaveLength(1);
    expect(loading[0].body).toEqual({ chatId: 'U-loading', loadingSeconds: 20 });
    expect(line.delivered()).toEqual(['echo:เร็ว', 'echo:ช้า']);
  });

  it('processes a duplicate or redelivered event once', async () => {
    line = nockLine();
    bot = startTestBot({}, echo);
    const e = textEvent('U-dup', 'ครั้งเดียว');
    const redelivered = { ...e, deliveryContext: { isRedelivery: true } };
    const results = await Promise.all([bot.post(e, e), bot.post(e), bot.post(redelivered)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await bot.settle();
    expect(line.delivered()).toEqual(['echo:ครั้งเดียว']);
    expect(await InboxEvent.countDocuments({ webhookEventId: e.webhookEventId })).toBe(1);
  });

  it("processes one user's parallel deliveries one at a time in timestamp order; other users in parallel", async () => {
    line = nockLine();
    const seen: string[] = [];
    let inside = 0;
    let maxInside = 0;
    bot = startTestBot({ INBOX_SETTLE_MS: '60' }, async (input) => {
      if (input.lane === 'U-order') {
        inside++;
        maxInside = Math.max(maxInside, inside);
        // eslint-disable-next-line no-restricted-syntax -- a handler that takes a moment, so overlapping events would show
        await new Promise((r) => setTimeout(r, 15));
        inside--;
      }
      if (input.event.type === 'message' && input.event.message.type === 'text') seen.push(`${input.lane}:${input.event.message.text}`);
      return echo(input);
    });
    const t = Date.now();
    const e1 = textEvent('U-order', '1', { timestamp: t });
    const e2 = textEvent('U-order', '2', { timestamp: t + 1 });
    const e3 = textEvent('U-order', '3', { timestamp: t + 2 });
    // Delivered in parallel and out of order.
    await Promise.all([bot.post(e3), bot.post(e1), bot.post(e2), bot.post(textEvent('U-other', 'x'))]);
    await bot.settle();
    expect(seen.filter((s) => s.startsWith('U-order'))).toEqual(['U-order:1', 'U-order:2', 'U-order:3']);
    expect(seen).toContain('U-other:x');
    expect(maxInside).toBe(1);
    const toOrder = line.replies().filter((c) => c.body.messages[0].text !== 'echo:x');
    expect(toOrder.map((c) => c.body.messages[0].text)).toEqual(['echo:1', 'echo:2', 'echo:3']);
  });
});
