/**
 * The database goes away (its server is closed) and comes back on the same address and data directory: the
 * webhook answers 503 for every event meanwhile (LINE sends them again), /readyz says not ready, nothing that
 * got a 200 is lost, and an answer LINE accepted just before the database went away is recorded as sent — never
 * sent again and never recorded as failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import { startDevServer, type DevServer } from '../../src/db/devserver';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { callback, sign, textEvent } from '../helpers/line';
import { echo } from '../helpers/greeter';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { portForRestarts } from '../../scripts/faults/processes';

let dbpath: string;
let db: DevServer | undefined;
let port = 0;
let bot: TestBot | undefined;
let line: NockLine;

async function startDb(): Promise<void> {
  db = await startDevServer({ port, dbpath });
  port = db.port;
}

async function stopDb(): Promise<void> {
  const d = db;
  db = undefined;
  await d?.close();
}

beforeAll(async () => {
  dbpath = mkdtempSync(join(tmpdir(), 'outage-db-'));
  // It comes back on the same port: one the system does not hand to other sockets while it is away.
  port = await portForRestarts();
  await startDb();
  await mongoose.connect(`${db!.uri}/outage`, { serverSelectionTimeoutMS: 5000 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
});

afterAll(async () => {
  await mongoose.disconnect();
  await stopDb();
  rmSync(dbpath, { recursive: true, force: true });
});

afterEach(async () => {
  if (!db) await startDb();
  await bot?.stop();
  bot = undefined;
  line?.done();
});

/**
 * Polls a condition with a deadline. Used only for what follows the database's return: mongoose reconnects
 * and the worker's retry timers and sweeps pick the work up again, none of which gives a signal. Assertions
 * that nothing more happened wait on `bot.settle()` first.
 */
async function until(what: string, pred: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    // eslint-disable-next-line no-restricted-syntax -- the pause between two looks at a condition, not before an assertion
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('database outage', () => {
  it('answers 503 for every event while the database is down, not ready; once it is back, every event is answered once', async () => {
    line = nockLine();
    bot = startTestBot({ INBOX_SWEEP_MS: '300' }, echo);
    const events = Array.from({ length: 6 }, (_, i) => textEvent(`U-outage-${i % 3}`, `ข้อความ ${i}`));
    expect((await bot.post(events[0])).status).toBe(200);
    await bot.settle();

    await stopDb();
    const during = await Promise.all(events.slice(1).map((e) => bot!.post(e)));
    expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect((await request(bot.app).get('/readyz')).status).toBe(503);

    await startDb();
    await until('ready again', async () => (await request(bot!.app).get('/readyz')).status === 200);
    // LINE sends again what did not get a 200; one of them twice, as redeliveries can overlap.
    const again = await Promise.all([...events.slice(1), events[3]].map((e) => bot!.post({ ...e, deliveryContext: { isRedelivery: true } })));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await until('all answered', () => line.delivered().length >= 6);
    await bot.settle();
    expect([...line.delivered()].sort()).toEqual(events.map((e) => `echo:${e.message.text}`).sort());
    expect(await InboxEvent.countDocuments({ webhookEventId: { $in: events.map((e) => e.webhookEventId) }, status: 'done' })).toBe(6);
  }, 40_000);

  it('an event whose processing meets the outage is not counted as failed and is answered once the database is back', async () => {
    line = nockLine();
    let gate!: () => void;
    const held = new Promise<void>((r) => (gate = r));
    let started!: () => void;
    const processing = new Promise<void>((r) => (started = r));
    bot = startTestBot({ INBOX_SWEEP_MS: '300' }, async (input) => {
      started();
      await held;
      return echo(input);
    });
    const e = textEvent('U-outage-mid', 'ระหว่างล่ม');
    expect((await bot.post(e)).status).toBe(200);
    await processing;
    await stopDb();
    gate(); // the handler answers while the database is gone: storing the answer fails
    // eslint-disable-next-line no-restricted-syntax -- the outage's length, not a wait for work: the database stays away 1.5 s
    await new Promise((r) => setTimeout(r, 1500));
    await startDb();
    await until('answered', () => line.delivered().length === 1, 20_000);
    await bot.settle();
    expect(line.delivered()).toEqual(['echo:ระหว่างล่ม']);
    expect(await InboxEvent.findOne({ webhookEventId: e.webhookEventId }).lean()).toMatchObject({ status: 'done', attempts: 1 });
  }, 40_000);

  it('a reply LINE accepted just before the database went away is recorded as sent, and not sent again', async () => {
    line = nockLine();
    bot = startTestBot({}, echo);
    // The database goes away while LINE is taking the reply (so recording it fails); it is back a second later.
    let back!: Promise<void>;
    line.beforeAnswer('reply', async () => {
      await stopDb();
      // eslint-disable-next-line no-restricted-syntax -- the outage's length: the database is back a second later
      back = new Promise((r) => setTimeout(r, 1000)).then(startDb);
    });
    expect((await bot.post(textEvent('U-outage-after-reply', 'ตอบแล้วล่ม'))).status).toBe(200);
    await until('reply sent', () => line.replies().length === 1);
    await back;
    await bot.settle(); // the outbox keeps writing LINE's answer until the database takes it
    expect(await OutgoingMessage.findOne({ to: 'U-outage-after-reply' }).lean()).toMatchObject({ status: 'sent' });
    expect(line.replies()).toHaveLength(1);
    expect(line.pushes()).toHaveLength(0);
    const recorded = await ConversationMessage.find({ lineUserId: 'U-outage-after-reply', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['sent']);
  }, 40_000);

  it('rejects an event that could not be stored (timestamp 9e15) with 400 and stores nothing of its webhook', async () => {
    line = nockLine();
    bot = startTestBot({}, echo);
    const good = textEvent('U-9e15', 'ok');
    const bad = textEvent('U-9e15', 'bad', { timestamp: 9e15 });
    const body = callback(good, bad);
    const res = await request(bot.app).post('/webhook').set('content-type', 'application/json').set('x-line-signature', sign(body)).send(body);
    expect(res.status).toBe(400);
    expect(await InboxEvent.countDocuments({ lane: 'U-9e15' })).toBe(0);
  });
});
