import type { RegionRouter } from '@meridian/region-api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { RegionTimeoutError } from './abortableSleep.ts';

/** A non-JSON error answer (a gateway's or rate limiter's page), kept with what HQ needs to react to it. */
export class RegionHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
    body: string,
  ) {
    super(`HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'RegionHttpError';
  }
}

/** HQ could not sign a token for the region (no key): an admin has to issue one. */
export class FederationTokenUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`HQ cannot sign a federation token: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'FederationTokenUnavailableError';
  }
}

/**
 * HQ's typed view of one region node: only the router's type is imported, never its server.
 *
 * `httpLink`, never `httpBatchLink`: tokens are single-use (the node refuses a `jti` it has seen), and
 * the node verifies the bearer once per procedure, so two calls batched under one token would see the
 * second refused as a replay. With httpLink every call is its own request and `token()` runs once for
 * it — the signer must mint a new token on every call.
 */
export function createRegionClient(baseUrl: string, token: () => Promise<string>) {
  return createTRPCClient<RegionRouter>({
    links: [
      httpLink({
        url: `${baseUrl.replace(/\/$/, '')}/trpc`,
        headers: async () => {
          try {
            return { authorization: `Bearer ${await token()}` };
          } catch (error) {
            throw new FederationTokenUnavailableError(error);
          }
        },
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          // tRPC reads every body as JSON and drops the response when that fails, taking the status and
          // Retry-After with it; a non-JSON error page is turned into an error that keeps them.
          if (!response.ok && !(response.headers.get('content-type') ?? '').includes('json')) {
            const body = await response.text().catch(() => '');
            throw new RegionHttpError(response.status, response.headers.get('retry-after'), body.trim());
          }
          return response;
        },
      }),
    ],
  });
}

export type RegionClient = ReturnType<typeof createRegionClient>;

/** What a failed call means for the loop. */
export type RegionFailure =
  /** The region asked HQ to come back later (429, or 503 with Retry-After): wait as long as it said. */
  | { kind: 'later'; message: string; retryAfterMs: number }
  /** The region refused the request itself (401, 403, 400, 404 …): retrying changes nothing until someone acts. */
  | { kind: 'refused'; message: string; status: number | null }
  /** Down, hung, overloaded or a network fault: back off and retry. */
  | { kind: 'transient'; message: string };

/** `Retry-After` in milliseconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the day's name; Date.parse alone would read "-5" or "1.5" as dates.
  if (!/^[A-Za-z]{3}/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

// 4xx statuses that are about timing, not about the request: retried like a 5xx.
const transientClientStatuses = new Set([408, 425]);

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 5; current = (current as { cause?: unknown } | null)?.cause) {
    chain.push(current);
    if (!(current instanceof Error)) break;
  }
  return chain;
}

/** Reads a failed region call: what the region answered (status, message key, Retry-After), or that it did not. */
export function classifyRegionFailure(error: unknown, now = Date.now()): RegionFailure {
  const chain = causes(error);
  const timeout = chain.find((cause): cause is RegionTimeoutError => cause instanceof RegionTimeoutError);
  if (timeout) return { kind: 'transient', message: timeout.message };
  const tokenMissing = chain.find((cause) => cause instanceof FederationTokenUnavailableError);
  if (tokenMissing) return { kind: 'refused', message: (tokenMissing as Error).message, status: null };

  let status: number | undefined;
  let retryAfter: string | null = null;
  let message: string;
  const raw = chain.find((cause): cause is RegionHttpError => cause instanceof RegionHttpError);
  if (raw) {
    status = raw.status;
    retryAfter = raw.retryAfter;
    message = raw.message;
  } else if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: number; messageKey?: string } | undefined;
    const response = (error.meta as { response?: Response } | undefined)?.response;
    status = data?.httpStatus ?? response?.status;
    retryAfter = response?.headers.get('retry-after') ?? null;
    // The message key is the stable part an admin can look up; the text is the region's explanation.
    const head = [status ? `HTTP ${status}` : null, data?.messageKey ? `(${data.messageKey})` : null].filter(Boolean).join(' ');
    message = head ? `${head}: ${error.message}` : error.message;
  } else {
    message = error instanceof Error ? error.message : String(error);
  }

  if (status === undefined || status >= 500 || transientClientStatuses.has(status)) {
    const wait = status === 503 ? parseRetryAfter(retryAfter, now) : null;
    return wait === null ? { kind: 'transient', message } : { kind: 'later', message, retryAfterMs: wait };
  }
  if (status === 429) {
    const wait = parseRetryAfter(retryAfter, now);
    return wait === null ? { kind: 'transient', message } : { kind: 'later', message, retryAfterMs: wait };
  }
  if (status >= 400) return { kind: 'refused', message, status };
  return { kind: 'transient', message };
}
