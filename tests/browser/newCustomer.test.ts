import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, launchBrowser, openAs, screenshot } from '../support/browser.ts';

let federation: TestFederation;
let browser: Browser;
let hsbcCode: string;
beforeAll(async () => {
  federation = await startTestFederation('browser-new-customer', ['hk'], { demo: true });
  browser = await launchBrowser();
  const staff = federation.regions.get('hk')!.as({ login: 'siuming.chan', groups: 'crm-staff,crm-region-hk' });
  hsbcCode = (
    await staff.customers.create.mutate(
      customerInput({ name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited', website: 'www.hsbc.com.hk' }),
    )
  ).customer.code;
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

const hkStaff = { login: 'siuming.chan', groups: ['crm-staff', 'crm-region-hk'] };

describe.skipIf(!browserAvailable)('the new-customer form', () => {
  it('asks for identifiers, refuses a wrong LEI beside the field, and warns about the same bank typed in another script, keeping every input', async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, hkStaff, { locale: 'en-GB' });
    await page.getByRole('link', { name: 'New customer' }).click();
    const name = page.getByLabel(/^Name \(as the customer writes it\)/);
    await name.waitFor();
    await name.fill('滙豐銀行');
    await page.getByLabel(/^Name in Latin letters/).fill('HSBC Hong Kong');
    await page.getByLabel(/^Segment/).selectOption('property');
    await page.getByLabel(/^Sub-segment/).selectOption('hotels');
    await page.getByLabel(/^City/).fill('Hong Kong');
    await page.getByLabel(/^E-mail/).fill('hk.desk@hsbc.example');
    const lei = page.getByLabel(/^Legal Entity Identifier/);
    expect(await page.getByText('Identifiers', { exact: true }).count()).toBe(1);
    await lei.fill('MP6I5ZYZBEU3UXPYFY55');

    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByText(/^Not a valid LEI/).waitFor();
    expect(await lei.inputValue()).toBe('MP6I5ZYZBEU3UXPYFY55');

    await lei.fill('');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This customer may already exist' });
    await warning.waitFor();
    const text = await warning.innerText();
    expect(text).toContain(`${hsbcCode} · 香港上海滙豐銀行有限公司`);
    // Reasons in words, not the matcher's codes.
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(await warning.locator('.reasons li').count()).toBeGreaterThan(0);
    expect(await page.getByText(/^Not a valid LEI/).count()).toBe(0);
    expect(await name.inputValue()).toBe('滙豐銀行');
    expect(await page.getByLabel(/^Name in Latin letters/).inputValue()).toBe('HSBC Hong Kong');
    expect(await page.getByLabel(/^E-mail/).inputValue()).toBe('hk.desk@hsbc.example');
    await screenshot(page, 'new-customer-en-GB-duplicate');

    await page.getByRole('button', { name: 'It is a different customer: create it anyway' }).click();
    await page.getByText('HSBC Hong Kong').first().waitFor();
    const created = await federation.regions.get('hk')!.as({ login: 'siuming.chan', groups: 'crm-staff,crm-region-hk' }).customers.list.query({ query: 'HSBC Hong Kong' });
    expect(created.items.map((item) => [item.name, item.nameLatin, item.nameLatinSource])).toEqual([['滙豐銀行', 'HSBC Hong Kong', 'typed']]);
  });
});
