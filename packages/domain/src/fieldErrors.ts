import type { z } from 'zod';
import { messageKeys, type MessageKey } from './messageKeys.ts';

export type FieldErrors = Record<string, string[]>;

function messageKeyOf(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('errors.')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? messageKeys.required : messageKeys.invalidFormat;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint') return messageKeys.tooSmallNumber;
      return issue.origin === 'string' && issue.minimum === 1 ? messageKeys.required : messageKeys.tooShort;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'bigint' ? messageKeys.tooLargeNumber : messageKeys.tooLong;
    case 'invalid_value':
      return messageKeys.invalidOption;
    case 'unrecognized_keys':
      return messageKeys.unknownField;
    case 'invalid_format':
      if (issue.format === 'email') return messageKeys.invalidEmail;
      if (issue.format === 'datetime' || issue.format === 'date') return messageKeys.invalidDate;
      if (issue.format === 'url') return messageKeys.invalidUrl;
      return messageKeys.invalidFormat;
    default:
      return messageKeys.invalidFormat;
  }
}

/** `{ field: [messageKey] }` for a failed parse, the shape the API returns and the UI shows next to each field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const keys =
      issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.length > 0 ? issue.path.join('.') : '_form'];
    for (const field of keys) {
      const messageKey = messageKeyOf(issue);
      const list = (fieldErrors[field] ??= []);
      if (!list.includes(messageKey)) list.push(messageKey);
    }
  }
  return fieldErrors;
}

export type { MessageKey };
