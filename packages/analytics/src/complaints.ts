import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql } from 'drizzle-orm';
import { factsCondition, num, numOrNull, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

export interface ComplaintRootCauseRow {
  /** The leaf of `complaint.*` (e.g. `timeliness`); null is the total over every root cause. */
  rootCause: string | null;
  complaints: number;
  open: number;
  resolved: number;
  /** closed_at − occurred_at over resolved complaints, in hours (2 decimals); null when none resolved. */
  medianHoursToResolve: number | null;
  p90HoursToResolve: number | null;
}

export interface ComplaintRecurrenceRow {
  globalCode: string;
  accountName: string;
  complaints: number;
  open: number;
  rootCauses: string[];
  regions: string[];
}

export interface ComplaintAnalysis {
  byRootCause: ComplaintRootCauseRow[];
  /** Accounts with at least two complaints in the window, most first. */
  recurrence: ComplaintRecurrenceRow[];
}

/**
 * Complaints that occurred in the window (an amended complaint counts once, under its corrected root
 * cause, resolved when it was first closed). Percentiles are continuous (interpolated).
 */
export function complaintAnalysis(db: HqExecutor, filter: AnalyticsFilter & { recurrenceLimit?: number } = {}): Promise<ComplaintAnalysis> {
  return analyticsRead(db, async (tx) => {
    const complaints = sql`select f.global_code, f.region, split_part(f.type_code, '.', 2) as root_cause, f.is_open,
        case when not f.is_open and f.closed_at is not null then extract(epoch from f.closed_at - f.occurred_at) / 3600 end as hours
      from analytics_contact_facts f
      where f.type_group = 'complaint' and ${factsCondition(filter)}`;
    const byRootCause = await selectRows<{
      root_cause: string | null;
      complaints: string | number;
      open: string | number;
      resolved: string | number;
      median: string | number | null;
      p90: string | number | null;
    }>(
      tx,
      sql`with c as (${complaints})
        select root_cause, count(*) as complaints, count(*) filter (where is_open) as open, count(hours) as resolved,
          round((percentile_cont(0.5) within group (order by hours))::numeric, 2) as median,
          round((percentile_cont(0.9) within group (order by hours))::numeric, 2) as p90
        from c group by grouping sets ((root_cause), ())
        order by grouping(root_cause), complaints desc, root_cause`,
    );
    const recurrence = await selectRows<{
      global_code: string;
      account_name: string;
      complaints: string | number;
      open: string | number;
      root_causes: string[];
      regions: string[];
    }>(
      tx,
      sql`with c as (${complaints})
        select c.global_code, a.account_name, count(*) as complaints, count(*) filter (where c.is_open) as open,
          array_agg(distinct c.root_cause order by c.root_cause) as root_causes,
          array_agg(distinct c.region order by c.region) as regions
        from c join analytics_account_facts a on a.global_code = c.global_code
        group by c.global_code, a.account_name
        having count(*) >= 2
        order by complaints desc, c.global_code
        limit ${filter.recurrenceLimit ?? 100}`,
    );
    return {
      byRootCause: byRootCause.map((row) => ({
        rootCause: row.root_cause,
        complaints: num(row.complaints),
        open: num(row.open),
        resolved: num(row.resolved),
        medianHoursToResolve: numOrNull(row.median),
        p90HoursToResolve: numOrNull(row.p90),
      })),
      recurrence: recurrence.map((row) => ({
        globalCode: row.global_code,
        accountName: row.account_name,
        complaints: num(row.complaints),
        open: num(row.open),
        rootCauses: row.root_causes,
        regions: row.regions,
      })),
    };
  });
}
