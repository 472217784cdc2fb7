import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { createFakeLineApi, type FakeLineApi } from '../../src/simulator/fakeLineApi';
import { createLineClient } from '../../src/line/client';
import { LineApiError } from '../../src/errors';
import { text } from '../../src/line/messages';

const TOKEN = 'stand-in-token';
const USER = `U${'a'.repeat(32)}`;

let line: FakeLineApi;
let app: express.Express;

beforeEach(() => {
  line = createFakeLineApi({ channelAccessToken: TOKEN });
  app = express().use('/api', line.router);
});

const auth = { authorization: `Bearer ${TOKEN}` };
const hello = [{ type: 'text', text: 'สวัสดีค่ะ' }];

describe('fake LINE API: authentication', () => {
  it('answers 401 with LINE-style messages for a missing or wrong token, and stores nothing', async () => {
    const missing = await request(app).post('/api/v2/bot/message/push').send({ to: USER, messages: hello });
    const wrong = await request(app).post('/api/v2/bot/message/push').set('authorization', 'Bearer nope').send({ to: USER, messages: hello });
    expect(missing.status).toBe(401);
    expect(missing.body.message).toMatch(/Authorization header required/);
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/Authentication failed/);
    expect(wrong.headers['x-line-request-id']).toBeTruthy();
    expect(line.messagesFor(USER)).toEqual([]);
    expect(line.stats()).toEqual({ 'push 401': 2 });
  });
});

describe('fake LINE API: push', () => {
  it('stores pushed messages for the user, answers sentMessages and tells subscribers', async () => {
    const heard: string[] = [];
    line.on('message', (m) => heard.push(`${m.userId}:${m.message.text}`));
    const res = await request(app)
      .post('/api/v2/bot/message/push')
      .set(auth)
      .send({ to: USER, messages: [...hello, { type: 'text', text: 'สอง' }] });
    expect(res.status).toBe(200);
    expect(res.body.sentMessages).toHaveLength(2);
    expect(res.body.sentMessages[0].id).toMatch(/^\d{18,}$/);
    expect(line.messagesFor(USER).map((m) => [m.via, m.index, m.message.text])).toEqual([
      ['push', 0, 'สวัสดีค่ะ'],
      ['push', 1, 'สอง'],
    ]);
    expect(heard).toEqual([`${USER}:สวัสดีค่ะ`, `${USER}:สอง`]);
  });

  it("answers 409 with the first request's sent ids when the same X-Line-Retry-Key comes again, storing once", async () => {
    const key = randomUUID();
    const first = await request(app).post('/api/v2/bot/message/push').set(auth).set('x-line-retry-key', key).send({ to: USER, messages: hello });
    const again = await request(app).post('/api/v2/bot/message/push').set(auth).set('x-line-retry-key', key).send({ to: USER, messages: hello });
    expect(first.status).toBe(200);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('The retry key is already accepted');
    expect(again.body.sentMessages).toEqual(first.body.sentMessages);
    expect(again.headers['x-line-accepted-request-id']).toBe(first.headers['x-line-request-id']);
    expect(line.messagesFor(USER)).toHaveLength(1);
    const other = await request(app)
      .post('/api/v2/bot/message/push')
      .set(auth)
      .set('x-line-retry-key', randomUUID())
      .send({ to: USER, messages: hello });
    expect(other.status).toBe(200);
    expect(line.messagesFor(USER)).toHaveLength(2);
  });

  it('rejects a retry key that is not a UUID, and a request that failed does not burn its key', async () => {
    const bad = await request(app).post('/api/v2/bot/message/push').set(auth).set('x-line-retry-key', 'abc').send({ to: USER, messages: hello });
    expect(bad.status).toBe(400);
    const key = randomUUID();
    const invalid = await request(app).post('/api/v2/bot/message/push').set(auth).set('x-line-retry-key', key).send({ to: USER, messages: [] });
    expect(invalid.status).toBe(400);
    const ok = await request(app).post('/api/v2/bot/message/push').set(auth).set('x-line-retry-key', key).send({ to: USER, messages: hello });
    expect(ok.status).toBe(200);
  });
});

