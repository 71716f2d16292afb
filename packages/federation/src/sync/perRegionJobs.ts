/**
 * A check HQ runs per region (anti-entropy, the audit-chain head) on a timer and after catch-ups: one
 * run at a time per region, never piling up, and a region that keeps taking writes is checked at most
 * once per `minGapMs` from catch-ups. A failed run is logged and leaves the next one to try again.
 */
export interface PerRegionJobs<T> {
  /** Runs the job for one region now (after any run already going for it); null when it does not apply. */
  runNow(code: string): Promise<T | null>;
  /** Region data was applied: with `onlyAfterChanges`, the next catch-up should run the job. */
  changed(code: string): void;
  /** HQ holds all the region has served: run the job, within the gap rules. */
  caughtUp(code: string): void;
  start(): void;
  stop(): Promise<void>;
}

export interface PerRegionJobOptions<T> {
  /** Names the job in logs. */
  name: string;
  /** One run for a region; resolves to null when the job does not apply (HQ is not pulling it). */
  run: (code: string) => Promise<T | null>;
  /** Regions HQ is pulling now, for the timer. */
  regions: () => string[];
  /** Every region is run this often; 0 turns the timer off. */
  intervalMs: number;
  /** At least this long between two catch-up-triggered runs of one region. */
  minGapMs: number;
  /** Whether catch-ups trigger runs at all (default true). */
  afterCatchUp?: boolean;
  /** Catch-ups trigger a run only when changes were applied since the last one (default false). */
  onlyAfterChanges?: boolean;
  /** The least delay after a catch-up, so a burst of empty long-polls settles first (default 0). */
  catchUpDelayMs?: number;
  log: (message: string) => void;
}

export function createPerRegionJobs<T>(options: PerRegionJobOptions<T>): PerRegionJobs<T> {
  const afterCatchUp = options.afterCatchUp ?? true;
  const runs = new Map<string, Promise<T | null>>();
  const dirty = new Set<string>();
  const lastRunAt = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();
  let interval: NodeJS.Timeout | null = null;
  let stopped = false;

  function runNow(code: string): Promise<T | null> {
    const run = (runs.get(code) ?? Promise.resolve(null)).then(() => {
      if (stopped) return null;
      dirty.delete(code);
      lastRunAt.set(code, Date.now());
      return options.run(code);
    });
    const settled = run.catch((error: unknown) => {
      options.log(`[${options.name} ${code}] ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    runs.set(code, settled);
    void settled.finally(() => {
      if (runs.get(code) === settled) runs.delete(code);
    });
    return run;
  }

  return {
    runNow,
    changed: (code) => {
      dirty.add(code);
    },
    caughtUp: (code) => {
      if (!afterCatchUp || stopped || pending.has(code) || runs.has(code)) return;
      if (options.onlyAfterChanges && lastRunAt.has(code) && !dirty.has(code)) return;
      const wait = Math.max(options.catchUpDelayMs ?? 0, (lastRunAt.get(code) ?? 0) + options.minGapMs - Date.now());
      const timer = setTimeout(() => {
        pending.delete(code);
        void runNow(code).catch(() => undefined);
      }, wait);
      timer.unref();
      pending.set(code, timer);
    },
    start: () => {
      if (interval || options.intervalMs <= 0 || stopped) return;
      interval = setInterval(() => {
        for (const code of options.regions()) if (!runs.has(code)) void runNow(code).catch(() => undefined);
      }, options.intervalMs);
      interval.unref();
    },
    stop: async () => {
      stopped = true;
      if (interval) clearInterval(interval);
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all([...runs.values()]);
    },
  };
}
