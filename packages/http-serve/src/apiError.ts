import { englishMessage } from '@meridian/api-errors';
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/**
 * A refusal made in front of tRPC (size, rate, batch) in tRPC's own error shape, so every client —
 * the typed tRPC client (which spreads one error over all calls of a batch), curl, the web app — reads
 * `data.code` and the stable `data.messageKey` exactly as it would from a procedure.
 */
export function apiErrorBody(code: TRPC_ERROR_CODE_KEY, httpStatus: number, messageKey: string, extra: Record<string, unknown> = {}) {
  return {
    error: {
      message: englishMessage(messageKey),
      code: TRPC_ERROR_CODES_BY_KEY[code],
      data: { code, httpStatus, messageKey, ...extra },
    },
  };
}