describe('fake LINE API: reply', () => {
  it('accepts an issued reply token once; the second use and unknown tokens get 400 "Invalid reply token"', async () => {
    const token = line.issueReplyToken(USER);
    const first = await request(app).post('/api/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello });
    const second = await request(app).post('/api/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello });
    const unknown = await request(app)
      .post('/api/v2/bot/message/reply')
      .set(auth)
      .send({ replyToken: 'f'.repeat(32), messages: hello });
    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({ message: 'Invalid reply token' });
    expect(unknown.status).toBe(400);
    expect(line.messagesFor(USER).map((m) => m.via)).toEqual(['reply']);
  });

  it('rejects an expired reply token', async () => {
    line = createFakeLineApi({ channelAccessToken: TOKEN, replyTokenTtlMs: 60_000 });
    app = express().use('/api', line.router);
    const token = line.issueReplyToken(USER);
    // A minute and a millisecond after the token was issued (taken after issuing: the clock may have moved on).
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 60_001);
    try {
      const res = await request(app).post('/api/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ message: 'Invalid reply token' });
    } finally {
      clock.mockRestore();
    }
  });

  it('keeps a token good for its minute however many are issued after it (a flood of events)', async () => {
    const token = line.issueReplyToken(USER);
    for (let i = 0; i < 30_000; i++) line.issueReplyToken(`U${i}`);
    const res = await request(app).post('/api/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello });
    expect(res.status).toBe(200);
  });

  it('can accept tokens it did not issue (standalone use), still once each', async () => {
    line = createFakeLineApi({ channelAccessToken: TOKEN, acceptUnknownReplyTokens: true });
    app = express().use(line.router);
    const token = randomUUID().replace(/-/g, '');
    expect((await request(app).post('/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello })).status).toBe(200);
    expect((await request(app).post('/v2/bot/message/reply').set(auth).send({ replyToken: token, messages: hello })).status).toBe(400);
    expect(line.messagesFor('unknown')).toHaveLength(1);
  });
});

describe('fake LINE API: validation like LINE', () => {
  const send = (messages: unknown) => request(app).post('/api/v2/bot/message/push').set(auth).send({ to: USER, messages });

  it('accepts 1 to 5 messages; 0 or 6 get 400 with details naming the property', async () => {
    expect((await send(Array(5).fill(hello[0]))).status).toBe(200);
    const six = await send(Array(6).fill(hello[0]));
    expect(six.status).toBe(400);
    expect(six.body).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    });
    expect((await send([])).status).toBe(400);
    expect(line.messagesFor(USER)).toHaveLength(5);
  });

  it('rejects empty or too long text, too many or too long quick replies, and bad datetime pickers', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'text', text: '' }, 'messages[0].text'],
      [{ type: 'text', text: 'x'.repeat(5001) }, 'messages[0].text'],
      [{ type: 'wat' }, 'messages[0].type'],
      [
        { type: 'text', text: 'a', quickReply: { items: Array(14).fill({ type: 'action', action: { type: 'message', label: 'a', text: 'a' } }) } },
        'messages[0].quickReply.items',
      ],
      [
        { type: 'text', text: 'a', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'ก'.repeat(21), text: 'a' } }] } },
        'messages[0].quickReply.items[0].action.label',
      ],
      [
        {
          type: 'text',
          text: 'a',
          quickReply: { items: [{ type: 'action', action: { type: 'datetimepicker', label: 'วัน', data: 'd', mode: 'date', initial: '2026-1-5' } }] },
        },
        'messages[0].quickReply.items[0].action.initial',
      ],
      [
        {
          type: 'text',
          text: 'a',
          quickReply: { items: [{ type: 'action', action: { type: 'richmenuswitch', label: 'เมนู', richMenuAliasId: 'm', data: 'd' } }] },
        },
        'messages[0].quickReply.items[0].action.type',
      ],
      [{ type: 'flex', altText: 'x', contents: { type: 'carousel', contents: Array(13).fill({ type: 'bubble' }) } }, 'messages[0].contents.contents'],
      [
        {
          type: 'flex',
          altText: 'x',
          contents: {
            type: 'bubble',
            body: {
              type: 'box',
              layout: 'vertical',
              contents: [{ type: 'button', action: { type: 'uri', label: 'x', uri: 'javascript:alert(1)' } }],
            },
          },
        },
        'messages[0].contents.body.contents[0].action.uri',
      ],
    ];
    for (const [message, property] of cases) {
      const res = await send([message]);
      expect({ property, status: res.status }).toEqual({ property, status: 400 });
      expect(res.body.details.map((d: { property: string }) => d.property)).toContain(property);
    }
    expect(line.messagesFor(USER)).toHaveLength(0);
  });

  it('counts like LINE: labels in grapheme clusters, message text in UTF-16 code units', async () => {
    const chip = (label: string) => ({
      type: 'text',
      text: 'a',
      quickReply: { items: [{ type: 'action', action: { type: 'message', label, text: label } }] },
    });
    // 'ที่' is one grapheme but three UTF-16 units: 20 of them make a valid label (60 units).
    expect((await send([chip('ที่'.repeat(20))])).status).toBe(200);
    expect((await send([chip('ที่'.repeat(21))])).status).toBe(400);
    expect((await send([{ type: 'text', text: 'ที่'.repeat(1666) }])).status).toBe(200); // 4998 units
    const long = await send([{ type: 'text', text: 'ที่'.repeat(1667) }]); // 5001 units
    expect(long.status).toBe(400);
    expect(long.body.details[0].property).toBe('messages[0].text');
  });

  it('accepts what the bot builds (text with every kind of quick-reply chip)', async () => {
    const m = text('เลือกค่ะ', [
      { label: 'ข้อความ', text: 'ข้อความ' },
      { label: 'ปุ่ม', data: 'a=1' },
      { label: 'เลือกวัน', datetime: { data: 'pick', mode: 'date', initial: '2026-12-01', min: '2026-12-01', max: '2027-01-31' } },
      { label: 'ตำแหน่ง', action: 'location' },
      { label: 'ถ่ายรูป', action: 'camera' },
      { label: 'เลือกรูป', action: 'cameraRoll' },
    ]);
    expect((await send([m])).status).toBe(200);
    // A call chip (src/line/render.ts): LINE takes URI actions in quick replies.
    const call = {
      type: 'text',
      text: 'โทรได้ตลอด 24 ชั่วโมงค่ะ',
      quickReply: { items: [{ type: 'action', action: { type: 'uri', label: 'โทร 1323', uri: 'tel:1323' } }] },
    };
    expect((await send([call])).status).toBe(200);
  });

  it('answers 400 to a body that is not JSON, and 404 to unknown endpoints', async () => {
    const bad = await request(app).post('/api/v2/bot/message/push').set(auth).set('content-type', 'application/json').send('{"to":');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/JSON/);
    const unknown = await request(app).get('/api/v2/bot/nothing').set(auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'Not found' });
  });
});

