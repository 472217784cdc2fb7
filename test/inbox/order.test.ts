/**
 * A user's events are answered in the order of their times, also when one arrives while the lane is busy with
 * a batch: an earlier one (LINE delivers in parallel, or again after a failure) takes its place; a later one (the
 * user writing on) waits for the batch, which is then not read again for each new message.
 */
import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import type { BotHandler } from '../../src/bot/pipeline';
import { echo } from '../helpers/greeter';
import { groupCommitStats } from '../../src/db/groupCommit';

useTestDb();

const textOf = (input: Parameters<BotHandler>[0]) =>
  input.event.type === 'message' && input.event.message.type === 'text' ? input.event.message.text : '';

/** The lane's pending reads so far (one read serves the lanes starting together; here one lane). */
const reads = () => groupCommitStats().pendingReads?.callers ?? 0;

describe('inbox: events arriving while their lane is busy', () => {
  it('an earlier event that arrives during a batch is answered in its place', async () => {
    const line = nockLine();
    const t = Date.now() - 10_000;
    let sent: Promise<unknown> | undefined;
    const handler: BotHandler = async (input) => {
      // While the first of three is answered, a message written between the first and the second arrives.
      // (`then` sends it now: a supertest request goes out when it is awaited.)
      if (textOf(input) === 'a') sent = bot.post(textEvent('U-order', 'b', { timestamp: t + 15 })).then((res) => res);
      return echo(input);
    };
    const bot: TestBot = startTestBot({ INBOX_CONCURRENCY: '1', INBOX_SETTLE_MS: '0' }, handler);
    try {
      await bot.post(
        textEvent('U-order', 'a', { timestamp: t + 10 }),
        textEvent('U-order', 'c', { timestamp: t + 20 }),
        textEvent('U-order', 'd', { timestamp: t + 30 }),
      );
      await line.waitFor(() => line.delivered().length === 4);
      expect((await sent) as { status: number }).toMatchObject({ status: 200 });
      await bot.settle();
    } finally {
      await bot.stop();
    }
    line.done();
    expect(line.delivered()).toEqual(['echo:a', 'echo:b', 'echo:c', 'echo:d']);
  });

  it('a user writing on while their messages are answered: all in order, without reading the lane again per message', async () => {
    const line = nockLine();
    const MESSAGES = 12;
    const t = Date.now() - 10_000;
    const sent: Promise<unknown>[] = [];
    const handler: BotHandler = async (input) => {
      const n = Number(textOf(input));
      // Each answer sees the user's next message arrive (later than all the lane has read).
      if (n <= MESSAGES / 2) sent.push(bot.post(textEvent('U-writing', String(n + MESSAGES / 2), { timestamp: t + 100 + n })).then((res) => res));
      return echo(input);
    };
    const bot: TestBot = startTestBot({ INBOX_CONCURRENCY: '1', INBOX_SETTLE_MS: '0' }, handler);
    const readsBefore = reads();
    try {
      // Six messages in one delivery; six more come one by one while they are answered.
      await bot.post(...Array.from({ length: MESSAGES / 2 }, (_, i) => textEvent('U-writing', String(i + 1), { timestamp: t + i + 1 })));
      await line.waitFor(() => line.delivered().length === MESSAGES);
      for (const res of await Promise.all(sent)) expect(res).toMatchObject({ status: 200 });
      await bot.settle();
    } finally {
      await bot.stop();
    }
    line.done();
    expect(line.delivered()).toEqual(Array.from({ length: MESSAGES }, (_, i) => `echo:${i + 1}`));
    // The first six in one read, the six that came meanwhile in one to three more (as their posts happen to land
    // on a busy machine), and the last, empty, read: not one per message, which would be eight.
    expect(reads() - readsBefore).toBeLessThanOrEqual(5);
  });
});
