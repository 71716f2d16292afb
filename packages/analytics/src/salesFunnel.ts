import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { num, numOrNull, regionCondition, timestampSql, windowCondition, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

export interface SalesFunnelFilter extends AnalyticsFilter {
  /** The end of the history the forecast learns from (default: now). */
  now?: Date;
  /** Length of that history in days (default 365). */
  historyDays?: number;
}

export interface SalesFunnelRow {
  /** null on the total row. */
  region: string | null;
  /** null: records naming no service category (nor a project that does); also the total row. */
  serviceCategory: string | null;
  total: boolean;
  enquiries: number;
  orders: number;
  won: number;
  /** Stage conversions (4 decimals), null when the earlier stage is empty. */
  enquiryToOrder: number | null;
  orderToWon: number | null;
  enquiryToWon: number | null;
  openOpportunities: number;
  /** won ÷ enquiries over the history, capped at 1 (null on the total row, or with no history). */
  historicalConversion: number | null;
  /** Mean annual revenue of the customers who won projects in the history (null on the total row, or none). */
  avgConvertingRevenueGbp: number | null;
  forecastRevenueGbp: number;
}

const orderTypes = sql.raw(`'order.new', 'order.change'`);

/**
 * The funnel over the window, per region and service category (plus a total row):
 * - enquiries: `enquiry.*` records that occurred in the window;
 * - orders: `order.new` / `order.change` records that occurred in the window;
 * - won: projects (not cancelled) whose first order (new or change) occurred in the window.
 *
 * Forecast, per (region, service category) cell:
 *   forecastRevenueGbp = openOpportunities × historicalConversion × avgConvertingRevenueGbp
 * where openOpportunities = open enquiry records whose next step falls due inside the window,
 *       historicalConversion = min(1, won ÷ enquiries) over the history [now − historyDays, now),
 *       avgConvertingRevenueGbp = mean annual revenue of the distinct customers with a won order in that history
 * (a cell with no history forecasts 0). The total row sums the cells' counts and forecasts.
 */
export async function salesFunnel(db: HqExecutor, filter: SalesFunnelFilter = {}): Promise<SalesFunnelRow[]> {
  const now = timestampSql(filter.now ?? new Date());
  const historyStart = sql`(${now} - make_interval(days => ${filter.historyDays ?? 365}))`;
  const inWindow = windowCondition(sql`f.occurred_at`, filter.from, filter.to);
  const inHistory = sql`f.occurred_at >= ${historyStart} and f.occurred_at < ${now}`;
  const regions = regionCondition(sql`f.region`, filter.regions);
  const stageRecords = sql`(f.type_group = 'enquiry' or f.type_code in (${orderTypes})) and ${regions}`;
  const rows = await analyticsRead(db, (tx) => selectRows<{
    region: string | null;
    service_category: string | null;
    total: string | number;
    enquiries: string | number;
    orders: string | number;
    won: string | number;
    opportunities: string | number;
    enquiry_to_order: string | number | null;
    order_to_won: string | number | null;
    enquiry_to_won: string | number | null;
    conversion: string | number | null;
    avg_revenue: string | number | null;
    forecast: string | number;
  }>(
    tx,
    sql`with stage_counts as (
        select f.region, f.service_category,
          count(*) filter (where f.type_group = 'enquiry') as enquiries,
          count(*) filter (where f.type_code in (${orderTypes})) as orders,
          count(*) filter (where f.wins_project) as won,
          0 as opportunities, 0 as history_enquiries, 0 as history_won
        from analytics_contact_facts f where ${stageRecords} and ${inWindow}
        group by f.region, f.service_category
        union all
        select f.region, f.service_category, 0, 0, 0, count(*), 0, 0
        from analytics_contact_facts f
        where f.type_group = 'enquiry' and f.is_open and f.next_step_due is not null and ${regions}
          and ${windowCondition(sql`f.next_step_due`, filter.from, filter.to)}
        group by f.region, f.service_category
        union all
        -- History in two narrow reads (enquiries by type and time; wins by their partial index), not one wide scan.
        select f.region, f.service_category, 0, 0, 0, 0, count(*), 0
        from analytics_contact_facts f where f.type_group = 'enquiry' and ${regions} and ${inHistory}
        group by f.region, f.service_category
        union all
        select f.region, f.service_category, 0, 0, 0, 0, 0, count(*)
        from analytics_contact_facts f where f.wins_project and ${regions} and ${inHistory}
        group by f.region, f.service_category
      ),
      cells as (
        select region, service_category, sum(enquiries) as enquiries, sum(orders) as orders, sum(won) as won,
          sum(opportunities) as opportunities, sum(history_enquiries) as history_enquiries, sum(history_won) as history_won
        from stage_counts group by region, service_category
      ),
      converting as (
        select region, service_category, avg(revenue_gbp) as avg_revenue
        from (
          select distinct f.region, f.service_category, f.customer_id, c.revenue_gbp
          from analytics_contact_facts f
          join analytics_customer_facts c on c.region = f.region and c.customer_id = f.customer_id
          where f.wins_project and ${regions} and ${inHistory} and c.revenue_gbp is not null
        ) d
        group by region, service_category
      ),
      forecast as (
        select cells.*, v.avg_revenue,
          -- least() ignores NULLs, so the empty history is handled before it
          case when cells.history_enquiries > 0 then least(1, cells.history_won::numeric / cells.history_enquiries) end as conversion
        from cells
        left join converting v on v.region = cells.region and v.service_category is not distinct from cells.service_category
      )
      select region, service_category, grouping(region) as total,
        sum(enquiries) as enquiries, sum(orders) as orders, sum(won) as won, sum(opportunities) as opportunities,
        round(sum(orders) / nullif(sum(enquiries), 0), 4) as enquiry_to_order,
        round(sum(won) / nullif(sum(orders), 0), 4) as order_to_won,
        round(sum(won) / nullif(sum(enquiries), 0), 4) as enquiry_to_won,
        case when grouping(region) = 0 then round(max(conversion), 4) end as conversion,
        case when grouping(region) = 0 then round(max(avg_revenue), 2) end as avg_revenue,
        round(sum(opportunities * coalesce(conversion, 0) * coalesce(avg_revenue, 0)), 2) as forecast
      from forecast
      group by grouping sets ((region, service_category), ())
      order by grouping(region), region, service_category nulls last`,
  ));
  return rows.map((row) => ({
    region: row.region,
    serviceCategory: row.service_category,
    total: num(row.total) === 1,
    enquiries: num(row.enquiries),
    orders: num(row.orders),
    won: num(row.won),
    enquiryToOrder: numOrNull(row.enquiry_to_order),
    orderToWon: numOrNull(row.order_to_won),
    enquiryToWon: numOrNull(row.enquiry_to_won),
    openOpportunities: num(row.opportunities),
    historicalConversion: numOrNull(row.conversion),
    avgConvertingRevenueGbp: numOrNull(row.avg_revenue),
    forecastRevenueGbp: num(row.forecast),
  }));
}
