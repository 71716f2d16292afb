import { applyRegionBatch, findRegion, recordCaughtUp, recordPullFailure, type HqDatabase } from '@meridian/hq-db';
import { TRPCClientError } from '@trpc/client';
import { createRegionClient } from './regionClient.ts';

export interface RegionSyncOptions {
  db: HqDatabase;
  code: string;
  baseUrl: string;
  token: () => Promise<string>;
  batchSize?: number;
  /** How long the region may hold a long-poll open when HQ is caught up. */
  waitMs?: number;
  /** Called after each applied batch: how many changes, and whether any touched what matching looks at. */
  onApplied?: (code: string, applied: number, matchingChanged: boolean) => void;
  log?: (message: string) => void;
}

export interface RegionSync {
  readonly code: string;
  /** Pulls and applies until the region has nothing more, once (sync.run). */
  catchUp(): Promise<{ applied: number; cursor: string | null }>;
  stop(): Promise<void>;
}

const maxBackoffMs = 30_000;

/** 429 and 5xx are the region saying "later"; anything else is also retried, just as patiently. */
function retryDelayMs(failures: number): number {
  const base = Math.min(maxBackoffMs, 500 * 2 ** Math.min(failures, 6));
  return base / 2 + Math.random() * (base / 2);
}

function describe(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? (error.meta?.response as Response | undefined)?.status;
    return `${status ? `HTTP ${status}: ` : ''}${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * One independent pull loop per region: long-poll the region's feed, apply each batch with its cursor
 * in one transaction, back off on failure. A slow or dead region only ever delays itself.
 */
export function startRegionSync(options: RegionSyncOptions): RegionSync {
  const { db, code } = options;
  const batchSize = options.batchSize ?? 500;
  const waitMs = options.waitMs ?? 20_000;
  const log = options.log ?? (() => undefined);
  const client = createRegionClient(options.baseUrl, options.token);
  const stopper = new AbortController();
  let failures = 0;
  let running = Promise.resolve();
  // Aborted when sync.run wants the region now rather than after the current long-poll ends.
  let currentPoll = new AbortController();
  // Pulls for one region never overlap: the loop and sync.run take turns.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  async function pullOnce(wait: number): Promise<{ applied: number; hasMore: boolean; cursor: string | null }> {
    const region = await findRegion(db, code);
    if (!region?.enabled) return { applied: 0, hasMore: false, cursor: region?.cursor ?? null };
    currentPoll = new AbortController();
    const answer = await client.federation.changes.query(
      { since: region.cursor ?? undefined, limit: batchSize, waitMs: wait },
      { signal: AbortSignal.any([stopper.signal, currentPoll.signal, AbortSignal.timeout(wait + 15_000)]) },
    );
    if (answer.changes.length === 0) {
      await recordCaughtUp(db, code);
      return { applied: 0, hasMore: false, cursor: region.cursor };
    }
    const { matchingChanged } = await applyRegionBatch(db, code, answer);
    options.onApplied?.(code, answer.changes.length, matchingChanged);
    return { applied: answer.changes.length, hasMore: answer.hasMore, cursor: answer.nextCursor };
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      stopper.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });

  const loop = (async () => {
    let hasMore = true;
    while (!stopper.signal.aborted) {
      try {
        const region = await findRegion(db, code);
        if (!region?.enabled) {
          await sleep(1_000);
          continue;
        }
        const result = await exclusive(() => pullOnce(hasMore ? 0 : waitMs));
        hasMore = result.hasMore;
        failures = 0;
      } catch (error) {
        if (stopper.signal.aborted) break;
        if (currentPoll.signal.aborted) continue; // interrupted for sync.run, not a failure
        failures += 1;
        const message = describe(error);
        await recordPullFailure(db, code, message).catch(() => undefined);
        log(`[sync ${code}] ${message}; retrying (attempt ${failures})`);
        await sleep(retryDelayMs(failures));
        hasMore = true;
      }
    }
  })();

  return {
    code,
    catchUp: () => {
      currentPoll.abort();
      return exclusive(async () => {
        let applied = 0;
        let cursor: string | null = null;
        for (;;) {
          const result = await pullOnce(0);
          applied += result.applied;
          cursor = result.cursor;
          if (!result.hasMore) return { applied, cursor };
        }
      });
    },
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}
