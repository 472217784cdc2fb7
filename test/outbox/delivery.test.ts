import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import { OutgoingMessage } from '../../src/db/models/outgoingMessage';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { backoff } from '../../src/outbox/outbox';

let bot: TestBot | undefined;
let line: NockLine;

useTestDb();
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  line?.done();
});

/** The stored delivery to `to` once it reaches `status` (the store follows LINE's answer by a moment). */
async function waitForStatus(to: string, status: 'sent' | 'failed') {
  for (let i = 0; i < 200; i++) {
    const out = await OutgoingMessage.findOne({ to }).lean();
    if (out?.status === status) return out;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`delivery to ${to} never became ${status}`);
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

  it('retries a push through 500 and 429 with one retry key, then delivers it once', async () => {
    line = nockLine();
    line.script('push', [500, 429]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-retry', 'ลองใหม่'));
    await line.waitFor(() => line.delivered().length === 1);
    await bot.settle();
    const pushes = line.pushes();
    expect(pushes.map((p) => p.status)).toEqual([500, 429, 200]);
    expect(new Set(pushes.map((p) => p.headers['x-line-retry-key'])).size).toBe(1);
    const out = await waitForStatus('U-retry', 'sent');
    expect(out).toMatchObject({ via: 'push', attempts: 3, lineRequestId: pushes[2].requestId });
  });

  it('gives up cleanly after the attempt limit and records the failure with LINE\'s request id', async () => {
    line = nockLine();
    line.script('push', [500, 500, 500, 500, 500, 500]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0', OUTBOX_MAX_ATTEMPTS: '3' });
    await bot.post(textEvent('U-giveup', 'ไม่ได้'));
    await line.waitFor(() => line.pushes().length === 3);
    await new Promise((r) => setTimeout(r, 400));
    expect(line.pushes()).toHaveLength(3);
    const out = await waitForStatus('U-giveup', 'failed');
    expect(out).toMatchObject({ attempts: 3, lineRequestId: line.pushes()[2].requestId });
    const recorded = await ConversationMessage.find({ lineUserId: 'U-giveup', direction: 'out' }).lean();
    expect(recorded.map((m) => m.deliveryStatus)).toEqual(['failed']);
  });

  it('does not retry a 4xx other than 429', async () => {
    line = nockLine();
    line.script('push', [403]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-forbidden', 'x'));
    await line.waitFor(() => line.pushes().length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(line.pushes()).toHaveLength(1);
    expect(await waitForStatus('U-forbidden', 'failed')).toMatchObject({ attempts: 1 });
  });

  it('treats 409 (already accepted with this retry key) as delivered', async () => {
    line = nockLine();
    line.script('push', [409]);
    bot = startTestBot({ REPLY_TOKEN_TTL_MS: '0' });
    await bot.post(textEvent('U-409', 'x'));
    await bot.settle();
    expect(line.pushes()).toHaveLength(1);
    expect(await waitForStatus('U-409', 'sent')).toMatchObject({ attempts: 1 });
  });

  it('delivers once LINE is reachable again after an outage', async () => {
    line = nockLine();
    line.script('reply', ['network']);
    line.script('push', ['network', 'network', 'network']);
    bot = startTestBot();
    await bot.post(textEvent('U-outage', 'ฮัลโหล'));
    await line.waitFor(() => line.delivered().length === 1);
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
    await line.waitFor(() => line.pushes().length === 1);
    await first.stop();
    await OutgoingMessage.updateOne({ to: 'U-restart-out' }, { $set: { nextAttemptAt: new Date() } }); // the backoff has passed
    bot = startTestBot();
    await line.waitFor(() => line.delivered().length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(line.delivered()).toHaveLength(1);
    expect(await waitForStatus('U-restart-out', 'sent')).toMatchObject({ via: 'push' });
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
