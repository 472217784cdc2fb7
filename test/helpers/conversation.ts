/**
 * The usual setup of a conversation test through the signed webhook: a database for the file, and for each test
 * a LINE stand-in (nock) and a bot, stopped afterwards; `citizen()` makes a new simulated citizen each time.
 */
import { useTestDb } from './db';
import { startTestBot, type TestBot } from './bot';
import { nockLine, type NockLine } from './nockLine';
import { Citizen } from './chat';

export interface Conversation {
  /** The bot of the running test. */
  readonly bot: TestBot;
  /** LINE's stand-in of the running test. */
  readonly line: NockLine;
  /** A new citizen (a LINE user id of its own) talking to the bot. */
  citizen(): Citizen;
}

export function useConversation(prefix: string, profile = { displayName: 'สมใจ', language: 'th' }): Conversation {
  let bot: TestBot | undefined;
  let line: NockLine | undefined;
  let n = 0;
  useTestDb();
  beforeEach(() => {
    line = nockLine({ profile });
    bot = startTestBot();
  });
  afterEach(async () => {
    await bot?.stop();
    line?.done();
  });
  const running = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('useConversation: only inside a test');
    return x;
  };
  return {
    get bot() {
      return running(bot);
    },
    get line() {
      return running(line);
    },
    citizen: () => new Citizen(`U-${prefix}-${++n}-${Date.now()}`, running(bot), running(line)),
  };
}
