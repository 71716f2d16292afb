import {
  defaultWebDistDir,
  httpSettingsFromEnv,
  listen,
  type BrowserAccessOptions,
  type RateLimitOptions,
  type ServerTimeouts,
} from '@meridian/http-serve';
import type { RegionConfig } from '@meridian/domain';
import { createChangeNotifier, regionRuntime, type RegionSecurity } from '@meridian/region-api';
import { openRegionDatabase, type RegionDatabaseHandle, type RegionDatabaseOptions } from '@meridian/region-db';
import { createRegionApp } from './app.ts';

export interface RunningRegionNode {
  code: string;
  url: string;
  port: number;
  database: RegionDatabaseHandle;
  close(): Promise<void>;
}

export interface StartRegionNodeOptions {
  config: RegionConfig;
  database: RegionDatabaseOptions | RegionDatabaseHandle;
  /** 0 picks a free port (tests). */
  port?: number;
  hostname?: string;
  security: RegionSecurity;
  /** HQ's address, for the served web app's global views. */
  hqUrl?: string | null;
  /** Serve the web app from this node. */
  serveWeb?: boolean;
  /** Budgets per identity, source and federation (defaults in README; MERIDIAN_RATE_LIMIT_* when absent). */
  rateLimit?: RateLimitOptions;
  maxBatchSize?: number;
  /** Intranet and other origins allowed in production (MERIDIAN_INTRANET_ORIGINS, MERIDIAN_CORS_ORIGINS when absent). */
  browserAccess?: BrowserAccessOptions;
  timeouts?: ServerTimeouts;
}

function isHandle(database: StartRegionNodeOptions['database']): database is RegionDatabaseHandle {
  return 'db' in database;
}

/** Opens (and migrates) the region's database, then serves the region app until closed. */
export async function startRegionNode(options: StartRegionNodeOptions): Promise<RunningRegionNode> {
  const database = isHandle(options.database) ? options.database : await openRegionDatabase(options.database);
  const changeNotifier = await createChangeNotifier(database);
  const fromEnv = httpSettingsFromEnv();
  const app = createRegionApp({
    db: database.db,
    region: regionRuntime(options.config),
    security: options.security,
    changeNotifier,
    browserAccess: options.browserAccess ?? fromEnv.browserAccess,
    connectTo: options.hqUrl ? [new URL(options.hqUrl).origin] : [],
    rateLimit: options.rateLimit ?? fromEnv.rateLimit,
    maxBatchSize: options.maxBatchSize,
    web: options.serveWeb
      ? {
          distDir: defaultWebDistDir,
          appConfig: {
            apiBase: '/trpc',
            hqBase: options.hqUrl ? `${options.hqUrl.replace(/\/$/, '')}/trpc` : null,
            demo: options.security.demoMode,
            locale: options.config.locales[0],
          },
        }
      : undefined,
  });
  const server = await listen(app.fetch, { port: options.port ?? options.config.port ?? 0, hostname: options.hostname, timeouts: options.timeouts });
  return {
    code: options.config.code,
    url: server.url,
    port: server.port,
    database,
    close: async () => {
      // Connections first (aborting long-polls), then the listener that would wake them.
      await server.close();
      await changeNotifier.close();
      if (!isHandle(options.database)) await database.close();
    },
  };
}
