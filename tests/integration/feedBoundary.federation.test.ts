/**
 * The bug that lost region changes for good, replayed end to end: a region whose transaction ids
 * cross a power of ten while HQ is down (and, later, while the region is disabled at HQ) and HQ a
 * batch or more behind. HQ must then converge to exactly the region's rows: none lost, none twice,
 * each at its newest version. The region runs on a scratch cluster started just below 10^6, so the
 * crossing is real, not simulated; the test fails, not skips, if the backlog did not straddle it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationKeyStore } from '@meridian/federation';
import { startHq, type RunningHq } from '@meridian/hq';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import { openRegionDatabase, selectRows, type RegionDatabaseHandle } from '@meridian/region-db';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import type { RegionRouter } from '@meridian/region-api';
import { createTestHqDatabase, type TestHqDatabase } from '@meridian/test-utils';
import { createTRPCClient, httpLink } from '@trpc/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerInput } from '../support/factories.ts';
import { eventually } from '../support/federation.ts';
import { identityHeaders, testProxySecret } from '../support/regionNode.ts';
import { startScratchCluster, type ScratchCluster } from '../support/scratchCluster.ts';

const batchSize = 10;
const staff = { login: 'eleanor.hughes', groups: 'crm-staff,crm-region-gb' };
const trust = { demoMode: false, proxySecret: testProxySecret };

let cluster: ScratchCluster;
let regionDb: RegionDatabaseHandle;
let node: RunningRegionNode;
let keyStore: FederationKeyStore;
let hqDatabase: TestHqDatabase;
let hq: RunningHq | null = null;

async function startNode(port = 0) {
  const federationKeys = keyStore.publicKeySet('gb') ?? (await keyStore.issue('gb'));
  node = await startRegionNode({ config: loadRegionConfig('gb'), database: regionDb, port, security: { ...trust, federationKeys } });
}

async function startHub() {
  hq = await startHq({ database: hqDatabase, keysDir: keyStore.directory, port: 0, trust, waitMs: 2_000, batchSize, log: () => undefined });
  await hq.runtime.registerRegion({ ...registrationFromConfig(loadRegionConfig('gb')), baseUrl: node.url }, 'test');
}

const regionClient = () => createTRPCClient<RegionRouter>({ links: [httpLink({ url: `${node.url}/trpc`, headers: identityHeaders(staff) })] });

beforeAll(async () => {
  // Just below 10^6: migrations and the first writes use a few hundred ids; the test burns the rest.
  cluster = await startScratchCluster({ label: 'feed-boundary', nextXid: 998_000 });
  const database = await cluster.createAppDatabase('region_gb');
  regionDb = await openRegionDatabase({ driver: 'pg', url: database.appUrl, migrationUrl: database.ownerUrl, poolSize: 5 });
  keyStore = new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-boundary-keys-')));
  hqDatabase = await createTestHqDatabase('feed-boundary');
  await startNode();
  await startHub();
}, 120_000);
afterAll(async () => {
  await hq?.close();
  await node?.close();
  await regionDb?.close();
  await hqDatabase?.cleanup();
  await cluster?.destroy();
});

async function createCustomers(count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const { customer } = await regionClient().customers.create.mutate(customerInput({ name: `${label} Foundry ${index} Ltd`, city: 'Sheffield', allowDuplicate: true }));
    ids.push(customer.id);
  }
  return ids;
}

async function updateCustomers(ids: string[], city: string) {
  for (const id of ids) await regionClient().customers.update.mutate({ id, city });
}

/** What HQ has not applied yet, by side of the boundary: the lag the bug needed. */
async function backlogAround(boundary: bigint) {
  const [region] = await selectRows<{ cursor: string | null }>(hqDatabase.db, sql`select cursor from regions where code = 'gb'`);
  const [txid, seq] = (region?.cursor ?? '0:0').split(':');
  const [row] = await selectRows<{ below: string; above: string; first: string | null; last: string | null }>(
    regionDb.db,
    sql`select count(*) filter (where txid < ${boundary.toString()}::xid8) as below,
               count(*) filter (where txid >= ${boundary.toString()}::xid8) as above,
               min(txid)::text as first, max(txid)::text as last
        from change_feed where (txid, seq) > (${txid}::xid8, ${Number(seq)}::bigint)`,
  );
  return { cursor: region?.cursor ?? null, below: Number(row!.below), above: Number(row!.above), first: row!.first, last: row!.last };
}

