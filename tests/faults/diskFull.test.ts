/**
 * The region database's disk fills up under steady writes (its data directory on a small tmpfs, filled
 * to the last byte by another file), then space is freed: the node must stay up, refuse writes
 * cleanly (503 saying why) while the disk is full, lose nothing it acknowledged, and take writes again
 * by itself once there is room. Mounting a tmpfs needs root, as CI runs; elsewhere this fails, loudly.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startScratchCluster, type ScratchCluster } from '../support/scratchCluster.ts';
import { convergedVerdict, describeFeed, report } from './support/ledger.ts';
import { expectCleanRefusals, refusalCounts, refusalsSince } from './support/outage.ts';
import { randomBetween, sleep, untilGrown } from './support/processes.ts';
import { expectFeedComplete, regionWithHq } from './support/stack.ts';
import { startWriters } from './support/writers.ts';

const minimumFills = 2;
const minimumAcknowledged = 200;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(error));
});

/** Writes a file until the file system has no byte left; returns its size. */
function fillUp(path: string): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const size of [1 << 20, 1 << 12, 1 << 9]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

describe('the region database disk full', () => {
  it('refuses writes cleanly while full, loses nothing acknowledged, recovers without a restart', { timeout: 150_000 }, async () => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'meridian-disk-full-'));
    // Room for a fresh cluster (~40 MB with its first WAL segment) and some growth, no more.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m,mode=0755', 'tmpfs', mountPoint]);
    cleanups.push(async () => {
      execFileSync('umount', ['-l', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });
    const regionCluster: ScratchCluster = await startScratchCluster({ label: 'disk-full-region', parentDir: mountPoint });
    cleanups.push(() => regionCluster.destroy());
    const hqCluster = await startScratchCluster({ label: 'disk-full-hq' });
    cleanups.push(() => hqCluster.destroy());
    const stack = await regionWithHq('ae', regionCluster, hqCluster, 'diskfull');
    cleanups.push(() => stack.close());
    const pid = stack.region.pid;
    const writers = startWriters([{ code: 'ae', url: () => stack.region.url }], { writersPerRegion: 2 });
    const ledger = writers.ledgers.get('ae')!;
    const fillerDir = join(mountPoint, 'filler');
    mkdirSync(fillerDir);

    let fills = 0;
    const fullRefusals = new Map<number, number>();
    const filled: number[] = [];
    const deadline = Date.now() + 100_000;
    while ((fills < minimumFills || writers.acknowledgedTotal() < minimumAcknowledged) && Date.now() < deadline) {
      await untilGrown(writers.acknowledgedTotal, randomBetween(40, 90));
      const before = refusalCounts(ledger);
      const filler = join(fillerDir, `fill-${fills}`);
      filled.push(fillUp(filler));
      fills += 1;
      // Full until the writes have had time to need a new page somewhere.
      const refusedBefore = [...ledger.refused.values()].reduce((sum, entry) => sum + entry.count, 0);
      const until = Date.now() + 8_000;
      while ([...ledger.refused.values()].reduce((sum, entry) => sum + entry.count, 0) < refusedBefore + 10 && Date.now() < until) await sleep(50);
      await sleep(randomBetween(200, 1_000));
      rmSync(filler);
      for (const [status, count] of refusalsSince(ledger, before)) fullRefusals.set(status, (fullRefusals.get(status) ?? 0) + count);
      await untilGrown(writers.acknowledgedTotal, 5, 30_000);
      expect(stack.region.alive(), `the node died with its disk full:\n${stack.region.output()}`).toBe(true);
      expect(stack.region.pid).toBe(pid);
    }
    await writers.stop();
    const verdict = await convergedVerdict(ledger, stack.regionRows, stack.hqRows);
    const feed = await stack.feed();
    report('disk full', [verdict], [ledger], {
      fills,
      'filler bytes': filled.join(' + '),
      feed: describeFeed([feed]),
      regions: 1,
      'internal errors logged by the node': JSON.stringify([...stack.region.internalErrors()]),
      acknowledged: writers.acknowledgedTotal(),
      'refused while full': JSON.stringify([...fullRefusals]),
      'database server up': regionCluster.postmasterPid() ? 'yes' : 'no',
    });

    expect(fills).toBeGreaterThanOrEqual(minimumFills);
    expect(writers.acknowledgedTotal()).toBeGreaterThanOrEqual(minimumAcknowledged);
    expectCleanRefusals(ledger);
    expect(verdict.lost).toEqual([]);
    expect(verdict.duplicated).toEqual([]);
    expect(verdict.diverged).toEqual([]);
    expectFeedComplete(feed);
  });
});
