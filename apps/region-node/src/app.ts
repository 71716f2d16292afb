import { trpcServer } from '@hono/trpc-server';
import {
  createRegionContext,
  regionRouter,
  type ChangeNotifier,
  type RegionRuntime,
  type RegionSecurity,
} from '@meridian/region-api';
import type { RegionDatabase } from '@meridian/region-db';
import { allowBrowserOrigins, limitRequestBodies, mountWebApp, type WebAppOptions } from '@meridian/http-serve';
import { Hono } from 'hono';

export interface RegionAppOptions {
  db: RegionDatabase;
  region: RegionRuntime;
  security: RegionSecurity;
  changeNotifier?: ChangeNotifier | null;
  /** Serve the web app too (regional staff open the node in a browser). */
  web?: WebAppOptions;
  /** Browser origins allowed to call this node's API (an intranet page, HQ's app); '*' in demo mode. */
  corsOrigins?: string[] | '*';
}

/** The HTTP face of one region node: /health and the tRPC API at /trpc. */
export function createRegionApp({ db, region, security, changeNotifier, web, corsOrigins }: RegionAppOptions) {
  const app = new Hono();

  app.get('/health', (c) => c.json({ status: 'ok', region: region.code, name: region.config.name }));

  limitRequestBodies(app);

  if (corsOrigins) allowBrowserOrigins(app, corsOrigins);
  app.use(
    '/trpc/*',
    trpcServer({
      router: regionRouter,
      endpoint: '/trpc',
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
