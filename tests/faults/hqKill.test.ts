/**
 * HQ SIGKILLed at random points while several regions take steady writes, and the regions'
 * transaction ids crossing a power of ten meanwhile (a scratch cluster started below 10^6; one
 * outage is held open across the crossing so HQ is at least a batch behind on both sides of it).
 * Every acknowledged write must reach HQ at its acknowledged version or newer, none twice, and HQ
 * must end with exactly each region's rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRegionNode, type RunningRegionNode } from '@meridian/region-node';
import { loadRegionConfig } from '@meridian/region-config';
import { openRegionDatabase, type RegionDatabaseHandle } from '@meridian/region-db';
import { startScratchCluster, type ScratchCluster } from '../support/scratchCluster.ts';
import { convergedVerdict, countFeed, describeFeed, feedAccount, hqCustomersSql, queryRows, regionCustomersSql, report } from './support/ledger.ts';
import { nodeProcess, randomBetween, sleep } from './support/processes.ts';
import { expectFeedComplete, hqSpec, newKeyStore, pgOptions, proxySecret, registration, scratchDatabases } from './support/stack.ts';
import { startWriters } from './support/writers.ts';
import pg from 'pg';

const boundary = 1_000_000n;
const batchSize = 20;
const minimumKills = 5;
const minimumAcknowledged = 200;
const codes = ['gb', 'hk'];
/** Two writers per region at full speed (≈ 10–20 writes/s each) for at most 100 s, with room to spare. */
const faultWriterRateLimit = { perIdentity: 5_000, perSource: 10_000, windowSeconds: 60 };

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

/** What HQ has not applied of a region's feed yet, either side of the boundary. */
async function backlog(hqAdminUrl: string, regionAdminUrl: string, code: string) {
  const hq = new pg.Client({ connectionString: hqAdminUrl });
  const region = new pg.Client({ connectionString: regionAdminUrl });
  await Promise.all([hq.connect(), region.connect()]);
  try {
    const cursor = (await hq.query<{ cursor: string | null }>('select cursor from regions where code = $1', [code])).rows[0]?.cursor ?? '0:0';
    const [txid, seq] = cursor.split(':');
    const { rows } = await region.query<{ below: string; above: string }>(
      `select count(*) filter (where txid < $1::xid8) as below, count(*) filter (where txid >= $1::xid8) as above
         from change_feed where (txid, seq) > ($2::xid8, $3::bigint)`,
      [boundary.toString(), txid, seq],
    );
    return { code, cursor, below: Number(rows[0]!.below), above: Number(rows[0]!.above) };
  } finally {
    await Promise.all([hq.end(), region.end()]);
  }
}

async function feedRange(regionAdminUrl: string) {
  const client = new pg.Client({ connectionString: regionAdminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ first: string; last: string; n: string }>('select min(txid)::text as first, max(txid)::text as last, count(*) as n from change_feed');
    return rows[0]!;
  } finally {
    await client.end();
  }
}

