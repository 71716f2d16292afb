import {
  advanceRegionAuditHead,
  flagRegionAuditChainBroken,
  regionAuditHeadOf,
  type HqDatabase,
} from '@meridian/hq-db';
import { createPerRegionJobs } from './perRegionJobs.ts';
import type { RegionClient } from './regionClient.ts';

/**
 * A region can recompute every hash after rewriting its own history, and its chain then verifies
 * locally. What it cannot do is change what HQ already saw: HQ keeps the last chain head it confirmed
 * and asks, each time, whether the region's chain still has that hash at that position.
 */

export type AuditChainCheckOutcome =
  /** The stored head is still in the region's chain; HQ now keeps the current head. */
  | 'verified'
  /** First contact (or nothing audited yet): HQ starts keeping the head from here. */
  | 'recorded'
  | 'empty'
  /** The region's chain no longer holds what HQ saw. Stays flagged until an admin resolves it. */
  | 'broken';

export interface AuditChainCheck {
  region: string;
  outcome: AuditChainCheckOutcome;
  head: { seq: number; hash: string } | null;
  detail?: string;
}

type AuditClient = Pick<RegionClient, 'audit'>;

export async function checkRegionAuditChain(db: HqDatabase, region: string, client: AuditClient, now = new Date()): Promise<AuditChainCheck> {
  const stored = await regionAuditHeadOf(db, region);
  if (stored?.brokenAt) return { region, outcome: 'broken', head: { seq: stored.seq, hash: stored.hash }, detail: stored.brokenDetail ?? undefined };
  const { head } = await client.audit.chainHead.query();
  if (!stored) {
    if (!head) return { region, outcome: 'empty', head: null };
    await advanceRegionAuditHead(db, region, head, { verified: false, now });
    return { region, outcome: 'recorded', head };
  }
  const broken = async (detail: string): Promise<AuditChainCheck> => {
    await flagRegionAuditChainBroken(db, region, detail, now);
    return { region, outcome: 'broken', head, detail };
  };
  if (!head || head.seq < stored.seq) {
    return broken(`the region's audit chain now ends at seq ${head?.seq ?? 0}, before seq ${stored.seq} that HQ saw on ${stored.seenAt.toISOString()}`);
  }
  const { link } = await client.audit.chainAt.query({ seq: stored.seq });
  if (!link || link.hash !== stored.hash) {
    return broken(`the region's audit history was rewritten: seq ${stored.seq} no longer has the hash HQ saw on ${stored.seenAt.toISOString()}`);
  }
  await advanceRegionAuditHead(db, region, head, { verified: true, now });
  return { region, outcome: 'verified', head };
}

export interface AuditChainChecks {
  /** Checks one region now (after any check already running for it); null when HQ is not pulling it. */
  checkNow(code: string): Promise<AuditChainCheck | null>;
  /** HQ caught up with the region: check it, at most once per `minGapMs`. */
  caughtUp(code: string): void;
  start(): void;
  stop(): Promise<void>;
}

export interface AuditChainCheckOptions {
  db: HqDatabase;
  /** A client for the region, or null when HQ is not pulling it (disabled, unknown). */
  client: (code: string) => Promise<AuditClient | null>;
  /** Regions HQ is pulling now. */
  regions: () => string[];
  log: (message: string) => void;
  /** Every region is checked this often (default 5 min; 0: no timer). */
  intervalMs?: number;
  /** At least this long between two catch-up-triggered checks of one region (default 30 s). */
  minGapMs?: number;
}

/** Runs the check on a timer and after catch-ups, one at a time per region, never piling up. */
export function createAuditChainChecks(options: AuditChainCheckOptions): AuditChainChecks {
  const jobs = createPerRegionJobs<AuditChainCheck>({
    name: 'audit',
    regions: options.regions,
    intervalMs: options.intervalMs ?? 300_000,
    minGapMs: options.minGapMs ?? 30_000,
    log: options.log,
    // A failed check (region down) leaves the stored head as it was; the next one tries again.
    run: async (code) => {
      const client = await options.client(code);
      if (!client) return null;
      const result = await checkRegionAuditChain(options.db, code, client);
      if (result.outcome === 'broken') options.log(`[audit ${code}] chain broken: ${result.detail}`);
      return result;
    },
  });
  return { checkNow: jobs.runNow, caughtUp: jobs.caughtUp, start: jobs.start, stop: jobs.stop };
}
