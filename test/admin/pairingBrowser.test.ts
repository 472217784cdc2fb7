/**
 * Pairing the staff LINE group as an admin does it, in a real browser: ตั้งค่า → สร้างรหัสจับคู่ shows a code,
 * someone types it in the group (a signed webhook event), the page confirms by itself, then ยกเลิกการจับคู่.
 * Screenshots go to $ADMIN_SCREENSHOTS (default /tmp/admin-screenshots).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeWithBrowser, launchBrowser, type Browser } from '../helpers/browser';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { textEvent } from '../helpers/line';
import { getSetting } from '../../src/db/models/setting';
import { PASSWORD, makeStaff, type Staff } from './helpers';

const SHOTS = process.env.ADMIN_SCREENSHOTS ?? '/tmp/admin-screenshots';
const GROUP = `C${'9f'.repeat(16)}`;

describeWithBrowser('staff group pairing in a real browser (chromium)', () => {
  let db: TestDb;
  let bot: TestBot;
  let line: NockLine;
  let server: Server;
  let base: string;
  let browser: Browser;
  let admin: Staff;
  const errors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await connectTestDb();
    line = nockLine();
    bot = startTestBot();
    server = await new Promise<Server>((resolve) => {
      const s = bot.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    admin = await makeStaff('admin', { displayName: 'ผู้ดูแล ระบบ' });
    browser = await launchBrowser({ width: 390, height: 844 });
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await bot?.stop();
    line?.done();
    await db?.close();
  });

  it('shows a code, confirms the pairing when it is typed in the group, and unpairs', async () => {
    const page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401 \(Unauthorized\)/.test(m.text())) errors.push(m.text());
    });
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/admin/settings`);
    await page.getByLabel('ชื่อผู้ใช้').fill(admin.username);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    const card = page.locator('#staff-group');
    await card.getByText('ยังไม่ได้จับคู่กลุ่ม').waitFor();

    await card.getByRole('button', { name: 'สร้างรหัสจับคู่' }).click();
    const shown = (await page.locator('#pairing-code').innerText()).replace(/\s/g, '');
    expect(shown).toMatch(/^\d{6}$/);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, 'phone-pairing-code.png'), fullPage: true });

    // Someone types the code in the staff group.
    const e = textEvent('U' + '7a'.repeat(16), shown);
    await bot.post({ ...e, source: { type: 'group', groupId: GROUP, userId: 'U' + '7a'.repeat(16) } });
    await bot.settle();
    expect((await getSetting<string>('staffGroupId'))?.value).toBe(GROUP);
    // The page notices by itself (it asks every 3 s) and shows the paired group.
    await page.locator('#staff-group-paired', { hasText: 'จับคู่แล้วกับกลุ่ม C…9f9f9f' }).waitFor({ timeout: 10_000 });
    await page.locator('#toast', { hasText: 'สำเร็จแล้ว' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'phone-pairing-done.png'), fullPage: true });

    await page.locator('#staff-group').getByRole('button', { name: 'ยกเลิกการจับคู่' }).click();
    await page.locator('#staff-group').getByText('ยังไม่ได้จับคู่กลุ่ม').waitFor();
    expect(await getSetting('staffGroupId')).toBeUndefined();
    expect(errors).toEqual([]);
  }, 40_000);
});
