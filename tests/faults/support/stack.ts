/** The pieces every fault scenario assembles: scratch databases, federation keys, region specs, HQ. */
import { mkdtempSync } from 'node:fs';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederationKeyStore } from '@meridian/federation';
import { startHq, type RunningHq } from '@meridian/hq';
import { setupAnalytics } from '@meridian/analytics';
import { openHqDatabase, type HqDatabaseHandle, type RegionRegistration } from '@meridian/hq-db';
import { loadRegionConfig, registrationFromConfig } from '@meridian/region-config';
import type { DatabaseOptions } from '@meridian/db-driver';
import { freePort } from '../../support/ports.ts';
import { testProxySecret } from '../../support/regionNode.ts';
import type { ScratchCluster, ScratchDatabase } from '../../support/scratchCluster.ts';
import type { ChildSpec } from './child.ts';
import { countFeed, feedAccount, hqCustomersSql, queryRows, regionCustomersSql, type CustomerRow, type FeedAccount } from './ledger.ts';
import { nodeProcess, type NodeProcess } from './processes.ts';

export const proxySecret = testProxySecret;

export function newKeyStore(): FederationKeyStore {
  return new FederationKeyStore(mkdtempSync(join(tmpdir(), 'meridian-fault-keys-')));
}

export function pgOptions(database: ScratchDatabase, poolSize = 5): DatabaseOptions {
  return { driver: 'pg', url: database.appUrl, migrationUrl: database.ownerUrl, poolSize };
}

export async function regionSpec(keyStore: FederationKeyStore, code: string, database: DatabaseOptions): Promise<Extract<ChildSpec, { kind: 'region' }>> {
  const federationKeys = keyStore.publicKeySet(code) ?? (await keyStore.issue(code));
  return { kind: 'region', code, database, port: await freePort(), proxySecret, federationKeys };
}

export function registration(code: string, baseUrl: string): RegionRegistration {
  return { ...registrationFromConfig(loadRegionConfig(code)), baseUrl };
}

export async function hqSpec(
  keyStore: FederationKeyStore,
  database: ScratchDatabase,
  regions: RegionRegistration[],
  options: { batchSize?: number } = {},
): Promise<Extract<ChildSpec, { kind: 'hq' }>> {
  return {
    kind: 'hq',
    database: pgOptions(database),
    port: await freePort(),
    proxySecret,
    keysDir: keyStore.directory,
    batchSize: options.batchSize ?? 20,
    waitMs: 2_000,
    regions,
  };
}

/** HQ's database as HQ opens it: migrated by the owner, which also creates the analytics views. */
export function openHqAsItRuns(options: DatabaseOptions): Promise<HqDatabaseHandle> {
  return openHqDatabase(options.driver === 'pg' ? { ...options, ownerSteps: [setupAnalytics] } : options);
}

/** HQ inside the test process, for scenarios where HQ itself is not the one being hurt. */
export async function startInProcessHq(keyStore: FederationKeyStore, database: ScratchDatabase, regions: RegionRegistration[]): Promise<RunningHq> {
  const handle = await openHqAsItRuns(pgOptions(database));
  const hq = await startHq({
    database: handle,
    keysDir: keyStore.directory,
    port: 0,
    trust: { demoMode: false, proxySecret },
    batchSize: 50,
    waitMs: 2_000,
    log: () => undefined,
  });
  for (const entry of regions) await hq.runtime.registerRegion(entry, 'fault-test');
  return {
    ...hq,
    close: async () => {
      await hq.close();
      await handle.close();
    },
  };
}

/** A region database and an HQ database on one scratch cluster. */
export async function scratchDatabases(cluster: ScratchCluster, names: string[]): Promise<Map<string, ScratchDatabase>> {
  const databases = new Map<string, ScratchDatabase>();
  for (const name of names) databases.set(name, await cluster.createAppDatabase(name));
  return databases;
}

export interface RegionUnderTest {
  region: NodeProcess;
  hq: RunningHq;
  regionDatabase: ScratchDatabase;
  hqDatabase: ScratchDatabase;
  /** HQ's copy of the region's customers, after asking HQ to catch up. */
  hqRows(): Promise<CustomerRow[]>;
  regionRows(): Promise<CustomerRow[]>;
  /** Feed changes against what HQ applied from them (and repaired besides). */
  feed(): Promise<FeedAccount>;
  close(): Promise<void>;
}

/** One region node as a child process on `regionCluster`, HQ in this process on `hqCluster`. */
export async function regionWithHq(code: string, regionCluster: ScratchCluster, hqCluster: ScratchCluster, label: string): Promise<RegionUnderTest> {
  const keyStore = newKeyStore();
  const regionDatabase = await regionCluster.createAppDatabase(`region_${label}`);
  const hqDatabase = await hqCluster.createAppDatabase(`hq_${label}`);
  const region = nodeProcess(`region ${code}`, await regionSpec(keyStore, code, pgOptions(regionDatabase)));
  await region.start();
  const hq = await startInProcessHq(keyStore, hqDatabase, [registration(code, region.url)]);
  return {
    region,
    hq,
    regionDatabase,
    hqDatabase,
    hqRows: async () => {
      await hq.runtime.syncNow(code);
      return queryRows(hqDatabase.adminUrl, hqCustomersSql, [code]);
    },
    regionRows: () => queryRows(regionDatabase.adminUrl, regionCustomersSql),
    feed: () => feedAccount(code, () => countFeed(regionDatabase.adminUrl), hqDatabase.adminUrl),
    close: async () => {
      await hq.close();
      await region.kill('SIGKILL');
    },
  };
}

/** The feed alone delivered every change, exactly once; anti-entropy found nothing to repair. */
export function expectFeedComplete(feed: FeedAccount) {
  expect(feed.applied, `${feed.code}: HQ applied ${feed.applied} of ${feed.feed} feed changes`).toBe(feed.feed);
  expect(feed.repaired, `${feed.code}: anti-entropy had to repair what the feed did not deliver`).toBe(0);
}
