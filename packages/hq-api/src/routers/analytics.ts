import {
  channelMix,
  churnRisk,
  complaintAnalysis,
  contactTypeVolume,
  crossSell,
  periodBuckets,
  salesFunnel,
  segmentMix,
  serviceLevelBreaches,
  serviceLevelCompliance,
} from '@meridian/analytics';
import { boundedText, regionCode } from '@meridian/domain';
import { pyramid } from '@meridian/hq-db';
import { z } from 'zod';
import { createRouter, globalViewProcedure } from '../trpc.ts';


/** Every analytics query takes regions (all when omitted) and a window [from, to). */
const filterInput = z.strictObject({
  regions: z.array(regionCode).max(50).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

function toFilter(input: z.output<typeof filterInput> | undefined) {
  return {
    regions: input?.regions,
    from: input?.from ? new Date(input.from) : undefined,
    to: input?.to ? new Date(input.to) : undefined,
  };
}

export const analyticsRouter = createRouter({
  /** Customer pyramid: shares are fractions of 1. Without `region`, multinationals count once (summed revenue). */
  pyramid: globalViewProcedure.input(z.strictObject({ region: regionCode.optional() }).optional()).query(async ({ ctx, input }) => {
    const rows = await pyramid(ctx.db, input?.region);
    const customers = rows.reduce((sum, row) => sum + row.customers, 0);
    const revenue = rows.reduce((sum, row) => sum + row.revenueGbp, 0);
    return {
      region: input?.region ?? null,
      tiers: rows.map((row) => ({
        tier: row.tier,
        customers: row.customers,
        customerShare: customers ? row.customers / customers : 0,
        revenueGbp: row.revenueGbp,
        revenueShare: revenue ? row.revenueGbp / revenue : 0,
      })),
    };
  }),
  segments: globalViewProcedure.input(filterInput.optional()).query(({ ctx, input }) => segmentMix(ctx.db, toFilter(input))),
  contactTypes: globalViewProcedure
    .input(filterInput.extend({ bucket: z.enum(periodBuckets).optional(), typeGroup: boundedText(40).optional() }).optional())
    .query(({ ctx, input }) => contactTypeVolume(ctx.db, { ...toFilter(input), bucket: input?.bucket, typeGroup: input?.typeGroup })),
  channels: globalViewProcedure.input(filterInput.optional()).query(({ ctx, input }) => channelMix(ctx.db, toFilter(input))),
  complaints: globalViewProcedure.input(filterInput.optional()).query(({ ctx, input }) => complaintAnalysis(ctx.db, toFilter(input))),
  serviceLevels: globalViewProcedure.input(filterInput.optional()).query(({ ctx, input }) => serviceLevelCompliance(ctx.db, toFilter(input))),
  serviceLevelBreaches: globalViewProcedure
    .input(filterInput.extend({ limit: z.number().int().min(1).max(500).default(50) }).optional())
    .query(({ ctx, input }) => serviceLevelBreaches(ctx.db, { ...toFilter(input), limit: input?.limit })),
  churnRisk: globalViewProcedure
    .input(z.strictObject({ regions: z.array(regionCode).optional(), minRating: z.enum(['low', 'medium', 'high']).optional(), limit: z.number().int().min(1).max(500).default(50) }).optional())
    .query(({ ctx, input }) => churnRisk(ctx.db, { regions: input?.regions, minRating: input?.minRating, limit: input?.limit })),
  funnel: globalViewProcedure.input(filterInput.optional()).query(({ ctx, input }) => salesFunnel(ctx.db, toFilter(input))),
  crossSell: globalViewProcedure
    .input(z.strictObject({ regions: z.array(regionCode).optional(), limit: z.number().int().min(1).max(500).default(50) }).optional())
    .query(({ ctx, input }) => crossSell(ctx.db, { regions: input?.regions, limit: input?.limit })),
});
