/**
 * A region node SIGKILLed at random points under steady writes, on PostgreSQL and on PGlite: every
 * write it acknowledged must survive the kill at the region and reach HQ at its acknowledged version
 * (or newer), nothing twice, and HQ must end with exactly the region's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHq } from '@meridian/hq';
import { openRegionDatabase } from '@meridian/region-db';
import { selectRows } from '@meridian/region-db';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { startScratchCluster, type ScratchCluster } from '../support/scratchCluster.ts';
import { convergedVerdict, countFeed, describeFeed, feedAccount, hqCustomersSql, queryRows, regionCustomersSql, report, type CustomerRow } from './support/ledger.ts';
import { nodeProcess, randomBetween, sleep, untilGrown, type NodeProcess } from './support/processes.ts';
import { expectFeedComplete, newKeyStore, pgOptions, registration, regionSpec, scratchDatabases, startInProcessHq } from './support/stack.ts';
import { startWriters } from './support/writers.ts';

const minimumKills = 5;
const minimumAcknowledged = 200;

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

async function killRepeatedly(region: NodeProcess, writers: ReturnType<typeof startWriters>, deadline: number) {
  let kills = 0;
  while ((kills < minimumKills || writers.acknowledgedTotal() < minimumAcknowledged) && Date.now() < deadline) {
    // A random point: after a random number of acknowledged writes, plus a random fraction of a second.
    await untilGrown(writers.acknowledgedTotal, randomBetween(25, 70));
    await sleep(randomBetween(0, 300));
    await region.kill('SIGKILL');
    kills += 1;
    await sleep(randomBetween(100, 800));
    await region.start();
  }
  return kills;
}

async function runScenario(label: string, driver: 'pg' | 'pglite', cluster: ScratchCluster) {
  const keyStore = newKeyStore();
  const databases = await scratchDatabases(cluster, driver === 'pg' ? [`hq_${label}`, `region_${label}`] : [`hq_${label}`]);
  const pgliteDir = mkdtempSync(join(tmpdir(), 'meridian-fault-pglite-'));
  cleanups.push(async () => rmSync(pgliteDir, { recursive: true, force: true }));
  const spec = await regionSpec(keyStore, 'gb', driver === 'pg' ? pgOptions(databases.get(`region_${label}`)!) : { driver: 'pglite', dataDir: pgliteDir });
  const region = nodeProcess(`region gb (${driver})`, spec);
  cleanups.push(() => region.kill('SIGKILL'));
  await region.start();
  const hq: RunningHq = await startInProcessHq(keyStore, databases.get(`hq_${label}`)!, [registration('gb', region.url)]);
  cleanups.push(() => hq.close());

  const writers = startWriters([{ code: 'gb', url: () => region.url }], { writersPerRegion: 3 });
  const kills = await killRepeatedly(region, writers, Date.now() + 90_000);
  await writers.stop();
  const ledger = writers.ledgers.get('gb')!;

  const hqRows = async () => {
    await hq.runtime.syncNow('gb');
    return queryRows(databases.get(`hq_${label}`)!.adminUrl, hqCustomersSql, ['gb']);
  };
  let regionRows: () => Promise<CustomerRow[]>;
  let feedCount: () => Promise<number>;
  if (driver === 'pg') {
    regionRows = () => queryRows(databases.get(`region_${label}`)!.adminUrl, regionCustomersSql);
    feedCount = () => countFeed(databases.get(`region_${label}`)!.adminUrl);
  } else {
    // PGlite is single-process: let HQ catch up with the node running, then stop it and read its files.
    await convergedVerdict(ledger, hqRows, hqRows, 30_000);
    for (let quiet = 0; quiet < 2; ) quiet = (await hq.runtime.syncNow('gb'))[0]?.applied === 0 ? quiet + 1 : 0;
    await region.kill('SIGTERM');
    const local = await openRegionDatabase({ driver: 'pglite', dataDir: pgliteDir });
    const rows = await selectRows<CustomerRow>(local.db, sql.raw(regionCustomersSql));
    const [feedRow] = await selectRows<{ n: number | string }>(local.db, sql`select count(*) as n from change_feed`);
    await local.close();
    feedCount = async () => Number(feedRow!.n);
    regionRows = async () => rows.map((row) => ({ ...row, version: Number(row.version) }));
  }
  const verdict = await convergedVerdict(ledger, regionRows, hqRows);
  const feed = await feedAccount('gb', feedCount, databases.get(`hq_${label}`)!.adminUrl);
  report(`region killed (${driver})`, [verdict], [ledger], { kills, feed: describeFeed([feed]), regions: 1, acknowledged: writers.acknowledgedTotal() });

  expect(kills).toBeGreaterThanOrEqual(minimumKills);
  expect(writers.acknowledgedTotal()).toBeGreaterThanOrEqual(minimumAcknowledged);
  expect(verdict.lost).toEqual([]);
  expect(verdict.duplicated).toEqual([]);
  expect(verdict.diverged).toEqual([]);
  expectFeedComplete(feed);
}

describe('a region node killed under steady writes', () => {
  let cluster: ScratchCluster;
  it('on PostgreSQL: nothing acknowledged is lost or doubled, HQ holds exactly the region', { timeout: 150_000 }, async () => {
    cluster = await startScratchCluster({ label: 'region-kill' });
    cleanups.push(() => cluster.destroy());
    await runScenario('pg', 'pg', cluster);
  });

  it('on PGlite: the same, with the node owning its embedded database files', { timeout: 180_000 }, async () => {
    await runScenario('pglite', 'pglite', cluster);
  });
});
