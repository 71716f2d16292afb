/**
 * Stable message keys for every error a user can meet. Server errors carry them (TRPCError message
 * and data.fieldErrors); the web app translates them from the `errors` i18n namespace.
 */
export const messageKeys = {
  required: 'errors.required',
  tooLong: 'errors.too_long',
  tooShort: 'errors.too_short',
  invalidOption: 'errors.invalid_option',
  invalidEmail: 'errors.invalid_email',
  invalidPhone: 'errors.invalid_phone',
  invalidDate: 'errors.invalid_date',
  invalidFormat: 'errors.invalid_format',
  invalidNumber: 'errors.invalid_number',
  invalidCountry: 'errors.invalid_country',
  invalidUrl: 'errors.invalid_url',
  invalidTimezone: 'errors.invalid_timezone',
  invalidCursor: 'errors.invalid_cursor',
  phoneOrEmailRequired: 'errors.phone_or_email_required',
  subSegmentMismatch: 'errors.sub_segment_mismatch',
  serviceCategoryRequired: 'errors.service_category_required',
  dueBeforeOccurred: 'errors.due_before_occurred',
  unknownField: 'errors.unknown_field',
  invalidInput: 'errors.invalid_input',
  unauthenticated: 'errors.unauthenticated',
  forbidden: 'errors.forbidden',
  wrongRegion: 'errors.wrong_region',
  customerNotFound: 'errors.customer_not_found',
  projectNotFound: 'errors.project_not_found',
  contactRecordNotFound: 'errors.contact_record_not_found',
  contactRecordClosed: 'errors.contact_record_closed',
  contactRecordNotClosed: 'errors.contact_record_not_closed',
  duplicateCustomer: 'errors.duplicate_customer',
  jobCodeTaken: 'errors.job_code_taken',
  jobCodeUnknown: 'errors.job_code_unknown',
  staleVersion: 'errors.stale_version',
  sameAccountManager: 'errors.same_account_manager',
  payloadTooLarge: 'errors.payload_too_large',
  federationTokenInvalid: 'errors.federation_token_invalid',
  internal: 'errors.internal',
} as const;

export type MessageKey = (typeof messageKeys)[keyof typeof messageKeys];
