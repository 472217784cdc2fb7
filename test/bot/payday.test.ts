/**
 * "เงินเบี้ยเข้าวันไหน" — the question people ask each month — answered with the payday rule and the dates from the
 * centre's calendar (a fixed clock: Monday 30 November 2569), in memory (no database: the answer stores nothing).
 */
import type { webhook } from '@line/bot-sdk';
import { createConversation } from '../../src/bot/conversation';
import { memoryStores } from '../../src/bot/stores/memory';
import { speak } from '../../src/bot/speak';
import { createLogger } from '../../src/log';
import { textEvent } from '../helpers/line';
import { messageText, type BotMessage } from '../helpers/chat';

const NOW = new Date('2026-11-30T10:00:00+07:00');

async function ask(text: string, locale: 'th' | 'en' = 'th') {
  const stores = memoryStores(() => NOW);
  const bot = createConversation({ idleMs: 30 * 60_000, handoffTimeoutMs: 24 * 3600_000, log: createLogger('silent'), stores, now: () => NOW });
  const reply = await bot({ event: textEvent('U-payday', text) as webhook.Event, lane: 'U-payday', locale, receivedAt: NOW });
  if ('lineMessages' in reply) throw new Error('the conversation answers with what to say');
  const messages = speak(reply.says, { locale: reply.locale ?? locale }) as BotMessage[];
  return {
    text: messages.map(messageText).join('\n'),
    chips: messages.flatMap((m) => m.quickReply?.items.map((i) => i.action.label) ?? []),
    flow: stores.data.sessions.get('U-payday')?.flow ?? null,
  };
}

describe('when the allowance is paid', () => {
  it.each(['เงินเบี้ยเข้าวันไหน', 'เบี้ยยังไม่เข้าเดือนนี้ค่ะ', 'เงินผู้สูงอายุเดือนนี้เข้าวันไหนคะ'])(
    '"%s": the rule, this month\'s payday passed, the next one moved before Constitution Day, and whom to ask',
    async (text) => {
      const a = await ask(text);
      expect(a.text).toContain('โอนเข้าบัญชีทุกเดือน ภายในวันที่ 10 ค่ะ');
      expect(a.text).toContain('รอบเดือนนี้โอนไปแล้วเมื่อ วันอังคารที่ 10 พฤศจิกายน 2569');
      expect(a.text).toContain('รอบถัดไป: วันพุธที่ 9 ธันวาคม 2569 ค่ะ');
      expect(a.chips).toContain('ติดต่อเจ้าหน้าที่');
      // A question answered, not an eligibility check started.
      expect(a.flow).toBeNull();
    },
  );

  it('asked in the middle of a help request: answered, and the request goes on at its question', async () => {
    const stores = memoryStores(() => NOW);
    const bot = createConversation({ idleMs: 30 * 60_000, handoffTimeoutMs: 24 * 3600_000, log: createLogger('silent'), stores, now: () => NOW });
    const say = async (text: string) => {
      const reply = await bot({ event: textEvent('U-payday-2', text) as webhook.Event, lane: 'U-payday-2', locale: 'th', receivedAt: NOW });
      if ('lineMessages' in reply) throw new Error('the conversation answers with what to say');
      return (speak(reply.says, { locale: 'th' }) as BotMessage[]).map(messageText).join('\n');
    };
    await say('ขอความช่วยเหลือ');
    const text = await say('เงินเบี้ยเข้าวันไหน');
    expect(text).toContain('รอบถัดไป: วันพุธที่ 9 ธันวาคม 2569 ค่ะ');
    expect(text).toContain('ผู้ที่ต้องการความช่วยเหลือคือใครคะ');
    expect(stores.data.sessions.get('U-payday-2')?.flow).toMatchObject({ flow: 'requestHelp', step: 'who' });
  });

  it('in English too', async () => {
    const a = await ask('when is the allowance paid', 'en');
    expect(a.text).toContain('Next payment: Wednesday 9 December 2026.');
  });
});
