import {
  createAuditChainChecks,
  createRegionClient,
  createVerificationScheduler,
  decideCandidate,
  FederationKeyStore,
  reconcileCustomers,
  startRegionSync,
  undoDecision,
  type AuditChainCheck,
  type AuditChainCheckOptions,
  type RegionSync,
  type VerificationReport,
  type VerificationScheduleOptions,
} from '@meridian/federation';
import type { FederationKeySet } from '@meridian/federation-auth';
import { refreshAnalytics } from '@meridian/analytics';
import type { HqServices, SyncOutcome } from '@meridian/hq-api';
import {
  findRegion,
  listRegions,
  markGlobalCodesPushed,
  pendingGlobalCodePushes,
  registerRegion,
  setRegionEnabled,
  type HqDatabase,
  type RegionRegistration,
} from '@meridian/hq-db';

export interface HqRuntimeOptions {
  db: HqDatabase;
  keyStore: FederationKeyStore;
  /** Long-poll wait per region pull. */
  waitMs?: number;
  /** Changes applied per pull. */
  batchSize?: number;
  /** Quiet time after region data lands before the analytics views are refreshed. */
  analyticsRefreshMs?: number;
  /** Quiet time after region data lands before reconciling, so a burst is reconciled once. */
  reconcileDebounceMs?: number;
  log?: (message: string) => void;
  /** Called when a region's pull comes back empty or a catch-up finishes (HQ holds all it has served). */
  onCaughtUp?: (code: string) => void;
  /** Anti-entropy timing (defaults: every 10 min and after catch-ups; MERIDIAN_VERIFY_* when absent). */
  verification?: VerificationScheduleOptions;
  /** Audit chain head checks (defaults: every 5 min and after catch-ups, at most every 30 s per region). */
  auditChainChecks?: Pick<AuditChainCheckOptions, 'intervalMs' | 'minGapMs'>;
}

export interface HqRuntime extends HqServices {
  /** Starts a pull loop for every enabled region HQ knows. */
  startAll(): Promise<void>;
  /** Resolves when reconciliation, pushes and analytics refreshes scheduled so far have finished (tests, demo). */
  settled(): Promise<void>;
  /** Recomputes the analytics views now. */
  refreshAnalytics(): Promise<void>;
  /** Anti-entropy now: compares the region's digest with HQ's replicas, repairs, records the outcome. */
  verifyRegion(code: string): Promise<VerificationReport | null>;
  /** Checks now that the region's audit chain still holds the head HQ stored, and stores the new one. */
  checkAuditChain(code: string): Promise<AuditChainCheck | null>;
  stop(): Promise<void>;
}

/**
 * HQ's moving parts: one independent sync loop per region, reconciliation whenever customer data
 * lands (debounced, never two at once), and global codes pushed back to the regions afterwards.
 */
