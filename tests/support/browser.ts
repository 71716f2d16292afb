import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, as installed by .ci/run; nothing here downloads a browser. */
export const chromiumPath = process.env.MERIDIAN_CHROMIUM ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(chromiumPath);
if (!browserAvailable && process.env.CI) throw new Error(`${chromiumPath} is missing: CI must run the browser tests (.ci/run installs chromium).`);

export const screenshotDir = fileURLToPath(new URL('../screenshots', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface BrowserUser {
  login: string;
  groups: string[];
}

/** A fresh browser context signed in as a demo user (the demo picker's storage), in a given UI language. */
export async function openAs(browser: Browser, url: string, user: BrowserUser, options: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: options.locale ?? 'en-GB', timezoneId: 'Asia/Hong_Kong' });
  await context.addInitScript(
    ([identity, locale]) => {
      if (!sessionStorage.getItem('meridian.test.initialised')) {
        localStorage.setItem('meridian.demoIdentity', identity);
        if (locale) localStorage.setItem('meridian.locale', locale);
        sessionStorage.setItem('meridian.test.initialised', '1');
      }
    },
    [JSON.stringify(user), options.locale ?? ''] as const,
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  await page.goto(url);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: true });
}

/**
 * Counts the keys pressed that are not free text: every press() is one keystroke; typed text goes
 * through type() and is not counted (except where the test says so).
 */
export class KeystrokeCounter {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.count += 1;
    await this.page.keyboard.press(key);
  }
  async text(value: string) {
    await this.page.keyboard.insertText(value);
  }
}
