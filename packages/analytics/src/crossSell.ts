import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { num, regionCondition } from './filter.ts';
import { analyticsRead } from './setup.ts';

export interface CrossSellFilter {
  /** Offices considered: the countries of these regions (default every registered region). */
  regions?: string[];
  limit?: number;
}

export interface CrossSellRow {
  globalCode: string;
  accountName: string;
  revenueGbp: number;
  regions: string[];
  /** Countries of the account's members and of its projects. */
  servedCountries: string[];
  /** Office countries where the account is not served. */
  missingCountries: string[];
}

/**
 * Multinational accounts (members in ≥ 2 regions, or served in ≥ 2 countries) not served in some
 * country where the firm has an office (a registered region's country), biggest revenue first. The
 * account is judged on all its members; the filter's regions only choose which offices to look at.
 */
export function crossSell(db: HqExecutor, filter: CrossSellFilter = {}): Promise<{ accounts: CrossSellRow[]; total: number }> {
  return analyticsRead(db, async (tx) => {
    const rows = await selectRows<{
      global_code: string;
      account_name: string;
      revenue_gbp: string | number;
      regions: string[];
      served_countries: string[];
      missing: string[];
      total: string | number;
    }>(
      tx,
      sql`with offices as (
          select coalesce(array_agg(distinct country order by country), '{}'::text[]) as countries
          from regions where ${regionCondition(sql`code`, filter.regions)}
        ),
        gaps as (
          select a.global_code, a.account_name, a.revenue_gbp, a.regions, a.served_countries,
            array(select c from unnest(o.countries) as c where c <> all(a.served_countries) order by c) as missing
          from analytics_account_facts a cross join offices o
          where cardinality(a.regions) >= 2 or cardinality(a.served_countries) >= 2
        )
        select *, count(*) over () as total from gaps
        where cardinality(missing) > 0
        order by revenue_gbp desc, global_code
        limit ${filter.limit ?? 100}`,
    );
    return {
      total: num(rows[0]?.total),
      accounts: rows.map((row) => ({
        globalCode: row.global_code,
        accountName: row.account_name,
        revenueGbp: num(row.revenue_gbp),
        regions: row.regions,
        servedCountries: row.served_countries,
        missingCountries: row.missing,
      })),
    };
  });
}
