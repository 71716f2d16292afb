import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHq, type RunningHq } from '@meridian/hq';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser.ts';
import { contactRecordInput, customerInput } from '../support/factories.ts';
import { startTestRegion, testProxySecret, users, type TestRegion } from '../support/regionNode.ts';
import { startPageServer, startSsoProxy, type SsoProxy } from '../support/ssoProxy.ts';

/**
 * Production settings end to end: demo mode off, identity only from the SSO proxy (with its secret),
 * browser access by allow-list. The browser reaches the region and HQ through stand-in proxies, and the
 * plugin is mounted by an intranet page on another origin; a third origin is on no list.
 */
let regionProxy: SsoProxy;
let hqProxy: SsoProxy;
let intranet: Awaited<ReturnType<typeof startPageServer>>;
let elsewhere: Awaited<ReturnType<typeof startPageServer>>;
let region: TestRegion;
let hq: RunningHq;
let hqDatabase: TestHqDatabase;
let browser: Browser;

const pluginPage = (apiOrigin: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><h1>Intranet</h1><div id="crm"></div>
<script type="module">
  try {
    const plugin = await import('${apiOrigin}/assets/meridian-plugin.js');
    await plugin.mount(document.getElementById('crm'), { apiBase: '${apiOrigin}/trpc', locale: 'en-GB', basePath: '/crm/' });
    window.pluginState = 'mounted';
  } catch (error) {
    window.pluginState = 'failed: ' + error.message;
  }
</script></body></html>`;
const framePage = (appUrl: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framing</title></head><body><iframe id="app" src="${appUrl}" width="1000" height="700"></iframe></body></html>`;

beforeAll(async () => {
  const staff = users.staff;
  regionProxy = await startSsoProxy(staff, testProxySecret);
  hqProxy = await startSsoProxy(staff, testProxySecret);
  const pages = { '/plugin.html': () => pluginPage(regionProxy.url), '/framed.html': () => framePage(`${regionProxy.url}/`) };
  intranet = await startPageServer(pages);
  elsewhere = await startPageServer(pages);

  hqDatabase = await createTestHqDatabase('browser-security-hq');
  hq = await startHq({
    database: hqDatabase,
    keysDir: mkdtempSync(join(tmpdir(), 'meridian-keys-')),
    port: 0,
    trust: { demoMode: false, proxySecret: testProxySecret },
    log: () => undefined,
    // The region's web app (at its proxy's origin) calls HQ for the user's review actions.
    browserAccess: { apiOrigins: [regionProxy.url] },
  });
  region = await startTestRegion('browser-security', {
    serveWeb: true,
    hqUrl: hqProxy.url,
    browserAccess: { intranetOrigins: [intranet.url] },
  });
  regionProxy.forwardTo(region.node.url);
  hqProxy.forwardTo(hq.url);
  const { customer } = await region.as(staff).customers.create.mutate(customerInput({ name: 'Kowloon Harbour Logistics Ltd' }));
  // An open item, so "my open items" lists it and asks HQ for the user's review actions too.
  await region.as(staff).contactRecords.create.mutate(contactRecordInput(customer.id));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([regionProxy?.close(), hqProxy?.close(), intranet?.close(), elsewhere?.close()]);
  await region?.close();
  await hq?.close();
  await hqDatabase?.cleanup();
});


interface Watched {
  context: BrowserContext;
  page: Page;
  /** CSP violations reported in any frame (securitypolicyviolation events and the browser's console). */
  violations: string[];
  errors: string[];
}

async function watchedPage(): Promise<Watched> {
  const violations: string[] = [];
  const errors: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  await context.exposeBinding('reportViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      void (window as unknown as { reportViolation(text: string): Promise<void> }).reportViolation(
        `${location.origin}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, violations, errors };
}

describe.skipIf(!browserAvailable)('the web app under production settings', () => {
  it('runs under its Content-Security-Policy at the node, the stand-in intranet page included, with no violation', { timeout: 60_000 }, async () => {
    const { context, page, violations, errors } = await watchedPage();
    try {
      // The open-items screen also calls HQ across origins (the user's review actions).
      const hqCall = page.waitForResponse((response) => response.url().startsWith(`${hqProxy.url}/trpc/reviews.myActions`));
      await page.goto(`${regionProxy.url}/items`);
      await page.locator('.whoami').getByText(users.staff.login, { exact: false }).waitFor();
      expect((await hqCall).status()).toBe(200);
      await page.goto(`${regionProxy.url}/record`);
      await page.locator('[role="combobox"]').fill('Kowloon Harbour');
      await page.locator('[role="option"]').getByText('Kowloon Harbour Logistics Ltd').waitFor();
      await page.goto(`${regionProxy.url}/intranet/crm/`);
      await page.locator('#crm-plugin .whoami').waitFor();
      await page.waitForLoadState('networkidle');
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('mounts as a plugin in an allow-listed intranet page on another origin, and may be framed by it', { timeout: 60_000 }, async () => {
    const { context, page, violations, errors } = await watchedPage();
    try {
      await page.goto(`${intranet.url}/plugin.html`);
      await expect.poll(() => page.evaluate(() => (window as unknown as { pluginState?: string }).pluginState), { timeout: 20_000 }).toBe('mounted');
      await page.locator('#crm .whoami').getByText(users.staff.login, { exact: false }).waitFor();
      await page.locator('#crm [role="combobox"]').fill('Kowloon Harbour');
      await page.locator('#crm [role="option"]').getByText('Kowloon Harbour Logistics Ltd').waitFor();

      await page.goto(`${intranet.url}/framed.html`);
      const framed = page.frameLocator('#app');
      await framed.locator('.whoami').getByText(users.staff.login, { exact: false }).waitFor();
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives a page on an origin that is on no list neither the plugin, nor the API, nor a frame', { timeout: 60_000 }, async () => {
    const { context, page, violations } = await watchedPage();
    try {
      await page.goto(`${elsewhere.url}/plugin.html`);
      await expect.poll(() => page.evaluate(() => (window as unknown as { pluginState?: string }).pluginState), { timeout: 20_000 }).toMatch(/^failed/);
      const apiCall = await page.evaluate(`fetch(${JSON.stringify(`${regionProxy.url}/trpc/me`)}).then((response) => 'status ' + response.status, (error) => 'refused: ' + error.name)`);
      expect(apiCall).toBe('refused: TypeError');
      expect(await page.locator('#crm .meridian').count()).toBe(0);

      await page.goto(`${elsewhere.url}/framed.html`);
      await page.waitForLoadState('load');
      const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
      expect(frame).toBeDefined();
      // The browser refused to render the app in the frame: nothing of it is there.
      await expect.poll(async () => (await frame!.locator('#meridian').count()) + (await frame!.locator('.meridian').count())).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await frame!.locator('#meridian').count()).toBe(0);
      expect(violations.some((text) => /frame-ancestors/.test(text))).toBe(true);
    } finally {
      await context.close();
    }
  });
});
