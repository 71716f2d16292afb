import { z } from 'zod';
import { boundedText, text } from './schemas/fields.ts';

/** What a region's change feed federates to HQ. */
export const federatedEntities = ['customer', 'contactPerson', 'project', 'contactRecord', 'accountManagerAssignment'] as const;
export type FederatedEntity = (typeof federatedEntities)[number];

/**
 * Fields a region may keep at home. Identity and linking fields (ids, codes, customer, type, dates,
 * status) always federate: without them HQ could not build the global view at all.
 */
export const withholdableFields = {
  customer: ['phone', 'email', 'registrationId', 'annualRevenueGbp', 'website'],
  contactPerson: ['name', 'role', 'phone', 'email'],
  project: ['site', 'name'],
  contactRecord: ['place', 'content', 'outcome', 'nextStep'],
  accountManagerAssignment: ['reason'],
} as const satisfies Record<FederatedEntity, readonly string[]>;

export const dataPolicySchema = z
  .strictObject({
    /** Short human description shown at HQ, e.g. "PIPL: personal data and record text stay in China". */
    summary: boundedText(300).optional(),
    withheld: z.partialRecord(z.enum(federatedEntities), z.array(text())).default({}),
  })
  .superRefine((policy, ctx) => {
    for (const [entity, fields] of Object.entries(policy.withheld)) {
      const allowed = withholdableFields[entity as FederatedEntity] as readonly string[];
      for (const field of fields ?? []) {
        if (!allowed.includes(field)) {
          ctx.addIssue({ code: 'custom', path: ['withheld', entity], message: `"${field}" cannot be withheld from ${entity}; allowed: ${allowed.join(', ')}` });
        }
      }
    }
  });

export type DataPolicy = z.output<typeof dataPolicySchema>;

export const openDataPolicy: DataPolicy = { withheld: {} };
