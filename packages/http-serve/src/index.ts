import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

export interface Listening {
  url: string;
  port: number;
  /** Stops accepting, ends open connections (long-polls, keep-alive) and resolves when closed. */
  close(): Promise<void>;
}

/** Serves a fetch handler on a port (0 picks a free one), resolving once it is listening. */
export async function listen(fetch: (request: Request) => Response | Promise<Response>, options: { port?: number; hostname?: string }): Promise<Listening> {
  const hostname = options.hostname ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve({ fetch, port: options.port ?? 0, hostname }, () => resolve(started));
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostname}:${port}`,
    port,
    close: async () => {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export { allowBrowserOrigins, defaultWebDistDir, mountWebApp, type WebAppOptions } from './webApp.ts';
export { limitRequestBodies, maxRequestBytes } from './bodyLimit.ts';
