import { getEventListeners, setMaxListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { abortableSleep, RegionTimeoutError, requestDeadline } from '../src/sync/abortableSleep.ts';

const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('abortableSleep', () => {
  it('leaves no abort listener behind on a long-lived signal after 10,000 sleeps', async () => {
    const stop = new AbortController();
    const wake = new AbortController();
    setMaxListeners(200, stop.signal, wake.signal); // 100 at once is this test's doing, not a leak
    const timersBefore = activeTimers();
    // 100 rounds of 100 at once (a timer is at least 1 ms; 10,000 in a row would take 10 s).
    for (let round = 0; round < 100; round++) {
      // Both forms the sync loop uses: one signal, and several linked.
      const sleeps = Array.from({ length: 100 }, (_, index) => abortableSleep(1, index % 2 === 0 ? stop.signal : [stop.signal, wake.signal]));
      // While they wait each holds one listener: the count below is not vacuous.
      expect(getEventListeners(stop.signal, 'abort')).toHaveLength(100);
      await Promise.all(sleeps);
    }
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(wake.signal, 'abort')).toHaveLength(0);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
  });

  it('ends early when a signal aborts, without throwing, and clears its timer', async () => {
    const stop = new AbortController();
    const wake = new AbortController();
    const timersBefore = activeTimers();
    const sleeping = abortableSleep(60_000, [stop.signal, wake.signal]);
    expect(getEventListeners(wake.signal, 'abort')).toHaveLength(1);
    wake.abort();
    await sleeping;
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
    await abortableSleep(60_000, wake.signal); // already aborted: returns at once
  });
});

describe('requestDeadline', () => {
  it('leaves no listener or timer behind after 10,000 requests that answered in time', () => {
    const stop = new AbortController();
    const timersBefore = activeTimers();
    for (let index = 0; index < 10_000; index++) {
      const poll = new AbortController();
      const deadline = requestDeadline([stop.signal, poll.signal], 25_000);
      deadline.release();
    }
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
  });

  it('aborts with a timeout that names how long the region had', async () => {
    const stop = new AbortController();
    const deadline = requestDeadline([stop.signal], 20);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
    expect(deadline.signal.reason).toBeInstanceOf(RegionTimeoutError);
    expect(String((deadline.signal.reason as Error).message)).toBe('region did not answer within 20 ms');
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
    expect(new RegionTimeoutError(25_000).message).toBe('region did not answer within 25 s');
  });

  it('aborts when a parent aborts, with the parent’s reason', () => {
    const stop = new AbortController();
    const deadline = requestDeadline([stop.signal], 25_000);
    stop.abort(new Error('stopping'));
    expect(deadline.signal.aborted).toBe(true);
    expect((deadline.signal.reason as Error).message).toBe('stopping');
    const late = requestDeadline([stop.signal], 25_000);
    expect(late.signal.aborted).toBe(true);
    late.release();
  });
});
