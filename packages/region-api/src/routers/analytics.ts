import { regionPyramid } from '@meridian/region-db';
import { createRouter, regionReadProcedure } from '../trpc.ts';

export const analyticsRouter = createRouter({
  /** The region's own pyramid, in the same shape HQ serves: shares are fractions of 1. */
  pyramid: regionReadProcedure.query(async ({ ctx }) => {
    const rows = await regionPyramid(ctx.db);
    const customers = rows.reduce((sum, row) => sum + row.customers, 0);
    const revenue = rows.reduce((sum, row) => sum + row.revenueGbp, 0);
    return {
      region: ctx.region.code,
      tiers: rows.map((row) => ({
        ...row,
        customerShare: customers ? row.customers / customers : 0,
        revenueShare: revenue ? row.revenueGbp / revenue : 0,
      })),
    };
  }),
});