export function createHqRuntime(options: HqRuntimeOptions): HqRuntime {
  const { db, keyStore } = options;
  const log = options.log ?? ((message: string) => console.log(message));
  const syncs = new Map<string, RegionSync>();
  let reconcileTimer: NodeJS.Timeout | null = null;
  let analyticsTimer: NodeJS.Timeout | null = null;
  let analyticsRun: Promise<void> = Promise.resolve();
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const auditChecks = createAuditChainChecks({
    db,
    ...options.auditChainChecks,
    regions: () => [...syncs.keys()],
    log,
    client: async (code) => {
      const region = await findRegion(db, code);
      return syncs.has(code) && region?.enabled ? createRegionClient(region.baseUrl, keyStore.signerFor(code)) : null;
    },
  });
  const verification = createVerificationScheduler({
    db,
    schedule: options.verification,
    regions: () => [...syncs.keys()],
    log,
    // Repaired replica rows are new data to HQ: re-match customers and refresh the analytics as for a batch.
    onRepaired: (_code, report) => {
      if ((report.entities.customer?.repaired ?? 0) > 0) scheduleReconcile();
      scheduleAnalyticsRefresh();
    },
    target: async (code) => {
      const sync = syncs.get(code);
      const region = await findRegion(db, code);
      if (!sync || !region?.enabled) return null;
      return { client: createRegionClient(region.baseUrl, keyStore.signerFor(code)), catchUp: () => sync.catchUp() };
    },
  });

  // One reconciliation (and push) at a time, in order.
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch((error: unknown) => log(`[hq] ${error instanceof Error ? error.message : String(error)}`));
    return next;
  };

  async function pushGlobalCodes(): Promise<void> {
    const pending = await pendingGlobalCodePushes(db);
    // (Map.groupBy needs Node 21; these machines run 20.)
    const byRegion = new Map<string, typeof pending>();
    for (const push of pending) byRegion.set(push.region, [...(byRegion.get(push.region) ?? []), push]);
    for (const [code, pushes] of byRegion) {
      const region = await findRegion(db, code);
      if (!region?.enabled) continue;
      try {
        const client = createRegionClient(region.baseUrl, keyStore.signerFor(code));
        for (let start = 0; start < pushes.length; start += 1_000) {
          const slice = pushes.slice(start, start + 1_000);
          await client.federation.linkGlobalCodes.mutate({
            links: slice.map((push) => ({ customerId: push.customerId, globalCode: push.globalCode, countries: push.countries })),
          });
          await markGlobalCodesPushed(db, code, slice);
        }
      } catch (error) {
        // The region is down: its links stay pending and go out with the next reconciliation.
        log(`[hq] pushing global codes to ${code} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  const reconcileAndPush = () =>
    serially(async () => {
      const summary = await reconcileCustomers(db);
      await pushGlobalCodes();
      return summary;
    });

  function scheduleReconcile() {
    if (stopped) return;
    if (reconcileTimer) clearTimeout(reconcileTimer);
    reconcileTimer = setTimeout(() => {
      reconcileTimer = null;
      void reconcileAndPush();
    }, options.reconcileDebounceMs ?? 150);
  }

  // Analytics read materialized views; they follow the data a couple of seconds behind, one refresh at a time.
  const refreshAnalyticsNow = () => {
    analyticsRun = analyticsRun.then(() => refreshAnalytics(db)).catch((error: unknown) => log(`[hq] analytics refresh failed: ${error instanceof Error ? error.message : String(error)}`));
    return analyticsRun;
  };
  function scheduleAnalyticsRefresh() {
    if (stopped || analyticsTimer) return;
    analyticsTimer = setTimeout(() => {
      analyticsTimer = null;
      void refreshAnalyticsNow();
    }, options.analyticsRefreshMs ?? 2_000);
  }

  function startSync(code: string, baseUrl: string) {
    if (syncs.has(code) || stopped) return;
    syncs.set(
      code,
      startRegionSync({
        db,
        code,
        baseUrl,
        token: keyStore.signerFor(code),
        waitMs: options.waitMs,
        batchSize: options.batchSize,
        log,
        // Only a new customer or a changed name or identifier can change who matches whom; records,
        // projects and the echo of HQ's own global-code push need no reconciliation.
        onApplied: (_code, _applied, matchingChanged) => {
          verification.changed(code);
          if (matchingChanged) scheduleReconcile();
          scheduleAnalyticsRefresh();
        },
        onCaughtUp: (caughtUpCode) => {
          verification.caughtUp(caughtUpCode);
          auditChecks.caughtUp(caughtUpCode);
          options.onCaughtUp?.(caughtUpCode);
        },
      }),
    );
  }

  async function stopSync(code: string) {
    await syncs.get(code)?.stop();
    syncs.delete(code);
  }

  return {
    async startAll() {
      for (const region of await listRegions(db)) if (region.enabled) startSync(region.code, region.baseUrl);
      verification.start();
      auditChecks.start();
    },

    verifyRegion: (code) => verification.verifyNow(code),
    checkAuditChain: (code) => auditChecks.checkNow(code),

    async syncNow(code) {
      const targets = code ? [code] : [...syncs.keys()];
      const outcomes: SyncOutcome[] = [];
      for (const target of targets) {
        const sync = syncs.get(target);
        if (!sync) {
          outcomes.push({ region: target, applied: 0, cursor: null, error: 'not running (unknown or disabled region)' });
          continue;
        }
        try {
          outcomes.push({ region: target, ...(await sync.catchUp()) });
        } catch (error) {
          outcomes.push({ region: target, applied: 0, cursor: null, error: error instanceof Error ? error.message : String(error) });
        }
      }
      await reconcileAndPush();
      return outcomes;
    },

    async registerRegion(registration: RegionRegistration, actor: string) {
      const federationKeys: FederationKeySet = keyStore.publicKeySet(registration.code) ?? (await keyStore.issue(registration.code));
      const region = await registerRegion(db, registration, actor);
      await stopSync(registration.code);
      if (region.enabled) startSync(region.code, region.baseUrl);
      return { region, federationKeys };
    },

    async setRegionEnabled(code, enabled, actor) {
      const region = await setRegionEnabled(db, code, enabled, actor);
      if (!region) return null;
      // Enabling a running region is an admin acting on it: a loop waiting out a refusal tries now.
      if (enabled) syncs.get(code)?.retryNow();
      if (enabled) startSync(region.code, region.baseUrl);
      else await stopSync(code);
      return region;
    },

    reconcileNow: reconcileAndPush,
    refreshAnalytics: refreshAnalyticsNow,

    decide: (candidateId, decision, actor) =>
      serially(async () => {
        const result = await decideCandidate(db, candidateId, decision, actor);
        await pushGlobalCodes();
        return result;
      }),

    undo: (decisionId, actor) =>
      serially(async () => {
        const result = await undoDecision(db, decisionId, actor);
        await pushGlobalCodes();
        return result;
      }),

    async settled() {
      while (reconcileTimer) await new Promise((resolve) => setTimeout(resolve, 20));
      await chain;
      if (analyticsTimer) {
        clearTimeout(analyticsTimer);
        analyticsTimer = null;
        await refreshAnalyticsNow();
      }
      await analyticsRun;
    },

    async stop() {
      stopped = true;
      if (reconcileTimer) clearTimeout(reconcileTimer);
      if (analyticsTimer) clearTimeout(analyticsTimer);
      await verification.stop();
      await auditChecks.stop();
      await Promise.all([...syncs.values()].map((sync) => sync.stop()));
      syncs.clear();
      await chain;
      await analyticsRun;
    },
  };
}

