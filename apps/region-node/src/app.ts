import { trpcServer } from '@hono/trpc-server';
import {
  createRegionContext,
  regionRouter,
  type ChangeNotifier,
  type RegionRuntime,
  type RegionSecurity,
} from '@meridian/region-api';
import type { RegionDatabase } from '@meridian/region-db';
import { guardApi, mountWebApp, protectBrowserAccess, type BrowserAccessOptions, type RateLimitOptions, type WebAppOptions } from '@meridian/http-serve';
import { retryAfterForUnavailable } from '@meridian/api-errors';
import { Hono } from 'hono';

export interface RegionAppOptions {
  db: RegionDatabase;
  region: RegionRuntime;
  security: RegionSecurity;
  changeNotifier?: ChangeNotifier | null;
  /** Serve the web app too (regional staff open the node in a browser). */
  web?: WebAppOptions;
  /** Browser origins allowed to use this node in production (demo mode allows any). */
  browserAccess?: BrowserAccessOptions;
  /** Origins the served web app calls besides this node (HQ's), for the Content-Security-Policy. */
  connectTo?: string[];
  rateLimit?: RateLimitOptions;
  maxBatchSize?: number;
}

/** The HTTP face of one region node: /health and the tRPC API at /trpc. */
export function createRegionApp({ db, region, security, changeNotifier, web, browserAccess, connectTo, rateLimit, maxBatchSize }: RegionAppOptions) {
  const app = new Hono();
  protectBrowserAccess(app, { demoMode: security.demoMode, access: browserAccess, connectTo });

  app.get('/health', (c) => c.json({ status: 'ok', region: region.code, name: region.config.name }));

  const guarded = guardApi(app, { trust: security, rateLimit, maxBatchSize });
  app.use(
    '/trpc/*',
    trpcServer({
      router: regionRouter,
      endpoint: '/trpc',
      maxBatchSize: guarded.maxBatchSize,
      responseMeta: retryAfterForUnavailable,
      createContext: (_options, c) =>
        createRegionContext({
          db,
          region,
          headers: c.req.raw.headers,
          security,
          changeNotifier,
          signal: c.req.raw.signal,
        }),
    }),
  );

  if (web) mountWebApp(app, web);
  return app;
}
