/**
 * A database that is down, restarting, out of connections or out of disk is not the caller's fault and
 * not a bug either: the write was refused whole (nothing half-stored), so the caller may try again.
 * Both servers map these causes to 503 + Retry-After instead of a 500.
 */
import { messageKeys } from '@meridian/domain';
import { AppError } from './index.ts';

/** How long a client should wait before trying again (seconds): a restart or a freed disk takes a moment. */
export const databaseRetryAfterSeconds = 5;

// SQLSTATE classes and codes: 08 connection exceptions; 57P01–57P03 admin shutdown, crash shutdown,
// cannot connect now; 53300 too many connections; 53200 out of memory. 53100 disk full gets its own key.
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53200', '53300']);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
// pg raises these as plain Errors without a code when the server goes away mid-query.
const lostConnectionMessages = [/connection terminated/i, /connection is not open/i, /client has encountered a connection error/i, /timeout exceeded when trying to connect/i];

/** The 503 for a database outage or a full disk anywhere in an error's cause chain, or null. */
export function databaseUnavailableError(error: unknown): AppError | null {
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 6; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === '53100') return new AppError('SERVICE_UNAVAILABLE', { messageKey: messageKeys.storageFull });
    if (typeof code === 'string' && (code.startsWith('08') || unavailableStates.has(code) || networkCodes.has(code))) {
      return new AppError('SERVICE_UNAVAILABLE', { messageKey: messageKeys.databaseUnavailable });
    }
    const message = (cause as { message?: unknown }).message;
    if (typeof message === 'string' && lostConnectionMessages.some((pattern) => pattern.test(message))) {
      return new AppError('SERVICE_UNAVAILABLE', { messageKey: messageKeys.databaseUnavailable });
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}

/** tRPC responseMeta: a 503 tells the caller when to come back. */
export function retryAfterForUnavailable({ errors }: { errors: readonly { code: string }[] }): { headers?: Record<string, string> } {
  return errors.some((error) => error.code === 'SERVICE_UNAVAILABLE') ? { headers: { 'retry-after': String(databaseRetryAfterSeconds) } } : {};
}
