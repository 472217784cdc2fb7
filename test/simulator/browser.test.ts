/**
 * The simulator page in a real browser (Debian's chromium driven by playwright-core): a person types, sees the
 * bot's Thai greeting and its chips, taps a chip, picks a date, taps a Flex button.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides). Without it the tests skip
 * with a message, except under CI (CI=true), where a missing browser fails.
 * Screenshots go to $SIMULATOR_SCREENSHOTS (default /tmp/simulator-screenshots).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, launchBrowser, type Browser } from '../helpers/browser';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startSimulatedBot, type SimulatedBot } from './harness';
import type { BotHandler } from '../../src/bot/pipeline';
import { greeter } from '../helpers/greeter';
import { text } from '../../src/line/messages';
import type { LineMessage } from '../../src/line/client';

const SHOTS = process.env.SIMULATOR_SCREENSHOTS ?? '/tmp/simulator-screenshots';

/** A handler that shows off what the flows will send: Flex carousel, buttons, a datetime picker chip. */
const showcase: BotHandler = async (input) => {
  const { event } = input;
  if (event.type === 'postback') {
    const p = event.postback.params as { date?: string } | undefined;
    return [text(p?.date ? `ได้รับวันที่ ${p.date} ค่ะ` : `ได้รับ ${event.postback.data} ค่ะ`)];
  }
  if (event.type !== 'message' || event.message.type !== 'text' || event.message.text !== 'ดูตัวอย่าง') return greeter(input);
  const bubble = (title: string, amount: string) => ({
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: '#06C755',
      contents: [{ type: 'text', text: title, color: '#FFFFFF', weight: 'bold', size: 'lg', wrap: true }],
    },
    body: {
      type: 'box',
      layout: 'vertical',
      spacing: 'md',
      contents: [
        {
          type: 'box',
          layout: 'baseline',
          contents: [
            { type: 'text', text: 'เงินต่อเดือน', size: 'sm', color: '#888888', flex: 2 },
            { type: 'text', text: amount, size: 'md', weight: 'bold', flex: 3, wrap: true },
          ],
        },
        { type: 'separator' },
        { type: 'text', text: 'ลงทะเบียนที่ อบต.แจ้ซ้อน เอกสาร: บัตรประชาชน ทะเบียนบ้าน สมุดบัญชี', wrap: true, size: 'sm' },
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      contents: [
        { type: 'button', style: 'primary', action: { type: 'postback', label: 'นัดหมายลงทะเบียน', data: `book=${title}` } },
        { type: 'button', style: 'secondary', action: { type: 'message', label: 'ถามเพิ่มเติม', text: 'ถามเพิ่มเติม' } },
        { type: 'button', style: 'link', action: { type: 'uri', label: 'โทร อบต. 0-5426-3234', uri: 'tel:054263234' } },
      ],
    },
  });
  const flex = {
    type: 'flex',
    altText: 'สิทธิ์ที่อาจได้รับ',
    contents: { type: 'carousel', contents: [bubble('เบี้ยยังชีพผู้สูงอายุ', '700 บาท (อายุ 70–79 ปี)'), bubble('เบี้ยความพิการ', '800 บาท')] },
  } as unknown as LineMessage;
  const pick = text('เลือกวันที่สะดวกเข้าพบค่ะ', [
    { label: 'เลือกวันที่', datetime: { data: 'pick-date', mode: 'date', initial: '2026-12-01', min: '2026-11-30', max: '2027-01-31' } },
    { label: 'ส่งตำแหน่ง', action: 'location' },
    { label: 'ยกเลิก', text: 'ยกเลิก' },
  ]);
  return [flex, pick];
};

