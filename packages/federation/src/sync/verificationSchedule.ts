import type { HqDatabase } from '@meridian/hq-db';
import { verifyRegion, type VerificationReport } from './antiEntropy.ts';
import type { RegionClient } from './regionClient.ts';

export interface VerificationScheduleOptions {
  /** Every region is verified this often; 0 turns the timer off (default 10 min, MERIDIAN_VERIFY_INTERVAL_MS). */
  intervalMs?: number;
  /** Verify when HQ has caught up after applying changes (default on; MERIDIAN_VERIFY_AFTER_CATCH_UP=0 turns it off). */
  afterCatchUp?: boolean;
  /** At least this long between two catch-up-triggered runs of one region (default 30 s, MERIDIAN_VERIFY_MIN_GAP_MS). */
  minGapMs?: number;
}

export interface VerificationTarget {
  client: RegionClient;
  catchUp: () => Promise<unknown>;
}

export interface VerificationScheduler {
  /** Verifies one region now (after any run already going for it); null when it is not being pulled. */
  verifyNow(code: string): Promise<VerificationReport | null>;
  /** Region data was applied: the next catch-up should prove it. */
  changed(code: string): void;
  /** HQ holds all the region has served: verify, if anything changed since the last run. */
  caughtUp(code: string): void;
  start(): void;
  stop(): Promise<void>;
}

const envNumber = (name: string): number | undefined => {
  const value = process.env[name];
  return value === undefined || value === '' || !Number.isFinite(Number(value)) ? undefined : Number(value);
};

export function verificationScheduleFromEnv(): VerificationScheduleOptions {
  return {
    intervalMs: envNumber('MERIDIAN_VERIFY_INTERVAL_MS'),
    afterCatchUp: process.env.MERIDIAN_VERIFY_AFTER_CATCH_UP === undefined ? undefined : process.env.MERIDIAN_VERIFY_AFTER_CATCH_UP !== '0',
    minGapMs: envNumber('MERIDIAN_VERIFY_MIN_GAP_MS'),
  };
}

/**
 * Runs anti-entropy on a timer and after catch-ups, one run at a time per region, never piling up:
 * a region that keeps taking writes is verified at most once per `minGapMs` from catch-ups.
 */
export function createVerificationScheduler(options: {
  db: HqDatabase;
  schedule?: VerificationScheduleOptions;
  /** What a run needs for a region, or null when HQ is not pulling it (disabled, unknown). */
  target: (code: string) => Promise<VerificationTarget | null>;
  /** Regions HQ is pulling now. */
  regions: () => string[];
  /** After a run that rewrote replica rows: what depends on them (matching, analytics) should follow. */
  onRepaired?: (code: string, report: VerificationReport) => void;
  log: (message: string) => void;
}): VerificationScheduler {
  const schedule = { ...verificationScheduleFromEnv(), ...options.schedule };
  const intervalMs = schedule.intervalMs ?? 600_000;
  const afterCatchUp = schedule.afterCatchUp ?? true;
  const minGapMs = schedule.minGapMs ?? 30_000;
  const runs = new Map<string, Promise<VerificationReport | null>>();
  const dirty = new Set<string>();
  const lastRunAt = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();
  let interval: NodeJS.Timeout | null = null;
  let stopped = false;

  function verifyNow(code: string): Promise<VerificationReport | null> {
    const previous = runs.get(code) ?? Promise.resolve(null);
    const run = previous
      .catch(() => null)
      .then(async () => {
        if (stopped) return null;
        const target = await options.target(code);
        if (!target) return null;
        dirty.delete(code);
        lastRunAt.set(code, Date.now());
        const report = await verifyRegion({ db: options.db, code, ...target });
        if (report.repaired > 0) options.onRepaired?.(code, report);
        if (report.outcome !== 'verified' || report.diverged > 0) {
          options.log(`[verify ${code}] ${report.outcome}: diverged ${report.diverged}, repaired ${report.repaired}${report.error ? ` (${report.error})` : ''}`);
        }
        return report;
      });
    const settled = run.catch((error: unknown) => {
      options.log(`[verify ${code}] ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    runs.set(code, settled);
    void settled.finally(() => {
      if (runs.get(code) === settled) runs.delete(code);
    });
    return run;
  }

  return {
    verifyNow,
    changed: (code) => {
      dirty.add(code);
    },
    caughtUp: (code) => {
      if (!afterCatchUp || stopped || pending.has(code)) return;
      if (lastRunAt.has(code) && !dirty.has(code)) return;
      const wait = Math.max(1_000, (lastRunAt.get(code) ?? 0) + minGapMs - Date.now());
      const timer = setTimeout(() => {
        pending.delete(code);
        void verifyNow(code).catch(() => undefined);
      }, wait);
      timer.unref();
      pending.set(code, timer);
    },
    start: () => {
      if (interval || intervalMs <= 0 || stopped) return;
      interval = setInterval(() => {
        for (const code of options.regions()) if (!runs.has(code)) void verifyNow(code).catch(() => undefined);
      }, intervalMs);
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
