/**
 * The monthly report page in a real browser (Debian's chromium via playwright-core), on a seeded month: it
 * renders charts (canvases with bars actually drawn) each with its data table, the numbers on the page equal
 * counts taken directly from the database, chart.js loads from the app under the strict CSP (no violation, no
 * error), the month picker and CSV link work, and the print layout hides the menu and shows the centre's name
 * and month. Screenshots in $ADMIN_SCREENSHOTS (default /tmp/admin-screenshots). Skips without chromium, except
 * under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser } from '../helpers/browser';
import { SHOTS, useConsoleInBrowser } from '../helpers/consoleBrowser';
import { HelpRequest } from '../../src/db/models/helpRequest';
import { Booking } from '../../src/db/models/booking';
import { StaffAlert } from '../../src/db/models/staffAlert';
import { makeStaff } from './helpers';
import { SEED_FROM, SEED_MONTH, SEED_TO, seedReportMonth } from './reportSeed';

/** The rows of the table with this caption: { key → [label, number] }. */
async function tableRows(page: Page, caption: string): Promise<Record<string, [string, string]>> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: new RegExp(`^${caption}$`) }) });
  return table
    .locator('tbody tr')
    .evaluateAll((trs: any[]) =>
      Object.fromEntries(trs.map((tr) => [tr.dataset.key ?? '', [tr.querySelector('th').textContent, tr.querySelector('td').textContent]])),
    );
}

