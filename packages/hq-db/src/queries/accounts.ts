import { pyramidThresholdsGbp, type PyramidTier } from '@meridian/domain';
import { foldForSearch } from '@meridian/names';
import { sql, type SQL } from 'drizzle-orm';
import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '../database.ts';

/** Tier of a global account from its revenue summed over every region, in SQL (same bands as the domain). */
export const tierSql = (revenue: SQL) => sql`case
  when ${revenue} > ${pyramidThresholdsGbp.key} then 'key'
  when ${revenue} >= ${pyramidThresholdsGbp.large} then 'large'
  when ${revenue} >= ${pyramidThresholdsGbp.medium} then 'medium'
  else 'small' end`;

const tierRange: Record<PyramidTier, SQL> = {
  key: sql`revenue > ${pyramidThresholdsGbp.key}`,
  large: sql`revenue >= ${pyramidThresholdsGbp.large} and revenue <= ${pyramidThresholdsGbp.key}`,
  medium: sql`revenue >= ${pyramidThresholdsGbp.medium} and revenue < ${pyramidThresholdsGbp.large}`,
  small: sql`revenue < ${pyramidThresholdsGbp.medium}`,
};

export interface AccountListFilter {
  query?: string;
  tier?: PyramidTier;
  segment?: string;
  servedIn?: string;
  notServedIn?: string;
  offset: number;
  limit: number;
}

export interface AccountListItem {
  globalCode: string;
  name: string;
  tier: PyramidTier;
  revenueGbp: number;
  countries: string[];
  regions: string[];
  segments: string[];
  members: number;
}

/**
 * Live global accounts with where we serve them (offices' countries and project locations), biggest
 * first. Everything is aggregated in SQL; the query text is folded like HQ's stored search text.
 */
export async function listAccounts(db: HqExecutor, filter: AccountListFilter): Promise<{ items: AccountListItem[]; total: number }> {
  const conditions: SQL[] = [sql`true`];
  if (filter.tier) conditions.push(tierRange[filter.tier]);
  if (filter.segment) conditions.push(sql`${filter.segment} = any(segments)`);
  if (filter.servedIn) conditions.push(sql`${filter.servedIn} = any(countries)`);
  if (filter.notServedIn) conditions.push(sql`not (${filter.notServedIn} = any(countries))`);
  const folded = filter.query ? foldForSearch(filter.query) : '';
  if (folded) conditions.push(sql`search_text like ${`%${folded.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  const rows = await selectRows<{
    global_code: string;
    name: string;
    revenue: string | number;
    countries: string[];
    regions: string[];
    segments: string[];
    members: string | number;
    total: string | number;
  }>(
    db,
    sql`
    with members as (
      select l.global_code, c.region, c.id, c.country, c.segment, c.annual_revenue_gbp, c.search_text
      from account_links l
      join region_customers c on c.region = l.region and c.id = l.customer_id and c.deleted_at is null
    ),
    served as (
      select global_code, country from members
      union
      select l.global_code, p.country
      from account_links l
      join region_projects p on p.region = l.region and p.customer_id = l.customer_id and p.deleted_at is null
    ),
    accounts as (
      select g.global_code, g.display_name as name,
        coalesce(sum(m.annual_revenue_gbp), 0) as revenue,
        array_agg(distinct m.region order by m.region) as regions,
        array_agg(distinct m.segment order by m.segment) as segments,
        count(*) as members,
        g.display_name || ' | ' || string_agg(m.search_text, ' | ') as search_text_raw,
        (select array_agg(distinct s.country order by s.country) from served s where s.global_code = g.global_code) as countries
      from global_accounts g
      join members m on m.global_code = g.global_code
      where g.merged_into is null
      group by g.global_code, g.display_name
    )
    select global_code, name, revenue, countries, regions, segments, members, count(*) over () as total
    from (select *, lower(search_text_raw) as search_text from accounts) a
    where ${sql.join(conditions, sql` and `)}
    order by revenue desc, global_code
    limit ${filter.limit} offset ${filter.offset}`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((row) => {
      const revenueGbp = Number(row.revenue);
      return {
        globalCode: row.global_code,
        name: row.name,
        revenueGbp,
        tier: revenueGbp > pyramidThresholdsGbp.key ? 'key' : revenueGbp >= pyramidThresholdsGbp.large ? 'large' : revenueGbp >= pyramidThresholdsGbp.medium ? 'medium' : 'small',
        countries: row.countries ?? [],
        regions: row.regions,
        segments: row.segments,
        members: Number(row.members),
      };
    }),
  };
}

export interface PyramidRow {
  tier: PyramidTier;
  customers: number;
  revenueGbp: number;
}

/** Customers and revenue per pyramid tier: global accounts at HQ, or one region's own customers. */
export async function pyramid(db: HqExecutor, region?: string): Promise<PyramidRow[]> {
  const units = region
    ? sql`select coalesce(annual_revenue_gbp, 0) as revenue from region_customers where region = ${region} and deleted_at is null`
    : sql`select coalesce(sum(c.annual_revenue_gbp), 0) as revenue
          from global_accounts g
          join account_links l on l.global_code = g.global_code
          join region_customers c on c.region = l.region and c.id = l.customer_id and c.deleted_at is null
          where g.merged_into is null
          group by g.global_code`;
  const rows = await selectRows<{ tier: PyramidTier; customers: string | number; revenue: string | number }>(
    db,
    sql`select ${tierSql(sql`revenue`)} as tier, count(*) as customers, sum(revenue) as revenue from (${units}) u group by 1`,
  );
  return (['key', 'large', 'medium', 'small'] as const).map((tier) => {
    const row = rows.find((candidate) => candidate.tier === tier);
    return { tier, customers: Number(row?.customers ?? 0), revenueGbp: Number(row?.revenue ?? 0) };
  });
}
