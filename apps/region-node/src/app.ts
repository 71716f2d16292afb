import { trpcServer } from '@hono/trpc-server';
import {
  createRegionContext,
  regionRouter,
  type ChangeNotifier,
  type RegionRuntime,
  type RegionSecurity,
} from '@meridian/region-api';
import type { RegionDatabase } from '@meridian/region-db';
import { allowBrowserOrigins, mountWebApp, type WebAppOptions } from '@meridian/http-serve';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

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

export const maxRequestBytes = 1024 * 1024;

/** The HTTP face of one region node: /health and the tRPC API at /trpc. */
export function createRegionApp({ db, region, security, changeNotifier, web, corsOrigins }: RegionAppOptions) {
  const app = new Hono();

  app.get('/health', (c) => c.json({ status: 'ok', region: region.code, name: region.config.name }));

  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: maxRequestBytes,
      // The rest of the oversized body is never read, so the connection cannot be reused: say so.
      onError: (c) =>
        c.json(
          { error: { message: 'Request body exceeds 1 MB', code: -32600, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, messageKey: 'errors.payload_too_large' } } },
          413,
          { connection: 'close' },
        ),
    }),
  );

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
