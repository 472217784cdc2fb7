/**
 * The staff console in a real browser, set up once per describe block: a test bot on its own database listening
 * on an ephemeral port, a headless chromium (see ./browser), and one staff user to log in with. Page errors are
 * collected in `errors` (tests assert it stays empty).
 *
 * Usage (inside `describeWithBrowser`):
 *   const c = useConsoleInBrowser({ staff: { role: 'staff', displayName: 'สมศรี ใจงาม' } });
 *   it('...', async () => {
 *     const page = c.watch(c.page());
 *     await page.goto(`${c.base()}/admin`);
 *     await c.loginAs(c.staff().username);
 *   });
 * Test-specific seeding goes in the test's own `beforeAll`, which runs after this one.
 */
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { StaffRole } from '../../src/db/models/staffUser';
import { launchBrowser, type Browser } from './browser';
import { connectTestDb, type TestDb } from './db';
import { startTestBot, type TestBot } from './bot';
import { nockLine, type NockLine } from './nockLine';
import { PASSWORD, makeStaff, type Staff } from '../admin/helpers';

/** Where browser tests put their screenshots. */
export const SHOTS = process.env.ADMIN_SCREENSHOTS ?? '/tmp/admin-screenshots';

export interface ConsoleInBrowserOptions {
  /** The staff user created before the browser starts. */
  staff: { role: StaffRole; displayName: string };
  /** Window size of the browser. */
  viewport: { width: number; height: number };
  /** LINE profile the nocked LINE API returns. */
  profile?: { displayName: string; language?: string };
  /** Extra environment of the test bot (e.g. STAFF_GROUP_ID). */
  env?: Record<string, string>;
  /** Collect the browser context's `weberror`s in `errors` (default true). */
  webErrors?: boolean;
}

export interface ConsoleInBrowser {
  base(): string;
  bot(): TestBot;
  line(): NockLine;
  browser(): Browser;
  page(): Page;
  staff(): Staff;
  /** Errors seen in the browser; tests expect it to stay empty. */
  errors: string[];
  /** Collects the page's errors and console errors (but not 401s) in `errors`; returns the page. */
  watch(page: Page): Page;
  /** Fills the login form shown on `page` (the browser's page by default) and submits it. */
  loginAs(username: string, page?: Page): Promise<void>;
}

export function useConsoleInBrowser(opts: ConsoleInBrowserOptions): ConsoleInBrowser {
  let db: TestDb | undefined;
  let bot: TestBot | undefined;
  let line: NockLine | undefined;
  let server: Server | undefined;
  let base = '';
  let browser: Browser | undefined;
  let staff: Staff | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    db = await connectTestDb();
    line = nockLine(opts.profile ? { profile: opts.profile } : {});
    bot = startTestBot(opts.env ?? {});
    const app = bot.app;
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    staff = await makeStaff(opts.staff.role, { displayName: opts.staff.displayName });
    browser = await launchBrowser(opts.viewport);
    if (opts.webErrors !== false) browser.context.on('weberror', (e) => errors.push(e.error().message));
  }, 40_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await bot?.stop();
    line?.done();
    await db?.close();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useConsoleInBrowser: ${what} is not set up yet`);
    return value;
  };

  return {
    base: () => base,
    bot: () => need(bot, 'bot'),
    line: () => need(line, 'line'),
    browser: () => need(browser, 'browser'),
    page: () => need(browser, 'browser').page,
    staff: () => need(staff, 'staff'),
    errors,
    watch(page) {
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/401 \(Unauthorized\)/.test(m.text())) errors.push(m.text());
      });
      return page;
    },
    async loginAs(username, page = need(browser, 'browser').page) {
      await page.getByLabel('ชื่อผู้ใช้').fill(username);
      await page.getByLabel('รหัสผ่าน').fill(PASSWORD);
      await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    },
  };
}
