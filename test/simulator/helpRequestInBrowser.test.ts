/**
 * Issue 4's "done when": on the simulator page, in a real browser, a person completes a help request with the
 * real conversation by tapping chips (and typing where the bot asks for words), and gets a reference number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connectTestDb, type TestDb } from '../helpers/db';
import { describeWithBrowser, launchBrowser, type Browser } from '../helpers/browser';
import { startSimulatedBot, type SimulatedBot } from './harness';
import { HelpRequest } from '../../src/db/models/helpRequest';

const SHOTS = process.env.SIMULATOR_SCREENSHOTS ?? '/tmp/simulator-screenshots';

describeWithBrowser('simulator page with the real bot', () => {
  let db: TestDb;
  let bot: SimulatedBot;
  let browser: Browser;

  beforeAll(async () => {
    db = await connectTestDb();
    bot = await startSimulatedBot();
    browser = await launchBrowser();
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await db?.close();
  });

  it('completes a help request for a father by tapping chips, and sees the reference', async () => {
    const { page } = browser;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${bot.baseUrl}/simulator`);
    await page.getByRole('tab', { name: 'ลูกสาว (สมใจ)' }).waitFor();
    const input = page.getByLabel('ข้อความ');
    const botSaid = (text: string) => page.locator('.row.bot', { hasText: text }).last().waitFor();
    const tap = async (label: string, next: string) => {
      await page.locator('#quick .chip', { hasText: label }).first().click();
      await botSaid(next);
    };
    const type = async (text: string, next: string) => {
      await input.fill(text);
      await input.press('Enter');
      await botSaid(next);
    };

    await type('สวัสดีค่ะ', 'ต้องการให้ช่วยเรื่องอะไรคะ');
    await tap('ขอความช่วยเหลือ', 'ผู้ที่ต้องการความช่วยเหลือคือใครคะ');
    await tap('ญาติ/คนในครอบครัว', 'เป็นอะไรกับคุณคะ');
    await tap('พ่อ', 'ขอทราบชื่อ-นามสกุลของคุณพ่อค่ะ');
    await type('สมบูรณ์ ใจดี', 'คุณพ่ออายุเท่าไรคะ');
    await type('๗๘', 'เจ้าหน้าที่ติดต่อคุณพ่อโดยตรงได้ไหมคะ');
    await tap('ติดต่อได้', 'เป็นเรื่องเกี่ยวกับอะไรคะ');
    await tap('ผู้สูงอายุ', 'เร่งด่วนแค่ไหนคะ');
    await tap('ไม่เร่งด่วน', 'เล่าเหตุการณ์');
    await type('พ่ออยู่บ้านคนเดียว เดินไม่ค่อยได้', 'มีรูปถ่าย');
    await tap('ข้าม', 'ส่งตำแหน่งบ้าน');
    await tap('ข้าม', 'อยู่หมู่บ้านไหนคะ');
    await tap('บ้านหลวง', 'ขอเบอร์โทร');
    await type('081 234 5678', 'เลขบัตรประชาชน 13 หลัก');
    await tap('ข้าม', 'ขอความยินยอม');
    await tap('ยินยอม', 'สรุปคำร้องขอความช่วยเหลือ');
    await page.screenshot({ path: path.join(SHOTS, 'help-summary.png') });
    await tap('ยืนยัน', 'ส่งคำร้องเรียบร้อยแล้ว');
    await page.screenshot({ path: path.join(SHOTS, 'help-sent.png') });

    const saved = await HelpRequest.findOne({}).lean();
    expect(saved).toMatchObject({ beneficiary: { who: 'relative', relation: 'father', age: 78 }, village: 'บ้านหลวง', phone: '0812345678' });
    await page.locator('.row.bot', { hasText: saved!.reference }).first().waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
