import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { num, regionCondition, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

/** `subSegment` null is the segment's total. Shares are fractions of the whole (4 decimals). */
export interface SegmentMixAccountRow {
  segment: string;
  subSegment: string | null;
  accounts: number;
  customers: number;
  revenueGbp: number;
  accountShare: number;
  revenueShare: number;
}

export interface SegmentMixRegionRow {
  region: string;
  segment: string;
  subSegment: string | null;
  customers: number;
  revenueGbp: number;
  customerShare: number;
  revenueShare: number;
}

export interface SegmentMix {
  /** HQ's view: each global account once, in the (sub-)segment of its biggest member, with its summed revenue. */
  accounts: SegmentMixAccountRow[];
  /** Each region's own customers by their own (sub-)segment; shares within the region. */
  regions: SegmentMixRegionRow[];
}

interface RawRow {
  segment: string;
  sub_segment: string | null;
  units: string | number;
  customers: string | number;
  revenue: string | number;
  unit_share: string | number;
  revenue_share: string | number;
}

/**
 * Customers and revenue by segment and sub-segment, now (the time window does not apply). With `regions`,
 * only members in those regions count. A customer not yet reconciled counts as an account of its own.
 */
export function segmentMix(db: HqExecutor, filter: AnalyticsFilter = {}): Promise<SegmentMix> {
  return analyticsRead(db, async (tx) => {
    const members = sql`select region, customer_id, coalesce(global_code, region || ':' || customer_id) as account,
        segment, sub_segment, coalesce(revenue_gbp, 0) as revenue
      from analytics_customer_facts where ${regionCondition(sql`region`, filter.regions)}`;
    const accountRows = await selectRows<RawRow>(
      tx,
      sql`with members as (${members}),
      accounts as (
        select account,
          (array_agg(segment order by revenue desc, region, customer_id))[1] as segment,
          (array_agg(sub_segment order by revenue desc, region, customer_id))[1] as sub_segment,
          count(*) as customers, sum(revenue) as revenue
        from members group by account
      ),
      grouped as (
        select segment, sub_segment, grouping(sub_segment) as level,
          count(*) as units, sum(customers) as customers, sum(revenue) as revenue
        from accounts group by grouping sets ((segment), (segment, sub_segment))
      )
      select segment, sub_segment, units, customers, revenue,
        round(units::numeric / nullif(sum(units) over (partition by level), 0), 4) as unit_share,
        round(revenue::numeric / nullif(sum(revenue) over (partition by level), 0), 4) as revenue_share
      from grouped order by segment, sub_segment nulls first`,
    );
    const regionRows = await selectRows<RawRow & { region: string }>(
      tx,
      sql`with members as (${members}),
      grouped as (
        select region, segment, sub_segment, grouping(sub_segment) as level,
          count(*) as units, count(*) as customers, sum(revenue) as revenue
        from members group by grouping sets ((region, segment), (region, segment, sub_segment))
      )
      select region, segment, sub_segment, units, customers, revenue,
        round(units::numeric / nullif(sum(units) over (partition by region, level), 0), 4) as unit_share,
        round(revenue::numeric / nullif(sum(revenue) over (partition by region, level), 0), 4) as revenue_share
      from grouped order by region, segment, sub_segment nulls first`,
    );
    return {
      accounts: accountRows.map((row) => ({
        segment: row.segment,
        subSegment: row.sub_segment,
        accounts: num(row.units),
        customers: num(row.customers),
        revenueGbp: num(row.revenue),
        accountShare: num(row.unit_share),
        revenueShare: num(row.revenue_share),
      })),
      regions: regionRows.map((row) => ({
        region: row.region,
        segment: row.segment,
        subSegment: row.sub_segment,
        customers: num(row.customers),
        revenueGbp: num(row.revenue),
        customerShare: num(row.unit_share),
        revenueShare: num(row.revenue_share),
      })),
    };
  });
}
