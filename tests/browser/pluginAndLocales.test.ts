import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestFederation, type TestFederation } from '../support/federation.ts';
import { browserAvailable, launchBrowser, openAs, screenshot } from '../support/browser.ts';
import { startPageServer } from '../support/ssoProxy.ts';

let federation: TestFederation;
let browser: Browser;
beforeAll(async () => {
  federation = await startTestFederation('browser-plugin', ['hk', 'ae'], { demo: true });
  browser = await launchBrowser();
  const hk = federation.regions.get('hk')!.as({ login: 'kaming.wong', groups: 'crm-staff,crm-region-hk' });
  const { customer } = await hk.customers.create.mutate(customerInput({ name: '香港上海滙豐銀行有限公司', website: 'www.hsbc.com.hk', annualRevenueGbp: 650_000 }));
  await hk.contactRecords.create.mutate(contactRecordInput(customer.id, { typeCode: 'help_request.maintenance', serviceCategory: 'maintenance_construction', priority: 'high' }));
  const ae = federation.regions.get('ae')!.as({ login: 'fatima.alhashimi', groups: 'crm-staff,crm-region-ae' });
  await ae.customers.create.mutate(customerInput({ name: 'بنك إتش إس بي سي الشرق الأوسط المحدود', nameLatin: 'HSBC Bank Middle East Limited', website: 'www.hsbc.ae', city: 'دبي' }));
  await federation.hq.runtime.syncNow();
  await federation.hq.runtime.settled();
});
afterAll(async () => {
  await browser?.close();
  await federation?.close();
});

