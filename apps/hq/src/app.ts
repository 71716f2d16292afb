import { trpcServer } from '@hono/trpc-server';
import { createHqContext, hqRouter, type HqServices } from '@meridian/hq-api';
import type { HqDatabase } from '@meridian/hq-db';
import type { ProxyTrust } from '@meridian/sso';
import { allowBrowserOrigins, mountWebApp, type WebAppOptions } from '@meridian/http-serve';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** The HTTP face of the HQ hub: /health and the tRPC API at /trpc. */
export function createHqApp({ db, trust, services, web }: { db: HqDatabase; trust: ProxyTrust; services: HqServices; web?: WebAppOptions }) {
  const app = new Hono();
  app.get('/health', (c) => c.json({ status: 'ok', node: 'hq' }));
  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: (c) =>
        c.json({ error: { message: 'Request body exceeds 1 MB', code: -32600, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } }, 413, {
          connection: 'close',
        }),
    }),
  );
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
