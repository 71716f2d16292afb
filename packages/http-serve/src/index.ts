import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';

export interface Listening {
  url: string;
  port: number;
  /** Stops accepting, ends open connections (long-polls, keep-alive) and resolves when closed. */
  close(): Promise<void>;
}

/**
 * How long a client may take before the server hangs up (slow or idle clients hold a socket each).
 * Node counts `requestMs` until the request has been received — headers and body — never while the
 * server is still answering, so a 30-second long-poll is not cut off.
 */
export interface ServerTimeouts {
  /** To send the request line and headers (slowloris). */
  headersMs?: number;
  /** To send the whole request, body included. */
  requestMs?: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveMs?: number;
}

export const defaultTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 } satisfies Required<ServerTimeouts>;

/** Serves a fetch handler on a port (0 picks a free one), resolving once it is listening. */
export async function listen(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
  options: { port?: number; hostname?: string; timeouts?: ServerTimeouts },
): Promise<Listening> {
  const hostname = options.hostname ?? '127.0.0.1';
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const server: ServerType = await new Promise((resolve, reject) => {
    const started = serve(
      {
        fetch,
        port: options.port ?? 0,
        hostname,
        serverOptions: {
          headersTimeout: timeouts.headersMs,
          requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs),
          keepAliveTimeout: timeouts.keepAliveMs,
          // Node checks the two timeouts above only this often (30 s by default), which would let a slow
          // client keep its socket far longer than configured.
          connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
        },
      },
      () => resolve(started),
    );
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
export { defaultWebDistDir, mountWebApp, type WebAppOptions } from './webApp.ts';
export { allowBrowserOrigins, parseOrigins, protectBrowserAccess, type BrowserAccessOptions } from './browserAccess.ts';
export { limitRequestBodies, maxRequestBytes } from './bodyLimit.ts';
export { callsInRequest, defaultMaxBatchSize } from './batchLimit.ts';
export { defaultRateLimits, type RateLimitOptions } from './rateLimit.ts';
export { guardApi, type ApiGuardOptions } from './apiGuards.ts';
export { httpSettingsFromEnv, type HttpSettings } from './settings.ts';
