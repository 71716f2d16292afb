import { describe, expect, it } from 'vitest';
import { createPerRegionJobs } from '../src/sync/perRegionJobs.ts';

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

function recordingJobs(options: { onlyAfterChanges?: boolean; minGapMs?: number; fail?: (code: string, n: number) => boolean } = {}) {
  const started: string[] = [];
  const logged: string[] = [];
  let running = 0;
  let maxConcurrentPerRegion = 0;
  const perRegion = new Map<string, number>();
  const jobs = createPerRegionJobs<number>({
    name: 'test',
    regions: () => ['gb', 'hk'],
    intervalMs: 0,
    minGapMs: options.minGapMs ?? 0,
    onlyAfterChanges: options.onlyAfterChanges,
    log: (message) => logged.push(message),
    run: async (code) => {
      started.push(code);
      running += 1;
      perRegion.set(code, (perRegion.get(code) ?? 0) + 1);
      maxConcurrentPerRegion = Math.max(maxConcurrentPerRegion, perRegion.get(code)!);
      await new Promise((resolve) => setTimeout(resolve, 20));
      perRegion.set(code, perRegion.get(code)! - 1);
      running -= 1;
      if (options.fail?.(code, started.length)) throw new Error(`region ${code} did not answer`);
      return started.length;
    },
  });
  return { jobs, started, logged, concurrency: () => maxConcurrentPerRegion, running: () => running };
}

describe('per-region jobs', () => {
  it('never runs one region twice at once, however often it is asked', async () => {
    const { jobs, started, concurrency } = recordingJobs();
    await Promise.all([jobs.runNow('gb'), jobs.runNow('gb'), jobs.runNow('gb'), jobs.runNow('hk')]);
    expect(started.filter((code) => code === 'gb')).toHaveLength(3);
    expect(concurrency()).toBe(1);
    await jobs.stop();
  });

  it('logs a failed run and still runs the next one', async () => {
    const { jobs, logged } = recordingJobs({ fail: (_code, n) => n === 1 });
    await expect(jobs.runNow('gb')).rejects.toThrow('did not answer');
    await expect(jobs.runNow('gb')).resolves.toBe(2);
    expect(logged).toEqual(['[test gb] region gb did not answer']);
    await jobs.stop();
  });

  it('after a catch-up runs at most once per gap, and with onlyAfterChanges only when something changed', async () => {
    const { jobs, started } = recordingJobs({ onlyAfterChanges: true, minGapMs: 60_000 });
    jobs.caughtUp('gb');
    await until(() => started.length === 1);
    // Nothing applied since: a catch-up asks for nothing.
    jobs.caughtUp('gb');
    // Changes applied, but the gap has not passed: scheduled for later, not now, and only once.
    jobs.changed('gb');
    jobs.caughtUp('gb');
    jobs.caughtUp('gb');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toEqual(['gb']);
    await jobs.stop();
  });

  it('stops: pending catch-up runs are dropped and running ones are waited for', async () => {
    const { jobs, started, running } = recordingJobs({ minGapMs: 0 });
    const run = jobs.runNow('hk');
    await until(() => started.length === 1);
    jobs.caughtUp('gb');
    await jobs.stop();
    expect(running()).toBe(0);
    await run;
    jobs.caughtUp('gb');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toEqual(['hk']);
  });
});
