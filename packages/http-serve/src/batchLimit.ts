import { messageKeys } from '@meridian/domain';
import type { Hono } from 'hono';
import { apiErrorBody } from './apiError.ts';

/** Calls per tRPC batch by default; the web app and HQ send one call per request, tools batch a few. */
export const defaultMaxBatchSize = 20;

/** How many procedure calls a tRPC request carries: `/trpc/a,b,c?batch=1` is three, anything else one. */
export function callsInRequest(request: Request): number {
  const url = new URL(request.url);
  if (url.searchParams.get('batch') !== '1') return 1;
  let paths = url.pathname.replace(/^.*?\/trpc\/?/, '');
  try {
    paths = decodeURIComponent(paths);
  } catch {
    // A malformed escape is tRPC's to refuse; the commas are countable as they are.
  }
  return Math.max(1, paths.split(',').length);
}

/**
 * A batch over the limit gets 400 with a stable message key before any of its calls runs. tRPC's own
 * `maxBatchSize` (set on the handler too) refuses the same batches, but with an untranslatable message.
 */
export function limitBatchSize(app: Hono, maxBatchSize: number): void {
  app.use('/trpc/*', async (c, next) => {
    const calls = callsInRequest(c.req.raw);
    if (calls <= maxBatchSize) return next();
    return c.json(apiErrorBody('BAD_REQUEST', 400, messageKeys.batchTooLarge, { maxBatchSize, calls }), 400);
  });
}
