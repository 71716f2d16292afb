import { z } from 'zod';
import { contactTypeCodes } from './contactTypes.ts';
import { dataPolicySchema } from './dataPolicy.ts';
import { countryCode, languageTag, regionCode, text } from './schemas/fields.ts';
import { messageKeys } from './messageKeys.ts';
import { priorities, serviceCategories } from './taxonomy.ts';

const serviceLevelTarget = z.strictObject({
  responseHours: z.number().positive(),
  completionHours: z.number().positive(),
});

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** regions/<code>/region.json: everything that differs between country nodes is data, checked here. */
export const regionConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  code: regionCode,
  name: text().min(1),
  country: countryCode,
  locales: z.array(languageTag).min(1),
  timezone: text().refine(isTimeZone, { message: messageKeys.invalidTimezone }),
  currency: z.string().regex(/^[A-Z]{3}$/),
  port: z.number().int().min(1).max(65535).optional(),
  /** Where HQ reaches the node; defaults to http://127.0.0.1:<port> (the demo). */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Prefix of local customer codes (HK-000123); defaults to the upper-cased region code. */
  customerCodePrefix: z.string().regex(/^[A-Z]{2,8}$/).optional(),
  contactTypes: z
    .strictObject({ hidden: z.array(z.enum(contactTypeCodes as [string, ...string[]])).default([]) })
    .default({ hidden: [] }),
  serviceLevels: z
    .partialRecord(z.enum(serviceCategories), z.partialRecord(z.enum(priorities), serviceLevelTarget))
    .optional(),
  /** Which fields may leave the country (enforced by the federation feed). */
  dataPolicy: dataPolicySchema.default({ withheld: {} }),
});

export type RegionConfig = z.output<typeof regionConfigSchema>;
