/**
 * Debian's chromium driven by playwright-core, for tests of pages in a real browser. Without the browser the
 * tests skip with a message locally; under CI (CI=true) a missing browser fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);

/** `describe` when chromium is there; otherwise a skip (or, under CI, a failing test saying what is missing). */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (haveChromium) {
    describe(name, fn);
    return;
  }
  if (process.env.CI === 'true') {
    test(`${name}: chromium is installed`, () => {
      throw new Error(`${CHROMIUM} not found: CI must run "apt-get install -y chromium" before the tests`);
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`${name}: skipped, ${CHROMIUM} not found (install with: apt-get install -y chromium)`);
  describe.skip(name, fn);
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh headless chromium with a phone-sized window, Thai locale and Bangkok time. */
export async function launchBrowser(viewport = { width: 420, height: 860 }): Promise<Browser> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(8000);
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
