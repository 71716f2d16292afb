import { entityId } from '@meridian/domain';
import { auditChainHeadOf, auditChainLinkAt, auditTrailOf } from '@meridian/region-db';
import { z } from 'zod';
import { auditProcedure, createRouter, federationProcedure } from '../trpc.ts';

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

  /** The last link of the audit hash chain, for HQ to keep: a history rewritten later no longer contains it. */
  chainHead: federationProcedure.query(async ({ ctx }) => ({ head: await auditChainHeadOf(ctx.db) })),

  /** The chain's hash at one position, so HQ can check the head it stored earlier is still part of the chain. */
  chainAt: federationProcedure
    .input(z.strictObject({ seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }))
    .query(async ({ ctx, input }) => ({ link: await auditChainLinkAt(ctx.db, input.seq) })),
});
