/**
 * A reply being typed in the staff console survives every refresh of the page's data, in a real browser
 * (Debian's chromium via playwright-core): the request page's poll bringing a new message from the citizen, a
 * status change, an internal note, leaving the page and coming back, closing the chat on the chat page. The reply box keeps its text, focus and
 * cursor; once sent, the draft is gone. Skips without chromium, except under CI.
 *
 * The page's 10-second poll runs on playwright's fake clock (`page.clock`): the test moves time forward instead
 * of waiting.
 */
import type { Page } from 'playwright-core';
import { describeWithBrowser } from '../helpers/browser';
import { useConsoleInBrowser } from '../helpers/consoleBrowser';
import { Citizen } from '../helpers/chat';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { fileUrgentRequest, makeStaff, storeRequest } from './helpers';

describeWithBrowser('a reply being typed in the console survives refreshes (chromium)', () => {
  const c = useConsoleInBrowser({
    staff: { role: 'staff', displayName: 'สมศรี ใจงาม' },
    viewport: { width: 1280, height: 900 },
    profile: { displayName: 'มานะ', language: 'th' },
    env: { STAFF_GROUP_ID: `C${'6'.repeat(32)}` },
  });
  const { errors } = c;
  let citizen: Citizen;
  let reference: string;
  let page: Page;

  beforeAll(async () => {
    citizen = new Citizen(`U${'8'.repeat(32)}`, c.bot(), c.line());
    reference = await fileUrgentRequest(citizen);
    page = c.watch(c.page());
    await page.clock.install();
    await page.goto(`${c.base()}/admin/requests/${reference}`);
    await c.loginAs(c.staff().username);
    await page.getByRole('heading', { name: `คำร้อง ${reference}` }).waitFor();
  }, 40_000);

  const reply = () => page.getByLabel('ข้อความตอบกลับ');
  const log = () => page.getByRole('log', { name: 'บทสนทนา' });
  /** The reply box's text, whether it has the focus, and where the cursor is. */
  const replyState = () =>
    reply().evaluate((el) => ({ value: el.value, focused: el.ownerDocument.activeElement === el, cursor: [el.selectionStart, el.selectionEnd] }));

  it('keeps the text, focus and cursor when the poll brings a new message from the citizen', async () => {
    await reply().click();
    await page.keyboard.type('สวัสดีค่ะ คุณมานะ พรุ่งนี้');
    // The cursor goes back before "พรุ่งนี้" (arrow keys move by Thai grapheme clusters; set it exactly).
    await reply().evaluate((el) => el.setSelectionRange(el.value.indexOf('พรุ่งนี้'), el.value.indexOf('พรุ่งนี้')));
    const before = await replyState();
    const at = 'สวัสดีค่ะ คุณมานะ '.length;
    expect(before).toEqual({ value: 'สวัสดีค่ะ คุณมานะ พรุ่งนี้', focused: true, cursor: [at, at] });

    await citizen.say('ขอบคุณครับ รอเจ้าหน้าที่อยู่นะครับ');
    await page.clock.runFor(10_000);
    await log().locator('.msg.citizen', { hasText: 'รอเจ้าหน้าที่อยู่นะครับ' }).waitFor();

    await expect(replyState()).resolves.toEqual(before);
    // Typing goes on where the cursor was.
    await page.keyboard.type('เช้า ');
    await expect(reply().inputValue()).resolves.toBe('สวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้');
    expect(errors).toEqual([]);
  });

  it('keeps the reply and an internal note being typed when the status changes', async () => {
    await page.getByPlaceholder('บันทึกภายใน (ผู้ร้องไม่เห็น)').fill('โทรหาแล้ว ไม่รับสาย');
    await page.getByLabel('ข้อความถึงผู้ร้อง (ไม่บังคับ)').fill('กำลังประสานงานค่ะ');
    await page.getByRole('button', { name: 'กำลังดำเนินการ' }).click();
    await page.locator('#toast', { hasText: 'เปลี่ยนสถานะเป็น "กำลังดำเนินการ" แล้ว' }).waitFor();
    await page.locator('h1 + span .badge.in_progress').waitFor();
    await page.locator('.history li', { hasText: 'กำลังประสานงานค่ะ' }).waitFor();

    await expect(reply().inputValue()).resolves.toBe('สวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้');
    await expect(page.getByPlaceholder('บันทึกภายใน (ผู้ร้องไม่เห็น)').inputValue()).resolves.toBe('โทรหาแล้ว ไม่รับสาย');
    // The note to the citizen went with the status: its box is empty again.
    await expect(page.getByLabel('ข้อความถึงผู้ร้อง (ไม่บังคับ)').inputValue()).resolves.toBe('');
    expect((await HelpRequest.findOne({ reference }).lean())!.status).toBe('in_progress');

    await page.getByRole('button', { name: 'เพิ่มบันทึก' }).click();
    await page.locator('ul.notes li', { hasText: 'โทรหาแล้ว ไม่รับสาย' }).waitFor();
    await expect(reply().inputValue()).resolves.toBe('สวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้');
    expect(errors).toEqual([]);
  });

  it('restores an unsent reply after leaving the page, and forgets it once sent', async () => {
    await page.getByRole('link', { name: '‹ รายการคำร้อง' }).click();
    await page.getByRole('heading', { name: 'คำร้อง', exact: true }).waitFor();
    await page.locator(`a.item[href="/admin/requests/${reference}"]`).click();
    await page.getByRole('heading', { name: `คำร้อง ${reference}` }).waitFor();
    await expect(reply().inputValue()).resolves.toBe('สวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้');

    await page.getByRole('button', { name: 'ส่ง', exact: true }).click();
    await page.locator('#toast', { hasText: 'ส่งถึงผู้ร้องแล้ว' }).waitFor();
    await log().locator('.msg.staff', { hasText: 'สวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้' }).waitFor();
    await expect(reply().inputValue()).resolves.toBe('');
    const pushed = c
      .line()
      .pushes()
      .filter((c) => c.body.to === citizen.userId && c.status === 200)
      .flatMap((c) => c.body.messages.map((m: { text?: string }) => m.text));
    expect(pushed).toContain('💬 เจ้าหน้าที่ศูนย์ฯ (สมศรี ใจงาม):\nสวัสดีค่ะ คุณมานะ เช้า พรุ่งนี้');

    await page.reload();
    await page.getByRole('heading', { name: `คำร้อง ${reference}` }).waitFor();
    await expect(reply().inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
  });

  it('on the chat page, keeps the reply being typed when the chat is closed', async () => {
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${c.base()}/admin/chats/${citizen.userId}`);
    await page.getByRole('heading', { name: 'แชทกับ มานะ' }).waitFor();
    await reply().fill('ถ้ามีอะไรเพิ่มเติม ทักมาได้เลยนะคะ');
    await page.getByRole('button', { name: 'ปิดการคุย' }).click();
    await page.locator('#toast', { hasText: 'ปิดการคุยแล้ว' }).waitFor();
    await page.getByText('บอทตอบอัตโนมัติ').waitFor();
    await expect(reply().inputValue()).resolves.toBe('ถ้ามีอะไรเพิ่มเติม ทักมาได้เลยนะคะ');
    expect(errors).toEqual([]);
  });

  it("a volunteer's request page: the responsible person's name, no status buttons, adds a note", async () => {
    const volunteer = await makeStaff('volunteer', { displayName: 'อพม. บุญมา', villages: ['บ้านหลวง'] });
    const r = await storeRequest({ village: 'บ้านหลวง', assignedTo: volunteer.id });
    // The staff member's page leaves first: its poll would otherwise run with the volunteer's cookie (same context).
    await page.goto('about:blank');
    const other = await c.browser().context.newPage();
    other.on('pageerror', (e) => errors.push(e.message));
    await other.context().clearCookies();
    await other.goto(`${c.base()}/admin/requests/${r.reference}`);
    await c.loginAs(volunteer.username, other);
    await other.getByRole('heading', { name: `คำร้อง ${r.reference}` }).waitFor();
    await other
      .locator('section', { has: other.getByRole('heading', { name: 'ผู้รับผิดชอบ' }) })
      .getByText('อพม. บุญมา')
      .waitFor();
    await expect(other.locator('.status-buttons').count()).resolves.toBe(0);
    await other.getByPlaceholder('บันทึกภายใน (ผู้ร้องไม่เห็น)').fill('ไปเยี่ยมแล้ว แม่สบายดี');
    await other.getByRole('button', { name: 'เพิ่มบันทึก' }).click();
    await other.locator('ul.notes li', { hasText: 'ไปเยี่ยมแล้ว แม่สบายดี' }).waitFor();
    await expect(other.locator('section', { has: other.getByRole('heading', { name: 'ผู้รับผิดชอบ' }) }).innerText()).resolves.toContain('อพม. บุญมา');
    await other.close();
    expect(errors).toEqual([]);
  });
});
