import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectRows } from '@meridian/db-driver';
import { FederationKeyStore } from '@meridian/federation';
import { startHq } from '@meridian/hq';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { inWriteTransaction, insertCustomer, nextCustomerCode } from '@meridian/region-db';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/federation.ts';
import { freePort } from '../support/ports.ts';
import { startTestRegion, testProxySecret, type TestRegion } from '../support/regionNode.ts';

const hqMain = fileURLToPath(new URL('../../apps/hq/src/main.ts', import.meta.url));
const customersToWrite = 3_000;


let workDir: string;
let keyStore: FederationKeyStore;
let region: TestRegion;
let hqDatabase: TestHqDatabase;
beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'meridian-hq-crash-'));
  keyStore = new FederationKeyStore(join(workDir, 'hq-keys'));
  const federationKeys = await keyStore.issue('gb');
  region = await startTestRegion('hq-crash-gb', { regionCode: 'gb', security: { demoMode: false, proxySecret: testProxySecret, federationKeys } });
  hqDatabase = await createTestHqDatabase('hq-crash');
  // A backlog for HQ to work through: many transactions' worth of customers.
  for (let start = 0; start < customersToWrite; start += 100) {
    await inWriteTransaction(region.database.db, { actor: 'loader', procedure: 'test.backlog' }, async (tx) => {
      for (let index = start; index < start + 100; index++) {
        await insertCustomer(tx, {
          code: await nextCustomerCode(tx, 'GB'),
          country: 'GB',
          name: `Backlog Engineering ${index} Ltd`,
          segment: 'industrial',
          subSegment: 'manufacturing',
          city: 'Leeds',
          email: `c${index}@backlog.example`,
          accountManager: 'loader',
          actor: 'loader',
        });
      }
    });
  }
}, 120_000);
afterAll(async () => {
  await hqDatabase?.cleanup();
  await region?.close();
});

async function hqCounts() {
  const [row] = await selectRows<{ customers: string; applied: string | null; cursor: string | null }>(
    hqDatabase.db,
    sql`select (select count(*) from region_customers) as customers,
               (select changes_applied from regions where code = 'gb') as applied,
               (select cursor from regions where code = 'gb') as cursor`,
  );
  return { customers: Number(row!.customers), applied: Number(row!.applied ?? 0), cursor: row!.cursor };
}

describe('HQ killed in the middle of a sync', () => {
  it('loses nothing and applies nothing twice when it comes back', { timeout: 120_000 }, async () => {
    const regionsDir = join(workDir, 'regions');
    mkdirSync(join(regionsDir, 'gb'), { recursive: true });
    writeFileSync(join(regionsDir, 'gb', 'region.json'), JSON.stringify({ ...loadRegionConfig('gb'), baseUrl: region.node.url }));

    const child = spawn(process.execPath, ['--import', 'tsx', hqMain], {
      env: {
        ...process.env,
        DATABASE_URL: hqDatabase.url!,
        MERIDIAN_REGIONS_DIR: regionsDir,
        MERIDIAN_HQ_KEYS_DIR: keyStore.directory,
        MERIDIAN_SYNC_BATCH: '100',
        PORT: String(await freePort()),
      },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let atKill = await hqCounts();
    const deadline = Date.now() + 60_000;
    while (atKill.applied === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      atKill = await hqCounts();
    }
    child.kill('SIGKILL');
    await exited;
    atKill = await hqCounts();
    // The kill landed mid-sync: some batches in, most not.
    expect(atKill.applied).toBeGreaterThan(0);
    expect(atKill.customers).toBeLessThan(customersToWrite);

    const hq = await startHq({ database: hqDatabase, keysDir: keyStore.directory, port: 0, trust: { demoMode: false, proxySecret: testProxySecret }, log: () => undefined });
    try {
      await hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('gb')), baseUrl: region.node.url }, 'test');
      // HQ pushes global codes back (new region changes), so sync until both sides are quiet.
      await eventually(async () => {
        await hq.runtime.syncNow('gb');
        await hq.runtime.settled();
        const after = await hqCounts();
        const [feed] = await selectRows<{ n: string }>(region.database.db, sql`select count(*) as n from change_feed`);
        expect(after.customers).toBe(customersToWrite);
        // Every change applied exactly once across the crash: the cursor moved with each committed batch.
        expect(after.applied).toBe(Number(feed!.n));
      }, 60_000);
      const regionVersions = await selectRows<{ id: string; version: number }>(region.database.db, sql`select id, version from customers`);
      const hqVersions = new Map(
        (await selectRows<{ id: string; version: number }>(hqDatabase.db, sql`select id, version from region_customers where region = 'gb'`)).map((row) => [row.id, row.version]),
      );
      expect(regionVersions.filter((row) => hqVersions.get(row.id) !== row.version)).toEqual([]);
    } finally {
      await hq.close();
    }
  });
});
