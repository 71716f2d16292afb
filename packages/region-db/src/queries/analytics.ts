import { pyramidThresholdsGbp, type PyramidTier } from '@meridian/domain';
import { sql } from 'drizzle-orm';
import { selectRows, type RegionExecutor } from '../database.ts';

/** This region's customer pyramid, counted and summed in SQL with the domain's tier bands. */
export async function regionPyramid(db: RegionExecutor): Promise<Array<{ tier: PyramidTier; customers: number; revenueGbp: number }>> {
  const rows = await selectRows<{ tier: PyramidTier; customers: string | number; revenue: string | number | null }>(
    db,
    sql`select case
          when coalesce(annual_revenue_gbp, 0) > ${pyramidThresholdsGbp.key} then 'key'
          when coalesce(annual_revenue_gbp, 0) >= ${pyramidThresholdsGbp.large} then 'large'
          when coalesce(annual_revenue_gbp, 0) >= ${pyramidThresholdsGbp.medium} then 'medium'
          else 'small' end as tier,
        count(*) as customers, sum(coalesce(annual_revenue_gbp, 0)) as revenue
        from customers group by 1`,
  );
  return (['key', 'large', 'medium', 'small'] as const).map((tier) => {
    const row = rows.find((candidate) => candidate.tier === tier);
    return { tier, customers: Number(row?.customers ?? 0), revenueGbp: Number(row?.revenue ?? 0) };
  });
}
