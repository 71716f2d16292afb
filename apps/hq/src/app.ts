import { trpcServer } from '@hono/trpc-server';
import { createHqContext, hqRouter, type HqServices } from '@meridian/hq-api';
import type { HqDatabase } from '@meridian/hq-db';
import type { ProxyTrust } from '@meridian/sso';
import { guardApi, mountWebApp, protectBrowserAccess, type BrowserAccessOptions, type RateLimitOptions, type WebAppOptions } from '@meridian/http-serve';
import { retryAfterForUnavailable } from '@meridian/api-errors';
import { Hono } from 'hono';

export interface HqAppOptions {
  db: HqDatabase;
  trust: ProxyTrust;
  services: HqServices;
  web?: WebAppOptions;
  /** Browser origins allowed to use HQ in production (the region nodes' web apps, the intranet); demo mode allows any. */
  browserAccess?: BrowserAccessOptions;
  rateLimit?: RateLimitOptions;
  maxBatchSize?: number;
}

/** The HTTP face of the HQ hub: /health and the tRPC API at /trpc. */
export function createHqApp({ db, trust, services, web, browserAccess, rateLimit, maxBatchSize }: HqAppOptions) {
  const app = new Hono();
  protectBrowserAccess(app, { demoMode: trust.demoMode, access: browserAccess });
  app.get('/health', (c) => c.json({ status: 'ok', node: 'hq' }));
  const guarded = guardApi(app, { trust, rateLimit, maxBatchSize });
  app.use(
    '/trpc/*',
    trpcServer({
      router: hqRouter,
      endpoint: '/trpc',
      maxBatchSize: guarded.maxBatchSize,
      responseMeta: retryAfterForUnavailable,
      createContext: (_options, c) => createHqContext({ db, headers: c.req.raw.headers, trust, services }),
    }),
  );
  if (web) mountWebApp(app, web);
  return app;
}
