import type { Browser } from 'playwright-core';
import { matchCandidates } from '@meridian/hq-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually, startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, launchBrowser, openAs, screenshot } from '../support/browser.ts';

let federation: TestFederation;
let browser: Browser;
let gbId: string;
let hkId: string;

async function codeOf(region: string, customerId: string) {
  const link = await federation.hqDatabase.db.query.accountLinks.findFirst({ where: (row, { and, eq }) => and(eq(row.region, region), eq(row.customerId, customerId)) });
  return link?.globalCode ?? null;
}

beforeAll(async () => {
  federation = await startTestFederation('browser-steward', ['gb', 'hk'], { demo: true });
  browser = await launchBrowser();
  gbId = (await federation.regions.get('gb')!.as({ login: 'gb.staff', groups: 'crm-staff,crm-region-gb' }).customers.create.mutate(customerInput({ name: 'HSBC', city: 'London' }))).customer.id;
  hkId = (
    await federation.regions
      .get('hk')!
      .as({ login: 'hk.staff', groups: 'crm-staff,crm-region-hk' })
      .customers.create.mutate(customerInput({ name: '香港上海滙豐銀行有限公司', nameLatin: 'The Hongkong and Shanghai Banking Corporation Limited' }))
  ).customer.id;
  await eventually(async () => {
    await federation.hq.runtime.syncNow();
    await federation.hq.runtime.settled();
    expect(await codeOf('gb', gbId)).toMatch(/^G-/);
    expect(await codeOf('hk', hkId)).toMatch(/^G-/);
  });
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

describe.skipIf(!browserAvailable)('the steward queue in the browser', () => {
  it('is worked with the keyboard alone: m merges, u undoes, a keeps apart, with the keys shown on screen', { timeout: 90_000 }, async () => {
    const page = await openAs(browser, `${federation.hq.url}/review`, { login: 'grace.steward', groups: ['crm-hq'] }, { locale: 'en-GB' });
    const queue = page.getByRole('list', { name: /^Steward queue: j and k move/ });
    await queue.waitFor();
    await queue.getByText('香港上海滙豐銀行有限公司').first().waitFor();
    await page.getByText('1 waiting for a decision').waitFor();
    // The hints are on screen, not only in the accessible description.
    expect(await page.locator('#review-keys kbd').allTextContents()).toEqual(['j', 'k', 'm', 'a', 'u', 's']);
    // Each side says which account it belongs to now.
    expect(await queue.getByText(/^In G-\d+ · HSBC · members: 1$/).count()).toBe(1);
    expect(await page.locator('[aria-current="true"]').count()).toBe(1);

    await screenshot(page, 'steward-queue-en-GB');

    await page.keyboard.press('m');
    await page.getByText('Merged into one global account.').waitFor();
    await eventually(async () => expect(await codeOf('hk', hkId)).toBe(await codeOf('gb', gbId)));
    await page.getByText('No pairs waiting for review.').waitFor();
    await screenshot(page, 'steward-queue-merged-en-GB');

    await page.keyboard.press('u');
    await queue.getByText('香港上海滙豐銀行有限公司').first().waitFor();
    expect(await codeOf('hk', hkId)).not.toBe(await codeOf('gb', gbId));

    await page.keyboard.press('a');
    await page.getByText('Kept apart; this pair will not be proposed again.').waitFor();
    expect(await codeOf('hk', hkId)).not.toBe(await codeOf('gb', gbId));
    await page.keyboard.press('u');
    await queue.getByText('香港上海滙豐銀行有限公司').first().waitFor();

    // Keys typed into a field are text, not decisions.
    await page.getByLabel('Search customers and accounts in any script').fill('');
    await page.getByLabel('Search customers and accounts in any script').press('m');
    expect(await page.getByText('Merged into one global account.').count()).toBe(0);
    expect(await page.getByLabel('Search customers and accounts in any script').inputValue()).toBe('m');
  });

  it('renders the evidence in the language of the steward, with parameters, and a kind it does not know yet under a generic line', { timeout: 60_000 }, async () => {
    // Evidence as the matcher stores it, including a reason and an explanation kind this screen has no key for.
    await federation.hqDatabase.db.update(matchCandidates).set({
      reasons: ['same_registration_id', 'brand_new_signal'],
      explanation: [{ kind: 'gloss', zh: '銀行', en: 'bank', proper: false }, { kind: 'sound', zh: '滙豐', scheme: 'jyutping', rendering: 'wui fung', en: 'hsbc', similarity: 0.62 }, { kind: 'future_kind', detail: 'x' }],
    });
    const page = await openAs(browser, `${federation.hq.url}/review`, { login: 'grace.steward', groups: ['crm-hq'] }, { locale: 'zh-HK' });
    const evidence = page.getByRole('list', { name: '依據' }).first();
    await evidence.waitFor();
    expect(await evidence.locator('li').allTextContents()).toEqual([
      '註冊號碼相同',
      '其他依據：brand new signal',
      '銀行 = bank',
      '滙豐（wui fung）讀音近似 hsbc（62%）',
      'future kind：x',
    ]);
    await screenshot(page, 'steward-evidence-zh-HK');
  });
});
