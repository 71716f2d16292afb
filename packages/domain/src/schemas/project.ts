import { z } from 'zod';
import { messageKeys } from '../messageKeys.ts';
import { projectStatuses, serviceCategories } from '../taxonomy.ts';
import { countryCode, entityId, optionalText, pageInput, requiredText, text } from './fields.ts';

/** Job codes are the firm's work references: letters, digits and - / . (e.g. HK-2026-0042). */
export const jobCode = text()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9\-/.]{1,39}$/, messageKeys.invalidFormat);

export const projectCreateInput = z.strictObject({
  jobCode,
  customerId: entityId,
  name: optionalText(200),
  serviceCategory: z.enum(serviceCategories),
  country: countryCode,
  city: requiredText(100),
  site: optionalText(200),
  status: z.enum(projectStatuses).optional(),
});

export const projectListInput = z.strictObject({
  customerId: entityId.optional(),
  ...pageInput,
});

export type ProjectCreateInput = z.input<typeof projectCreateInput>;
