/**
 * "เงินเบี้ยเข้าวันไหน" — the question people ask each month — answered with the payday rule and the dates from the
 * centre's calendar (a fixed clock: Monday 30 November 2569), in memory (no database: the answer stores nothing).
 */
import { memoryChat } from '../helpers/memoryChat';

const NOW = new Date('2026-11-30T10:00:00+07:00');

describe('when the allowance is paid', () => {
  it.each(['เงินเบี้ยเข้าวันไหน', 'เบี้ยยังไม่เข้าเดือนนี้ค่ะ', 'เงินผู้สูงอายุเดือนนี้เข้าวันไหนคะ'])(
    '"%s": the rule, this month\'s payday passed, the next one moved before Constitution Day, and whom to ask',
    async (text) => {
      const c = memoryChat('U-payday', NOW);
      await c.say(text);
      expect(c.text()).toContain('โอนเข้าบัญชีทุกเดือน ภายในวันที่ 10 ค่ะ');
      expect(c.text()).toContain('รอบเดือนนี้โอนไปแล้วเมื่อ วันอังคารที่ 10 พฤศจิกายน 2569');
      expect(c.text()).toContain('รอบถัดไป: วันพุธที่ 9 ธันวาคม 2569 ค่ะ');
      expect(c.chips()).toContain('ติดต่อเจ้าหน้าที่');
      // A question answered, not an eligibility check started.
      expect(c.stores.data.sessions.get('U-payday')?.flow ?? null).toBeNull();
    },
  );

  it('asked in the middle of a help request: answered, and the request goes on at its question', async () => {
    const c = memoryChat('U-payday-2', NOW);
    await c.say('ขอความช่วยเหลือ');
    await c.say('เงินเบี้ยเข้าวันไหน');
    expect(c.text()).toContain('รอบถัดไป: วันพุธที่ 9 ธันวาคม 2569 ค่ะ');
    expect(c.text()).toContain('ผู้ที่ต้องการความช่วยเหลือคือใครคะ');
    expect(c.stores.data.sessions.get('U-payday-2')?.flow).toMatchObject({ flow: 'requestHelp', step: 'who' });
  });

  it('in English too', async () => {
    const c = memoryChat('U-payday-en', NOW, 'en');
    await c.say('when is the allowance paid');
    expect(c.text()).toContain('Next payment: Wednesday 9 December 2026.');
  });
});
