import { entityId } from '@meridian/domain';
import { auditTrailOf } from '@meridian/region-db';
import { z } from 'zod';
import { auditProcedure, createRouter } from '../trpc.ts';

const auditedTables = {
  customer: 'customers',
  contactRecord: 'contact_records',
  project: 'projects',
  contactPerson: 'contact_persons',
} as const;

export const auditRouter = createRouter({
  /** Every change to one entity, oldest first (who, when, procedure, before/after), for ISO 9001 audits. */
  trail: auditProcedure
    .input(z.strictObject({ entity: z.enum(Object.keys(auditedTables) as [keyof typeof auditedTables]), id: entityId }))
    .query(async ({ ctx, input }) => ({ items: await auditTrailOf(ctx.db, auditedTables[input.entity], input.id) })),
});