describeWithBrowser('simulator page in a real browser (chromium)', () => {
  let db: TestDb;
  let bot: SimulatedBot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await connectTestDb();
    bot = await startSimulatedBot({ handler: showcase });
    browser = await launchBrowser();
    page = browser.page;
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await db?.close();
  });

  it('types a message, sees the Thai greeting and its chips, taps a chip and sees the answer', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bot.baseUrl}/simulator`);
    await page.getByRole('tab', { name: 'ลูกสาว (สมใจ)' }).waitFor();
    await page.getByLabel('ข้อความ').fill('สวัสดีค่ะ');
    await page.getByLabel('ข้อความ').press('Enter');

    const userBubble = page.locator('.row.user .user-bubble', { hasText: 'สวัสดีค่ะ' });
    await userBubble.waitFor();
    const greeting = page.locator('.row.bot .bot-bubble', { hasText: 'ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อนยินดีให้บริการ' });
    await greeting.first().waitFor();
    const chips = page.locator('#quick .chip');
    await expect(chips.allInnerTexts()).resolves.toEqual(['ขอความช่วยเหลือ', 'ตรวจสอบสิทธิ์', 'นัดหมายเข้าพบ', 'ติดตามคำร้อง', 'ติดต่อเจ้าหน้าที่', 'ข้อมูลศูนย์ฯ']);
    await page.locator('.row.user .read').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, '1-greeting.png') });

    await chips.filter({ hasText: 'ตรวจสอบสิทธิ์' }).click();
    await page.locator('.row.user .user-bubble', { hasText: 'ตรวจสอบสิทธิ์' }).waitFor();
    await greeting.nth(1).waitFor();
    await page.screenshot({ path: path.join(SHOTS, '2-after-chip.png') });
    expect(errors).toEqual([]);
  }, 20_000);

  it('renders Flex carousels, opens the date picker from a chip and sends the date as a postback; other users keep their own chat', async () => {
    await page.getByLabel('ข้อความ').fill('ดูตัวอย่าง');
    await page.getByLabel('ข้อความ').press('Enter');
    const bubbles = page.locator('.fx-bubble');
    await bubbles.nth(1).waitFor();
    await expect(bubbles.count()).resolves.toBe(2);
    await expect(page.locator('.fx-bubble').first().locator('.fx-btn-primary').innerText()).resolves.toBe('นัดหมายลงทะเบียน');
    await page.locator('#quick .chip', { hasText: 'เลือกวันที่' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, '3-flex.png') });

    await page.locator('#quick .chip', { hasText: 'เลือกวันที่' }).click();
    const input = page.locator('[data-testid=datetime-input]');
    await expect(input.inputValue()).resolves.toBe('2026-12-01');
    await input.fill('2026-12-08');
    await page.screenshot({ path: path.join(SHOTS, '4-datepicker.png') });
    await page.getByRole('button', { name: 'ตกลง' }).click();
    await page.locator('.row.bot .bot-bubble', { hasText: 'ได้รับวันที่ 2026-12-08 ค่ะ' }).waitFor();

    // A Flex postback button
    await page.locator('.fx-bubble').nth(1).locator('.fx-btn-primary').click();
    await page.locator('.row.bot .bot-bubble', { hasText: 'ได้รับ book=เบี้ยความพิการ ค่ะ' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, '5-after-postbacks.png') });

    // The father's chat is separate.
    await page.getByRole('tab', { name: 'พ่อ (สมบูรณ์)' }).click();
    await page.locator('.intro').waitFor();
    await expect(page.locator('.row').count()).resolves.toBe(0);
  }, 25_000);

  it('sends a photo, a sticker and a location from the page; each shows on the right and the bot answers', async () => {
    await page.getByRole('tab', { name: 'ลูกสาว (สมใจ)' }).click();
    const answers = page.locator('.row.bot');
    const count = async () => answers.count();
    const waitForMore = (n: number) => answers.nth(n).waitFor(); // an answer beyond the n seen before
    // a 1×1 PNG
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    let n = await count();
    await page.setInputFiles('#file', { name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.locator('.row.user .media img').waitFor();
    await waitForMore(n);

    n = await count();
    await page.locator('#sticker-btn').click();
    await page.locator('.sticker-pick').first().click();
    await page.locator('.row.user .sticker').waitFor();
    await waitForMore(n);

    n = await count();
    await page.locator('#plus').click();
    await page.locator('.plus-item', { hasText: 'ตำแหน่ง' }).click();
    await page.locator('.place', { hasText: 'บ้านหลวง' }).click();
    await page.locator('.row.user .location-card', { hasText: 'บ้านหลวง' }).waitFor();
    await waitForMore(n);
    await page.screenshot({ path: path.join(SHOTS, '6-photo-sticker-location.png') });

    const daughter = bot.simulator.users().find((u) => u.displayName === 'ลูกสาว (สมใจ)')!;
    const sent = bot.simulator
      .chat(daughter.userId)
      .filter((e) => e.from === 'user')
      .map((e) => e.message?.type);
    expect(sent.slice(-3)).toEqual(['image', 'sticker', 'location']);
  }, 20_000);
});
