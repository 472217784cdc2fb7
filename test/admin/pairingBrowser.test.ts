/**
 * Pairing the staff LINE group as an admin does it, in a real browser: ตั้งค่า → สร้างรหัสจับคู่ shows a code,
 * someone types it in the group (a signed webhook event), the page confirms by itself, then ยกเลิกการจับคู่.
 * Screenshots go to $ADMIN_SCREENSHOTS (default /tmp/admin-screenshots).
 */
import path from 'node:path';
import { describeWithBrowser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import { textEvent } from '../helpers/line';
import { getSetting } from '../../src/db/models/setting';

const GROUP = `C${'9f'.repeat(16)}`;

describeWithBrowser('staff group pairing in a real browser (chromium)', () => {
  const c = useConsoleInBrowser({
    staff: { role: 'admin', displayName: 'ผู้ดูแล ระบบ' },
    viewport: { width: 390, height: 844 },
    webErrors: false,
  });
  const { errors } = c;

  it('shows a code, confirms the pairing when it is typed in the group, and unpairs', async () => {
    const bot = c.bot();
    const page = c.watch(c.page());
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${c.base()}/admin/settings`);
    await c.loginAs(c.staff().username);
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
