/**
 * Accessibility of the staff console in a real browser (Debian's chromium via playwright-core): axe-core
 * (injected into each page) finds no serious or critical violation on any console page — the login form and
 * every page of the route table in console/main.js, on a phone and on a desktop, with real data in them (an
 * urgent request with its transcript, an open chat, a danger alert, bookings). Also what axe does not measure:
 * keyboard focus is a ring of at least 3:1 against what surrounds it (white on the green bar, blue on the page),
 * and the console follows the reader's own font size.
 *
 * A page added to main.js without a URL here fails the test, so every new page is checked too.
 * Skips without chromium, except under CI.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, type Browser } from '../helpers/browser';
import { useConsoleInBrowser } from '../helpers/consoleBrowser';
import { Citizen } from '../helpers/chat';
import { Booking } from '../../src/db/models/booking';
import { nextOpenDay } from '../../src/admin/bookings';
import { PASSWORD, fileUrgentRequest, type Staff } from './helpers';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MAIN_JS = path.join(__dirname, '../../src/admin/public/console/main.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; the serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the console's strict CSP (no inline script) does not stop it.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : '')).join('; ')}`,
    );
}

/** WCAG 2 contrast ratio of two CSS rgb()/rgba() colours (alpha ignored: both are opaque here). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .map((c) => c / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describeWithBrowser('console accessibility (axe-core in chromium)', () => {
  const c = useConsoleInBrowser({
    staff: { role: 'admin', displayName: 'ผู้ดูแล ทดสอบ' },
    viewport: { width: 390, height: 844 },
    profile: { displayName: 'มานะ', language: 'th' },
    env: { STAFF_GROUP_ID: `C${'6'.repeat(32)}` },
  });
  const { errors } = c;
  let base: string;
  let browser: Browser;
  let admin: Staff;
  let reference: string;
  let chatUser: string;

  beforeAll(async () => {
    base = c.base();
    browser = c.browser();
    admin = c.staff();
    browser.page.on('pageerror', (e) => errors.push(e.message));
    // Real data on every page: an urgent request with its conversation, the same citizen waiting for staff,
    // another citizen's danger alert, and bookings in the week the bookings page opens on.
    const citizen = new Citizen(`U${'8'.repeat(32)}`, c.bot(), c.line());
    reference = await fileUrgentRequest(citizen);
    await citizen.say('ติดต่อเจ้าหน้าที่');
    chatUser = citizen.userId;
    await new Citizen(`U${'9'.repeat(32)}`, c.bot(), c.line()).say('เหนื่อยมากครับ ดูแลพ่อคนเดียวมาสองปี ไม่อยากอยู่แล้ว');
    const day = nextOpenDay(new Date());
    for (const [i, status] of (['booked', 'attended'] as const).entries()) {
      await Booking.create({
        reference: `NB-2569-7000${i}`,
        submissionKey: `a11y-${i}-${Date.now()}`,
        lineUserId: chatUser,
        requesterName: 'มานะ',
        purpose: 'register_old_age',
        beneficiary: { who: 'self', name: 'นายมานะ ขยัน' },
        date: day,
        time: '09:00',
        start: new Date(`${day}T09:00:00+07:00`),
        seat: i + 1,
        phone: '0812345678',
        status,
        remindAt: null,
      });
    }
  }, 60_000);

  /** The URL that shows each page module of the console's route table. */
  const urls = (): Record<string, string> => ({
    pageToday: '/admin',
    pageAlerts: '/admin/alerts',
    pageRequests: '/admin/requests',
    pageRequest: `/admin/requests/${reference}`,
    pageChats: '/admin/chats',
    pageChat: `/admin/chats/${chatUser}`,
    pageBookings: '/admin/bookings',
    pageSettings: '/admin/settings',
    pageReport: '/admin/reports',
    pageUsers: '/admin/users',
  });

  it('every page of the route table has a URL in this test', () => {
    const pages = [...fs.readFileSync(MAIN_JS, 'utf8').matchAll(/import \{ (page\w+) \} from '\.\/pages\//g)].map((m) => m[1]!);
    expect(pages.length).toBeGreaterThanOrEqual(9);
    expect(pages.filter((p) => !(p in urls()))).toEqual([]);
  });

  it('finds no serious or critical violation on the login form and on every page, on a phone and a desktop', async () => {
    const page = browser.page;
    const found: string[] = [];
    await page.goto(`${base}/admin`);
    await page.getByLabel('ชื่อผู้ใช้').waitFor();
    found.push(...(await seriousViolations(page)).map((v) => `login: ${v}`));
    await page.getByLabel('ชื่อผู้ใช้').fill(admin.username);
    await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.locator('#top:not([hidden])').waitFor();

    for (const viewport of [
      { width: 390, height: 844 },
      { width: 1366, height: 900 },
    ]) {
      await page.setViewportSize(viewport);
      for (const [name, url] of Object.entries(urls())) {
        await page.goto(base + url);
        await page.locator('main h1').first().waitFor();
        await page.locator('main p', { hasText: 'กำลังโหลด…' }).waitFor({ state: 'detached' });
        found.push(...(await seriousViolations(page)).map((v) => `${name} ${viewport.width}px: ${v}`));
      }
    }
    // The pages showed what they are about (not an error card).
    await expect(page.locator('main h1').first().innerText()).resolves.toBe('ผู้ใช้ระบบ');
    expect(found).toEqual([]);
    // Beyond axe's serious ones: the action column has a name, and emoji are not read out in headings.
    await expect(page.getByRole('columnheader', { name: 'การดำเนินการ' }).count()).resolves.toBe(1);
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: 'ด่วน ยังไม่เสร็จ', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'รอคุยกับเจ้าหน้าที่', exact: true }).waitFor();
    await page.goto(`${base}/admin/bookings`);
    await page.getByRole('columnheader', { name: 'การดำเนินการ' }).first().waitFor();
    await page.goto(`${base}/admin/chats/${chatUser}`);
    await expect(page.getByRole('log', { name: 'บทสนทนา' }).getAttribute('tabindex')).resolves.toBe('0');
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows keyboard focus as a ring of 3:1 or more: white on the green bar, blue on the page', async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}/admin/requests`);
    await page.locator('a.item').first().waitFor();
    // The focused element's outline, and the colour it is drawn on (the nearest ancestor with a background).
    const ringOf = () =>
      page.evaluate(`(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        let p = el.parentElement;
        while (p && /rgba\\(0, 0, 0, 0\\)|transparent/.test(getComputedStyle(p).backgroundColor)) p = p.parentElement;
        return { inTop: !!el.closest('#top'), tag: el.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, on: p ? getComputedStyle(p).backgroundColor : 'rgb(255, 255, 255)' };
      })()`) as Promise<{ inTop: boolean; tag: string; style: string; width: number; colour: string; on: string }>;
    let inBar: Awaited<ReturnType<typeof ringOf>> | null = null;
    let inPage: Awaited<ReturnType<typeof ringOf>> | null = null;
    for (let i = 0; i < 40 && !(inBar && inPage); i++) {
      await page.keyboard.press('Tab');
      const ring = await ringOf();
      if (ring.tag === 'BODY') continue;
      if (ring.inTop) inBar ??= ring;
      else inPage ??= ring;
    }
    for (const ring of [inBar, inPage]) {
      expect(ring).not.toBeNull();
      expect(ring!.style).toBe('solid');
      expect(ring!.width).toBeGreaterThanOrEqual(2);
      expect(contrast(ring!.colour, ring!.on)).toBeGreaterThanOrEqual(3);
    }
    expect(inBar!.colour).toBe('rgb(255, 255, 255)');
  }, 30_000);

  it("follows the reader's own font size", async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24, fixed: 20 } });
    await page.goto(`${base}/admin`);
    await page.locator('main h1').first().waitFor();
    const sizes = (await page.evaluate(
      "({ root: getComputedStyle(document.documentElement).fontSize, h1: getComputedStyle(document.querySelector('main h1')).fontSize })",
    )) as { root: string; h1: string };
    expect(sizes.root).toBe('24px');
    expect(parseFloat(sizes.h1)).toBeCloseTo(24 * 1.35, 0);
    await page.close();
  }, 30_000);
});