/** HQ's replica equals the region, row for row and version for version (and the feed is fully applied). */
async function expectConverged() {
  await eventually(async () => {
    await hq!.runtime.syncNow('gb');
    await hq!.runtime.settled();
    const atRegion = await selectRows<{ id: string; version: number }>(regionDb.db, sql`select id, version from customers order by id`);
    const atHq = await selectRows<{ id: string; version: number }>(hqDatabase.db, sql`select id, version from region_customers where region = 'gb' order by id`);
    expect(atHq).toEqual(atRegion);
    const regionAssignments = await selectRows<{ id: string }>(regionDb.db, sql`select id::text as id from account_manager_history order by id::text`);
    const hqAssignments = await selectRows<{ id: string }>(hqDatabase.db, sql`select id from region_manager_assignments where region = 'gb' order by id`);
    expect(hqAssignments).toEqual(regionAssignments);
    const [feed] = await selectRows<{ n: string }>(regionDb.db, sql`select count(*) as n from change_feed`);
    const [applied] = await selectRows<{ n: string }>(hqDatabase.db, sql`select changes_applied as n from regions where code = 'gb'`);
    // Every change applied exactly once: a skipped or repeated batch would leave these unequal.
    expect(Number(applied!.n), `HQ applied ${applied!.n} of ${feed!.n} feed changes`).toBe(Number(feed!.n));
  }, 60_000);
}

function reportCrossing(phase: string, boundary: bigint, backlog: Awaited<ReturnType<typeof backlogAround>>) {
  console.log(
    `[feed boundary] ${phase}: HQ cursor ${backlog.cursor}, backlog txids ${backlog.first}..${backlog.last} ` +
      `(${backlog.below} changes below ${boundary}, ${backlog.above} at or above; batch ${batchSize})`,
  );
  // Not a skip: a run that did not straddle the boundary with HQ a batch behind proves nothing.
  expect(backlog.below, `fewer than a batch of changes below ${boundary}`).toBeGreaterThanOrEqual(batchSize);
  expect(backlog.above, `fewer than a batch of changes at or above ${boundary}`).toBeGreaterThanOrEqual(batchSize);
}

describe('transaction ids crossing a power of ten while HQ is behind', () => {
  it('HQ down across 10^6: converges to exactly the region rows, newest versions', { timeout: 120_000 }, async () => {
    const early = await createCustomers(5, 'Early');
    await expectConverged();
    await hq!.close();
    hq = null;

    const boundary = 1_000_000n;
    await cluster.burnXidsTo(boundary - 40n);
    const before = await createCustomers(12, 'Before');
    await updateCustomers(early, 'Rotherham');
    expect(await cluster.nextXid()).toBeLessThan(boundary);
    await cluster.burnXidsTo(boundary + 3n);
    const after = await createCustomers(8, 'After');
    await updateCustomers([...early.slice(0, 3), ...before.slice(0, 6)], 'Doncaster');

    const backlog = await backlogAround(boundary);
    reportCrossing('HQ down', boundary, backlog);
    await startHub();
    await expectConverged();
    expect(after).toHaveLength(8);
  });

  it('region disabled at HQ across 10^7: resumes from its cursor and converges', { timeout: 120_000 }, async () => {
    const admin = 'root.admin';
    await hq!.runtime.setRegionEnabled('gb', false, admin);
    const before = await createCustomers(10, 'Dormant');

    // Jump close to the next power of ten (the cluster restarts, so the node goes away meanwhile).
    const boundary = 10_000_000n;
    const port = node.port;
    await node.close();
    await cluster.resetXid(Number(boundary) - 60);
    await startNode(port);
    await updateCustomers(before.slice(0, 5), 'Barnsley');
    expect(await cluster.nextXid()).toBeLessThan(boundary);
    await cluster.burnXidsTo(boundary + 3n);
    await createCustomers(8, 'Woken');
    await updateCustomers(before.slice(5), 'Wakefield');

    const backlog = await backlogAround(boundary);
    reportCrossing('region disabled', boundary, backlog);
    await hq!.runtime.setRegionEnabled('gb', true, admin);
    await expectConverged();
  });
});
