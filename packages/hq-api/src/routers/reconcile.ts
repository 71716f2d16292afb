import { AppError } from '@meridian/api-errors';
import { rowId, text } from '@meridian/domain';
import { StewardError } from '@meridian/federation';
import { customerKey, matchCandidates, regionCustomers, splitCustomerKey } from '@meridian/hq-db';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { adminProcedure, createRouter, stewardProcedure } from '../trpc.ts';

const queueInput = z
  .strictObject({ cursor: text().regex(/^\d{1,12}$/).optional(), limit: z.number().int().min(1).max(100).default(20) })
  .optional();

/** A decision that cannot be made as asked (gone, already decided) is the steward's news, not a crash. */
async function asStewardOutcome<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StewardError) throw new AppError(error.code, { messageKey: error.messageKey });
    throw error;
  }
}

export const reconcileRouter = createRouter({
  /** The steward queue, most likely first: both customers side by side with identifiers, score and reasons. */
  queue: stewardProcedure.input(queueInput).query(async ({ ctx, input }) => {
    const limit = input?.limit ?? 20;
    const candidates = await ctx.db
      .select()
      .from(matchCandidates)
      .where(and(eq(matchCandidates.status, 'pending'), input?.cursor ? lt(matchCandidates.id, Number(input.cursor)) : undefined))
      .orderBy(desc(matchCandidates.score), desc(matchCandidates.id))
      .limit(limit + 1);
    const page = candidates.slice(0, limit);
    const keys = [...new Set(page.flatMap((candidate) => [candidate.aKey, candidate.bKey]))].map(splitCustomerKey);
    const customers = keys.length
      ? await ctx.db
          .select()
          .from(regionCustomers)
          .where(or(...keys.map((key) => and(eq(regionCustomers.region, key.region), eq(regionCustomers.id, key.customerId)))))
      : [];
    const byKey = new Map(customers.map((customer) => [customerKey(customer.region, customer.id), customer]));
    const side = (key: string) => {
      const customer = byKey.get(key);
      return customer
        ? {
            key,
            region: customer.region,
            customerId: customer.id,
            code: customer.code,
            name: customer.name,
            nameLatin: customer.nameLatin,
            registrationId: customer.registrationId,
            website: customer.website,
            city: customer.city,
            country: customer.country,
            segment: customer.segment,
            accountManager: customer.accountManager,
          }
        : { key, ...splitCustomerKey(key), missing: true as const };
    };
    return {
      items: page.map((candidate) => ({
        candidateId: candidate.id,
        score: candidate.score,
        reasons: candidate.reasons,
        createdAt: candidate.createdAt,
        a: side(candidate.aKey),
        b: side(candidate.bKey),
      })),
      nextCursor: candidates.length > limit ? String(page.at(-1)!.id) : null,
    };
  }),

  decide: stewardProcedure
    .input(z.strictObject({ candidateId: rowId, decision: z.enum(['merge', 'keep_apart']) }))
    .mutation(({ ctx, input }) => asStewardOutcome(ctx.services.decide(input.candidateId, input.decision, ctx.identity.login))),

  undo: stewardProcedure
    .input(z.strictObject({ decisionId: rowId }))
    .mutation(({ ctx, input }) => asStewardOutcome(ctx.services.undo(input.decisionId, ctx.identity.login))),

  /** Re-runs reconciliation now (it also runs by itself as region data arrives). */
  run: adminProcedure.mutation(({ ctx }) => ctx.services.reconcileNow()),
});


