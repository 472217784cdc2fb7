/**
 * Danger alerts in the staff console, in a real browser (Debian's chromium via playwright-core): a citizen's
 * suicide hint shows in "แจ้งเตือนอันตราย" (also without a request) with its kind, who is at risk and the message;
 * "รับทราบ" takes it off the list and records who did it. Screenshot in $ADMIN_SCREENSHOTS (default
 * /tmp/admin-screenshots). Skips without chromium, except under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithBrowser, launchBrowser, type Browser } from '../helpers/browser';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Citizen } from '../helpers/chat';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { PASSWORD, makeStaff, type Staff } from './helpers';

const SHOTS = process.env.ADMIN_SCREENSHOTS ?? '/tmp/admin-screenshots';

describeWithBrowser('danger alerts in the console (chromium)', () => {
  let db: TestDb;
  let bot: TestBot;
  let line: NockLine;
  let server: Server;
  let base: string;
  let browser: Browser;
  let staff: Staff;
  const errors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await connectTestDb();
    line = nockLine({ profile: { displayName: 'ประเสริฐ', language: 'th' } });
    bot = startTestBot();
    server = await new Promise<Server>((resolve) => {
      const s = bot.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    staff = await makeStaff('staff', { displayName: 'สมศรี ใจงาม' });
    browser = await launchBrowser({ width: 390, height: 844 });
    browser.context.on('weberror', (e) => errors.push(e.error().message));
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await bot?.stop();
    line?.done();
    await db?.close();
  });

  it('shows the alert of a caregiver at risk and acknowledges it', async () => {
    const citizen = new Citizen(`U${'7'.repeat(32)}`, bot, line);
    await citizen.say('เหนื่อยมากครับ ดูแลพ่อคนเดียวมาสองปี ไม่อยากอยู่แล้ว');
    expect(citizen.text()).toContain('คุณไม่ได้อยู่คนเดียวนะคะ');

    const page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401 \(Unauthorized\)/.test(m.text())) errors.push(m.text());
    });
    await page.goto(`${base}/admin/alerts`);
    await page.getByLabel('ชื่อผู้ใช้').fill(staff.username);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('heading', { name: /แจ้งเตือนอันตราย/ }).waitFor();
    await expect(page.locator('#alert-count').innerText()).resolves.toBe('1');

    const item = page.locator('li.alert', { hasText: 'ประเสริฐ' });
    await item.waitFor();
    const text = await item.innerText();
    expect(text).toContain('ทำร้ายตัวเอง');
    expect(text).toContain('ไม่อยากอยู่แล้ว');
    expect(text).toContain('ผู้ที่พิมพ์เองอาจมีอันตราย');
    expect(text).toContain('ยังไม่มีคำร้อง');
    await expect(item.getByRole('link', { name: 'เปิดแชท' }).getAttribute('href')).resolves.toBe(`/admin/chats/${citizen.userId}`);
    await page.screenshot({ path: path.join(SHOTS, 'phone-alerts-open.png'), fullPage: true });

    await item.getByRole('button', { name: 'รับทราบ' }).click();
    await page.locator('#toast', { hasText: 'รับทราบแล้ว' }).waitFor();
    await page.getByText('ไม่มีแจ้งเตือนอันตรายที่ยังไม่ได้รับทราบ').waitFor();
    await expect(page.locator('#alert-count').isHidden()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'phone-alerts-acknowledged.png'), fullPage: true });

    const stored = await StaffAlert.findOne({ kind: 'danger', lineUserId: citizen.userId }).lean();
    expect(stored).toMatchObject({ acknowledgedBy: { id: staff.id, name: 'สมศรี ใจงาม' } });
    expect(stored?.acknowledgedAt).toBeInstanceOf(Date);
    expect(errors).toEqual([]);
  });
});
