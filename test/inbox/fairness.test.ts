import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import type { BotHandler } from '../../src/bot/pipeline';
import { echo } from '../helpers/greeter';

useTestDb();

describe('inbox: lanes share the processing slots', () => {
  it('a citizen who keeps writing does not keep others waiting: the waiting one is answered within a slice, and each keeps their order', async () => {
    const line = nockLine();
    const CHATTY = 40;
    let quietSent: Promise<unknown> | undefined;
    const handler: BotHandler = async (input) => {
      const text = input.event.type === 'message' && input.event.message.type === 'text' ? input.event.message.text : '';
      if (input.lane === 'U-chatty') {
        const n = Number(text);
        // eslint-disable-next-line no-restricted-syntax -- an answer that takes a moment of work, as a real turn does
        await new Promise((r) => setTimeout(r, 15));
        // The citizen's next message arrives while this one is still being answered: the lane always has more.
        if (n < CHATTY) await bot.post(textEvent('U-chatty', String(n + 1), { timestamp: Date.now() }));
        // Another citizen writes once, while the only slot is taken (sent now, not awaited here).
        if (n === 1) quietSent = bot.post(textEvent('U-quiet', 'ขอถามหน่อยค่ะ')).then((res) => expect(res.status).toBe(200));
      }
      return echo(input);
    };
    const bot: TestBot = startTestBot({ INBOX_CONCURRENCY: '1', INBOX_SETTLE_MS: '0' }, handler);
    try {
      await bot.post(textEvent('U-chatty', '1'));
      await line.waitFor(() => line.delivered().length === CHATTY + 1, 20_000);
      await quietSent;
      await bot.settle();
    } finally {
      await bot.stop();
    }
    line.done();

    const delivered = line.delivered();
    const chatty = delivered.filter((t) => t !== 'echo:ขอถามหน่อยค่ะ');
    expect(chatty).toEqual(Array.from({ length: CHATTY }, (_, i) => `echo:${i + 1}`));
    // Served after at most a slice of the chatty lane (200 ms ≈ 13 answers of 15 ms), not after all 40 of them.
    expect(delivered.indexOf('echo:ขอถามหน่อยค่ะ')).toBeGreaterThan(0);
    expect(delivered.indexOf('echo:ขอถามหน่อยค่ะ')).toBeLessThan(25);
  });
});
