import { trpcServer } from '@hono/trpc-server';
import { createHqContext, hqRouter, type HqServices } from '@meridian/hq-api';
import type { HqDatabase } from '@meridian/hq-db';
import type { ProxyTrust } from '@meridian/sso';
import { allowBrowserOrigins, limitRequestBodies, mountWebApp, type WebAppOptions } from '@meridian/http-serve';
import { Hono } from 'hono';

/** The HTTP face of the HQ hub: /health and the tRPC API at /trpc. */
export function createHqApp({ db, trust, services, web }: { db: HqDatabase; trust: ProxyTrust; services: HqServices; web?: WebAppOptions }) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', node: 'hq' }));
  limitRequestBodies(app);
  if (trust.demoMode) allowBrowserOrigins(app, '*');
  app.use(
    '/trpc/*',
    trpcServer({
      router: hqRouter,
      endpoint: '/trpc',
      createContext: (_options, c) => createHqContext({ db, headers: c.req.raw.headers, trust, services }),
    }),
  );
  if (web) mountWebApp(app, web);
  return app;
}
