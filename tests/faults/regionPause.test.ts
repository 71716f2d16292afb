/**
 * A region node paused (SIGSTOP) under steady writes and resumed (SIGCONT), several times: requests
 * caught in the pause may time out at the caller, but whatever the node acknowledged must be kept and
 * reach HQ, nothing twice, and HQ must end with exactly the region's rows.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startScratchCluster } from '../support/scratchCluster.ts';
import { convergedVerdict, describeFeed, report } from './support/ledger.ts';
import { randomBetween, sleep, untilGrown } from './support/processes.ts';
import { expectFeedComplete, regionWithHq } from './support/stack.ts';
import { startWriters } from './support/writers.ts';

const minimumPauses = 3;
const minimumAcknowledged = 200;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

/** Polls HQ's status row for the region until it carries an error (or the time is up). */
async function lastErrorWithin(hqAdminUrl: string, code: string, ms: number): Promise<string | null> {
  const deadline = Date.now() + ms;
  let seen: string | null = null;
  const client = new pg.Client({ connectionString: hqAdminUrl });
  await client.connect();
  try {
    while (Date.now() < deadline) {
      const { rows } = await client.query<{ last_error: string | null; failures: number }>('select last_error, consecutive_failures as failures from regions where code = $1', [code]);
      if (rows[0]?.last_error && rows[0].failures > 0) seen ??= rows[0].last_error;
      await sleep(250);
    }
  } finally {
    await client.end();
  }
  return seen;
}

describe('a region node paused and resumed under steady writes', () => {
  it('keeps every acknowledged write and HQ converges to it after each resume', { timeout: 150_000 }, async () => {
    const began = Date.now();
    const cluster = await startScratchCluster({ label: 'region-pause' });
    cleanups.push(() => cluster.destroy());
    const stack = await regionWithHq('hk', cluster, cluster, 'pause');
    cleanups.push(() => stack.close());
    const setupMs = Date.now() - began;
    const writers = startWriters([{ code: 'hk', url: () => stack.region.url }], { writersPerRegion: 3, timeoutMs: 4_000 });

    let pauses = 0;
    let hungError: string | null = null;
    let pausedMs = 0;
    const deadline = Date.now() + 90_000;
    while ((pauses < minimumPauses || writers.acknowledgedTotal() < minimumAcknowledged) && Date.now() < deadline) {
      await untilGrown(writers.acknowledgedTotal, randomBetween(30, 80));
      const pid = stack.region.pid;
      stack.region.pause();
      pauses += 1;
      // One pause outlasts HQ's request deadline (its long-poll wait plus 5 s): HQ must say the region
      // is not answering, then carry on by itself once it is resumed.
      const long = pauses === 2;
      const length = long ? 9_000 : randomBetween(1_000, 3_000);
      pausedMs += length;
      if (long) hungError = await lastErrorWithin(stack.hqDatabase.adminUrl, 'hk', length);
      else await sleep(length);
      stack.region.resume();
      // Resumed, not restarted: the same process carries on.
      expect(stack.region.pid).toBe(pid);
    }
    await writers.stop();
    const writingMs = Date.now() - began - setupMs;
    const ledger = writers.ledgers.get('hk')!;
    const verdict = await convergedVerdict(ledger, stack.regionRows, stack.hqRows);
    const feed = await stack.feed();
    report('region paused', [verdict], [ledger], {
      pauses,
      'paused ms': pausedMs,
      'HQ said while paused': hungError ?? 'nothing',
      regions: 1,
      acknowledged: writers.acknowledgedTotal(),
      feed: describeFeed([feed]),
      'internal errors logged by the node': JSON.stringify([...stack.region.internalErrors()]),
      'setup ms': setupMs,
      'writing ms': writingMs,
      'converged ms': Date.now() - began - setupMs - writingMs,
    });

    expect(stack.region.alive()).toBe(true);
    expect(hungError, 'HQ showed no error while the region was paused past its request deadline').not.toBeNull();
    expect(pauses).toBeGreaterThanOrEqual(minimumPauses);
    expect(writers.acknowledgedTotal()).toBeGreaterThanOrEqual(minimumAcknowledged);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.diverged).toEqual([]);
    expectFeedComplete(feed);
  });
});
