import { sql, type SQL } from 'drizzle-orm';

/**
 * What every analytics query is asked for: some regions (all when omitted) and a half-open time window
 * `[from, to)` on when things happened (unbounded on a side that is omitted). Metrics that describe the
 * present (customers, accounts) ignore the window and say so.
 */
export interface AnalyticsFilter {
  regions?: string[];
  from?: Date;
  to?: Date;
}

const timestamp = (value: Date) => sql`${value.toISOString()}::timestamptz`;

/** `region in (...)`: an empty list selects nothing (not everything). */
export function regionCondition(column: SQL, regions: string[] | undefined): SQL {
  if (regions === undefined) return sql`true`;
  if (regions.length === 0) return sql`false`;
  return sql`${column} in ${regions}`;
}

/** `from <= column < to`, each side only when given; `utcWallClock` for a timestamp-without-zone column in UTC. */
export function windowCondition(column: SQL, from: Date | undefined, to: Date | undefined, utcWallClock = false): SQL {
  const bound = (value: Date) => (utcWallClock ? sql`(${timestamp(value)} at time zone 'UTC')` : timestamp(value));
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`${column} >= ${bound(from)}`);
  if (to) parts.push(sql`${column} < ${bound(to)}`);
  return sql.join(parts, sql` and `);
}

/** Region and window conditions on `analytics_contact_facts` under `alias`. */
export function factsCondition(filter: AnalyticsFilter, alias = 'f'): SQL {
  return sql.join(
    [regionCondition(sql.raw(`${alias}.region`), filter.regions), windowCondition(sql.raw(`${alias}.occurred_at`), filter.from, filter.to)],
    sql` and `,
  );
}

export { timestamp as timestampSql };

/** pg returns bigint and numeric as strings; PGlite sometimes as numbers. */
export const num = (value: string | number | null | undefined): number => Number(value ?? 0);
export const numOrNull = (value: string | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));
export const dateOrNull = (value: string | Date | null | undefined): Date | null => (value === null || value === undefined ? null : new Date(value));