describe('HQ killed under steady writes from several regions', () => {
  it('loses nothing acknowledged, doubles nothing, and ends with exactly each region, across 10^6', { timeout: 180_000 }, async () => {
    const began = Date.now();
    const cluster: ScratchCluster = await startScratchCluster({ label: 'hq-kill', nextXid: 900_000 });
    cleanups.push(() => cluster.destroy());
    const databases = await scratchDatabases(cluster, ['hq', ...codes.map((code) => `region_${code}`)]);
    const keyStore = newKeyStore();

    const nodes = new Map<string, RunningRegionNode>();
    const handles = new Map<string, RegionDatabaseHandle>();
    for (const code of codes) {
      const handle = await openRegionDatabase(pgOptions(databases.get(`region_${code}`)!));
      handles.set(code, handle);
      const federationKeys = keyStore.publicKeySet(code) ?? (await keyStore.issue(code));
      const node = await startRegionNode({
        config: loadRegionConfig(code),
        database: handle,
        port: 0,
        hostname: '127.0.0.1',
        security: { demoMode: false, proxySecret, federationKeys },
        // The limiter stays on, with a budget for writers that go as fast as they can for up to 100 s.
        rateLimit: faultWriterRateLimit,
      });
      nodes.set(code, node);
      cleanups.push(async () => {
        await node.close();
        await handle.close();
      });
    }
    const hq = nodeProcess('hq', await hqSpec(keyStore, databases.get('hq')!, codes.map((code) => registration(code, nodes.get(code)!.url)), { batchSize }));
    cleanups.push(() => hq.kill('SIGKILL'));
    await hq.start();

    const writers = startWriters(codes.map((code) => ({ code, url: () => nodes.get(code)!.url })), { writersPerRegion: 2 });

    const setupMs = Date.now() - began;
    let kills = 0;
    let crossing: Awaited<ReturnType<typeof backlog>>[] = [];
    const deadline = Date.now() + 100_000;
    while ((kills < minimumKills || writers.acknowledgedTotal() < minimumAcknowledged || crossing.length === 0) && Date.now() < deadline) {
      await sleep(randomBetween(700, 2_500));
      await hq.kill('SIGKILL');
      kills += 1;
      if (kills === 3) {
        // Held down across the boundary: ids jump to just below 10^6, writes pile up below it and cross
        // it by themselves, the ids jump past it, and more pile up above.
        expect(await cluster.nextXid(), 'the run used up the room below 10^6 before the crossing; start lower').toBeLessThan(boundary - 150n);
        const backlogs = () => Promise.all(codes.map((code) => backlog(databases.get('hq')!.adminUrl, databases.get(`region_${code}`)!.adminUrl, code)));
        // Wait (bounded) for the writers to put a batch on each side, rather than guess how long that takes.
        const waitForBacklog = async (side: 'below' | 'above') => {
          const until = Date.now() + 20_000;
          while (Date.now() < until && !(await backlogs()).every((entry) => entry[side] >= batchSize)) await sleep(250);
        };
        await cluster.burnXidsTo(boundary - 150n);
        await waitForBacklog('below');
        await cluster.burnXidsTo(boundary);
        await waitForBacklog('above');
        crossing = await backlogs();
      } else {
        await sleep(randomBetween(100, 1_200));
      }
      await hq.start();
    }
    await writers.stop();
    const writingMs = Date.now() - began - setupMs;

    const verdicts = [];
    for (const code of codes) {
      verdicts.push(
        await convergedVerdict(
          writers.ledgers.get(code)!,
          () => queryRows(databases.get(`region_${code}`)!.adminUrl, regionCustomersSql),
          () => queryRows(databases.get('hq')!.adminUrl, hqCustomersSql, [code]),
          90_000,
        ),
      );
    }
    const feeds = [];
    for (const code of codes) feeds.push(await feedAccount(code, () => countFeed(databases.get(`region_${code}`)!.adminUrl), databases.get('hq')!.adminUrl));
    const ranges = await Promise.all(codes.map(async (code) => ({ code, ...(await feedRange(databases.get(`region_${code}`)!.adminUrl)) })));
    report('HQ killed', verdicts, [...writers.ledgers.values()], {
      kills,
      regions: codes.length,
      'setup ms': setupMs,
      'writing ms': writingMs,
      'converged ms': Date.now() - began - setupMs - writingMs,
      acknowledged: writers.acknowledgedTotal(),
      'feed txids': ranges.map((range) => `${range.code} ${range.first}..${range.last} (${range.n} changes)`).join('; '),
      feeds: describeFeed(feeds),
      'behind at the crossing': crossing.map((entry) => `${entry.code} ${entry.below} below / ${entry.above} at or above 10^6 (batch ${batchSize})`).join('; '),
    });

    expect(kills).toBeGreaterThanOrEqual(minimumKills);
    expect(writers.acknowledgedTotal()).toBeGreaterThanOrEqual(minimumAcknowledged);
    // Not a skip: without HQ a batch behind on both sides of the boundary the run proves nothing.
    expect(crossing.some((entry) => entry.below >= batchSize && entry.above >= batchSize), 'no region had a batch of changes either side of 10^6 while HQ was down').toBe(true);
    for (const feed of feeds) expectFeedComplete(feed);
    for (const verdict of verdicts) {
      expect(verdict.lost, `${verdict.code} lost`).toEqual([]);
      expect(verdict.duplicated, `${verdict.code} duplicated`).toEqual([]);
      expect(verdict.diverged, `${verdict.code} diverged`).toEqual([]);
    }
  });
});
