import type { HqDatabase } from '@meridian/hq-db';
import { verifyRegion, type VerificationReport } from './antiEntropy.ts';
import { createPerRegionJobs } from './perRegionJobs.ts';
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
  const jobs = createPerRegionJobs<VerificationReport>({
    name: 'verify',
    regions: options.regions,
    intervalMs: schedule.intervalMs ?? 600_000,
    minGapMs: schedule.minGapMs ?? 30_000,
    afterCatchUp: schedule.afterCatchUp ?? true,
    // Proving a region costs a digest of every row: after a catch-up only when something was applied.
    onlyAfterChanges: true,
    catchUpDelayMs: 1_000,
    log: options.log,
    run: async (code) => {
      const target = await options.target(code);
      if (!target) return null;
      const report = await verifyRegion({ db: options.db, code, ...target });
      if (report.repaired > 0) options.onRepaired?.(code, report);
      if (report.outcome !== 'verified' || report.diverged > 0) {
        options.log(`[verify ${code}] ${report.outcome}: diverged ${report.diverged}, repaired ${report.repaired}${report.error ? ` (${report.error})` : ''}`);
      }
      return report;
    },
  });
  return { verifyNow: jobs.runNow, changed: jobs.changed, caughtUp: jobs.caughtUp, start: jobs.start, stop: jobs.stop };
}
