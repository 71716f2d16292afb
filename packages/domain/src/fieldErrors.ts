import type { z } from 'zod';
import { messageKeys, type MessageKey } from './messageKeys.ts';

export type FieldErrors = Record<string, string[]>;

/**
 * `{ field: [messageKey] }` on an object without a prototype. Field names come from the caller's input
 * (an unknown key is reported under its own name), so "constructor", "__proto__" or "toString" must be
 * plain keys here, never Object.prototype's members.
 */
export function fieldErrorMap(entries: Iterable<readonly [field: string, messageKey: string]> = []): FieldErrors {
  const map = Object.create(null) as FieldErrors;
  for (const [field, messageKey] of entries) {
    const list = Object.hasOwn(map, field) ? map[field]! : (map[field] = []);
    if (!list.includes(messageKey)) list.push(messageKey);
  }
  return map;
}

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
  return fieldErrorMap(
    error.issues.flatMap((issue) => {
      const prefix = issue.path.map(String);
      // An unknown key is named by its full path, so `{ regions: [{ x }] }` reports `regions.0.x`.
      const fields = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...prefix, key].join('.')) : [prefix.length > 0 ? prefix.join('.') : '_form'];
      const messageKey = messageKeyOf(issue);
      return fields.map((field) => [field, messageKey] as const);
    }),
  );
}

export type { MessageKey };
