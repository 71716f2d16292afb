import { selectRows } from '@meridian/db-driver';
import type { HqExecutor } from '@meridian/hq-db';
import { sql, type SQL } from 'drizzle-orm';
import { dateOrNull, factsCondition, num, numOrNull, timestampSql, type AnalyticsFilter } from './filter.ts';
import { analyticsRead } from './setup.ts';

export interface ServiceLevelFilter extends AnalyticsFilter {
  /** "Overdue" is judged against this instant (default: now). */
  now?: Date;
}

/**
 * One service-level target's outcome over help requests: met (done by the due time, inclusive), breached
 * (done late), overdue (not done and past due), pending (not done, not yet due). The compliance rate is
 * met / (met + breached + overdue), 4 decimals; null when nothing was due yet.
 */
export interface ServiceLevelCounts {
  met: number;
  breached: number;
  overdue: number;
  pending: number;
  complianceRate: number | null;
}

export interface ServiceLevelRow {
  region: string;
  serviceCategory: string | null;
  requests: number;
  response: ServiceLevelCounts;
  completion: ServiceLevelCounts;
}

export interface ServiceLevelCompliance {
  rows: ServiceLevelRow[];
  total: Omit<ServiceLevelRow, 'region' | 'serviceCategory'>;
}

const helpRequests = (filter: AnalyticsFilter) =>
  sql`f.type_group = 'help_request' and f.sla_response_due_at is not null and ${factsCondition(filter)}`;

/** SQL for the four counts and the rate of one target (`due`, `done` columns). */
function outcomeColumns(prefix: string, due: SQL, done: SQL, now: SQL): SQL {
  const met = sql`count(*) filter (where ${done} is not null and ${done} <= ${due})`;
  const breached = sql`count(*) filter (where ${done} is not null and ${done} > ${due})`;
  const overdue = sql`count(*) filter (where ${done} is null and ${due} < ${now})`;
  const pending = sql`count(*) filter (where ${done} is null and ${due} >= ${now})`;
  return sql.join(
    [
      sql`${met} as ${sql.raw(`${prefix}_met`)}`,
      sql`${breached} as ${sql.raw(`${prefix}_breached`)}`,
      sql`${overdue} as ${sql.raw(`${prefix}_overdue`)}`,
      sql`${pending} as ${sql.raw(`${prefix}_pending`)}`,
      sql`round(${met}::numeric / nullif(${met} + ${breached} + ${overdue}, 0), 4) as ${sql.raw(`${prefix}_rate`)}`,
    ],
    sql`, `,
  );
}

type Counted = Record<`${'response' | 'completion'}_${'met' | 'breached' | 'overdue' | 'pending' | 'rate'}`, string | number | null>;

const counts = (row: Counted, prefix: 'response' | 'completion'): ServiceLevelCounts => ({
  met: num(row[`${prefix}_met`]),
  breached: num(row[`${prefix}_breached`]),
  overdue: num(row[`${prefix}_overdue`]),
  pending: num(row[`${prefix}_pending`]),
  complianceRate: numOrNull(row[`${prefix}_rate`]),
});

/** Help requests that occurred in the window, against their response and completion targets. */
export function serviceLevelCompliance(db: HqExecutor, filter: ServiceLevelFilter = {}): Promise<ServiceLevelCompliance> {
  return analyticsRead(db, async (tx) => {
    const now = timestampSql(filter.now ?? new Date());
    const rows = await selectRows<Counted & { region: string | null; service_category: string | null; total: number | string; requests: string | number }>(
      tx,
      sql`select f.region, f.service_category, grouping(f.region) as total, count(*) as requests,
          ${outcomeColumns('response', sql`f.sla_response_due_at`, sql`f.responded_at`, now)},
          ${outcomeColumns('completion', sql`f.sla_completion_due_at`, sql`f.completed_at`, now)}
        from analytics_contact_facts f
        where ${helpRequests(filter)}
        group by grouping sets ((f.region, f.service_category), ())
        order by grouping(f.region), f.region, f.service_category nulls last`,
    );
    const summary = (row: (typeof rows)[number]) => ({ requests: num(row.requests), response: counts(row, 'response'), completion: counts(row, 'completion') });
    const totalRow = rows.find((row) => num(row.total) === 1);
    return {
      rows: rows.filter((row) => num(row.total) === 0).map((row) => ({ region: row.region!, serviceCategory: row.service_category, ...summary(row) })),
      total: totalRow ? summary(totalRow) : { requests: 0, response: counts({} as Counted, 'response'), completion: counts({} as Counted, 'completion') },
    };
  });
}

export interface ServiceLevelBreach {
  region: string;
  id: string;
  customerId: string;
  customerCode: string | null;
  customerName: string | null;
  typeCode: string;
  serviceCategory: string | null;
  target: 'response' | 'completion';
  dueAt: Date;
  /** When it was done (late); null: still not done. */
  actualAt: Date | null;
  /** (actual, or `now` when not done) − due, in hours (2 decimals). */
  hoursLate: number;
}

/** Help requests in the window that missed a target (done late, or not done and overdue), latest first. */
export function serviceLevelBreaches(db: HqExecutor, filter: ServiceLevelFilter & { limit?: number } = {}): Promise<ServiceLevelBreach[]> {
  return analyticsRead(db, async (tx) => {
    const now = timestampSql(filter.now ?? new Date());
    const rows = await selectRows<{
      region: string;
      id: string;
      customer_id: string;
      code: string | null;
      name: string | null;
      type_code: string;
      service_category: string | null;
      target: 'response' | 'completion';
      due_at: string | Date;
      actual_at: string | Date | null;
      hours_late: string | number;
    }>(
      tx,
      sql`select b.*, c.code, c.name,
          round((extract(epoch from coalesce(b.actual_at, ${now}) - b.due_at) / 3600)::numeric, 2) as hours_late
        from (
          select f.region, f.id, f.customer_id, f.type_code, f.service_category, t.target, t.due_at, t.actual_at
          from analytics_contact_facts f
          cross join lateral (values ('response', f.sla_response_due_at, f.responded_at),
                                     ('completion', f.sla_completion_due_at, f.completed_at)) as t(target, due_at, actual_at)
          where ${helpRequests(filter)}
            and t.due_at is not null
            and (t.actual_at > t.due_at or (t.actual_at is null and t.due_at < ${now}))
        ) b
        left join analytics_customer_facts c on c.region = b.region and c.customer_id = b.customer_id
        order by hours_late desc, b.region, b.id, b.target
        limit ${filter.limit ?? 100}`,
    );
    return rows.map((row) => ({
      region: row.region,
      id: row.id,
      customerId: row.customer_id,
      customerCode: row.code,
      customerName: row.name,
      typeCode: row.type_code,
      serviceCategory: row.service_category,
      target: row.target,
      dueAt: new Date(row.due_at),
      actualAt: dateOrNull(row.actual_at),
      hoursLate: num(row.hours_late),
    }));
  });
}
