import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, launchBrowser, openAs, screenshot } from '../support/browser.ts';

let federation: TestFederation;
let browser: Browser;
beforeAll(async () => {
  federation = await startTestFederation('browser-forms', ['hk'], { demo: true });
  browser = await launchBrowser();
  await federation.regions.get('hk')!.as({ login: 'siuming.chan', groups: 'crm-staff,crm-region-hk' }).customers.create.mutate(customerInput({ name: '新鴻基地產發展有限公司' }));
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

const hkStaff = { login: 'siuming.chan', groups: ['crm-staff', 'crm-region-hk'] };
const isFocused = (page: Page, selector: string) => page.locator(selector).evaluate((element) => element === element.getRootNode().activeElement);

/** What an IME does when the user confirms a Chinese candidate with Enter: composition events around an Enter keydown flagged isComposing. */
async function composeAndConfirmWithEnter(page: Page, field: Locator, text: string) {
  await field.evaluate((element, value) => {
    const input = element as HTMLInputElement;
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: value }));
  }, text);
  await page.keyboard.insertText(text);
}

describe.skipIf(!browserAvailable)('entry forms', () => {
  it('never moves on or saves on the Enter that confirms an IME composition, but does on a plain Enter', async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, hkStaff, { locale: 'zh-HK' });
    const place = page.getByLabel(/^(Place|地點)/);
    await place.waitFor();
    await place.focus();
    await composeAndConfirmWithEnter(page, place, '沙田');
    await page.waitForTimeout(300);
    expect(await place.evaluate((element) => element === element.getRootNode().activeElement)).toBe(true);
    expect(await place.inputValue()).toBe('沙田');
    expect(await page.locator('.field--invalid').count()).toBe(0); // nothing was submitted
    await page.keyboard.press('Enter');
    expect(await place.evaluate((element) => element === element.getRootNode().activeElement)).toBe(false);

    // The customer search: a composing Enter must not pick a customer either.
    const picker = page.locator('[role="combobox"]');
    await picker.focus();
    await page.keyboard.insertText('新鴻基');
    await page.locator('[role="option"]').first().waitFor();
    await composeAndConfirmWithEnter(page, picker, '');
    expect(await isFocused(page, '[role="combobox"]')).toBe(true);
    expect(await page.locator('.picked').count()).toBe(0);
  });

  it('keeps every typed character when the server or the form rejects it, and after a reload', async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, hkStaff, { locale: 'en-GB' });
    const content = '客戶要求更改保養時間至週末 🛠️ — follow-up with « Mr Lee »';
    await page.locator('[role="combobox"]').fill('新鴻基');
    await page.locator('[role="option"]').first().click();
    await page.getByLabel(/^What the customer said/).fill(content);
    await page.getByLabel(/^Outcome/).fill('同意週末安排');
    await page.getByLabel(/^Next step/).first().fill('安排週六工程隊');
    // No contact type and no place: rejected, with the reason next to each field.
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.locator('.field--invalid').first().waitFor();
    expect(await page.locator('.field--invalid').count()).toBe(2);
    expect(await page.locator('.field__errors').first().innerText()).toBe('This field is required.');
    expect(await page.getByLabel(/^What the customer said/).inputValue()).toBe(content);
    expect(await page.getByLabel(/^Outcome/).inputValue()).toBe('同意週末安排');
    await screenshot(page, 'record-en-GB-rejected');

    await page.reload();
    await page.getByLabel(/^What the customer said/).waitFor();
    expect(await page.getByLabel(/^What the customer said/).inputValue()).toBe(content);
    expect(await page.locator('[role="combobox"]').inputValue()).toBe('新鴻基地產發展有限公司');
  });

  it('keeps a record typed while the network is down and sends it when it returns', async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, hkStaff, { locale: 'en-GB' });
    await page.locator('[role="combobox"]').fill('新鴻基');
    await page.locator('[role="option"]').first().click();
    await page.getByLabel(/^Contact type/).selectOption('enquiry.pricing');
    await page.getByLabel(/^Place/).fill('Telephone');
    await page.getByLabel(/^What the customer said/).fill('Offline enquiry about lift maintenance pricing');
    await page.getByLabel(/^Outcome/).fill('Will quote');
    await page.getByLabel(/^Next step/).first().fill('Send quote');
    await page.context().setOffline(true);
    await page.getByRole('button', { name: 'Save record' }).click();
    await page.getByText('1 record is waiting to be sent.').waitFor();
    await page.context().setOffline(false);
    await page.getByText('1 record is waiting to be sent.').waitFor({ state: 'detached', timeout: 20_000 });
    const records = await federation.regions.get('hk')!.as({ login: 'siuming.chan', groups: 'crm-staff,crm-region-hk' }).contactRecords.list.query({});
    expect(records.items.filter((record) => record.content === 'Offline enquiry about lift maintenance pricing')).toHaveLength(1);
  });
});
