/**
 * Danger alerts in the staff console, in a real browser (Debian's chromium via playwright-core): a citizen's
 * suicide hint shows in "แจ้งเตือนอันตราย" (also without a request) with its kind, who is at risk and the message;
 * "รับทราบ" takes it off the list and records who did it. Screenshot in $ADMIN_SCREENSHOTS (default
 * /tmp/admin-screenshots). Skips without chromium, except under CI.
 */
import path from 'node:path';
import { describeWithBrowser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import { Citizen } from '../helpers/chat';
import { StaffAlert } from '../../src/db/models/staffAlert';

describeWithBrowser('danger alerts in the console (chromium)', () => {
  const c = useConsoleInBrowser({
    profile: { displayName: 'ประเสริฐ', language: 'th' },
    staff: { role: 'staff', displayName: 'สมศรี ใจงาม' },
    viewport: { width: 390, height: 844 },
  });
  const { errors } = c;

  it('shows the alert of a caregiver at risk and acknowledges it', async () => {
    const staff = c.staff();
    const citizen = new Citizen(`U${'7'.repeat(32)}`, c.bot(), c.line());
    await citizen.say('เหนื่อยมากครับ ดูแลพ่อคนเดียวมาสองปี ไม่อยากอยู่แล้ว');
    expect(citizen.text()).toContain('คุณไม่ได้อยู่คนเดียวนะคะ');

    const page = c.watch(c.page());
    await page.goto(`${c.base()}/admin/alerts`);
    await c.loginAs(staff.username);
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