describe("fake LINE API with the bot's real LINE client (SDK) over HTTP", () => {
  let server: Server;
  afterEach(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('serves reply, push (409 counts as delivered), loading, profile, content and markAsRead', async () => {
    // The SDK resolves '/v2/bot/...' against its baseURL with `new URL`, which drops any path in the base, so the
    // stand-in must answer at the server's root.
    server = express().use(line.router).listen(0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createLineClient({ channelAccessToken: TOKEN, apiBaseUrl: base, dataApiBaseUrl: base, timeoutMs: 2000 });
    const loading: number[] = [];
    line.on('loading', (e) => loading.push(e.seconds));

    const token = line.issueReplyToken(USER);
    const r = await client.reply(token, [text('ตอบ')]);
    expect(r.requestId).toBeTruthy();
    await expect(client.reply(token, [text('ซ้ำ')])).rejects.toMatchObject({ status: 400 });

    const key = randomUUID();
    await client.push(USER, [text('ส่ง')], key);
    await client.push(USER, [text('ส่ง')], key); // 409 → delivered, not an error
    expect(line.messagesFor(USER).map((m) => m.message.text)).toEqual(['ตอบ', 'ส่ง']);

    await client.showLoadingAnimation(USER, 20);
    expect(loading).toEqual([20]);

    await expect(client.getProfile(USER)).rejects.toBeInstanceOf(LineApiError);
    line.setProfile(USER, { displayName: 'สมใจ', language: 'th' });
    expect(await client.getProfile(USER)).toEqual({ displayName: 'สมใจ', language: 'th', pictureUrl: undefined });

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7]);
    line.putContent('123', jpeg, 'image/jpeg');
    const c = await client.getContent('123');
    expect(c.data.equals(jpeg)).toBe(true);
    expect(c.contentType).toBe('image/jpeg');
    await expect(client.getContent('404')).rejects.toMatchObject({ status: 404 });

    await client.markAsRead(`${USER}.tok`);
    expect(line.stats()).toMatchObject({
      'reply 200': 1,
      'reply 400': 1,
      'push 200': 1,
      'push 409': 1,
      'loading 202': 1,
      'content 200': 1,
      'markAsRead 200': 1,
    });
  });

  it('bot-bad token through the SDK surfaces as LineApiError 401', async () => {
    server = express().use(line.router).listen(0);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createLineClient({ channelAccessToken: 'wrong', apiBaseUrl: base, dataApiBaseUrl: base, timeoutMs: 2000 });
    await expect(client.push(USER, [text('x')], randomUUID())).rejects.toMatchObject({ status: 401 });
  });
});

describe('fake LINE API: memory bounds', () => {
  it('keeps at most historyPerUser messages per user and maxUsers users', async () => {
    line = createFakeLineApi({ channelAccessToken: TOKEN, historyPerUser: 3, maxUsers: 2 });
    app = express().use(line.router);
    for (let i = 0; i < 5; i++)
      await request(app)
        .post('/v2/bot/message/push')
        .set(auth)
        .send({ to: 'U1', messages: [{ type: 'text', text: String(i) }] });
    expect(line.messagesFor('U1').map((m) => m.message.text)).toEqual(['2', '3', '4']);
    for (const u of ['U2', 'U3']) await request(app).post('/v2/bot/message/push').set(auth).send({ to: u, messages: hello });
    expect(line.messagesFor('U1')).toEqual([]);
    expect(line.messagesFor('U3')).toHaveLength(1);
  });
});
