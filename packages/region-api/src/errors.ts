import { messageKeys, type FieldErrors, type MessageKey } from '@meridian/domain';
import { InvalidCursorError } from '@meridian/region-db';
import { serverTranslator } from '@meridian/i18n';
import { TRPCError } from '@trpc/server';

/** English text for a message key, so callers without the UI (curl, scripts) still read a sentence. */
export function englishMessage(messageKey: string): string {
  const text = serverTranslator().t(messageKey.replace(/^errors\./, 'errors:'), { lng: 'en-GB' });
  return text === messageKey.replace(/^errors\./, '') ? messageKey : text;
}

type ErrorCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/** What the error formatter adds to `data`, beside tRPC's own code. */
export interface AppErrorDetails {
  messageKey: MessageKey | string;
  fieldErrors?: FieldErrors;
  candidates?: unknown[];
}

/** Handlers throw this; the formatter turns details into `data.messageKey`, `data.fieldErrors`, `data.candidates`. */
export class AppError extends TRPCError {
  readonly details: AppErrorDetails;
  constructor(code: ErrorCode, details: AppErrorDetails, message?: string) {
    super({ code, message: message ?? englishMessage(details.messageKey) });
    this.details = details;
  }
}

export function fieldError(field: string, messageKey: MessageKey): AppError {
  return new AppError('BAD_REQUEST', { messageKey, fieldErrors: { [field]: [messageKey] } }, `Invalid input: ${field} (${messageKey})`);
}

export function notFound(messageKey: MessageKey): AppError {
  return new AppError('NOT_FOUND', { messageKey });
}

/** PostgreSQL SQLSTATEs raised by the database's own rules, mapped to what the caller can act on. */
export function fromDatabaseError(error: unknown): AppError | null {
  if (error instanceof InvalidCursorError) return fieldError('cursor', messageKeys.invalidCursor);
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 4; depth++) {
    const code = (cause as { code?: unknown }).code;
    const constraint = (cause as { constraint?: string }).constraint;
    if (code === 'MR001') return new AppError('PRECONDITION_FAILED', { messageKey: messageKeys.contactRecordClosed });
    if (code === '23505' && constraint === 'projects_job_code_unique') return fieldError('jobCode', messageKeys.jobCodeTaken);
    if (code === '23503' && constraint?.includes('job_code')) return fieldError('jobCode', messageKeys.jobCodeUnknown);
    cause = (cause as { cause?: unknown }).cause;
  }
  return null;
}
