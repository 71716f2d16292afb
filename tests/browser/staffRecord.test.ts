import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, KeystrokeCounter, launchBrowser, openAs, screenshot } from '../support/browser.ts';

let federation: TestFederation;
let browser: Browser;
let hkCustomerId: string;
beforeAll(async () => {
  federation = await startTestFederation('browser-staff', ['hk', 'gb'], { demo: true });
  browser = await launchBrowser();
  hkCustomerId = (
    await federation.regions.get('hk')!.as({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' }).customers.create.mutate(
      customerInput({ name: '香港鐵路有限公司', nameLatin: 'MTR Corporation Limited', website: 'www.mtr.com.hk' }),
    )
  ).customer.id;
  await federation.regions.get('gb')!.as({ login: 'james.whitfield', groups: 'crm-staff,crm-region-gb' }).customers.create.mutate(
    customerInput({ name: 'MTR Corporation (UK) Ltd', website: 'https://www.mtr.com.hk/en', city: 'London' }),
  );
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

const hkStaff = { login: 'kaming.wong', groups: ['crm-staff', 'crm-region-hk'] };

describe.skipIf(!browserAvailable)('a Hong Kong staff member records a contact', () => {
  it('in Traditional Chinese, with the keyboard only, closes it, and HQ then sees it in the global account', { timeout: 90_000 }, async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, hkStaff, { locale: 'zh-HK' });
    await expect.poll(() => page.locator('[role="combobox"]').evaluate((element) => element === element.getRootNode().activeElement)).toBe(true);
    const keys = new KeystrokeCounter(page);

    await keys.text('港鐵');
    await page.locator('[role="option"]').first().waitFor();
    await keys.press('Enter'); // choose the customer; focus moves on to the contact type
    await keys.press('3'); // 3x complaint …
    await keys.press('1'); // … 31 timeliness
    await keys.press('Tab'); // channel: phone (default)
    await keys.press('Tab'); // place
    await keys.text('九龍塘站工地');
    await keys.press('Tab');
    await keys.text('客戶投訴九龍塘站維修工程延誤兩星期，要求提交追趕計劃。');
    await keys.press('Tab');
    await keys.text('已承諾星期五前提交修訂時間表。');
    await keys.press('Tab');
    await keys.text('星期五前電郵修訂時間表');
    await keys.press('Control+Enter'); // save
    const closeNow = page.locator('[data-close-saved]');
    await closeNow.waitFor();
    await expect.poll(() => closeNow.evaluate((element) => element === element.getRootNode().activeElement)).toBe(true);
    await keys.press('Enter'); // close it now
    await closeNow.waitFor({ state: 'detached' });
    console.log(`Keystrokes besides free text for a typical record (incl. closing it): ${keys.count}`);
    expect(keys.count).toBeLessThanOrEqual(12);
    await screenshot(page, 'record-zh-HK-saved');

    const records = await federation.regions.get('hk')!.as({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' }).contactRecords.list.query({ customerId: hkCustomerId });
    expect(records.items).toHaveLength(1);
    expect(records.items[0]).toMatchObject({ typeCode: 'complaint.timeliness', channel: 'phone', status: 'closed', place: '九龍塘站工地', language: 'zh-HK' });
    expect(records.items[0]!.content).toBe('客戶投訴九龍塘站維修工程延誤兩星期，要求提交追趕計劃。');

    // HQ: the steward finds the account by its Chinese name and sees the closed complaint.
    const hqPage = await openAs(browser, federation.hq.url, { login: 'grace.steward', groups: ['crm-hq'] }, { locale: 'en-GB' });
    await hqPage.getByLabel('Search in any script').fill('港鐵');
    await eventually(async () => {
      await hqPage.reload();
      await hqPage.getByLabel('Search in any script').fill('港鐵');
      await hqPage.getByRole('link', { name: /MTR/ }).first().click({ timeout: 2_000 });
      await hqPage.getByText('客戶投訴九龍塘站維修工程延誤兩星期').waitFor({ timeout: 2_000 });
    }, 20_000);
    await expect.poll(() => hqPage.getByRole('cell', { name: 'HK' }).count()).toBeGreaterThan(0);
    await screenshot(hqPage, 'account360-en-GB');
  });
});
