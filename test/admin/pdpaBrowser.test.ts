/**
 * PDPA work in the console, in a real browser (Debian's chromium via playwright-core): a citizen's request to
 * erase their data shows on the alert page; the admin opens the citizen, downloads the ZIP, erases with a reason,
 * and the settings page shows the retention periods. Screenshots in $ADMIN_SCREENSHOTS (default
 * /tmp/admin-screenshots). Skips without chromium, except under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describeWithBrowser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import { Citizen } from '../helpers/chat';
import { Citizen as CitizenModel } from '../../src/db/models/citizen';
import { ConversationMessage } from '../../src/db/models/conversationMessage';
import { AuditLog } from '../../src/db/models/auditLog';

describeWithBrowser('PDPA in the console (chromium)', () => {
  const c = useConsoleInBrowser({
    profile: { displayName: 'บัวคำ', language: 'th' },
    staff: { role: 'admin', displayName: 'ผู้ดูแล ระบบ' },
    viewport: { width: 1100, height: 900 },
  });
  const { errors } = c;

  it('takes the erasure request from the alert page to a downloaded ZIP and an erasure with its reason', async () => {
    const admin = c.staff();
    const base = c.base();
    const citizen = new Citizen(`U${'5'.repeat(32)}`, c.bot(), c.line());
    await citizen.say('ยายอยู่บ้านคนเดียว เบอร์ 0891112222');
    await citizen.say('ลบข้อมูลของฉันค่ะ');
    expect(citizen.text()).toContain('รับคำขอลบข้อมูลของคุณแล้วค่ะ');

    const page = c.watch(c.page());
    await page.goto(`${base}/admin/alerts`);
    await c.loginAs(admin.username);
    const task = page.locator('li.item', { hasText: 'ขอลบข้อมูลของตน' });
    await task.waitFor();
    expect(await task.innerText()).toContain('บัวคำ');
    await task.getByRole('link', { name: 'เปิดหน้าผู้ติดต่อ' }).click();
    await page.getByRole('heading', { name: 'ข้อมูลส่วนบุคคล (PDPA)' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ดาวน์โหลดข้อมูลทั้งหมด (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^citizen-data-555555-.*\.zip$/);
    const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    expect(new TextDecoder().decode(files['summary.html'])).toContain('0891112222');

    await page.getByText('ลบข้อมูลของผู้ติดต่อรายนี้').click();
    await page.getByLabel('เหตุผล (บันทึกในประวัติการใช้งาน)').fill('ผู้ร้องขอลบทาง LINE โทรยืนยันแล้ว');
    await page.getByLabel('ตรวจสอบตัวตนผู้ขอแล้ว และเข้าใจว่าลบแล้วกู้คืนไม่ได้').check();
    await page.screenshot({ path: path.join(SHOTS, 'desktop-pdpa-erase.png'), fullPage: true });
    await page.getByRole('button', { name: 'ลบข้อมูลถาวร' }).click();
    await page.locator('#toast', { hasText: 'ลบข้อมูลแล้ว' }).waitFor();
    await page.waitForURL(`${base}/admin`);
    expect(await CitizenModel.countDocuments({ lineUserId: citizen.userId })).toBe(0);
    expect(await ConversationMessage.countDocuments({ lineUserId: citizen.userId })).toBe(0);
    expect(await AuditLog.findOne({ action: 'erase_citizen', targetId: citizen.userId }).lean()).toMatchObject({
      actorId: admin.id,
      detail: { reason: 'ผู้ร้องขอลบทาง LINE โทรยืนยันแล้ว' },
    });

    // The request is done by the erasure; the settings page shows the periods the job applies.
    await page.goto(`${base}/admin/alerts`);
    await page.getByText('ไม่มีคำขอที่ค้างอยู่').waitFor();
    await page.goto(`${base}/admin/settings`);
    const table = page.locator('section', { has: page.getByRole('heading', { name: 'ระยะเวลาเก็บข้อมูล' }) });
    await table.waitFor();
    expect(await table.innerText()).toContain('5 ปี');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-settings-retention.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
