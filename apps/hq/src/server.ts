import {
  defaultWebDistDir,
  httpSettingsFromEnv,
  listen,
  type BrowserAccessOptions,
  type RateLimitOptions,
  type ServerTimeouts,
} from '@meridian/http-serve';
import { setupAnalytics } from '@meridian/analytics';
import { FederationKeyStore } from '@meridian/federation';
import { openHqDatabase, type HqDatabaseHandle } from '@meridian/hq-db';
import type { DatabaseOptions } from '@meridian/db-driver';
import type { ProxyTrust } from '@meridian/sso';
import { createHqApp } from './app.ts';
import { hqOwnerSteps } from './ownerSteps.ts';
import { createHqRuntime, type HqRuntime } from './services.ts';

export interface RunningHq {
  url: string;
  port: number;
  database: HqDatabaseHandle;
  runtime: HqRuntime;
  keyStore: FederationKeyStore;
  close(): Promise<void>;
}

export interface StartHqOptions {
  database: DatabaseOptions | HqDatabaseHandle;
  keysDir: string;
  port?: number;
  hostname?: string;
  trust: ProxyTrust;
  waitMs?: number;
  batchSize?: number;
  reconcileDebounceMs?: number;
  log?: (message: string) => void;
  /** Serve the web app (HQ and admin screens) from HQ. */
  serveWeb?: boolean;
  /** Budgets per identity, source and federation (defaults in README; MERIDIAN_RATE_LIMIT_* when absent). */
  rateLimit?: RateLimitOptions;
  maxBatchSize?: number;
  /** Region web apps and intranet origins allowed in production (MERIDIAN_CORS_ORIGINS, MERIDIAN_INTRANET_ORIGINS when absent). */
  browserAccess?: BrowserAccessOptions;
  timeouts?: ServerTimeouts;
}

function isHandle(database: StartHqOptions['database']): database is HqDatabaseHandle {
  return 'db' in database;
}

/** Opens (and migrates) HQ's database, starts its sync loops and serves the HQ API until closed. */
export async function startHq(options: StartHqOptions): Promise<RunningHq> {
  const database = isHandle(options.database)
    ? options.database
    : await openHqDatabase(options.database.driver === 'pg' ? { ownerSteps: hqOwnerSteps, ...options.database } : options.database);
  // On PostgreSQL the owner creates the analytics views when it migrates (the app role may create nothing).
  if (database.driver === 'pglite') await setupAnalytics(database.db);
  const keyStore = new FederationKeyStore(options.keysDir);
  const runtime = createHqRuntime({
    db: database.db,
    keyStore,
    waitMs: options.waitMs,
    batchSize: options.batchSize,
    reconcileDebounceMs: options.reconcileDebounceMs,
    log: options.log,
  });
  const fromEnv = httpSettingsFromEnv();
  const app = createHqApp({
    db: database.db,
    trust: options.trust,
    services: runtime,
    browserAccess: options.browserAccess ?? fromEnv.browserAccess,
    rateLimit: options.rateLimit ?? fromEnv.rateLimit,
    maxBatchSize: options.maxBatchSize,
    web: options.serveWeb ? { distDir: defaultWebDistDir, appConfig: { apiBase: null, hqBase: '/trpc', demo: options.trust.demoMode } } : undefined,
  });
  const server = await listen(app.fetch, { port: options.port, hostname: options.hostname, timeouts: options.timeouts });
  await runtime.startAll();
  return {
    url: server.url,
    port: server.port,
    database,
    runtime,
    keyStore,
    close: async () => {
      await runtime.stop();
      await server.close();
      if (!isHandle(options.database)) await database.close();
    },
  };
}
