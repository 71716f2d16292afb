import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, launchBrowser, openAs, screenshot } from '../support/browser.ts';

let federation: TestFederation;
let browser: Browser;
beforeAll(async () => {
  federation = await startTestFederation('browser-review', ['hk'], { demo: true });
  browser = await launchBrowser();
  const hk = federation.regions.get('hk')!.as({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' });
  const { customer } = await hk.customers.create.mutate(customerInput({ name: '九龍倉集團有限公司' }));
  await hk.contactRecords.create.mutate(contactRecordInput(customer.id, { typeCode: 'complaint.quality', occurredAt: new Date().toISOString() }));
  await federation.hq.runtime.syncNow();
  await federation.hq.runtime.settled();
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

describe.skipIf(!browserAvailable)('a joint review in the browser', () => {
  it('is opened by a lead with a drafted agenda, gives an owner an open item, and freezes when signed', { timeout: 90_000 }, async () => {
    const today = new Date().toISOString().slice(0, 10);
    const lead = await openAs(browser, `${federation.hq.url}/reviews`, { login: 'mei.lee', groups: ['crm-lead', 'crm-region-hk'] }, { locale: 'en-GB' });
    await lead.getByLabel(/^Title/).fill('Hong Kong monthly review');
    await lead.getByLabel(/^Period from/).fill(`${today.slice(0, 8)}01`);
    await lead.getByLabel(/^Period to/).fill(today);
    await lead.getByLabel('Lead for HK').fill('mei.lee');
    await lead.getByRole('button', { name: 'Open review and draft the agenda' }).click();
    await lead.getByRole('heading', { name: 'Hong Kong monthly review' }).waitFor();
    await lead.getByRole('heading', { name: /Complaints by root cause/ }).waitFor();

    await lead.getByLabel(/^Action/).fill('Call the client about the quality complaint');
    await lead.getByLabel(/^Owner/).fill('kaming.wong');
    await lead.getByRole('form', { name: 'Add action item' }).getByLabel(/^Region/).selectOption('hk');
    await lead.getByLabel(/^Due/).fill(today);
    await lead.getByRole('button', { name: 'Add action item' }).click();
    await lead.getByRole('cell', { name: 'Call the client about the quality complaint' }).waitFor();

    await lead.getByRole('button', { name: 'Sign off for HK' }).click();
    await lead.getByText('Signed off').first().waitFor();
    expect(await lead.getByRole('button', { name: 'Add action item' }).count()).toBe(0); // nothing more can be added
    await screenshot(lead, 'joint-review-signed-en-GB');

    // The owner sees the action among their open items, in their regional app.
    const owner = await openAs(browser, `${federation.regions.get('hk')!.node.url}/items`, { login: 'kaming.wong', groups: ['crm-staff', 'crm-region-hk'] }, { locale: 'en-GB' });
    await owner.getByText('Call the client about the quality complaint').waitFor();
    await owner.getByRole('button', { name: 'Mark done' }).click();
    await owner.getByText('Call the client about the quality complaint').waitFor({ state: 'detached' });
  });
});
