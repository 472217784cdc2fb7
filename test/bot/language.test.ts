/**
 * The language a citizen is answered in, through the signed webhook: the LINE profile's language at follow, English
 * from the first English message on, "ภาษาไทย" back to Thai and "English" to English at any step.
 */
import { useTestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen } from '../helpers/chat';

let bot: TestBot;
let line: NockLine;
let n = 0;

useTestDb();
afterEach(async () => {
  await bot.stop();
  line.done();
});

const start = (language: string) => {
  line = nockLine({ profile: { displayName: 'Visitor', language } });
  bot = startTestBot();
  return new Citizen(`U-lang-${++n}-${Date.now()}`, bot, line);
};

describe('language', () => {
  it('the LINE profile language sets the first language at follow', async () => {
    const c = start('en');
    await c.follow();
    expect(c.text()).toContain('Chae Son');
    expect(c.chips()).toContain('Request help');
    await c.say('ขอความช่วยเหลือ');
    // Typing a Thai menu word does not switch: the visitor keeps English.
    expect(c.text()).toContain('Who needs help?');
  });

  it('a citizen answered in English who writes a Thai sentence is answered in Thai from then on', async () => {
    const c = start('en');
    await c.follow();
    expect(c.chips()).toContain('Request help');
    await c.say('ขอความช่วยเหลือให้แม่หน่อยค่ะ');
    expect(c.text()).toMatch(/[\u0E00-\u0E7F]{6,}/);
    expect(c.text()).not.toContain('name');
    await c.say('สมศรี ใจดี');
    // A name in Thai keeps Thai (it is not English), and the form goes on in Thai.
    expect(c.text()).toMatch(/[\u0E00-\u0E7F]{6,}/);
  });

  it('a Thai-profile citizen who writes English is answered in English from then on, and "ภาษาไทย" switches back', async () => {
    const c = start('th');
    await c.follow();
    expect(c.chips()).toContain('ขอความช่วยเหลือ');
    await c.say('Hello, I need help for my mother');
    expect(c.text()).toMatch(/[A-Za-z]{4,}/);
    expect(c.text()).not.toMatch(/[\u0E00-\u0E7F]{6,}/);
    // "my mother" answered who and relation: the next question is her name, in English.
    expect(c.text()).toContain('name');
    await c.say('ภาษาไทย');
    expect(c.text()).toContain('ภาษาไทย');
    expect(c.text()).toContain('ขอทราบชื่อ');
    await c.say('English');
    expect(c.text()).toContain('English from now on');
    expect(c.text()).toContain('name');
  });

  it('a romanised village or "Moo 2" does not switch a Thai speaker to English', async () => {
    const c = start('th');
    await c.say('ขอความช่วยเหลือ');
    await c.say('pa miang');
    expect(c.text()).toMatch(/[\u0E00-\u0E7F]{6,}/);
  });
});
