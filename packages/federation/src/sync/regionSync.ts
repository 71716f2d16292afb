import { applyRegionBatch, findRegion, needsAttentionPrefix, recordCaughtUp, recordPullFailure, type HqDatabase } from '@meridian/hq-db';
import { abortableSleep, requestDeadline } from './abortableSleep.ts';
import { classifyRegionFailure, createRegionClient, type RegionFailure } from './regionClient.ts';

export interface RegionSyncOptions {
  db: HqDatabase;
  code: string;
  baseUrl: string;
  /** Signs the bearer token for one request; called once per request (tokens are single-use). */
  token: () => Promise<string>;
  batchSize?: number;
  /** How long the region may hold a long-poll open when HQ is caught up. */
  waitMs?: number;
  /** How much longer than the long-poll wait a region may take to answer before HQ gives up on it (hung, paused). */
  answerGraceMs?: number;
  /** How often a region that refused HQ (a 4xx other than 429) is tried again without an admin acting. */
  refusedRetryMs?: number;
  /** The longest `Retry-After` HQ honours; a region asking for more is tried again after this. */
  maxRetryAfterMs?: number;
  /** Called after each applied batch: how many changes, and whether any touched what matching looks at. */
  onApplied?: (code: string, applied: number, matchingChanged: boolean) => void;
  /** Called when a pull comes back empty (HQ holds everything the region has served) and when a catch-up finishes. */
  onCaughtUp?: (code: string) => void;
  /** How often a disabled region's loop looks whether it was enabled again. */
  disabledCheckMs?: number;
  /** Stops the loop when aborted, as stop() does (e.g. the process shutting down). */
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface RegionSync {
  readonly code: string;
  /** Pulls and applies until the region has nothing more, once (sync.run); also ends a refusal's wait. */
  catchUp(): Promise<{ applied: number; cursor: string | null }>;
  /** An admin acted (e.g. enabled the region again): try now instead of after the current wait. */
  retryNow(): void;
  stop(): Promise<void>;
}

const maxBackoffMs = 30_000;
const minRetryAfterMs = 1_000;

/** Down, hung or erroring regions: jittered exponential backoff up to 30 s. */
function backoffMs(failures: number): number {
  const base = Math.min(maxBackoffMs, 500 * 2 ** Math.min(failures, 6));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * One independent pull loop per region: long-poll the region's feed, apply each batch with its cursor
 * in one transaction, back off on failure. A slow or dead region only ever delays itself.
 *
 * Failures are read before retrying: a timeout, network error or 5xx backs off exponentially; 429 (and
 * 503 with Retry-After) waits as long as the region asked, capped; any other 4xx means the region
 * refuses HQ's request itself (a key it does not trust, a wrong address), which retrying cannot fix —
 * the region's status says it needs an admin, and HQ tries again only every `refusedRetryMs` or when
 * an admin runs sync or enables the region.
 */
export function startRegionSync(options: RegionSyncOptions): RegionSync {
  const { db, code } = options;
  const batchSize = options.batchSize ?? 500;
  const waitMs = options.waitMs ?? 20_000;
  const answerGraceMs = options.answerGraceMs ?? 5_000;
  const refusedRetryMs = options.refusedRetryMs ?? 300_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const log = options.log ?? (() => undefined);
  const client = createRegionClient(options.baseUrl, options.token);
  const stopper = new AbortController();
  // Every wait and request hangs off these; each attaches for its own duration only.
  const stopSignals = options.signal ? [stopper.signal, options.signal] : [stopper.signal];
  const stopped = () => stopSignals.some((signal) => signal.aborted);
  let failures = 0;
  let running = Promise.resolve();
  // Aborted when sync.run wants the region now rather than after the current long-poll ends.
  let currentPoll = new AbortController();
  // Aborted to cut a backoff or a refusal's wait short (an admin acted); replaced once used.
  let wake = new AbortController();
  // Pulls for one region never overlap: the loop and sync.run take turns.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  };

  const notifyCaughtUp = () => {
    try {
      options.onCaughtUp?.(code);
    } catch (error) {
      log(`[sync ${code}] onCaughtUp failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  async function pullOnce(wait: number): Promise<{ pulled: boolean; applied: number; hasMore: boolean; cursor: string | null }> {
    const region = await findRegion(db, code);
    if (!region?.enabled) return { pulled: false, applied: 0, hasMore: false, cursor: region?.cursor ?? null };
    currentPoll = new AbortController();
    const deadline = requestDeadline([...stopSignals, currentPoll.signal], wait + answerGraceMs);
    let answer;
    try {
      answer = await client.federation.changes.query({ since: region.cursor ?? undefined, limit: batchSize, waitMs: wait }, { signal: deadline.signal });
    } catch (error) {
      throw deadline.timedOut() ?? error;
    } finally {
      deadline.release();
    }
    if (answer.changes.length === 0) {
      await recordCaughtUp(db, code);
      return { pulled: true, applied: 0, hasMore: false, cursor: region.cursor };
    }
    const { matchingChanged } = await applyRegionBatch(db, code, answer);
    failures = 0;
    options.onApplied?.(code, answer.changes.length, matchingChanged);
    return { pulled: true, applied: answer.changes.length, hasMore: answer.hasMore, cursor: answer.nextCursor };
  }

  /** Records a failure on the region's status and says how long to wait before the next attempt. */
  async function recordFailure(error: unknown): Promise<{ failure: RegionFailure; delayMs: number }> {
    failures += 1;
    const failure = classifyRegionFailure(error);
    let delayMs: number;
    let message: string;
    if (failure.kind === 'refused') {
      delayMs = refusedRetryMs;
      message = `${needsAttentionPrefix}${failure.message} — HQ tries again every ${Math.round(refusedRetryMs / 1000)} s, or at once on sync.run or when the region is enabled`;
    } else if (failure.kind === 'later') {
      delayMs = Math.min(maxRetryAfterMs, Math.max(minRetryAfterMs, failure.retryAfterMs));
      message = `${failure.message} (retrying in ${Math.round(delayMs / 1000)} s, as the region asked)`;
    } else {
      delayMs = backoffMs(failures);
      message = failure.message;
    }
    await recordPullFailure(db, code, message).catch(() => undefined);
    log(`[sync ${code}] ${message}; attempt ${failures}, next in ${Math.round(delayMs)} ms`);
    return { failure, delayMs };
  }

  const loop = (async () => {
    let hasMore = true;
    while (!stopped()) {
      try {
        const region = await findRegion(db, code);
        if (!region?.enabled) {
          await abortableSleep(options.disabledCheckMs ?? 1_000, stopSignals);
          continue;
        }
        // A nudge from here on is for this attempt's outcome: one arriving while it fails still cuts the wait short.
        if (wake.signal.aborted) wake = new AbortController();
        const result = await exclusive(() => pullOnce(hasMore ? 0 : waitMs));
        hasMore = result.hasMore;
        if (result.pulled && result.applied === 0) notifyCaughtUp();
        failures = 0;
      } catch (error) {
        if (stopped()) break;
        if (currentPoll.signal.aborted) continue; // interrupted for sync.run, not a failure
        const { delayMs } = await recordFailure(error);
        await abortableSleep(delayMs, [...stopSignals, wake.signal]);
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
        let pulled = false;
        try {
          for (;;) {
            const result = await pullOnce(0);
            applied += result.applied;
            cursor = result.cursor;
            pulled ||= result.pulled;
            if (!result.hasMore) break;
          }
        } catch (error) {
          // Cut short by stop() or by another sync.run: no news about the region itself.
          if (stopped() || currentPoll.signal.aborted) throw error;
          // The admin sees it in sync.run's answer and on the region's status alike.
          await recordFailure(error);
          throw error;
        }
        failures = 0;
        // The region answers again: the loop need not sit out the rest of a backoff or refusal wait.
        wake.abort();
        if (pulled) notifyCaughtUp();
        return { applied, cursor };
      });
    },
    retryNow: () => {
      currentPoll.abort();
      wake.abort();
    },
    stop: async () => {
      stopper.abort();
      await loop;
    },
  };
}
