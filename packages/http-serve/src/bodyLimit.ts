import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export const maxRequestBytes = 1024 * 1024;

/** Bodies over 1 MB get 413 in tRPC's error shape, and the server stays up. */
export function limitRequestBodies(app: Hono, path = '/trpc/*'): void {
  app.use(
    path,
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
}
