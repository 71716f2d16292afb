import type { ProxyTrust } from '@meridian/sso';
import type { Hono } from 'hono';
import { defaultMaxBatchSize, limitBatchSize } from './batchLimit.ts';
import { limitRequestBodies } from './bodyLimit.ts';
import { limitRequestRates, type RateLimitOptions } from './rateLimit.ts';

export interface ApiGuardOptions {
  trust: ProxyTrust;
  rateLimit?: RateLimitOptions;
  /** Most calls one tRPC batch may carry (default 20); pass the same number to the tRPC handler. */
  maxBatchSize?: number;
}

/**
 * What every /trpc request passes before any procedure runs: the batch size (an oversize batch is
 * refused as such, whatever the caller's budget), the rate limit (a batch costs its calls), the body size.
 */
export function guardApi(app: Hono, options: ApiGuardOptions): { maxBatchSize: number } {
  const maxBatchSize = options.maxBatchSize ?? defaultMaxBatchSize;
  limitBatchSize(app, maxBatchSize);
  limitRequestRates(app, { trust: options.trust, limits: options.rateLimit, maxBatchSize });
  limitRequestBodies(app);
  return { maxBatchSize };
}
