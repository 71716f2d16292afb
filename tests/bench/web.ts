import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { defaultWebDistDir } from '@meridian/http-serve';
import { loadRegionConfig } from '@meridian/region-config';
import { openRegionDatabase } from '@meridian/region-db';
import { startRegionNode } from '@meridian/region-node';
import { launchBrowser } from '../support/browser.ts';

// Informational: the JavaScript a staff member's browser loads before the contact-record screen is usable,
// measured in a real browser (what it fetched), gzip-compressed as a web server would send it.
const budgetKb = 250;

async function main() {
  const database = await openRegionDatabase({ driver: 'pglite' });
  const node = await startRegionNode({ config: loadRegionConfig('hk'), database, port: 0, security: { demoMode: true, proxySecret: null }, serveWeb: true });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ locale: 'zh-HK' });
    await context.addInitScript(() => localStorage.setItem('meridian.demoIdentity', JSON.stringify({ login: 'kaming.wong', groups: ['crm-staff', 'crm-region-hk'] })));
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.pathname.startsWith('/assets/') && url.pathname.endsWith('.js')) scripts.add(url.pathname);
    });
    await page.goto(`${node.url}/record`);
    await page.locator('[role="combobox"]').waitFor();
    await page.waitForLoadState('networkidle');
    const files = [...scripts].map((path) => {
      const bytes = readFileSync(join(defaultWebDistDir, path));
      return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    files.sort((a, b) => b.gzip - a.gzip);
    const totalGzip = files.reduce((sum, file) => sum + file.gzip, 0);
    const totalRaw = files.reduce((sum, file) => sum + file.raw, 0);
    console.log('\nMeridian web benchmark: first load of the staff contact-record screen (zh-HK)');
    console.log(`  ${'file'.padEnd(44)} ${'raw kB'.padStart(8)} ${'gzip kB'.padStart(8)}`);
    for (const file of files) console.log(`  ${file.path.padEnd(44)} ${(file.raw / 1024).toFixed(1).padStart(8)} ${(file.gzip / 1024).toFixed(1).padStart(8)}`);
    console.log(`  ${'total'.padEnd(44)} ${(totalRaw / 1024).toFixed(1).padStart(8)} ${(totalGzip / 1024).toFixed(1).padStart(8)}`);
    console.log(`\n  Target "first-load JS ≤ ${budgetKb} kB gzip for the staff entry screen": ${totalGzip / 1024 <= budgetKb ? 'PASS' : 'MISS'} (${(totalGzip / 1024).toFixed(1)} kB)`);
    console.log('  Keystrokes for a typical record: printed by tests/browser/staffRecord.test.ts (10 besides free text, target ≤ 12).');
  } finally {
    await browser.close();
    await node.close();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('Benchmark failed:', error);
    process.exit(1);
  },
);
