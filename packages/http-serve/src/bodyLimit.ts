import { messageKeys } from '@meridian/domain';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiErrorBody } from './apiError.ts';

export const maxRequestBytes = 1024 * 1024;

/** Bodies over 1 MB get 413 in tRPC's error shape, and the server stays up. */
export function limitRequestBodies(app: Hono, path = '/trpc/*'): void {
  app.use(
    path,
    bodyLimit({
      maxSize: maxRequestBytes,
      // The rest of the oversized body is never read, so the connection cannot be reused: say so.
      onError: (c) => c.json(apiErrorBody('PAYLOAD_TOO_LARGE', 413, messageKeys.payloadTooLarge), 413, { connection: 'close' }),
    }),
  );
}
