/**
 * The staff console in a real browser (Debian's chromium driven by playwright-core): log in, find the newest
 * urgent request on today's page, read its transcript, reply, set "visit scheduled" — and the citizen receives
 * both messages in LINE (nock). Phone-sized and desktop screenshots go to $ADMIN_SCREENSHOTS
 * (default /tmp/admin-screenshots).
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides). Without it the test skips
 * with a message, except under CI (CI=true), where a missing browser fails.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, type Browser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import type { NockLine } from '../helpers/nockLine';
import { Citizen } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Booking } from '../../src/db/models/booking';
import { bookableDates } from '../../src/domain/calendar/slots';
import { PASSWORD, fileUrgentRequest, storeRequest, type Staff } from './helpers';

describeWithBrowser('staff console in a real browser (chromium)', () => {
  const c = useConsoleInBrowser({
    staff: { role: 'staff', displayName: 'สมศรี ใจงาม' },
    viewport: { width: 390, height: 844 },
    profile: { displayName: 'มานะ', language: 'th' },
    env: { STAFF_GROUP_ID: `C${'4'.repeat(32)}` },
  });
  const { errors } = c;
  let base: string;
  let browser: Browser;
  let staff: Staff;
  let line: NockLine;
  let citizen: Citizen;
  let reference: string;

  beforeAll(async () => {
    base = c.base();
    browser = c.browser();
    staff = c.staff();
    line = c.line();
    // Some older requests, then the urgent one a citizen files through the webhook.
    await storeRequest({ category: 'housing', details: 'หลังคารั่ว' });
    await storeRequest({ category: 'disability', urgency: 'soon', village: 'บ้านแจ้ซ้อนเหนือ' });
    citizen = new Citizen(`U${'5'.repeat(32)}`, c.bot(), line);
    reference = await fileUrgentRequest(citizen);
  }, 40_000);

  const watch = (page: Page) => {
    c.watch(page);
    page.setDefaultTimeout(8000);
    return page;
  };

  /** Opens a console page, logging in first if the session is missing (each test can run alone). */
  const open = async (page: Page, url: string) => {
    await page.goto(url);
    await page.locator('#username, #top:not([hidden])').first().waitFor();
    if (await page.locator('#username').isVisible()) {
      await page.getByLabel('ชื่อผู้ใช้').fill(staff.username);
      await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
      await page.locator('#top:not([hidden])').waitFor();
    }
  };

  it('on a phone: logs in, opens the newest urgent request, reads the transcript, replies, sets visit scheduled', async () => {
    const page = watch(browser.page);
    await page.goto(`${base}/admin`);
    await page.getByLabel('ชื่อผู้ใช้').fill(staff.username);
    await page.getByLabel('รหัสผ่าน').fill('wrong password!');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('alert').filter({ hasText: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'phone-1-login.png') });
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();

    // Today: the urgent request is first among the open urgent ones.
    const urgent = page.locator('section', { has: page.getByRole('heading', { name: /ด่วน ยังไม่เสร็จ/ }) }).locator('a.item');
    await urgent.first().waitFor();
    await expect(urgent.first().innerText()).resolves.toContain(reference);
    await page.screenshot({ path: path.join(SHOTS, 'phone-2-today.png'), fullPage: true });

    await urgent.first().click();
    await page.getByRole('heading', { name: `คำร้อง ${reference}` }).waitFor();
    const log = page.getByRole('log', { name: 'บทสนทนา' });
    await log.locator('.msg.citizen', { hasText: 'ตกงาน ไม่มีเงินซื้อข้าว' }).waitFor();
    await expect(page.locator('.facts').innerText()).resolves.toContain('081-234-5678');
    await page.screenshot({ path: path.join(SHOTS, 'phone-3-request.png'), fullPage: true });

    await page.getByLabel('ข้อความตอบกลับ').fill('สวัสดีค่ะ คุณมานะ เจ้าหน้าที่รับเรื่องแล้ว พรุ่งนี้จะไปเยี่ยมที่บ้านนะคะ');
    await page.getByRole('button', { name: 'ส่ง', exact: true }).click();
    await page.locator('#toast', { hasText: 'ส่งถึงผู้ร้องแล้ว' }).waitFor();
    await log.locator('.msg.staff', { hasText: 'พรุ่งนี้จะไปเยี่ยมที่บ้านนะคะ' }).waitFor();

    await page.getByLabel('ข้อความถึงผู้ร้อง (ไม่บังคับ)').fill('พรุ่งนี้ ๑๐ โมงเช้า');
    await page.getByRole('button', { name: 'นัดเยี่ยมบ้านแล้ว' }).click();
    await page.locator('#toast', { hasText: 'เปลี่ยนสถานะเป็น "นัดเยี่ยมบ้านแล้ว" แล้ว' }).waitFor();
    await page.locator('h1 + span .badge.visit_scheduled').waitFor();
    await page.mouse.wheel(0, -100_000);
    await page.screenshot({ path: path.join(SHOTS, 'phone-4-after.png'), fullPage: true });

    const texts = line
      .pushes()
      .filter((c) => c.body.to === citizen.userId && c.status === 200)
      .flatMap((c) => c.body.messages.map((m: any) => m.text));
    expect(texts).toEqual(
      expect.arrayContaining([
        '💬 เจ้าหน้าที่ศูนย์ฯ (สมศรี ใจงาม):\nสวัสดีค่ะ คุณมานะ เจ้าหน้าที่รับเรื่องแล้ว พรุ่งนี้จะไปเยี่ยมที่บ้านนะคะ',
        `🏠 คำร้อง ${reference}: เจ้าหน้าที่นัดเยี่ยมบ้านแล้วค่ะ\nหมายเหตุจากเจ้าหน้าที่: พรุ่งนี้ ๑๐ โมงเช้า`,
      ]),
    );
    expect((await HelpRequest.findOne({ reference }).lean())!.status).toBe('visit_scheduled');
    expect(errors).toEqual([]);
    await page.close();
  }, 40_000);

  it('on a desktop: the list with filters and the request page in two columns', async () => {
    const page = watch(await browser.context.newPage());
    await page.setViewportSize({ width: 1366, height: 900 });
    await open(page, `${base}/admin/requests`);
    await page.locator('a.item').first().waitFor();
    await page.getByLabel('ด่วน', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await page.waitForURL(/urgent=true/);
    await page.locator('p', { hasText: 'พบ 1 รายการ' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-1-list.png'), fullPage: true });
    await page.locator('a.item').first().click();
    await page.getByRole('heading', { name: `คำร้อง ${reference}` }).waitFor();
    await page.locator('.msg.citizen').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-2-request.png'), fullPage: true });
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).locator('a[href="/admin/chats"]').click();
    await page.getByRole('heading', { name: 'แชทที่รอเจ้าหน้าที่' }).waitFor();
    await page.locator('main a.item, main .empty').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-3-chats.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it('bookings of a day (mark attended) and the settings page render on a phone', async () => {
    const date = bookableDates(new Date(), 2)[1]!;
    await Booking.create({
      reference: 'NB-2569-60001',
      submissionKey: `b-${Date.now()}`,
      lineUserId: citizen.userId,
      requesterName: 'มานะ',
      purpose: 'register_old_age',
      beneficiary: { who: 'self', name: 'นายมานะ ขยัน' },
      date,
      time: '09:00',
      start: new Date(`${date}T09:00:00+07:00`),
      seat: 1,
      phone: '0812345678',
      remindAt: null,
    });
    const page = watch(await browser.context.newPage());
    await open(page, `${base}/admin/bookings?date=${date}`);
    const row = page.locator('tr', { hasText: 'NB-2569-60001' });
    await row.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'phone-5-bookings.png'), fullPage: true });
    await row.getByRole('button', { name: 'มาตามนัด' }).click();
    await page.locator('tr', { hasText: 'NB-2569-60001' }).locator('.badge', { hasText: 'มาตามนัด' }).waitFor();
    expect((await Booking.findOne({ reference: 'NB-2569-60001' }).lean())!.status).toBe('attended');
    await page.goto(`${base}/admin/settings`);
    await page.getByRole('heading', { name: 'ช่วงเวลานัดและจำนวนที่รับ' }).waitFor();
    await page.locator('p', { hasText: 'ดูได้อย่างเดียว' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'phone-6-settings.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
