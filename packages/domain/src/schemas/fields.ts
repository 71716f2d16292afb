import { z } from 'zod';
import { isCountryCode } from '../countries.ts';
import { messageKeys } from '../messageKeys.ts';

/** Trimmed, NFC-normalised text, so the same name typed on two keyboards is stored the same way. */
export const requiredText = (max: number) => z.string().normalize('NFC').trim().min(1).max(max);
export const optionalText = (max: number) =>
  z
    .string()
    .normalize('NFC')
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()\-./]{4,28}[0-9](\s*(x|ext\.?)\s*[0-9]{1,6})?$/i, messageKeys.invalidPhone);

export const email = z.string().trim().toLowerCase().pipe(z.email(messageKeys.invalidEmail)).pipe(z.string().max(254));

export const isoDateTime = z.iso
  .datetime({ offset: true, error: (issue) => (issue.input === undefined ? messageKeys.required : messageKeys.invalidDate) })
  .transform((value) => new Date(value));

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: messageKeys.invalidCountry });

export const entityId = z.uuid({
  error: (issue) => (issue.input === undefined ? messageKeys.required : messageKeys.invalidFormat),
});

/** BCP 47 language tag of the text staff typed (e.g. zh-HK, ar, en-GB). */
export const languageTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, messageKeys.invalidFormat);

export const pageInput = {
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(25),
};
