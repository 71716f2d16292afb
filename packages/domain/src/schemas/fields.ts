import { z } from 'zod';
import { isCountryCode } from '../countries.ts';
import { messageKeys } from '../messageKeys.ts';

/**
 * NUL, which PostgreSQL's text and jsonb cannot hold, and UTF-16 halves with no partner (lone surrogates),
 * which are not Unicode at all and would be stored as U+FFFD. With the `u` flag a surrogate pair is one
 * code point, so \p{Cs} matches only a lone half.
 */
const unstorableText = /[\u0000\p{Cs}]/u;

export function isStorableText(value: string): boolean {
  return !unstorableText.test(value);
}

/**
 * Every string a caller sends starts here, so no text field can reach the database with a character it
 * cannot store: refused as `errors.invalid_text`, with the field named, before any other check runs.
 */
export const text = () => z.string().refine(isStorableText, { message: messageKeys.invalidText, abort: true });

/** Text with only a length limit: search terms, filters, opaque cursors. */
export const boundedText = (max: number) => text().max(max);

/** Trimmed, NFC-normalised text, so the same name typed on two keyboards is stored the same way. */
export const requiredText = (max: number) => text().normalize('NFC').trim().min(1).max(max);
export const optionalText = (max: number) =>
  text()
    .normalize('NFC')
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

export const phone = text()
  .trim()
  .regex(/^\+?[0-9][0-9 ()\-./]{4,28}[0-9](\s*(x|ext\.?)\s*[0-9]{1,6})?$/i, messageKeys.invalidPhone);

export const email = text()
  .trim()
  .toLowerCase()
  .pipe(z.email(messageKeys.invalidEmail))
  .pipe(z.string().max(254))
  .meta({ examples: ['mei.lee@harbour.example', 'facilities@hsbc.com.hk'] });

export const isoDateTime = z.iso
  .datetime({ offset: true, error: (issue) => (issue.input === undefined ? messageKeys.required : messageKeys.invalidDate) })
  .transform((value) => new Date(value));

export const countryCode = text()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: messageKeys.invalidCountry })
  .meta({ examples: ['HK', 'GB', 'CN', 'AE', 'SG'] });

/** A region node's code, as `regions/<code>/` names it (hk, gb, cn …). */
export const regionCode = text().regex(/^[a-z]{2,8}$/, messageKeys.invalidFormat);

/** A serial row id (review action, steward candidate …): JSON numbers beyond 2^53 are not exact. */
export const rowId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const entityId = z.uuid({
  error: (issue) => (issue.input === undefined ? messageKeys.required : messageKeys.invalidFormat),
});

/** BCP 47 language tag of the text staff typed (e.g. zh-HK, ar, en-GB). */
export const languageTag = text()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, messageKeys.invalidFormat);

export const pageInput = {
  cursor: boundedText(200).optional(),
  limit: z.number().int().min(1).max(200).default(25),
};
