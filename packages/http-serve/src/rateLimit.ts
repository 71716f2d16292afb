import { getConnInfo } from '@hono/node-server/conninfo';
import { messageKeys } from '@meridian/domain';
import { identityFromRequest, type ProxyTrust } from '@meridian/sso';
import type { Context, Hono } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { apiErrorBody } from './apiError.ts';
import { callsInRequest } from './batchLimit.ts';

/** Budgets in tRPC calls per window (a batch of N calls costs N). */
export interface RateLimitOptions {
  /** One signed-in user: an identity the SSO proxy vouched for (or, in demo mode, the one a browser claims). */
  perIdentity?: number;
  /** One source address, for callers who cannot prove who they are: no identity, or demo mode. */
  perSource?: number;
  /** Federation callers (`Authorization: Bearer`, i.e. HQ), per source address. */
  federation?: number;
  windowSeconds?: number;
  /**
   * Logins never throttled, for tests and benchmarks that must not be (the fuzz test's identity). Never a
   * person's login, never in production: whoever holds the login is unlimited.
   */
  exemptLogins?: string[];
}

export const defaultRateLimits = {
  perIdentity: 600,
  perSource: 1200,
  federation: 12_000,
  windowSeconds: 60,
  exemptLogins: [] as string[],
} satisfies Required<RateLimitOptions>;

/** The connection's peer; requests built in-process (app.request in unit tests) have none. */
function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

type Bucket = { limiter: RateLimiterMemory; key: string };

/**
 * Rate limits in front of tRPC, answering 429 with `Retry-After` (seconds) in tRPC's error shape.
 * A proxy-vouched identity is limited per login only, so an office behind one NAT address is not throttled
 * as one caller. Anything that cannot prove an identity — anonymous calls, demo mode's self-declared users —
 * is limited per connection address too. Bearer calls get the federation budget; one the procedure then
 * refuses (401) is charged at the anonymous rate, so a forged token buys no larger budget.
 * Counters live in this process (one node, one process); a restart forgets them.
 */
export function limitRequestRates(app: Hono, options: { trust: ProxyTrust; limits?: RateLimitOptions; maxBatchSize: number }): void {
  const budgets = { ...defaultRateLimits, ...options.limits };
  const limiter = (points: number, keyPrefix: string) => new RateLimiterMemory({ points, duration: budgets.windowSeconds, keyPrefix });
  const identityLimiter = limiter(budgets.perIdentity, 'identity');
  const sourceLimiter = limiter(budgets.perSource, 'source');
  const federationLimiter = limiter(budgets.federation, 'federation');
  const refusedBearerCost = Math.max(1, Math.ceil(budgets.federation / budgets.perSource));
  const exempt = new Set(budgets.exemptLogins);

  app.use('/trpc/*', async (c, next) => {
    // A CORS preflight is the browser asking permission, not a call.
    if (c.req.method === 'OPTIONS') return next();
    const calls = Math.min(callsInRequest(c.req.raw), options.maxBatchSize);
    const headers = c.req.raw.headers;
    const identity = identityFromRequest(headers, options.trust);
    if (identity && exempt.has(identity.login)) return next();

    const peer = peerAddress(c);
    const bearer = !identity && /^Bearer\s/i.test(headers.get('authorization') ?? '');
    const buckets: Bucket[] = [];
    if (identity) buckets.push({ limiter: identityLimiter, key: identity.login });
    if (bearer) buckets.push({ limiter: federationLimiter, key: peer });
    else if (!identity || options.trust.demoMode) buckets.push({ limiter: sourceLimiter, key: peer });

    let waitMs = 0;
    for (const bucket of buckets) {
      try {
        await bucket.limiter.consume(bucket.key, calls);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        waitMs = Math.max(waitMs, refusal.msBeforeNext);
      }
    }
    if (waitMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      return c.json(apiErrorBody('TOO_MANY_REQUESTS', 429, messageKeys.rateLimited, { retryAfterSeconds }), 429, {
        'retry-after': String(retryAfterSeconds),
      });
    }
    await next();
    if (bearer && c.res.status === 401) await federationLimiter.penalty(peer, calls * (refusedBearerCost - 1));
  });
}
