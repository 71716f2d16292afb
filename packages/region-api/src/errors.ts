import { messageKeys } from '@meridian/domain';
import { AppError, databaseUnavailableError, fieldError } from '@meridian/api-errors';
import { InvalidCursorError } from '@meridian/region-db';

export { AppError, englishMessage, fieldError, notFound, type AppErrorDetails } from '@meridian/api-errors';

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
    // The foreign key is the existence check for a record's customer: one round trip fewer per write.
    if (code === '23503' && constraint?.endsWith('_customer_id_customers_id_fk')) return fieldError('customerId', messageKeys.customerNotFound);
    cause = (cause as { cause?: unknown }).cause;
  }
  return databaseUnavailableError(error);
}