describe.skipIf(!browserAvailable)('the intranet plugin', () => {
  it('lays the Arabic UI out right to left, with dir and lang on the plugin root only', async () => {
    const page = await openAs(browser, federation.regions.get('ae')!.node.url, { login: 'fatima.alhashimi', groups: ['crm-staff', 'crm-lead', 'crm-region-ae'] }, { locale: 'ar' });
    const root = page.locator('.meridian');
    await root.waitFor();
    expect(await root.getAttribute('dir')).toBe('rtl');
    expect(await root.getAttribute('lang')).toBe('ar');
    expect(await page.evaluate(() => document.documentElement.getAttribute('dir'))).toBeNull();
    const links = page.locator('.nav a');
    const first = await links.first().boundingBox();
    const last = await links.last().boundingBox();
    expect(first!.x).toBeGreaterThan(last!.x); // the first section is on the right
    const label = await page.locator('.field label').first().boundingBox();
    const input = await page.locator('[role="combobox"]').boundingBox();
    expect(label!.x + label!.width).toBeCloseTo(input!.x + input!.width, -1); // labels align to the right edge
  });

  it('mounts inside the intranet host page without leaking styles either way', async () => {
    const page = await openAs(browser, `${federation.regions.get('hk')!.node.url}/intranet/crm/`, { login: 'kaming.wong', groups: ['crm-staff', 'crm-region-hk'] }, { locale: 'en-GB' });
    await page.locator('#crm-plugin .meridian').waitFor();
    const hostButton = await page.locator('#host-button').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(hostButton).toBe('rgb(255, 105, 180)'); // the host's hotpink survives the plugin
    const pluginButton = await page.locator('#crm-plugin button.primary').first().evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(pluginButton).not.toBe('rgb(255, 105, 180)'); // and does not reach into the plugin
    const pluginFont = await page.locator('#crm-plugin .field label').first().evaluate((element) => getComputedStyle(element).fontFamily);
    expect(pluginFont).not.toMatch(/Comic Sans/);
    const hostFont = await page.locator('body').evaluate((element) => getComputedStyle(element).fontFamily);
    expect(hostFont).toMatch(/Georgia/);
    expect(await page.evaluate(() => document.styleSheets.length)).toBe(1); // the plugin added no stylesheet to the host document
    await page.getByRole('link', { name: 'My open items' }).click();
    expect(new URL(page.url()).pathname).toBe('/intranet/crm/items'); // routes stay under the host's base path
    await screenshot(page, 'intranet-host-en-GB');
  });

  it('keeps text contrast at WCAG AA (4.5:1) for every kind of text on the record screen', async () => {
    const page = await openAs(browser, federation.regions.get('hk')!.node.url, { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] }, { locale: 'en-GB' });
    await page.locator('[role="combobox"]').waitFor();
    // The contrast ratio of each sampled element's text against the first opaque background behind it.
    const ratios = await page.evaluate(`(() => {
      const root = document.querySelector('#meridian').shadowRoot;
      const parse = (value) => (value.match(/[0-9.]+/g) || []).map(Number);
      const luminance = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); })
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
      const background = (element) => {
        for (let node = element; node; node = node.parentElement || (node.getRootNode().host ?? null)) {
          const [r, g, b, a] = parse(getComputedStyle(node).backgroundColor);
          if (a === undefined || a > 0.9) return [r, g, b];
        }
        return [255, 255, 255];
      };
      const samples = ['.brand', '.whoami', '.nav a', '.nav a[aria-current="page"]', 'h1', '.hint', '.field label', '.field__required', 'button.primary', 'button:not(.primary)', 'input'];
      return samples.map((selector) => {
        const element = root.querySelector(selector);
        if (!element) return [selector, null];
        const fg = luminance(parse(getComputedStyle(element).color));
        const bg = luminance(background(element));
        return [selector, (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)];
      });
    })()`);
    for (const [selector, ratio] of ratios as Array<[string, number | null]>) {
      expect(ratio, selector).not.toBeNull();
      expect(ratio!, selector).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('is importable as a module by an intranet page on another origin', async () => {
    // A page of its own: HQ's pages run scripts from HQ only (script-src 'self'), as an intranet's need not.
    const intranet = await startPageServer({ '/': () => '<!doctype html><title>Intranet</title>' });
    try {
      const page = await openAs(browser, `${intranet.url}/`, { login: 'grace.steward', groups: ['crm-hq'] }, { locale: 'en-GB' });
      const pluginUrl = `${federation.regions.get('hk')!.node.url}/assets/meridian-plugin.js`;
      // A string, so the test runner does not rewrite the dynamic import meant for the browser.
      const exported = await page.evaluate(`import(${JSON.stringify(pluginUrl)}).then((module) => Object.keys(module).sort())`);
      expect(exported).toEqual(['mount', 'unmount']);
    } finally {
      await intranet.close();
    }
  });
});

const screens: Array<{ name: string; node: 'hk' | 'hq'; path: string; user: { login: string; groups: string[] } }> = [
  { name: 'record', node: 'hk', path: '/record', user: { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] } },
  { name: 'open-items', node: 'hk', path: '/items', user: { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] } },
  { name: 'customers', node: 'hk', path: '/customers', user: { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] } },
  { name: 'new-customer', node: 'hk', path: '/customers/new', user: { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] } },
  { name: 'team', node: 'hk', path: '/team', user: { login: 'kaming.wong', groups: ['crm-staff', 'crm-lead', 'crm-region-hk'] } },
  { name: 'accounts', node: 'hq', path: '/accounts', user: { login: 'grace.steward', groups: ['crm-hq'] } },
  { name: 'review', node: 'hq', path: '/review', user: { login: 'grace.steward', groups: ['crm-hq'] } },
  { name: 'nodes', node: 'hq', path: '/nodes', user: { login: 'root.admin', groups: ['crm-admin'] } },
  { name: 'analytics', node: 'hq', path: '/analytics', user: { login: 'grace.steward', groups: ['crm-hq'] } },
  { name: 'joint-reviews', node: 'hq', path: '/reviews', user: { login: 'mei.lee', groups: ['crm-lead'] } },
];

describe.skipIf(!browserAvailable)('screenshots for review (tests/screenshots, not committed)', () => {
  for (const locale of ['en-GB', 'zh-HK', 'ar']) {
    // Ten page loads: 2–3 s each when the machine's two cores are busy.
    it(`renders every main screen in ${locale} without an error state`, { timeout: 90_000 }, async () => {
      for (const screen of screens) {
        const base = screen.node === 'hq' ? federation.hq.url : federation.regions.get(screen.node)!.node.url;
        const page = await openAs(browser, `${base}${screen.path}`, screen.user, { locale });
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('.status--error').count(), `${screen.name} in ${locale}`).toBe(0);
        // Every control has a name a screen reader can say (a <label>, or aria-label).
        const unlabelled = await page.locator('input, select, textarea').evaluateAll((controls) =>
          controls.filter((control) => !(control as HTMLInputElement).labels?.length && !control.getAttribute('aria-label')).map((control) => control.outerHTML.slice(0, 80)),
        );
        expect(unlabelled, `${screen.name} in ${locale}`).toEqual([]);
        await screenshot(page, `${screen.name}-${locale}`);
        await page.context().close();
      }
    });
  }
});
