import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import { InboxEvent } from '../../src/db/models/inboxEvent';
import { LaneLock } from '../../src/db/models/laneLock';
import type { BotHandler } from '../../src/bot/pipeline';
import { echo } from '../helpers/greeter';

const bots: TestBot[] = [];
let line: NockLine;

useTestDb();
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  line?.done();
});


describe('inbox recovery and several instances', () => {
  it('processes an event that was acknowledged but not processed before a stop, once, on the next start', async () => {
    line = nockLine();
    const a = startTestBot({ INBOX_SETTLE_MS: '5000' }, echo);
    const res = await a.post(textEvent('U-crash', 'ก่อนดับ'));
    expect(res.status).toBe(200);
    await a.stop(); // the process goes away before the settle time: stored, acknowledged, not processed
    expect(await InboxEvent.findOne({ lane: 'U-crash' }).lean()).toMatchObject({ status: 'pending' });
    expect(line.calls).toHaveLength(0);

    const b = startTestBot({}, echo);
    bots.push(b);
    await b.settle(); // its first sweep finds the pending event
    expect(line.delivered()).toEqual(['echo:ก่อนดับ']);
    expect(await InboxEvent.findOne({ lane: 'U-crash' }).lean()).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('two instances sharing one database process a user\'s events once each and in order', async () => {
    line = nockLine();
    const seen: string[] = [];
    const slowEcho: BotHandler = async (input) => {
      if (input.event.type === 'message' && input.event.message.type === 'text') seen.push(input.event.message.text);
      // eslint-disable-next-line no-restricted-syntax -- a handler that takes a moment, so the two instances overlap
      await new Promise((r) => setTimeout(r, 10));
      return echo(input);
    };
    const a = startTestBot({ INBOX_SETTLE_MS: '50' }, slowEcho);
    const b = startTestBot({ INBOX_SETTLE_MS: '50' }, slowEcho);
    bots.push(a, b);
    const t = Date.now();
    const events = Array.from({ length: 6 }, (_, i) => textEvent('U-two', String(i + 1), { timestamp: t + i }));
    await Promise.all(events.map((e, i) => (i % 2 === 0 ? a : b).post(e)));
    await line.waitFor(() => line.delivered().length === 6);
    await Promise.all([a.settle(), b.settle()]);
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(line.delivered()).toEqual(['echo:1', 'echo:2', 'echo:3', 'echo:4', 'echo:5', 'echo:6']);
  });

  it("takes over a dead instance's user once its short lease runs out, and a live instance's lease is renewed while it works", async () => {
    line = nockLine();
    // A dead instance held U-orphan: its lease runs out in 1 s and is never renewed.
    await LaneLock.create({ _id: 'U-orphan', owner: 'dead-instance', until: new Date(Date.now() + 1000) });
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const a = startTestBot({ INBOX_LOCK_MS: '1000', INBOX_SETTLE_MS: '0' }, async (input) => {
      if (input.lane === 'U-busy') await slow;
      return echo(input);
    });
    bots.push(a);
    const t0 = Date.now();
    await a.post(textEvent('U-orphan', 'ถูกทิ้งไว้'), textEvent('U-busy', 'นาน'));
    await line.waitFor(() => line.delivered().includes('echo:ถูกทิ้งไว้'), 5000);
    expect(Date.now() - t0).toBeLessThan(3000);
    // U-busy takes 2.5 lease lengths: the heartbeat keeps it, so a second instance cannot take it meanwhile.
    const b = startTestBot({ INBOX_LOCK_MS: '1000', INBOX_SETTLE_MS: '0', INBOX_SWEEP_MS: '100' }, echo);
    bots.push(b);
    // eslint-disable-next-line no-restricted-syntax -- time itself is under test: 2.5 lease lengths pass while B sweeps every 100 ms
    await new Promise((r) => setTimeout(r, 2500));
    expect(await LaneLock.findById('U-busy').lean()).toMatchObject({ owner: a.worker.instanceId });
    release();
    await line.waitFor(() => line.delivered().includes('echo:นาน'));
    await Promise.all([a.settle(), b.settle()]);
    expect(line.delivered().filter((d) => d === 'echo:นาน')).toHaveLength(1);
  });

  it('keeps an event whose processing failed and retries it, without losing the events after it', async () => {
    line = nockLine();
    let failOnce = true;
    const flaky: BotHandler = async (input) => {
      if (failOnce && input.event.type === 'message' && input.event.message.type === 'text' && input.event.message.text === 'a') {
        failOnce = false;
        throw new Error('database hiccup');
      }
      return echo(input);
    };
    const a = startTestBot({ INBOX_SWEEP_MS: '100' }, flaky);
    bots.push(a);
    const t = Date.now();
    await a.post(textEvent('U-flaky', 'a', { timestamp: t }), textEvent('U-flaky', 'b', { timestamp: t + 1 }));
    await a.settle(); // the failed event's retry is scheduled work: settle waits for it
    expect(line.delivered()).toEqual(['echo:a', 'echo:b']);
  });
});