describeWithBrowser('monthly report in the console (chromium)', () => {
  const c = useConsoleInBrowser({
    staff: { role: 'staff', displayName: 'สมศรี ใจงาม' },
    viewport: { width: 1280, height: 900 },
  });
  const { errors } = c;

  beforeAll(async () => {
    await seedReportMonth(c.staff().id);
    // Any CSP violation on the page (chart.js evaluating code or setting a style attribute would be one).
    await c.browser().context.addInitScript(() => {
      const w = globalThis as any;
      w.cspViolations = [];
      w.document.addEventListener('securitypolicyviolation', (e: any) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
  });

  it('shows the month with charts and tables whose numbers are the database counts, and prints in Thai', async () => {
    const page = c.watch(c.page());
    await page.goto(`${c.base()}/admin`);
    await c.loginAs(c.staff().username);
    await page.getByRole('link', { name: 'รายงาน' }).click();
    // The previous month by default.
    await page.getByRole('heading', { level: 1, name: /^รายงานประจำเดือน / }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/reports');
    // Another month from the picker (Buddhist-era names).
    await page.getByLabel('เลือกเดือน').selectOption({ label: 'กันยายน 2569' });
    await page.getByRole('heading', { level: 1, name: 'รายงานประจำเดือน กันยายน 2569' }).waitFor();
    expect(new URL(page.url()).search).toBe(`?month=${SEED_MONTH}`);
    await expect(page.locator('.report-centre').innerText()).resolves.toBe('ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน');

    // Every chart is a canvas with bars drawn (coloured pixels), labelled, next to its table.
    const charts = page.locator('figure.chart canvas[role="img"]');
    await expect(charts.count()).resolves.toBe(6);
    const painted = await charts.evaluateAll((canvases: any[]) =>
      canvases.map((canvas) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && !(data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200)) coloured++;
        return { width: canvas.width, height: canvas.height, coloured, label: canvas.getAttribute('aria-label') };
      }),
    );
    for (const p of painted) {
      expect(p.width).toBeGreaterThan(100);
      expect(p.height).toBeGreaterThan(100);
      expect(p.coloured).toBeGreaterThan(500);
      expect(p.label).toMatch(/^แผนภูมิแท่ง: .+ \(ตัวเลขอยู่ในตารางข้างกัน\)$/);
    }
    const described = await page
      .locator('figure.chart')
      .evaluateAll((figs: any[]) => figs.map((f) => f.ownerDocument.getElementById(f.getAttribute('aria-describedby'))?.tagName));
    expect(described).toEqual(Array(6).fill('TABLE'));

    // The numbers in the tables are the database's.
    const inMonth = { createdAt: { $gte: SEED_FROM, $lt: SEED_TO } };
    const byCategory = await tableRows(page, 'คำร้องตามเรื่อง');
    for (const category of ['elderly', 'disability', 'child', 'violence', 'other', 'housing']) {
      expect([category, byCategory[category]?.[1]]).toEqual([category, String(await HelpRequest.countDocuments({ ...inMonth, category } as object))]);
    }
    expect(byCategory.elderly).toEqual(['ผู้สูงอายุ', '2']);
    const byVillage = await tableRows(page, 'คำร้องตามหมู่บ้าน');
    expect(byVillage['บ้านหลวง']![1]).toBe(String(await HelpRequest.countDocuments({ ...inMonth, village: 'บ้านหลวง' })));
    expect(byVillage.outside_area).toEqual(['นอกพื้นที่', String(await HelpRequest.countDocuments({ ...inMonth, outsideArea: true }))]);
    const byStatus = await tableRows(page, 'คำร้องตามสถานะ');
    for (const status of ['received', 'in_progress', 'visit_scheduled', 'resolved', 'closed']) {
      expect([status, byStatus[status]?.[1]]).toEqual([status, String(await HelpRequest.countDocuments({ ...inMonth, status } as object))]);
    }
    const byUrgency = await tableRows(page, 'คำร้องตามความเร่งด่วนที่แจ้ง');
    for (const urgency of ['now', 'soon', 'normal']) {
      expect([urgency, byUrgency[urgency]?.[1]]).toEqual([urgency, String(await HelpRequest.countDocuments({ ...inMonth, urgency } as object))]);
    }
    const total = await HelpRequest.countDocuments(inMonth);
    await expect(
      page
        .locator('table', { has: page.locator('caption', { hasText: 'คำร้องตามเรื่อง' }) })
        .locator('tfoot td')
        .first()
        .innerText(),
    ).resolves.toBe(String(total));
    await expect(page.locator('.stat', { hasText: 'คำร้องทั้งหมด' }).locator('b').innerText()).resolves.toBe(String(total));

    const firstContact = await tableRows(page, 'เวลาตั้งแต่ยื่นคำร้องถึงการติดต่อครั้งแรก');
    expect(firstContact.median![1]).toBe('30 นาที');
    expect(firstContact.p90![1]).toBe('1 ชม. 16 นาที');
    expect(firstContact.notYet![1]).toBe('1');
    await expect(page.getByText(/การเปลี่ยนสถานะคำร้องครั้งแรกจาก "ได้รับเรื่องแล้ว"/).isVisible()).resolves.toBe(true);

    const inMonthDates = { date: { $gte: '2026-09-01', $lte: '2026-09-30' } };
    const bookings = await tableRows(page, 'นัดหมายตามผล');
    for (const status of ['booked', 'cancelled', 'attended', 'no_show']) {
      expect([status, bookings[status]?.[1]]).toEqual([status, String(await Booking.countDocuments({ ...inMonthDates, status } as object))]);
    }
    expect((await tableRows(page, 'การมาตามนัด')).rate![1]).toBe('75%');

    const danger = { ...inMonth, kind: 'danger' as const };
    const kinds = await tableRows(page, 'แจ้งเตือนอันตรายตามประเภท');
    for (const kind of ['self_harm', 'violence', 'medical']) {
      expect([kind, kinds[kind]?.[1]]).toEqual([kind, String(await StaffAlert.countDocuments({ ...danger, danger: kind }))]);
    }
    const ack = await tableRows(page, 'การรับทราบแจ้งเตือนอันตราย');
    expect(ack.acknowledged![1]).toBe(String(await StaffAlert.countDocuments({ ...danger, acknowledgedAt: { $ne: null } })));
    expect(ack.median![1]).toBe('15 นาที');

    // The CSV link downloads the month's tables.
    const href = await page.getByRole('link', { name: 'ดาวน์โหลด CSV (Excel)' }).getAttribute('href');
    expect(href).toBe(`/admin/api/reports/monthly.csv?month=${SEED_MONTH}`);
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href!);
    expect(csv).toContain('รายงานประจำเดือน กันยายน 2569');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-report.png'), fullPage: true });

    // Print (A4: 182 mm of text width, 688 CSS px): no menu or tools; the centre, the month and a signature block;
    // the charts are resized to their column when printing starts and back after.
    await page.setViewportSize({ width: 688, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => (globalThis as any).dispatchEvent(new Event('beforeprint')));
    const printWidths = await charts.evaluateAll((cs: any[]) => cs.map((c) => c.getBoundingClientRect().width));
    for (const w of printWidths) expect(w).toBeLessThanOrEqual(340);
    await expect(page.locator('#top').isVisible()).resolves.toBe(false);
    await expect(page.locator('.report-tools').isVisible()).resolves.toBe(false);
    await expect(page.locator('.report-head').innerText()).resolves.toMatch(/ศูนย์ช่วยเหลือสังคมตำบลแจ้ซ้อน\s+รายงานประจำเดือน กันยายน 2569/);
    await expect(page.locator('.report-sign').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'print-report.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync(path.join(SHOTS, 'report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.evaluate(() => (globalThis as any).dispatchEvent(new Event('afterprint')));
    await page.emulateMedia({ media: 'screen' });
    // On a phone: each chart above its table, nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() =>
      [...(globalThis as any).document.querySelectorAll('figure.chart canvas')].every((c: any) => c.getBoundingClientRect().right <= 390),
    );
    await expect(page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, 'phone-report.png'), fullPage: true });
    await page.screenshot({ path: path.join(SHOTS, 'phone-report-top.png') });

    expect(await page.evaluate(() => (globalThis as any).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("is not in a volunteer's menu and refuses them", async () => {
    const volunteer = await makeStaff('volunteer', { villages: ['บ้านหลวง'] });
    const context = c.browser().context;
    await context.clearCookies();
    const page = c.page();
    await page.goto(`${c.base()}/admin/reports?month=${SEED_MONTH}`);
    await c.loginAs(volunteer.username);
    await page.getByRole('heading', { name: 'ไม่มีสิทธิ์เข้าถึง' }).waitFor();
    await expect(page.locator('#nav').getByRole('link', { name: 'รายงาน' }).count()).resolves.toBe(0);
  });
});
