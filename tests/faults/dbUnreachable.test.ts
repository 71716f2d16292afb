/**
 * The region's PostgreSQL goes away under steady writes (stopped as abruptly as a crash, several
 * times) and comes back: the node must stay up, refuse writes cleanly (503 saying the database is
 * unavailable) while it is gone, lose nothing it acknowledged, and take writes again by itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startScratchCluster } from '../support/scratchCluster.ts';
import { convergedVerdict, describeFeed, report } from './support/ledger.ts';
import { expectCleanRefusals, refusalCounts, refusalsSince } from './support/outage.ts';
import { randomBetween, sleep, untilGrown } from './support/processes.ts';
import { expectFeedComplete, regionWithHq } from './support/stack.ts';
import { startWriters } from './support/writers.ts';

const minimumOutages = 3;
const minimumAcknowledged = 200;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

describe('the region database unreachable', () => {
  it('refuses writes cleanly while it is gone, loses nothing acknowledged, recovers without a restart', { timeout: 150_000 }, async () => {
    const regionCluster = await startScratchCluster({ label: 'db-down-region' });
    cleanups.push(() => regionCluster.destroy());
    const hqCluster = await startScratchCluster({ label: 'db-down-hq' });
    cleanups.push(() => hqCluster.destroy());
    const stack = await regionWithHq('gb', regionCluster, hqCluster, 'dbdown');
    cleanups.push(() => stack.close());
    const pid = stack.region.pid;
    const writers = startWriters([{ code: 'gb', url: () => stack.region.url }], { writersPerRegion: 2 });
    const ledger = writers.ledgers.get('gb')!;

    let outages = 0;
    const outageRefusals = new Map<number, number>();
    const deadline = Date.now() + 100_000;
    while ((outages < minimumOutages || writers.acknowledgedTotal() < minimumAcknowledged) && Date.now() < deadline) {
      await untilGrown(writers.acknowledgedTotal, randomBetween(30, 70));
      const before = refusalCounts(ledger);
      await regionCluster.stop('immediate');
      outages += 1;
      await sleep(randomBetween(1_500, 3_000));
      await regionCluster.start();
      for (const [status, count] of refusalsSince(ledger, before)) outageRefusals.set(status, (outageRefusals.get(status) ?? 0) + count);
      // Back by itself: the same process acknowledges writes again.
      await untilGrown(writers.acknowledgedTotal, 5, 30_000);
      expect(stack.region.alive(), `the node died with its database:\n${stack.region.output()}`).toBe(true);
      expect(stack.region.pid).toBe(pid);
    }
    await writers.stop();
    const verdict = await convergedVerdict(ledger, stack.regionRows, stack.hqRows);
    const feed = await stack.feed();
    report('database unreachable', [verdict], [ledger], {
      outages,
      feed: describeFeed([feed]),
      regions: 1,
      'internal errors logged by the node': JSON.stringify([...stack.region.internalErrors()]),
      acknowledged: writers.acknowledgedTotal(),
      'refused during outages': JSON.stringify([...outageRefusals]),
      'node restarts': 0,
    });

    expect(outages).toBeGreaterThanOrEqual(minimumOutages);
    expect(writers.acknowledgedTotal()).toBeGreaterThanOrEqual(minimumAcknowledged);
    expectCleanRefusals(ledger);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.diverged).toEqual([]);
    expectFeedComplete(feed);
  });
});
