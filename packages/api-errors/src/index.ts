/**
 * Typed API errors shared by every Meridian server: handlers throw AppError with a stable message key;
 * one formatter turns it (and zod validation failures) into `data.messageKey` / `data.fieldErrors`.
 */
import { fieldErrorMap, fieldErrorsOf, messageKeys, type FieldErrors, type MessageKey } from '@meridian/domain';
import { serverTranslator } from '@meridian/i18n';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

type ErrorCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/** English text for a message key, so callers without the UI (curl, scripts) still read a sentence. */
export function englishMessage(messageKey: string): string {
  const key = messageKey.replace(/^errors\./, '');
  const text = serverTranslator().t(`errors:${key}`, { lng: 'en-GB' });
  return text === key ? messageKey : text;
}

/** What the error formatter adds to `data`, beside tRPC's own code. */
export interface AppErrorDetails {
  messageKey: MessageKey | string;
  fieldErrors?: FieldErrors;
  candidates?: unknown[];
}

export class AppError extends TRPCError {
  readonly details: AppErrorDetails;
  constructor(code: ErrorCode, details: AppErrorDetails, message?: string) {
    super({ code, message: message ?? englishMessage(details.messageKey) });
    this.details = details;
  }
}

export function fieldError(field: string, messageKey: MessageKey): AppError {
  return new AppError('BAD_REQUEST', { messageKey, fieldErrors: fieldErrorMap([[field, messageKey]]) }, `Invalid input: ${field} (${messageKey})`);
}

export function notFound(messageKey: MessageKey | string): AppError {
  return new AppError('NOT_FOUND', { messageKey });
}

interface ErrorShape {
  message: string;
  code: number;
  data: { code: string; httpStatus: number; path?: string; stack?: string };
}

/** The errorFormatter for initTRPC: stable keys, field errors, no stack or SQL leaking to the intranet. */
export function formatApiError<TShape extends ErrorShape>({ shape, error }: { shape: TShape; error: TRPCError }) {
  if (error.cause instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(error.cause);
    const fields = Object.entries(fieldErrors).map(([field, keys]) => `${field} (${keys.join(', ')})`);
    return {
      ...shape,
      message: `Invalid input: ${fields.join('; ')}`,
      data: { ...shape.data, stack: undefined, messageKey: messageKeys.invalidInput as string, fieldErrors },
    };
  }
  if (error instanceof AppError) {
    return { ...shape, data: { ...shape.data, stack: undefined, ...error.details } };
  }
  const internal = shape.data.code === 'INTERNAL_SERVER_ERROR';
  return {
    ...shape,
    message: internal ? englishMessage(messageKeys.internal) : shape.message,
    data: { ...shape.data, stack: undefined, messageKey: internal ? (messageKeys.internal as string) : shape.message },
  };
}
export { databaseUnavailableError, databaseRetryAfterSeconds, retryAfterForUnavailable } from './databaseUnavailable.ts';
