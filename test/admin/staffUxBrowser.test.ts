/**
 * Staff work in a real browser (Debian's chromium via playwright-core): the bookings page shows a whole week,
 * opening on the week of the next day the centre is open (never on a closed day alone), with closed days named,
 * previous/next week, marking a visit attended, and the week's CSV; a request filed "ติดต่อผ่านฉัน" says so on
 * its page. Screenshots in $ADMIN_SCREENSHOTS (default /tmp/admin-screenshots). Skips without chromium, except
 * under CI.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import { Booking } from '../../src/db/models/booking';
import { nextOpenDay, weekOf } from '../../src/admin/bookings';
import { toBangkok } from '../../src/domain/bangkokTime';
import { storeRequest } from './helpers';

describeWithBrowser('staff UX in the console (chromium)', () => {
  const c = useConsoleInBrowser({
    env: { STAFF_GROUP_ID: `C${'2'.repeat(32)}` },
    staff: { role: 'staff', displayName: 'สมศรี ใจงาม' },
    viewport: { width: 390, height: 844 },
  });
  const { errors, watch } = c;

  const openDay = nextOpenDay(new Date());
  const week = weekOf(openDay);
  const nextMonday = toBangkok(week.start).plus({ days: 7 }).toISODate()!;

  const book = (reference: string, date: string, time: string, name: string) =>
    Booking.create({
      reference,
      submissionKey: `wk-${reference}`,
      lineUserId: `U${'3'.repeat(32)}`,
      requesterName: 'มานะ',
      purpose: 'register_old_age',
      beneficiary: { who: 'self', name },
      date,
      time,
      start: new Date(`${date}T${time}:00+07:00`),
      seat: 1,
      phone: '0812345678',
      remindAt: null,
    });

  beforeAll(async () => {
    await book('NB-2569-61001', openDay, '10:00', 'นายมานะ สัปดาห์นี้');
    await book('NB-2569-61002', nextMonday, '13:00', 'นางสายใจ สัปดาห์หน้า');
  });

  const open = async (page: Page, url: string) => {
    await page.goto(url);
    await page.locator('#username, #top:not([hidden])').first().waitFor();
    if (await page.locator('#username').isVisible()) {
      await c.loginAs(c.staff().username, page);
      await page.locator('#top:not([hidden])').waitFor();
    }
  };

  it('opens on the week of the next open day; closed days named; next/previous week; attended; the week as CSV', async () => {
    const page = watch(c.page());
    await open(page, `${c.base()}/admin`);
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'นัดหมาย' }).click();
    await page.getByRole('heading', { name: /^นัดหมาย · สัปดาห์/ }).waitFor();

    // Seven days, Monday first; the next open day holds this week's booking; Sunday is closed.
    const days = page.locator('main section[id^="day-"]');
    await expect(days.evaluateAll((els) => els.map((e) => e.id))).resolves.toEqual(
      Array.from({ length: 7 }, (_, i) => `day-${toBangkok(week.start).plus({ days: i }).toISODate()}`),
    );
    const today = page.locator(`#day-${openDay}`);
    await today.locator('tr', { hasText: 'NB-2569-61001' }).waitFor();
    await expect(today.locator('.slots').innerText()).resolves.toContain('10:00 น. 1/2');
    await expect(page.locator(`#day-${week.end}`).innerText()).resolves.toContain('ศูนย์ฯ ปิด');
    await expect(page.locator('main').innerText()).resolves.not.toContain('NB-2569-61002');
    await page.screenshot({ path: path.join(SHOTS, 'phone-7-bookings-week.png'), fullPage: true });

    // The week's CSV.
    const csvHref = await page.getByRole('link', { name: 'ส่งออก CSV สัปดาห์นี้' }).getAttribute('href');
    expect(csvHref).toBe(`/admin/api/bookings.csv?from=${week.start}&to=${week.end}`);
    const csv = await page.request.get(c.base() + csvHref);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('NB-2569-61001');
    expect(text).not.toContain('NB-2569-61002');

    // Next week, then back.
    await page.getByRole('button', { name: 'สัปดาห์ถัดไป ›' }).click();
    await page.waitForURL(new RegExp(`date=${nextMonday}`));
    await page.locator(`#day-${nextMonday} tr`, { hasText: 'NB-2569-61002' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.not.toContain('NB-2569-61001');
    await page.getByRole('button', { name: '‹ สัปดาห์ก่อน' }).click();
    await page.locator(`#day-${openDay} tr`, { hasText: 'NB-2569-61001' }).waitFor();

    // Mark the visit attended from the week.
    await page.locator('tr', { hasText: 'NB-2569-61001' }).getByRole('button', { name: 'มาตามนัด' }).click();
    await page.locator('tr', { hasText: 'NB-2569-61001' }).locator('.badge', { hasText: 'มาตามนัด' }).waitFor();
    expect((await Booking.findOne({ reference: 'NB-2569-61001' }).lean())!.status).toBe('attended');

    // A date picked anywhere opens its week.
    await page.getByLabel('ไปยังสัปดาห์ของวันที่').fill(toBangkok(nextMonday).plus({ days: 3 }).toISODate()!);
    await page.locator(`#day-${nextMonday} tr`, { hasText: 'NB-2569-61002' }).waitFor();
    expect(errors).toEqual([]);
  }, 40_000);

  it('shows on the request page that the requester asked to be contacted instead ("ติดต่อผ่านฉัน")', async () => {
    const r = await storeRequest({ beneficiary: { who: 'relative', relation: 'mother', name: 'บุญมา ใจดี', age: 82, contactable: false } });
    const page = watch(await c.browser().context.newPage());
    await open(page, `${c.base()}/admin/requests/${r.reference}`);
    await page.getByRole('heading', { name: `คำร้อง ${r.reference}` }).waitFor();
    await expect(page.locator('#contact-via').innerText()).resolves.toBe('ติดต่อผ่านผู้แจ้งเท่านั้น (ผู้แจ้งเลือก "ติดต่อผ่านฉัน")');
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);
});
